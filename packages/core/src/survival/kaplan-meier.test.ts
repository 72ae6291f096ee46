import { describe, expect, it } from 'vitest';
import fixture from '../../../../tools/oracle/fixtures/kaplan-meier.json' with { type: 'json' };
import { countsByGroup, SurvivalError, type SurvivalCounts, type SurvivalData } from './counts.ts';
import {
  kaplanMeier,
  kaplanMeierFromCounts,
  type ConfidenceType,
  type KaplanMeierOptions,
} from './kaplan-meier.ts';
import { groupValue, list, mismatches, num, numOrNull, nums, object } from './oracle.test-support.ts';

interface Case {
  readonly name: string;
  readonly input: SurvivalData;
  readonly options: KaplanMeierOptions;
  readonly curves: readonly ExpectedCurve[];
}

interface ExpectedCurve {
  readonly group: string | number | null;
  readonly rows: Record<
    'time' | 'nRisk' | 'nEvent' | 'nCensor' | 'survival' | 'stdErr' | 'lower' | 'upper',
    number[]
  >;
  readonly median: number | null;
  readonly medianLower: number | null;
  readonly medianUpper: number | null;
  readonly rmean: number;
  readonly rmeanStdErr: number;
  readonly events: number;
}

const ROW_FIELDS = ['time', 'nRisk', 'nEvent', 'nCensor', 'survival', 'stdErr', 'lower', 'upper'] as const;

function readInput(v: unknown, what: string): SurvivalData {
  const input = object(v, what);
  const optional = (key: string) =>
    input[key] === undefined ? {} : { [key]: nums(input[key], `${what}.${key}`) };
  return {
    time: nums(input.time, `${what}.time`),
    event: nums(input.event, `${what}.event`),
    ...optional('weight'),
    ...optional('entry'),
    ...(input.group === undefined
      ? {}
      : {
          group: list(input.group, `${what}.group`).map((g, i) => groupValue(g, `${what}.group[${i}]`) ?? ''),
        }),
  };
}

const cases: Case[] = list(object(fixture, 'kaplan-meier.json').cases, 'cases').map((c, i) => {
  const raw = object(c, `cases[${i}]`);
  const options = object(raw.options, `cases[${i}].options`);
  return {
    name: String(raw.name),
    input: readInput(raw.input, `cases[${i}].input`),
    options: {
      confType: String(options.confType) as ConfidenceType,
      confLevel: num(options.confLevel, 'confLevel'),
      ...(options.rmeanTau === null ? {} : { rmeanTau: num(options.rmeanTau, 'rmeanTau') }),
    },
    curves: list(raw.curves, `cases[${i}].curves`).map((curve, j) => {
      const what = `cases[${i}].curves[${j}]`;
      const e = object(curve, what);
      const rows = object(e.rows, `${what}.rows`);
      return {
        group: groupValue(e.group, `${what}.group`),
        rows: Object.fromEntries(
          ROW_FIELDS.map((f) => [f, nums(rows[f], `${what}.rows.${f}`)]),
        ) as ExpectedCurve['rows'],
        median: numOrNull(e.median, `${what}.median`),
        medianLower: numOrNull(e.medianLower, `${what}.medianLower`),
        medianUpper: numOrNull(e.medianUpper, `${what}.medianUpper`),
        rmean: num(e.rmean, `${what}.rmean`),
        rmeanStdErr: num(e.rmeanStdErr, `${what}.rmeanStdErr`),
        events: num(e.events, `${what}.events`),
      };
    }),
  };
});

