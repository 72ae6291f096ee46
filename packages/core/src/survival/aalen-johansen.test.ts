import { describe, expect, it } from 'vitest';
import fixtureJson from '../../../../tools/oracle/fixtures/aalen-johansen.json' with { type: 'json' };
import {
  aalenJohansen,
  aalenJohansenFromCounts,
  competingRisks,
  competingRisksFromCounts,
  cumulativeIncidence,
  multiStateCountsByGroup,
  type MultiStateData,
  type StateOccupationCurve,
} from './aalen-johansen.ts';

/** R's output for one curve (tools/oracle/aalen-johansen.R); null is R's NA. */
interface RCurve {
  time: number[];
  nRisk: number[][];
  nEvent: number[][];
  nCensor: number[];
  pstate: number[][];
  stdErr: number[][];
  lower: (number | null)[][];
  upper: (number | null)[][];
  /** Keyed "h.j", 1-based state numbers. */
  cumhaz: Record<string, number[]>;
}

interface CompetingCase {
  name: string;
  data: { time: number[]; status: number[]; weight?: number[] | null; sex?: string[] };
  causes: string[];
  states: string[];
  p0?: number[];
  fit?: RCurve;
  strata?: Record<string, RCurve & { p0: number[] }>;
}

interface RecoveryCase {
  name: string;
  data: {
    id: number[];
    start: number[];
    stop: number[];
    from: string[];
    to: string[];
    weight: number[] | null;
  };
  states: string[];
  p0: number[];
  fit: RCurve;
  /** survfit's limits with conf.type = "log-log" and "plain". */
  limits: Record<'logLog' | 'plain', { lower: (number | null)[][]; upper: (number | null)[][] }>;
}

const fixture = fixtureJson as unknown as { cases: (CompetingCase | RecoveryCase)[] };

function fixtureCase<T extends CompetingCase | RecoveryCase>(name: string): T {
  const found = fixture.cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`tools/oracle/fixtures/aalen-johansen.json has no case "${name}"`);
  return found as T;
}

/**
 * Largest relative error of `actual` against R; where R has exactly 0 the absolute error counts
 * (floating-point residue of a product integral is ~1e-17, never 1e-8).
 */
function maxRelativeError(actual: readonly number[], expected: readonly (number | null)[]): number {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  expected.forEach((e, i) => {
    const a = actual[i] as number;
    if (e === null) {
      expect(a, `R gives NA at index ${i}`).toBeNaN();
      return;
    }
    worst = Math.max(worst, e === 0 ? Math.abs(a) : Math.abs(a - e) / Math.abs(e));
  });
  return worst;
}

/** Compare a fitted curve with R's, state by state: probabilities, std.err, limits and cumhaz. */
function expectAgreesWithR(curve: StateOccupationCurve, r: RCurve, states: string[], counts: boolean): void {
  expect(curve.states).toEqual(states);
  expect(curve.rows.map((row) => row.time)).toEqual(r.time);
  const column = <T>(matrix: T[][], j: number): T[] => matrix.map((row) => row[j] as T);
  states.forEach((_, j) => {
    const ours = (pick: (row: StateOccupationCurve['rows'][number]) => readonly number[]) =>
      curve.rows.map((row) => pick(row)[j] as number);
    expect(
      maxRelativeError(
        ours((row) => row.probability),
        column(r.pstate, j),
      ),
    ).toBeLessThanOrEqual(1e-8);
    expect(
      maxRelativeError(
        ours((row) => row.stdErr),
        column(r.stdErr, j),
      ),
    ).toBeLessThanOrEqual(1e-8);
    expect(
      maxRelativeError(
        ours((row) => row.lower),
        column(r.lower, j),
      ),
    ).toBeLessThanOrEqual(1e-8);
    expect(
      maxRelativeError(
        ours((row) => row.upper),
        column(r.upper, j),
      ),
    ).toBeLessThanOrEqual(1e-8);
    if (counts) {
      expect(ours((row) => row.nRisk)).toEqual(column(r.nRisk, j));
      expect(ours((row) => row.nEvent)).toEqual(column(r.nEvent, j));
    }
  });
  if (counts) expect(curve.rows.map((row) => row.nCensor)).toEqual(r.nCensor);
  for (const [key, values] of Object.entries(r.cumhaz)) {
    const [h, j] = key.split('.').map((s) => Number(s) - 1) as [number, number];
    const ours = curve.rows.map((row) => (row.cumulativeHazard[h] as number[])[j] as number);
    expect(maxRelativeError(ours, values), `cumhaz ${key}`).toBeLessThanOrEqual(1e-8);
  }
}

