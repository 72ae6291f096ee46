import { describe, expect, it } from 'vitest';
import { weekIndexOf } from '../weeks.ts';
import { INDICATORS, type Indicator } from './indicators.ts';
import {
  analyseOutcomes,
  delongAuc,
  fitIndicatorHazard,
  hazardRows,
  type OutcomeMeasurement,
  type OutcomePerson,
  withholdOutcomes,
} from './outcomes.ts';
import {
  DEFAULT_OUTCOME_TRUTH,
  simulatedOrientations,
  simulateOutcomePersons,
} from './outcomes-simulation.ts';

const W = weekIndexOf(2024, 10);
const all = (score: number): Record<Indicator, number> =>
  Object.fromEntries(INDICATORS.map((k) => [k, score])) as Record<Indicator, number>;
const measured = (
  week: number,
  score: number,
  extra: Partial<OutcomeMeasurement> = {},
): OutcomeMeasurement => ({
  week,
  caseworker: 'cw1',
  scores: all(score),
  searching: null,
  ...extra,
});
const person = (over: Partial<OutcomePerson> & Pick<OutcomePerson, 'id'>): OutcomePerson => ({
  birthYear: 1990,
  sex: 'K',
  origin: 'dansk',
  spells: [],
  observedUntil: W + 200,
  measurements: [],
  interventions: [],
  assignments: [],
  ...over,
});