function caseNamed(name: string): Case {
  const found = cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no fixture case "${name}"`);
  return found;
}

/** A count table built by hand: one row per subject, in reverse order, so repeated times must be merged. */
function subjectRowsAsCounts(data: SurvivalData, group: string | number | null): SurvivalCounts {
  const rows = data.time
    .map((time, i) => ({ time, event: data.event[i], weight: data.weight?.[i] ?? 1, entry: data.entry?.[i] }))
    .filter((_, i) => (data.group?.[i] ?? null) === group)
    .reverse();
  return {
    time: [
      ...rows.map((r) => r.time),
      ...(data.entry === undefined ? [] : rows.map((r) => r.entry as number)),
    ],
    nEvent: [
      ...rows.map((r) => (r.event === 1 ? r.weight : 0)),
      ...(data.entry === undefined ? [] : rows.map(() => 0)),
    ],
    nCensor: [
      ...rows.map((r) => (r.event === 0 ? r.weight : 0)),
      ...(data.entry === undefined ? [] : rows.map(() => 0)),
    ],
    ...(data.entry === undefined ? {} : { nEnter: [...rows.map(() => 0), ...rows.map((r) => r.weight)] }),
  };
}

describe('kaplanMeier', () => {
  it.each(cases)('agrees with R survfit and print.survfit to 1e-8 on $name', ({ input, options, curves }) => {
    const fitted = kaplanMeier(input, options);
    expect(fitted.map((c) => c.group)).toEqual(curves.map((c) => c.group));
    const problems = curves.flatMap((expected, j) => {
      const curve = fitted[j];
      if (curve === undefined) return [`curve ${j} missing`];
      const label = `curve ${expected.group ?? ''}`;
      return [
        ...ROW_FIELDS.flatMap((f) =>
          mismatches(
            `${label} ${f}`,
            curve.rows.map((r) => r[f]),
            expected.rows[f],
          ),
        ),
        ...mismatches(
          `${label} median, lower, upper`,
          [curve.median.estimate, curve.median.lower, curve.median.upper],
          [expected.median, expected.medianLower, expected.medianUpper],
        ),
        ...mismatches(
          `${label} rmean, se, events`,
          [curve.restrictedMean.estimate, curve.restrictedMean.stdErr, curve.events],
          [expected.rmean, expected.rmeanStdErr, expected.events],
        ),
      ];
    });
    expect(problems).toEqual([]);
  });

  it('reproduces the published aml figures: median 27 weeks, 95 % CI 18 to 45', () => {
    const aml = caseNamed('aml').input;
    const [curve] = kaplanMeier({ time: aml.time, event: aml.event });
    expect(curve?.median).toEqual({ estimate: 27, lower: 18, upper: 45 });
    // R's std.err is on the cumulative-hazard scale: at 5 weeks, sqrt(2 / (23 · 21)).
    expect(curve?.rows[0]?.stdErr).toBeCloseTo(Math.sqrt(2 / (23 * 21)), 15);
    expect(curve?.rows[0]?.survival).toBeCloseTo(21 / 23, 15);
  });

  it('gives identical curves from a hand-made count table and from per-subject rows', () => {
    for (const name of [
      'lung by sex, rmean to 500',
      'aml, weights 1..23',
      'heart by transplant, delayed entry',
    ]) {
      const { input, options } = caseNamed(name);
      for (const { group, ...curve } of kaplanMeier(input, options))
        expect(kaplanMeierFromCounts(subjectRowsAsCounts(input, group), options)).toEqual(curve);
    }
  });

  it('gives the unweighted lung curves from its frequency table', () => {
    const unweighted = kaplanMeier(caseNamed('lung by sex, rmean to 500').input, { rmeanTau: 500 });
    const weighted = kaplanMeier(caseNamed('lung by sex, frequency table').input, { rmeanTau: 500 });
    expect(weighted).toEqual(unweighted);
  });

  it('takes the midpoint of the flat stretch where S(t) is exactly 0.5 as the median', () => {
    const [curve] = kaplanMeier({ time: [1, 2, 3, 4, 5, 6], event: [1, 1, 1, 0, 1, 0] });
    expect(curve?.median.estimate).toBe(4);
  });

  it('does not count a spell at risk at its own entry time', () => {
    const [curve] = kaplanMeier({ entry: [0, 2, 0], time: [2, 5, 5], event: [1, 1, 0] });
    expect(curve?.rows.map((r) => r.nRisk)).toEqual([2, 2]);
  });

  it('names the row of an entry that is not before its exit', () => {
    expect(() => kaplanMeier({ entry: [0, 5], time: [3, 5], event: [1, 1] })).toThrow(
      new SurvivalError('row 2: entry must be a finite number before time 5, found 5'),
    );
  });

  it('refuses a count table with more entries than exits', () => {
    expect(() =>
      kaplanMeierFromCounts({ time: [1, 2], nEvent: [1, 0], nCensor: [0, 0], nEnter: [0, 3] }),
    ).toThrow(SurvivalError);
  });

  it('reduces per-subject rows to one count table per group, groups in order', () => {
    const tables = countsByGroup({ time: [3, 1, 3, 2], event: [1, 0, 0, 1], group: ['b', 'a', 'b', 'a'] });
    expect(tables).toEqual([
      { group: 'a', counts: { time: [1, 2], nEvent: [0, 1], nCensor: [1, 0] } },
      { group: 'b', counts: { time: [3], nEvent: [1], nCensor: [1] } },
    ]);
  });
});
