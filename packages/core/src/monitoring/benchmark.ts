/**
 * Expected against actual support: the benchmark of the ministry (STAR, model by VIVE, published on
 * jobindsats as Y30R21) compares each municipality's full-time persons on public support with the
 * number expected from its framework conditions, the population's composition and the local labour
 * market (RULES.md §5). A municipality below its expectation does better than its conditions
 * predict; one above does worse. This is the same idea on the framework variables of peers.ts, not
 * a copy of VIVE's model, whose variables and specification are its own.
 *
 * The model: the share on support, full-time persons ÷ population aged 16-66, is a binomial GLM with
 * the logit link on the standardised framework variables, with the population as prior weights
 * (R: `glm(share ~ z1 + … , family = binomial, weights = population)`), so a large municipality
 * weighs as its residents do. Full-time persons are fractional by definition (26 weeks of 52 is 0.5),
 * so R's warning about non-integer successes is expected and dropped; the estimates are the
 * quasi-likelihood ones. The standard errors assume binomial variance of independent persons and
 * are far too small for municipalities, which differ by more than chance (overdispersion): read the
 * coefficients, not their p-values. With an intercept, the fitted totals equal the actual totals
 * (the score equation of the intercept), so the differences sum to 0 over the municipalities.
 *
 * Each variable is standardised over the municipalities, each counting once, to
 * z = (x − mean) / sd (population sd), so that a coefficient is the change in log-odds per standard
 * deviation; standardising changes no fitted value. `publicSupport` is the outcome and is left out
 * of the default variables.
 *
 * The rank puts first the municipality most below its expectation, by (actual − expected) ÷
 * population, the difference in shares, so that large and small municipalities are ranked alike;
 * equal differences by code.
 */

import { designMatrix } from '../regression/design.ts';
import { fitGlm, type GlmCoefficient, type GlmWarning } from '../regression/glm.ts';
import { FRAMEWORK_VARIABLES, standardise, type FrameworkVariable } from './peers.ts';

/** The default covariates: every framework variable but the outcome, `publicSupport`. */
export const BENCHMARK_VARIABLES: readonly FrameworkVariable[] = FRAMEWORK_VARIABLES.map((v) => v.id).filter(
  (id) => id !== 'publicSupport',
);

export interface BenchmarkInput {
  readonly code: number;
  /** Residents aged 16-66. */
  readonly population: number;
  /** Full-time persons on public support (fuldtidspersoner), aged 16-66. */
  readonly fullTimePersons: number;
  readonly values: Readonly<Partial<Record<FrameworkVariable, number>>>;
}

export interface BenchmarkRow {
  readonly code: number;
  readonly population: number;
  readonly actualFullTimePersons: number;
  /** The fitted share × population. */
  readonly expectedFullTimePersons: number;
  /** actual − expected: below 0 where fewer are on support than the conditions predict. */
  readonly differencePersons: number;
  /** differencePersons × the net cost of a full-time person a year; null without a cost. */
  readonly differenceKroner: number | null;
  readonly actualShare: number;
  readonly expectedShare: number;
  /** 1 for the municipality most below its expectation (by the difference in shares). */
  readonly rank: number;
}

export interface SupportBenchmark {
  /** In rank order. */
  readonly rows: readonly BenchmarkRow[];
  readonly variables: readonly FrameworkVariable[];
  /** `(Intercept)`, then one per variable on the standardised scale (log-odds per sd). */
  readonly coefficients: readonly GlmCoefficient[];
  /** The mean and population sd each variable was standardised with. */
  readonly standardisation: Readonly<Record<string, { mean: number; standardDeviation: number }>>;
  readonly deviance: number;
  readonly nullDeviance: number;
  readonly converged: boolean;
  /** The GLM's warnings but the expected one about non-integer counts. */
  readonly warnings: readonly GlmWarning[];
}

/**
 * Expected full-time persons on public support per municipality from a binomial logit GLM of the
 * share on the standardised framework variables, weights the population; needs at least
 * variables + 2 municipalities, so that one degree of freedom is left beyond the coefficients.
 */
