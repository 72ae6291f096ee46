import { describe, expect, it } from 'vitest';
import {
  BENEFIT_RULES,
  closedToNewIn,
  closedToNewWeeks,
  currentGroup,
  datedBenefits,
  groupInWeek,
  isValidIn,
  validityOf,
} from './benefit-rules.ts';
import { BENEFITS } from './benefits.ts';
import { fromYyyyww } from './weeks.ts';

describe('the benefit rules', () => {
  it('ends the four merged groups in 2025-W26 and begins the new kontanthjælp in 2025-W27', () => {
    for (const code of [
      'kontanthjaelp_jobparat',
      'kontanthjaelp_aktivitetsparat',
      'uddannelseshjaelp',
      'selvforsoergelsesydelse',
    ] as const)
      expect(validityOf(code)).toEqual({ validFrom: null, validTo: 202526 });
    for (const code of [
      'kontanthjaelp_forhoejet',
      'kontanthjaelp_grundsats',
      'kontanthjaelp_mindstesats',
    ] as const)
      expect(validityOf(code)).toEqual({ validFrom: 202527, validTo: null });
    expect(validityOf('adagpenge')).toEqual({ validFrom: null, validTo: null });
  });

  it('puts a person on uddannelseshjælp on the grundsats from 2025-W27, and leaves earlier weeks as recorded', () => {
    expect(groupInWeek('uddannelseshjaelp', fromYyyyww(202526))).toBe('uddannelseshjaelp');
    expect(groupInWeek('uddannelseshjaelp', fromYyyyww(202527))).toBe('kontanthjaelp_grundsats');
    expect(groupInWeek('selvforsoergelsesydelse', fromYyyyww(202601))).toBe('kontanthjaelp_mindstesats');
    expect(groupInWeek('kontanthjaelp_aktivitetsparat', fromYyyyww(202701))).toBe('kontanthjaelp_forhoejet');
    expect(currentGroup('kontanthjaelp_jobparat')).toBe('kontanthjaelp_forhoejet');
    expect(currentGroup('sygedagpenge')).toBe('sygedagpenge');
  });

  it('says which groups apply in a week', () => {
    expect(isValidIn('uddannelseshjaelp', fromYyyyww(202526))).toBe(true);
    expect(isValidIn('uddannelseshjaelp', fromYyyyww(202527))).toBe(false);
    expect(isValidIn('kontanthjaelp_grundsats', fromYyyyww(202526))).toBe(false);
    expect(isValidIn('kontanthjaelp_grundsats', fromYyyyww(202752))).toBe(true);
  });

  it('closes ressourceforløb and revalidering to new cases from 2026-W06, and the merged groups from 2025-W27', () => {
    expect(closedToNewIn(fromYyyyww(202526))).toEqual([]);
    expect(closedToNewIn(fromYyyyww(202605)).sort()).toEqual([
      'kontanthjaelp_aktivitetsparat',
      'kontanthjaelp_jobparat',
      'selvforsoergelsesydelse',
      'uddannelseshjaelp',
    ]);
    expect(closedToNewIn(fromYyyyww(202606))).toContain('ressourceforloeb');
    expect(closedToNewIn(fromYyyyww(202606))).toContain('revalidering');
    expect(closedToNewIn(fromYyyyww(202606))).not.toContain('jobafklaring');
  });

  it("gives each closed or merged group the week index it takes no one in from, as closedToNewIn's weeks", () => {
    expect(closedToNewWeeks()).toEqual({
      kontanthjaelp_jobparat: fromYyyyww(202527),
      kontanthjaelp_aktivitetsparat: fromYyyyww(202527),
      uddannelseshjaelp: fromYyyyww(202527),
      selvforsoergelsesydelse: fromYyyyww(202527),
      ressourceforloeb: fromYyyyww(202606),
      revalidering: fromYyyyww(202606),
    });
  });

  it('gives every rule a source and a status, and every catalogue group its dates', () => {
    for (const rule of BENEFIT_RULES) {
      expect(rule.source.length).toBeGreaterThan(10);
      expect(['verified', 'secondary', 'derived', 'assumed']).toContain(rule.status);
    }
    const dated = datedBenefits();
    expect(dated).toHaveLength(BENEFITS.length);
    expect(dated.find((b) => b.code === 'ressourceforloeb')).toMatchObject({
      validFrom: null,
      validTo: null,
      closedToNewFrom: 202606,
      successor: null,
    });
    expect(dated.find((b) => b.code === 'uddannelseshjaelp')?.successor).toBe('kontanthjaelp_grundsats');
  });
});
