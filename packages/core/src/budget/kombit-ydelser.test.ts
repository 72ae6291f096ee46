import { describe, expect, it } from 'vitest';
import { BENEFITS, benefitOf } from '../benefits.ts';
import { JOBINDSATS_GROUPS } from '../monitoring/jobindsats-groups.ts';
import { followUpGroupOf, KOMBIT_YDELSER, kombitYdelseOf, kombitYdelseOfName } from './kombit-ydelser.ts';

describe('KOMBIT_YDELSER', () => {
  it('names every benefit on the refusion staircase once, and nothing else', () => {
    const named = KOMBIT_YDELSER.flatMap((y) => y.benefits);
    expect(new Set(named).size).toBe(named.length);
    const onStaircase = BENEFITS.filter(
      (b) => b.financing.kind === 'refusion' || b.financing.kind === 'cofinancing',
    );
    expect([...named].sort()).toEqual(onStaircase.map((b) => b.code).sort());
    for (const y of KOMBIT_YDELSER)
      for (const code of y.benefits) expect(benefitOf(code).financing.kind).toBe(y.financing);
  });

  it('puts each name in the jobindsats group of its codes', () => {
    for (const y of KOMBIT_YDELSER) {
      const group = JOBINDSATS_GROUPS.find((g) => g.code === y.group);
      expect(group, y.group).toBeDefined();
      for (const code of y.benefits) expect(group!.benefits).toContain(code);
    }
  });

  it('reads a name whatever its case and spacing, and other names of a group', () => {
    expect(kombitYdelseOfName('  KONTANTHJÆLP ')?.group).toBe('kontanthjaelp');
    expect(kombitYdelseOfName('Overgangsydelse')?.group).toBe('selvforsoergelsesydelse');
    expect(kombitYdelseOfName('Boligstøtte')).toBeNull();
    expect(kombitYdelseOf('kontanthjaelp_grundsats')?.name).toBe('Kontanthjælp');
    expect(kombitYdelseOf('foertidspension_foer2014')).toBeNull();
  });

  it('folds catalogue codes into the follow-up groups and leaves groups as they are', () => {
    expect(followUpGroupOf('kontanthjaelp_mindstesats')).toBe('kontanthjaelp');
    expect(followUpGroupOf('fleksjob_foer2013')).toBe('fleksjob');
    expect(followUpGroupOf('kontanthjaelp')).toBe('kontanthjaelp');
    expect(followUpGroupOf('sygedagpenge')).toBe('sygedagpenge');
  });
});
