import { describe, expect, it } from 'vitest';
import { cohenKappa } from '../agreement/kappa.ts';
import { cronbachAlpha } from '../agreement/alpha.ts';
import { intraclassCorrelation } from '../agreement/icc.ts';
import type { Answers } from './api.ts';
import { CASEWORKER_INDICATORS, CITIZEN_INDICATORS } from './indicators.ts';
import { measurementQuality, QUALITY_MIN_PAIRS } from './quality.ts';

/** Twelve measurements where the caseworker scores health one above the citizen (capped at 5). */
function measurements(): { citizen: Answers; caseworker: Answers }[] {
  const citizenHealth = [1, 2, 3, 4, 5, 1, 2, 3, 4, 5, 2, 3];
  return citizenHealth.map((h, i) => {
    const citizen: Answers = Object.fromEntries(CITIZEN_INDICATORS.map((k, j) => [k, ((i + j) % 5) + 1]));
    const caseworker: Answers = Object.fromEntries(
      CASEWORKER_INDICATORS.map((k, j) => [k, ((i + 2 * j) % 5) + 1]),
    );
    citizen.health = h;
    caseworker.health = Math.min(5, h + 1);
    return { citizen, caseworker };
  });
}

describe('measurementQuality', () => {
  it('computes kappa and ICC(2,1) on the pairs where both answered, as the engine does on them', () => {
    const ms = measurements();
    ms[0] = { ...ms[0]!, citizen: { ...ms[0]!.citizen, health: null } };
    const q = measurementQuality(ms);
    const health = q.agreement.find((a) => a.indicator === 'health')!;
    expect(health.pairs).toBe(11);
    const a = ms.slice(1).map((m) => m.citizen.health as number);
    const b = ms.slice(1).map((m) => m.caseworker.health as number);
    const k = cohenKappa(a, b, { weights: 'quadratic', levels: [1, 2, 3, 4, 5] });
    expect(health.kappa).toEqual({ value: k.kappa, lower: k.lower, upper: k.upper });
    const icc = intraclassCorrelation(a.map((x, i) => [x, b[i]!])).forms.find((f) => f.type === 'ICC2')!;
    expect(health.icc?.value).toBe(icc.icc);
    // Caseworker one above the citizen except where the citizen said 5: 9 of 11 pairs differ by one.
    expect(health.meanDifference).toBeCloseTo(9 / 11, 12);
  });

  it('counts floor, ceiling and missing answers by hand', () => {
    const ms = measurements();
    ms[3] = { ...ms[3]!, citizen: { ...ms[3]!.citizen, health: null } };
    const citizen = measurementQuality(ms).respondents.find((r) => r.respondent === 'citizen')!;
    const health = citizen.items.find((i) => i.indicator === 'health')!;
    // health answers: 1,2,3,(missing),5,1,2,3,4,5,2,3 → 11 answered, two 1s and two 5s.
    expect(health).toEqual({
      indicator: 'health',
      answered: 11,
      floor: 2 / 11,
      ceiling: 2 / 11,
      missing: 1 / 12,
    });
    // Alpha rests on the 11 complete measurements.
    expect(citizen.complete).toBe(11);
    const rows = ms
      .filter((_, i) => i !== 3)
      .map((m) => CITIZEN_INDICATORS.map((k) => m.citizen[k] as number));
    expect(citizen.alpha?.raw).toBe(cronbachAlpha(rows).alpha);
  });

  it('gives no figure, with the reason, where the pairs are too few or do not vary', () => {
    const few = measurements().slice(0, QUALITY_MIN_PAIRS - 1);
    const q = measurementQuality(few);
    expect(q.agreement.every((a) => a.kappa === null && a.missing === 'too-few-pairs')).toBe(true);
    expect(q.respondents.every((r) => r.alpha === null)).toBe(true);
    const flat = measurements().map((m) => ({
      citizen: { ...m.citizen, network: 3 },
      caseworker: { ...m.caseworker, network: 3 },
    }));
    expect(measurementQuality(flat).agreement.find((a) => a.indicator === 'network')?.missing).toBe(
      'no-variation',
    );
  });
});