function recoveryData(c: RecoveryCase): MultiStateData {
  const index = (s: string) => {
    const j = c.states.indexOf(s);
    if (j < 0) throw new Error(`unknown state ${s}`);
    return j;
  };
  return {
    id: c.data.id,
    start: c.data.start,
    stop: c.data.stop,
    from: c.data.from.map(index),
    to: c.data.to.map((s) => (s === 'censor' ? null : index(s))),
    ...(c.data.weight === null ? {} : { weight: c.data.weight }),
  };
}

/** Count table of competing-risks data by time and cause, counted here independently of the module. */
function countByTimeAndCause(time: number[], status: number[], causes: number) {
  const times = [...new Set(time)].sort((a, b) => a - b);
  return {
    time: times,
    nEvent: times.map((t) =>
      Array.from({ length: causes }, (_, j) => time.filter((u, i) => u === t && status[i] === j + 1).length),
    ),
    nCensor: times.map((t) => time.filter((u, i) => u === t && status[i] === 0).length),
  };
}

describe('Aalen-Johansen, hand-checkable example of REFERENCES.md', () => {
  const toy = fixtureCase<CompetingCase>('toy');
  const [fit] = competingRisks(
    { time: toy.data.time, status: toy.data.status },
    { causes: ['job', 'other'], initialState: 'on benefit' },
  );
  const at = (t: number) => fit?.rows.find((row) => row.time === t)?.probability;

  it('gives (still on benefit, job, other) = (0.4571428571, 0.3285714286, 0.2142857143) at t = 4', () => {
    const p = at(4) as number[];
    expect(p[0]).toBeCloseTo(0.4571428571, 10);
    expect(p[1]).toBeCloseTo(0.3285714286, 10);
    expect(p[2]).toBeCloseTo(0.2142857143, 10);
  });

  it('gives (0.1523809524, 0.4809523810, 0.3666666667) at t = 7', () => {
    const p = at(7) as number[];
    expect(p[0]).toBeCloseTo(0.1523809524, 10);
    expect(p[1]).toBeCloseTo(0.480952381, 10);
    expect(p[2]).toBeCloseTo(0.3666666667, 10);
  });

  it('is not one minus Kaplan-Meier with the other exits censored', () => {
    // Kaplan-Meier for job, "other" censored: at risk 10, 7, 6, 3 at the job times 1, 3, 4, 6, one
    // job each, so 1 − S(7) = 1 − (9/10)(6/7)(5/6)(2/3) = 4/7, larger than the cumulative incidence
    // because it lets the people who left for other exits still find a job.
    const oneMinusKm = 1 - (9 / 10) * (6 / 7) * (5 / 6) * (2 / 3);
    expect(oneMinusKm).toBeCloseTo(4 / 7, 14);
    const job = cumulativeIncidence(fit as StateOccupationCurve, 'job');
    const cif = job.find((row) => row.time === 7)?.estimate as number;
    expect(cif).toBeCloseTo(0.480952381, 10);
    expect(Math.abs(cif - oneMinusKm)).toBeGreaterThan(0.09);
  });

  it('has the multinomial standard error sqrt(0.9 · 0.1 / 10) after the first job', () => {
    const first = fit?.rows[0];
    expect(first?.stdErr[1]).toBeCloseTo(Math.sqrt((0.9 * 0.1) / 10), 14);
  });
});

