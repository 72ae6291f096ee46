import { describe, expect, it } from 'vitest';
import fixture from '../../../../tools/oracle/fixtures/logrank.json' with { type: 'json' };
import { SurvivalError } from './counts.ts';
import { logRank, logRankFromCounts, type LogRankData } from './logrank.ts';
import { groupValue, list, mismatches, num, nums, object } from './oracle.test-support.ts';

interface Case {
  readonly name: string;
  readonly input: LogRankData;
  readonly rho: number;
  readonly groups: readonly (string | number)[];
  readonly n: readonly number[];
  readonly observed: readonly number[];
  readonly expected: readonly number[];
  readonly variance: readonly number[][];
  readonly chiSquare: number;
  readonly df: number;
  readonly p: number;
}

function groupValues(v: unknown, what: string): (string | number)[] {
  return list(v, what).map((g, i) => groupValue(g, `${what}[${i}]`) ?? '');
}

const cases: Case[] = list(object(fixture, 'logrank.json').cases, 'cases').map((c, i) => {
  const raw = object(c, `cases[${i}]`);
  const input = object(raw.input, `cases[${i}].input`);
  return {
    name: String(raw.name),
    input: {
      time: nums(input.time, 'time'),
      event: nums(input.event, 'event'),
      group: groupValues(input.group, 'group'),
      ...(input.stratum === undefined ? {} : { stratum: groupValues(input.stratum, 'stratum') }),
      ...(input.weight === undefined ? {} : { weight: nums(input.weight, 'weight') }),
    },
    rho: num(object(raw.options, 'options').rho, 'rho'),
    groups: groupValues(raw.groups, 'groups'),
    n: nums(raw.n, 'n'),
    observed: nums(raw.observed, 'observed'),
    expected: nums(raw.expected, 'expected'),
    variance: list(raw.variance, 'variance').map((row, j) => nums(row, `variance[${j}]`)),
    chiSquare: num(raw.chiSquare, 'chiSquare'),
    df: num(raw.df, 'df'),
    p: num(raw.p, 'p'),
  };
});

function caseNamed(name: string): Case {
  const found = cases.find((c) => c.name === name);
  if (found === undefined) throw new Error(`no fixture case "${name}"`);
  return found;
}

describe('logRank', () => {
  it.each(cases)('agrees with R survdiff to 1e-8 on $name', (expected) => {
    const test = logRank(expected.input, { rho: expected.rho });
    expect(test.groups.map((g) => g.group)).toEqual(expected.groups);
    expect(test.df).toBe(expected.df);
    const problems = [
      ...mismatches(
        'n',
        test.groups.map((g) => g.n),
        expected.n,
      ),
      ...mismatches(
        'observed',
        test.groups.map((g) => g.observed),
        expected.observed,
      ),
      ...mismatches(
        'expected',
        test.groups.map((g) => g.expected),
        expected.expected,
      ),
      ...expected.variance.flatMap((row, j) => mismatches(`variance[${j}]`, test.variance[j] ?? [], row)),
      ...mismatches('chi-square, p', [test.chiSquare, test.p], [expected.chiSquare, expected.p]),
    ];
    expect(problems).toEqual([]);
  });

  it('reproduces the published aml figure: chi-square 3.39638869898 on 1 df', () => {
    const test = logRank(caseNamed('aml by x').input);
    expect(test.chiSquare).toBeCloseTo(3.39638869898, 10);
    expect(test.df).toBe(1);
  });

  it('gives the same test from count tables as from per-subject rows', () => {
    // lung by sex stratified by ph.ecog, counted by hand into one table per (sex, ph.ecog) cell.
    const { input } = caseNamed('lung by sex, stratified by ph.ecog');
    const cells = new Map<
      string,
      { group: string | number; stratum: string | number; time: number[]; d: number[]; c: number[] }
    >();
    input.time.forEach((time, i) => {
      const group = input.group[i] as number;
      const stratum = input.stratum?.[i] as number;
      const key = `${group}/${stratum}`;
      const cell = cells.get(key) ?? { group, stratum, time: [], d: [], c: [] };
      cell.time.push(time);
      cell.d.push(input.event[i] === 1 ? 1 : 0);
      cell.c.push(input.event[i] === 1 ? 0 : 1);
      cells.set(key, cell);
    });
    const fromCounts = logRankFromCounts(
      [...cells.values()].map(({ group, stratum, time, d, c }) => ({
        group,
        stratum,
        counts: { time, nEvent: d, nCensor: c },
      })),
    );
    expect(fromCounts).toEqual(logRank(input));
  });

  it('refuses delayed entry, which survdiff does not take', () => {
    expect(() =>
      logRankFromCounts([
        { group: 'a', counts: { time: [0, 2], nEvent: [0, 1], nCensor: [0, 0], nEnter: [1, 0] } },
        { group: 'b', counts: { time: [3], nEvent: [1], nCensor: [0] } },
      ]),
    ).toThrow(SurvivalError);
  });

  it('refuses a single group', () => {
    expect(() => logRank({ time: [1, 2], event: [1, 1], group: ['a', 'a'] })).toThrow(
      new SurvivalError('the log-rank test needs at least two groups'),
    );
  });
});
