import { describe, expect, it } from 'vitest';
import fixture from '../../../../tools/oracle/fixtures/nelson-aalen.json' with { type: 'json' };
import { countsByGroup, type SurvivalData } from './counts.ts';
import { kaplanMeier } from './kaplan-meier.ts';
import { nelsonAalen, nelsonAalenFromCounts } from './nelson-aalen.ts';
import { groupValue, list, mismatches, nums, object } from './oracle.test-support.ts';

const ROW_FIELDS = ['time', 'nRisk', 'nEvent', 'nCensor', 'cumHazard', 'stdErr'] as const;

interface Case {
  readonly name: string;
  readonly input: SurvivalData;
  readonly curves: readonly {
    readonly group: string | number | null;
    readonly rows: Record<(typeof ROW_FIELDS)[number], number[]>;
  }[];
}

const cases: Case[] = list(object(fixture, 'nelson-aalen.json').cases, 'cases').map((c, i) => {
  const raw = object(c, `cases[${i}]`);
  const input = object(raw.input, `cases[${i}].input`);
  const optional = (key: string) => (input[key] === undefined ? {} : { [key]: nums(input[key], key) });
  return {
    name: String(raw.name),
    input: {
      time: nums(input.time, 'time'),
      event: nums(input.event, 'event'),
      ...optional('weight'),
      ...optional('entry'),
      ...(input.group === undefined ? {} : { group: nums(input.group, 'group') }),
    },
    curves: list(raw.curves, `cases[${i}].curves`).map((curve, j) => {
      const e = object(curve, `cases[${i}].curves[${j}]`);
      const rows = object(e.rows, 'rows');
      return {
        group: groupValue(e.group, 'group'),
        rows: Object.fromEntries(
          ROW_FIELDS.map((f) => [f, nums(rows[f], f)]),
        ) as Case['curves'][number]['rows'],
      };
    }),
  };
});

describe('nelsonAalen', () => {
  it.each(cases)("agrees with R survfit's cumhaz and std.chaz to 1e-8 on $name", ({ input, curves }) => {
    const fitted = nelsonAalen(input);
    expect(fitted.map((c) => c.group)).toEqual(curves.map((c) => c.group));
    const problems = curves.flatMap((expected, j) =>
      ROW_FIELDS.flatMap((f) =>
        mismatches(
          `curve ${expected.group ?? ''} ${f}`,
          (fitted[j]?.rows ?? []).map((r) => r[f]),
          expected.rows[f],
        ),
      ),
    );
    expect(problems).toEqual([]);
  });

  it('gives identical estimates from count tables and from per-subject rows', () => {
    for (const { input } of cases)
      for (const { group, counts } of countsByGroup(input)) {
        const fromSubjects = nelsonAalen(input).find((c) => c.group === group);
        expect(nelsonAalenFromCounts(counts)).toEqual(fromSubjects?.rows);
      }
  });

  it('steps by d/n at each event time: 2/23 then 2/23 + 2/21 for aml', () => {
    const aml = cases.find((c) => c.name === 'aml')?.input as SurvivalData;
    const rows = nelsonAalen(aml)[0]?.rows ?? [];
    expect(rows[0]?.cumHazard).toBeCloseTo(2 / 23, 15);
    expect(rows[1]?.cumHazard).toBeCloseTo(2 / 23 + 2 / 21, 15);
    expect(rows[1]?.stdErr).toBeCloseTo(Math.sqrt(2 / 23 ** 2 + 2 / 21 ** 2), 15);
  });

  it('stays below the Kaplan-Meier cumulative hazard −log S(t), since x < −log(1 − x)', () => {
    const aml = cases.find((c) => c.name === 'aml')?.input as SurvivalData;
    const hazard = nelsonAalen(aml)[0]?.rows ?? [];
    const km = kaplanMeier(aml)[0]?.rows ?? [];
    hazard.forEach((r, i) => expect(r.cumHazard).toBeLessThan(-Math.log(km[i]?.survival ?? 1)));
  });
});
