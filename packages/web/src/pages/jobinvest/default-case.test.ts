import { describe, expect, it } from 'vitest';
import { defaultCase, stepValueCase } from './default-case.ts';

describe('a case from what a step up is worth', () => {
  it('takes the benefit group, the participants, the start and the hazard ratio applied, and keeps the rest', () => {
    const base = defaultCase(101, 202552, 'da');
    const doc = stepValueCase(base, {
      benefit: 'ydelse_a',
      hazardRatio: 1.23456,
      participants: 412,
      startWeek: 202601,
      name: 'Et trin op',
    });
    expect(doc.target).toEqual({ benefit: 'ydelse_a' });
    expect(doc.participants).toBe(412);
    expect(doc.startWeek).toBe('202601');
    expect(doc.effect).toEqual({ hazardRatio: 1.235, to: ['job'], phaseInWeeks: 0, halfLifeWeeks: null });
    expect(doc.name).toBe('Et trin op');
    expect(doc.cost).toEqual(base.cost);
    expect(doc.municipality).toBe('101');
  });
});