describe('Aalen-Johansen against R survfit (tools/oracle/fixtures/aalen-johansen.json)', () => {
  for (const name of ['toy', 'toy-weighted', 'mgus2']) {
    it(`matches survfit for competing risks, case ${name}`, () => {
      const c = fixtureCase<CompetingCase>(name);
      const fits = competingRisks(
        { time: c.data.time, status: c.data.status, ...(c.data.weight ? { weight: c.data.weight } : {}) },
        { causes: c.causes },
      );
      expect(fits).toHaveLength(1);
      const fit = fits[0] as StateOccupationCurve;
      expect(fit.variance).toBe('infinitesimal-jackknife');
      expect(fit.initialProbabilities).toEqual(c.p0);
      expectAgreesWithR(fit, c.fit as RCurve, c.states, !c.data.weight);
    });
  }

  it('matches survfit with strata: mgus2 by sex', () => {
    const c = fixtureCase<CompetingCase>('mgus2-by-sex');
    const fits = competingRisks(
      { time: c.data.time, status: c.data.status, group: c.data.sex as string[] },
      { causes: c.causes },
    );
    expect(fits.map((f) => f.group)).toEqual(['F', 'M']);
    for (const fit of fits) {
      const r = c.strata?.[`sex=${String(fit.group)}`] as RCurve & { p0: number[] };
      expect(fit.initialProbabilities).toEqual(r.p0);
      expectAgreesWithR(fit, r, c.states, true);
    }
  });

  for (const name of ['recovery', 'recovery-weighted']) {
    it(`matches survfit for multi-state data with recovery, case ${name}`, () => {
      const c = fixtureCase<RecoveryCase>(name);
      const fits = aalenJohansen(recoveryData(c), { states: c.states });
      expect(fits).toHaveLength(1);
      const fit = fits[0] as StateOccupationCurve;
      expect(fit.initialProbabilities).toEqual(c.p0);
      expectAgreesWithR(fit, c.fit, c.states, c.data.weight === null);
    });

    it(`matches survfit's log-log and plain confidence limits, case ${name}`, () => {
      const c = fixtureCase<RecoveryCase>(name);
      for (const [confType, r] of [
        ['log-log', c.limits.logLog],
        ['plain', c.limits.plain],
      ] as const) {
        const [fit] = aalenJohansen(recoveryData(c), { states: c.states, confType });
        c.states.forEach((_, j) => {
          const lower = fit?.rows.map((row) => row.lower[j] as number) ?? [];
          const upper = fit?.rows.map((row) => row.upper[j] as number) ?? [];
          expect(
            maxRelativeError(
              lower,
              r.lower.map((row) => row[j] ?? null),
            ),
          ).toBeLessThanOrEqual(1e-8);
          expect(
            maxRelativeError(
              upper,
              r.upper.map((row) => row[j] ?? null),
            ),
          ).toBeLessThanOrEqual(1e-8);
        });
      }
    });
  }
});

