import { describe, expect, it } from 'vitest';
import { JOBINDSATS_GROUPS, jobindsatsGroupOf } from './jobindsats-groups.ts';

describe('jobindsats groups', () => {
  it('codes a group of one catalogue code by that code and a group of several by their stem', () => {
    expect(JOBINDSATS_GROUPS.map((g) => g.code)).toEqual([
      'adagpenge',
      'kontanthjaelp',
      'uddannelseshjaelp',
      'selvforsoergelsesydelse',
      'sygedagpenge',
      'jobafklaring',
      'ressourceforloeb',
      'revalidering',
      'ledighedsydelse',
      'fleksjob',
      'foertidspension',
      'efterloen',
      'all',
    ]);
    const benefitsOf = (code: string) => JOBINDSATS_GROUPS.find((g) => g.code === code)?.benefits;
    expect(benefitsOf('fleksjob')).toEqual(['fleksjob', 'fleksjob_foer2013']);
    expect(benefitsOf('kontanthjaelp')).toHaveLength(5);
    expect(benefitsOf('all')).toHaveLength(18);
    expect(benefitsOf('all')).not.toContain('anden_forsoergelse');
  });

  it('reads the names jobindsats writes, case, spacing and a trailing "mv." aside', () => {
    expect(jobindsatsGroupOf('A-dagpenge mv.')).toBe('adagpenge');
    expect(jobindsatsGroupOf('kontanthjælp  MV.')).toBe('kontanthjaelp');
    expect(jobindsatsGroupOf('Sygedagpenge mv.')).toBe('sygedagpenge');
    expect(jobindsatsGroupOf('Selvforsørgelses- og hjemrejseydelse mv.')).toBe('selvforsoergelsesydelse');
    expect(jobindsatsGroupOf('Revalidering / forrevalidering')).toBe('revalidering');
    expect(jobindsatsGroupOf('Ydelsesgrupper i alt')).toBe('all');
    expect(jobindsatsGroupOf('Offentligt forsørgede i alt')).toBe('all');
    expect(jobindsatsGroupOf('Barselsdagpenge')).toBeUndefined();
  });
});