export function expectedSupport(input: {
  rows: readonly BenchmarkInput[];
  variables?: readonly FrameworkVariable[];
  netCostPerFullTimePerson?: number;
}): SupportBenchmark {
  const { rows } = input;
  const variables = input.variables ?? BENCHMARK_VARIABLES;
  const cost = input.netCostPerFullTimePerson;
  const known = FRAMEWORK_VARIABLES.map((v) => v.id);
  variables.forEach((id, i) => {
    if (!known.includes(id))
      throw new RangeError(
        `variables[${i}]: "${String(id)}" is not a framework variable (${known.join(', ')})`,
      );
    if (variables.indexOf(id) !== i) throw new RangeError(`variables: ${id} is given more than once`);
  });
  if (rows.length < variables.length + 2)
    throw new RangeError(
      `rows: expected at least ${variables.length + 2} municipalities for ${variables.length} variables (variables + 2), found ${rows.length}`,
    );
  if (cost !== undefined && !(Number.isFinite(cost) && cost >= 0))
    throw new RangeError(`netCostPerFullTimePerson: expected a finite number of kroner ≥ 0, found ${cost}`);
  const codes = new Set<number>();
  for (const row of rows) {
    if (codes.has(row.code)) throw new RangeError(`rows: municipality ${row.code} appears more than once`);
    codes.add(row.code);
    if (!(Number.isFinite(row.population) && row.population > 0))
      throw new RangeError(
        `municipality ${row.code}, population: expected a number above 0, found ${row.population}`,
      );
    if (!(
      Number.isFinite(row.fullTimePersons) &&
      row.fullTimePersons >= 0 &&
      row.fullTimePersons <= row.population
    ))
      throw new RangeError(
        `municipality ${row.code}, fullTimePersons: expected a number from 0 to the population (${row.population}), found ${row.fullTimePersons}`,
      );
  }

  const table: Record<string, number[]> = {};
  const standardisation: Record<string, { mean: number; standardDeviation: number }> = {};
  for (const id of variables) {
    const values = rows.map((row) => {
      const value = row.values[id];
      if (value === undefined) throw new RangeError(`municipality ${row.code}: no value for ${id}`);
      if (!Number.isFinite(value))
        throw new RangeError(`municipality ${row.code}, ${id}: expected a finite number, found ${value}`);
      return value;
    });
    const { mean, standardDeviation, z } = standardise(values);
    if (!(standardDeviation > 0))
      throw new RangeError(
        `${id}: has the same value (${values[0]}) in every municipality, so it cannot explain a difference; leave it out`,
      );
    standardisation[id] = { mean, standardDeviation };
    table[id] = [...z];
  }

  const fit = fitGlm({
    x: designMatrix(table, variables),
    response: { y: rows.map((row) => row.fullTimePersons / row.population) },
    weights: rows.map((row) => row.population),
    family: 'binomial',
  });

  const unranked = rows.map((row, i) => {
    const expectedShare = fit.fitted[i]!;
    const expectedFullTimePersons = expectedShare * row.population;
    const differencePersons = row.fullTimePersons - expectedFullTimePersons;
    return {
      code: row.code,
      population: row.population,
      actualFullTimePersons: row.fullTimePersons,
      expectedFullTimePersons,
      differencePersons,
      differenceKroner: cost === undefined ? null : differencePersons * cost,
      actualShare: row.fullTimePersons / row.population,
      expectedShare,
    };
  });
  const byShareDifference = (row: (typeof unranked)[number]) => row.differencePersons / row.population;
  const ranked = [...unranked]
    .sort((a, b) => byShareDifference(a) - byShareDifference(b) || a.code - b.code)
    .map((row, i) => ({ ...row, rank: i + 1 }));

  return {
    rows: ranked,
    variables: [...variables],
    coefficients: fit.coefficients,
    standardisation,
    deviance: fit.deviance,
    nullDeviance: fit.nullDeviance,
    converged: fit.converged,
    warnings: fit.warnings.filter((w) => w.code !== 'non-integer-counts'),
  };
}