describe('Aalen-Johansen from count tables', () => {
  it("gives R's probabilities and std.err for mgus2 from counts by time and cause", () => {
    // Competing risks, unit weights, no delayed entry: the Greenwood-type variance is R's
    // infinitesimal jackknife exactly (module comment).
    const c = fixtureCase<CompetingCase>('mgus2');
    const counts = countByTimeAndCause(c.data.time, c.data.status, c.causes.length);
    const fit = competingRisksFromCounts(counts, { causes: c.causes });
    expect(fit.variance).toBe('greenwood');
    expectAgreesWithR(fit, c.fit as RCurve, c.states, true);
  });

  it("gives R's probabilities for data with recovery, and a Greenwood variance that is not R's jackknife", () => {
    const c = fixtureCase<RecoveryCase>('recovery');
    const [table] = multiStateCountsByGroup(recoveryData(c), { states: c.states });
    const fit = aalenJohansenFromCounts(table?.counts as NonNullable<typeof table>['counts']);
    const r = c.fit;
    let worstGap = 0;
    c.states.forEach((_, j) => {
      const p = fit.rows.map((row) => row.probability[j] as number);
      expect(
        maxRelativeError(
          p,
          r.pstate.map((row) => row[j] as number),
        ),
      ).toBeLessThanOrEqual(1e-8);
      const se = fit.rows.map((row) => row.stdErr[j] as number);
      worstGap = Math.max(
        worstGap,
        maxRelativeError(
          se,
          r.stdErr.map((row) => row[j] as number),
        ),
      );
    });
    // With recovery, histories differ among those at risk, so the jackknife's covariance term is
    // not zero: the two variances agree in size but not in value.
    expect(worstGap).toBeGreaterThan(1e-4);
    expect(worstGap).toBeLessThan(0.5);
  });

  it('derives the number at risk from exits and entries, with entrants at risk only after entry', () => {
    // Three leave for cause 1 at 2, 4, 6, one of them having entered at 3: at risk 2 at t = 2 (the
    // entrant is not yet there), 2 at t = 4, 1 at t = 6.
    const fit = competingRisksFromCounts(
      { time: [2, 3, 4, 6], nEvent: [[1], [0], [1], [1]], nCensor: [0, 0, 0, 0], nEnter: [0, 1, 0, 0] },
      { causes: ['job'] },
    );
    expect(fit.rows.map((row) => row.time)).toEqual([2, 4, 6]);
    expect(fit.rows.map((row) => row.nRisk[0])).toEqual([2, 2, 1]);
    expect(fit.rows.map((row) => row.probability[1])).toEqual([0.5, 0.75, 1]);
  });
});

describe('Aalen-Johansen input checks', () => {
  const states = ['benefit', 'job'];
  const two = (over: Partial<MultiStateData>): MultiStateData => ({
    id: [1, 1],
    start: [0, 3],
    stop: [3, 5],
    from: [0, 1],
    to: [1, null],
    ...over,
  });

  it('accepts consistent rows', () => {
    expect(aalenJohansen(two({}), { states })[0]?.rows.map((r) => r.probability)).toEqual([
      [0, 1],
      [0, 1],
    ]);
  });

  it('takes a subject out of the risk set during a gap between its rows (survfit refuses gaps)', () => {
    // Subject 1: benefit (0, 2] → job, then unobserved, then job again (4, 6]. Subject 2: benefit
    // (0, 5] → job. At t = 5 only subject 2 is in benefit, and subject 1 is at risk in job again.
    const [fit] = aalenJohansen(
      { id: [1, 1, 2], start: [0, 4, 0], stop: [2, 6, 5], from: [0, 1, 0], to: [1, null, 1] },
      { states },
    );
    expect(fit?.rows.map((r) => r.time)).toEqual([2, 5, 6]);
    expect(fit?.rows.map((r) => r.nRisk)).toEqual([
      [2, 0],
      [1, 1],
      [0, 1],
    ]);
    expect(fit?.rows.map((r) => r.probability[1])).toEqual([0.5, 1, 1]);
  });

  it('refuses overlapping rows of a subject, naming the rows', () => {
    expect(() => aalenJohansen(two({ start: [0, 2] }), { states })).toThrow(
      /subject 1: rows 1 \(0, 3\] and 2 \(2, 5\] overlap/,
    );
  });

  it('refuses a row that starts in another state than the previous one ended in', () => {
    expect(() => aalenJohansen(two({ from: [0, 0] }), { states })).toThrow(
      /row 2 starts in benefit but row 1 ended in job/,
    );
  });

  it('refuses a "transition" to the state the row is in', () => {
    expect(() => aalenJohansen(two({ to: [0, null] }), { states })).toThrow(/to equals from \(benefit\)/);
  });

  it('refuses a status that is not a cause', () => {
    expect(() => competingRisks({ time: [1, 2], status: [1, 3] }, { causes: ['job', 'other'] })).toThrow(
      /row 2: status must be 0 \(censored\) or a cause 1 … 2, found 3/,
    );
  });
});