describe('the weeks at risk of entering work', () => {
  it('runs from the first measurement to the week before work, grouped by the latest measurement', () => {
    const p = person({
      id: 1,
      spells: [
        { first: W, last: W + 10, onSupport: true, toJob: true },
        { first: W + 11, last: W + 40, onSupport: false, toJob: false },
      ],
      measurements: [measured(W + 3, 3), measured(W + 7, 4)],
    });
    const rows = hazardRows([p]);
    // Weeks W+3 … W+6 under the first measurement, W+7 … W+10 under the second, the job in W+10.
    expect(rows.n).toBe(2);
    expect(rows.trials).toEqual([4, 4]);
    expect(rows.events).toEqual([0, 1]);
    const ungrouped = hazardRows([p], { group: false });
    expect(ungrouped.trials).toEqual(Array(8).fill(1));
    expect(ungrouped.events).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('leaves out the weeks whose latest measurement lacks an indicator', () => {
    const gap = { ...all(3), health: null };
    const p = person({
      id: 2,
      spells: [{ first: W, last: W + 4, onSupport: true, toJob: true }],
      measurements: [measured(W, 3, { scores: gap }), measured(W + 2, 3)],
    });
    const rows = hazardRows([p]);
    expect(rows.incompleteWeeks).toBe(2);
    expect(rows.trials).toEqual([3]);
    expect(rows.events).toEqual([1]);
  });

  it('starts each spell without scores: a later spell is at risk from a measurement in it on', () => {
    const p = person({
      id: 3,
      spells: [
        // Measured in week 2 of a spell that ends on another benefit (censored, no job) …
        { first: W, last: W + 9, onSupport: true, toJob: false },
        // … unmeasured for its first 5 weeks, then measured, and in work after week W + 29.
        { first: W + 10, last: W + 29, onSupport: true, toJob: true },
        { first: W + 30, last: W + 40, onSupport: false, toJob: false },
        // A spell without a measurement is never at risk.
        { first: W + 41, last: W + 60, onSupport: true, toJob: true },
      ],
      measurements: [measured(W + 2, 3), measured(W + 15, 4)],
    });
    const rows = hazardRows([p]);
    // Weeks W + 15 … W + 29 are weeks 6-20 of the second spell: 8 in the band 1-13, 7 in 14-26.
    expect(rows.trials).toEqual([8, 8, 7]);
    expect(rows.events).toEqual([0, 0, 1]);
    expect(rows.measurement).toEqual([0, 1, 1]);
    expect(rows.band).toEqual([0, 0, 1]);
  });
});

describe('a change of caseworker', () => {
  it('counts for 26 weeks from a new caseworker of the same department, not from a new department', () => {
    const p = person({
      id: 4,
      spells: [{ first: W, last: W + 99, onSupport: true, toJob: false }],
      measurements: [measured(W, 3)],
      assignments: [
        { caseworker: 'a', department: 'Job', from: W - 10, to: W + 9 },
        { caseworker: 'b', department: 'Job', from: W + 10, to: W + 59 },
        { caseworker: 'c', department: 'Ressource', from: W + 60, to: null },
      ],
    });
    const rows = hazardRows([p], { group: false });
    const changedWeeks = rows.changed.flatMap((c, i) => (c ? [i] : []));
    expect(changedWeeks).toEqual(Array.from({ length: 26 }, (_, i) => 10 + i));
  });
});

describe("DeLong's AUC", () => {
  it('gives 5/6 with variance 1/18 on a case worked by hand', () => {
    // Positives 0.9, 0.8, 0.4; negatives 0.7, 0.3. V10 = 1, 1, ½ (S10 = 1/12); V01 = ⅔, 1 (S01 = 1/18).
    const { auc, covariance } = delongAuc([[0.9, 0.8, 0.4, 0.7, 0.3]], [true, true, true, false, false]);
    expect(auc[0]).toBeCloseTo(5 / 6, 12);
    expect(covariance[0]![0]).toBeCloseTo(1 / 12 / 3 + 1 / 18 / 2, 12);
  });

  it('counts a tie between a positive and a negative as a half', () => {
    const { auc } = delongAuc([[1, 0, 1, 0]], [true, true, false, false]);
    expect(auc[0]).toBeCloseTo(0.5, 12);
  });
});

describe('interventions and indicators, within person', () => {
  it('finds a jump of one point after a placement exactly', () => {
    // A: placement at week 20, measured at 0, 13, 26, 39 → 2, 2, 3, 3 (26 is 6 weeks in, 39 is 19).
    // B: placement at 30 → 2, 2, 2, 3 (39 is 9 weeks in). C: never → 2 throughout.
    const weeks = [0, 13, 26, 39].map((w) => W + w);
    const spells = [{ first: W, last: W + 100, onSupport: true, toJob: false }];
    const persons = [
      person({
        id: 1,
        spells,
        measurements: weeks.map((w, i) => measured(w, i >= 2 ? 3 : 2)),
        interventions: [{ type: 'virksomhedspraktik', start: W + 20, end: W + 32 }],
      }),
      person({
        id: 2,
        spells,
        measurements: weeks.map((w, i) => measured(w, i >= 3 ? 3 : 2)),
        interventions: [{ type: 'virksomhedspraktik', start: W + 30, end: W + 42 }],
      }),
      person({ id: 3, spells, measurements: weeks.map((w) => measured(w, 2)) }),
    ];
    const result = analyseOutcomes(persons).interventions!;
    const bin = (b: string) => result.rows.find((r) => r.type === 'virksomhedspraktik' && r.bin === b)!;
    expect(bin('0-12').change.health!.estimate).toBeCloseTo(1, 10);
    expect(bin('0-12').change.mean!.estimate).toBeCloseTo(1, 10);
    expect(bin('13-25').change.goalOrientation!.estimate).toBeCloseTo(1, 10);
    expect(bin('0-12').change.health!.se).toBeCloseTo(0, 10);
    expect(bin('0-12')).toMatchObject({ measurements: 2, persons: 2 });
    expect(bin('26+').change).toEqual({});
  });
});

describe("the caseworker's belief against work", () => {
  it('counts, per answer, the measurements followed by work within 52 weeks, and leaves out those not followed long enough', () => {
    const belief = (score: number) => ({ ...all(3), caseworkerBelief: score });
    const persons = [
      // In work in week 41 after a measurement in week 0: within 52 weeks.
      person({
        id: 1,
        spells: [{ first: W, last: W + 40, onSupport: true, toJob: true }],
        measurements: [measured(W, 5, { scores: belief(5) })],
      }),
      // Never in work, followed 200 weeks.
      person({
        id: 2,
        spells: [{ first: W, last: W + 200, onSupport: true, toJob: false }],
        measurements: [measured(W, 1, { scores: belief(1) }), measured(W + 13, 1, { scores: belief(5) })],
      }),
      // Followed only 30 weeks: unknown.
      person({
        id: 3,
        observedUntil: W + 30,
        spells: [{ first: W, last: W + 30, onSupport: true, toJob: false }],
        measurements: [measured(W, 5, { scores: belief(5) })],
      }),
    ];
    const analysis = analyseOutcomes(persons);
    const table = analysis.caseworker.belief;
    expect(table[0]).toMatchObject({ answer: 1, label: 'Nej', measurements: 1, inWork: 0, share: 0 });
    expect(table[4]).toMatchObject({
      answer: 5,
      label: 'Ja',
      measurements: 2,
      persons: 2,
      inWork: 1,
      share: 0.5,
    });
    expect(table[2]).toMatchObject({ measurements: 0, share: null, bip: 0.049 });

    // At a threshold of 2 the answer given for one person is withheld; two persons, or none, are shown.
    const shown = withholdOutcomes(analysis, 2, { municipality: 101, dataVersion: 1 });
    expect(shown.caseworker.belief[0]).toMatchObject({
      measurements: null,
      persons: null,
      inWork: null,
      share: null,
    });
    expect(shown.caseworker.belief[4]).toEqual(table[4]);
    expect(shown.caseworker.belief[2]).toEqual(table[2]);
    expect(shown.suppression).toEqual({ threshold: 2, applied: true });
    expect(withholdOutcomes(analysis, null, { municipality: 101, dataVersion: 1 }).caseworker.belief).toEqual(
      table,
    );
  });
});

describe('the grouped hazard model', () => {
  it('gives the coefficients of the person-week fit to 1e-8', () => {
    const persons = simulateOutcomePersons({ ...DEFAULT_OUTCOME_TRUTH, persons: 300, seed: 3 });
    const grouped = hazardRows(persons);
    const weekly = hazardRows(persons, { group: false });
    expect(weekly.n).toBeGreaterThan(5 * grouped.n);
    const a = fitIndicatorHazard(grouped, { epsilon: 1e-16 })!;
    const b = fitIndicatorHazard(weekly, { epsilon: 1e-16, merge: false })!;
    expect(b.model.rows).toBe(weekly.n);
    expect(a.model.rows).toBeLessThanOrEqual(grouped.n);
    expect(a.model.personWeeks).toBe(b.model.personWeeks);
    expect(a.model.terms.length).toBe(b.model.terms.length);
    a.model.terms.forEach((t, i) => {
      expect(t.term).toBe(b.model.terms[i]!.term);
      expect(Math.abs(t.coef - b.model.terms[i]!.coef)).toBeLessThan(1e-8);
      expect(Math.abs(t.se - b.model.terms[i]!.se)).toBeLessThan(1e-8);
    });
  }, 30_000);
});

describe('recovery of a known truth (27,000 measurements of 4,000 persons)', () => {
  const truth = { ...DEFAULT_OUTCOME_TRUTH, caseworkerChange: Math.log(0.78) };
  const persons = simulateOutcomePersons(truth);

  it('holds the true hazard ratios in the 95 % intervals of the indicators model', () => {
    const fit = fitIndicatorHazard(hazardRows(persons), { indicators: INDICATORS })!;
    expect(persons.reduce((s, p) => s + p.measurements.length, 0)).toBeGreaterThan(26_000);
    for (const k of INDICATORS) {
      const beta = truth.hazardPerPoint[k] ?? 0;
      const h = fit.perPoint.find((x) => x.indicator === k)!;
      expect(Math.log(h.lower), k).toBeLessThan(beta);
      expect(Math.log(h.upper), k).toBeGreaterThan(beta);
    }
  }, 60_000);

  it('finds the caseworker change, the added discrimination and the placement effect', () => {
    const analysis = analyseOutcomes(persons);
    const change = analysis.caseworker.change.adjusted!;
    expect(change.lower).toBeLessThan(0.78);
    expect(change.upper).toBeGreaterThan(0.78);
    // The change's effect is beside the indicators in the truth: without them it is still there.
    expect(analysis.caseworker.change.register!.upper).toBeLessThan(1);
    // The caseworkers above the median orientation against those below, in the truth's own draws.
    const o = [...simulatedOrientations(truth).values()].sort((a, b) => a - b);
    const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
    const trueHighVsLow = Math.exp(
      truth.orientationPerSd * (mean(o.slice(o.length / 2)) - mean(o.slice(0, o.length / 2))),
    );
    const orientation = analysis.caseworker.orientation.adjusted!;
    expect(orientation.lower).toBeLessThan(trueHighVsLow);
    expect(orientation.upper).toBeGreaterThan(trueHighVsLow);
    // Without the indicators, the orientation also acts through the belief it lifts.
    expect(analysis.caseworker.orientation.register!.hazardRatio).toBeGreaterThan(orientation.hazardRatio);
    const job = analysis.discrimination.job!;
    expect(job.indicators.auc).toBeGreaterThan(job.register.auc + 0.05);
    expect(job.aucDifference.lower).toBeGreaterThan(0);
    expect(job.indicators.nagelkerke).toBeGreaterThan(job.register.nagelkerke);
    expect(analysis.discrimination.jobSearch!.indicators.auc).toBeGreaterThan(0.65);
    // A company placement raises readiness by 0.8 (scores are rounded and clamped to 1-5); a mentor by nothing.
    const placement = analysis.interventions!.rows.find(
      (r) => r.type === 'virksomhedspraktik' && r.bin === '26+',
    )!;
    expect(placement.change.mean!.estimate).toBeGreaterThan(0.6);
    expect(placement.change.mean!.estimate).toBeLessThan(0.8);
    const mentor = analysis.interventions!.rows.find((r) => r.type === 'mentor' && r.bin === '26+')!;
    expect(Math.abs(mentor.change.mean!.estimate)).toBeLessThan(3 * mentor.change.mean!.se);
    // The belief answers order the share later in work, as BIP's did.
    const shares = analysis.caseworker.belief.map((b) => b.share!);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
    expect(analysis.validity.length).toBeGreaterThan(4);
    expect(analysis.validity.filter((v) => v.perPoint !== null).length).toBeGreaterThan(3);
    expect(analysis.notes).toEqual([]);
  }, 30_000);
});

describe('recovery at the expected rate (40 simulated worlds of 1,000 persons)', () => {
  it('holds each true coefficient in its 95 % interval about 95 % of the time', () => {
    const covered = new Map<string, number>();
    let intervals = 0;
    let hits = 0;
    for (let r = 0; r < 40; r++) {
      const truth = {
        ...DEFAULT_OUTCOME_TRUTH,
        persons: 1000,
        seed: 100 + r,
        caseworkerChange: Math.log(0.78),
      };
      const fit = fitIndicatorHazard(hazardRows(simulateOutcomePersons(truth)), { indicators: INDICATORS })!;
      const beta = (term: string): number | null =>
        term === 'caseworkerChange'
          ? truth.caseworkerChange
          : (INDICATORS as readonly string[]).includes(term)
            ? (truth.hazardPerPoint[term as Indicator] ?? 0)
            : null;
      for (const t of fit.model.terms) {
        const b = beta(t.term);
        if (b === null) continue;
        intervals++;
        if (Math.log(t.lower) <= b && b <= Math.log(t.upper)) {
          hits++;
          covered.set(t.term, (covered.get(t.term) ?? 0) + 1);
        }
      }
    }
    expect(intervals).toBe(40 * 12);
    // 95 % ± 3 binomial standard deviations of 480 intervals (0.0099).
    expect(hits / intervals).toBeGreaterThan(0.92);
    expect(hits / intervals).toBeLessThan(0.98);
    // No one coefficient is biased: each held in at least 33 of 40 (P < 0.001 at 95 %).
    for (const term of [...INDICATORS, 'caseworkerChange'])
      expect(covered.get(term) ?? 0, term).toBeGreaterThanOrEqual(33);
  }, 120_000);
});
