/**
 * `jobinvest stats`: the survival, regression and agreement estimators of @jobinvest/core run on a
 * CSV file, so that an analyst can check a number against R without writing code: Kaplan-Meier
 * (`km`), the log-rank test (`logrank`), Cox regression (`cox`), cumulative incidence of competing
 * risks (`cif`), binomial / Poisson GLMs (`glm`), Cohen's kappa of two raters (`kappa`), Cronbach's
 * alpha of a scale's items (`alpha`) and the intraclass correlations of raters (`icc`).
 *
 * Every cell is validated before an estimator sees it, so a bad cell is reported by file, line,
 * column, what was expected and what was found. Rows with empty cells are refused rather than
 * dropped (R's `na.omit`), so the rows fitted are the rows of the file.
 */

import { resolve } from 'node:path';
import {
  AgreementError,
  DesignError,
  GlmError,
  SurvivalError,
  aalenJohansen,
  cohenKappa,
  competingRisks,
  coxRegression,
  cronbachAlpha,
  designMatrix,
  fitGlm,
  formatNumber,
  intraclassCorrelation,
  kaplanMeier,
  logRank,
  type CohenKappa,
  type ColumnValues,
  type CoxFit,
  type CoxTies,
  type GlmFamily,
  type GlmFit,
  type GlmLink,
  type GroupValue,
  type IccForm,
  type KappaWeights,
  type KaplanMeierStratum,
  type LogRankTest,
  type StateOccupationStratum,
} from '@jobinvest/core';
import { Argument, InvalidArgumentError, Option, type Command } from 'commander';
import type { CliIo } from '../context.ts';
import { readCsvFile, type CsvTable } from '../input/csv.ts';
import { InputError } from '../input/input-error.ts';
import { parseNumber } from '../input/numbers.ts';
import { renderTable, type Column } from '../cli/table.ts';

const METHODS = ['km', 'logrank', 'cox', 'cif', 'glm', 'kappa', 'alpha', 'icc'] as const;
type Method = (typeof METHODS)[number];
const KAPPA_WEIGHTS: readonly KappaWeights[] = ['none', 'linear', 'quadratic'];

interface StatsOptions {
  csv: string;
  time?: string;
  start?: string;
  event?: string;
  group?: string;
  covariates?: string[];
  strata?: string;
  weights?: string;
  ties?: CoxTies;
  family?: GlmFamily;
  link?: GlmLink;
  offset?: string;
  a?: string;
  b?: string;
  items?: string[];
  levels?: number[];
  json?: boolean;
}

type ColumnOption =
  'time' | 'start' | 'event' | 'group' | 'covariates' | 'strata' | 'weights' | 'offset' | 'a' | 'b' | 'items';
type ModelOption = 'ties' | 'family' | 'link' | 'levels';
const OPTIONS = [
  ...['time', 'start', 'event', 'group', 'covariates', 'strata', 'weights', 'offset', 'a', 'b', 'items'],
  ...['ties', 'family', 'link', 'levels'],
] as const satisfies readonly (ColumnOption | ModelOption)[];

/**
 * The options each method takes besides --csv and --json; any other is refused, not ignored. For
 * kappa --weights is the weighting (none, linear, quadratic), for the others a column of weights.
 */
const ACCEPTS: Record<Method, readonly (ColumnOption | ModelOption)[]> = {
  km: ['time', 'start', 'event', 'group', 'weights'],
  logrank: ['time', 'event', 'group', 'strata', 'weights'],
  cox: ['time', 'start', 'event', 'covariates', 'strata', 'weights', 'ties'],
  cif: ['time', 'start', 'event', 'group', 'weights'],
  glm: ['time', 'event', 'covariates', 'weights', 'family', 'link', 'offset'],
  kappa: ['a', 'b', 'weights', 'levels'],
  alpha: ['items'],
  icc: ['items'],
};

const HELP = `
Methods (R equivalents, survival 3.5.3 and psych 2.2.9):
  km       Kaplan-Meier per --group: survfit(Surv([start,] time, event) ~ group, weights =)
  logrank  log-rank test of --group: survdiff(Surv(time, event) ~ group + strata(strata))
  cox      Cox regression: coxph(Surv([start,] time, event) ~ covariates + strata(strata), ties =)
  cif      cumulative incidence per --group; --event is 0 for censored, 1..k for the cause:
           survfit(Surv([start,] time, factor(event)) ~ group)
  glm      glm(event ~ covariates, family = binomial|poisson(link), weights =, offset =); --event is
           the response (0/1 for binomial, counts for poisson); for poisson --time is the exposure
           (adds log(time) to the offset)
  kappa    Cohen's kappa of the ratings in --a and --b (one row per person rated by both), with
           --weights none (default), linear or quadratic on the positions of the categories in
           --levels (default: the values used; give 1,2,3,4,5 for scores 1-5 so that an unused
           score counts): psych::cohen.kappa(cbind(a, b), w =, levels =), its confid row
  alpha    Cronbach's alpha of the --items (one row per person): psych::alpha(x)$total and
           $alpha.drop (alpha if an item is dropped)
  icc      the six Shrout-Fleiss intraclass correlations of the raters in --items (one row per
           subject): psych::ICC(x, lmer = FALSE)$results

Columns are matched case-insensitively. Numbers may use a decimal comma: in a file separated by ";",
or in a column where any value has a comma, numbers are read the Danish way ("1.234,5"); elsewhere a
dot is a decimal point ("2.620" is 2.62). A covariate with any non-numeric value is categorical and
expanded with treatment contrasts, its first level (in R's sort order) the reference, as R does.
Empty cells are refused, not dropped.

JSON (--json):
  km       {strata: [{group, rows: [{time, nRisk, nEvent, nCensor, survival, stdErr, lower, upper}],
           events, median: {estimate, lower, upper}, restrictedMean, confType, confLevel}]}
           (stdErr is R's std.err: of the cumulative hazard; NaN and infinite values are null)
  logrank  {groups: [{group, n, observed, expected}], variance, chiSquare, df, p, rho}
  cox      {ties, n, nEvents, coefficients: [{name, coef, expCoef, se, z, p, lower, upper}],
           variance, loglik: [null model, fitted], tests: {likelihoodRatio, wald, score}, convergence}
  cif      {strata: [{group, causes, rows: [{time, nRisk, nEvent: [per cause], nCensor, survival,
           incidence: [per cause], stdErr: [per cause], lower: [per cause], upper: [per cause]}]}]}
  glm      {family, link, coefficients: [{name, coef, se, z, p}], covariance, logLik, deviance,
           nullDeviance, dfResidual, dfNull, aic, iterations, converged, boundary, warnings}
  kappa    {weights, kappa, variance, se, lower, upper, n, levels, observed, expected, table,
           weightMatrix, varianceClamped, boundsClipped} (lower and upper: 95 %, within ±1;
           varianceClamped: psych set a negative variance to 0)
  alpha    {alpha, standardizedAlpha, lambda6, averageR, signalNoise, se, medianR, n, items, mean,
           sd, drop: [{item, alpha, standardizedAlpha, lambda6, averageR, signalNoise, se, medianR,
           varianceR}]} (lambda6 is psych's G6(smc); se null where psych gives none)
  icc      {n, raters, forms: [{type, name, icc, f, df1, df2, p, lower, upper}], msb, msj, mse, msw}
           (type ICC1, ICC2, ICC3, ICC1k, ICC2k, ICC3k; lower and upper: 95 %)`;

function columnList(text: string): string[] {
  const names = text.split(',').map((s) => s.trim());
  if (names.some((s) => s === ''))
    throw new InvalidArgumentError(
      `expected column names separated by commas, such as age,sex; found "${text}"`,
    );
  return names;
}

function levelList(text: string): number[] {
  const levels = text.split(',').map((s) => plainNumber(s));
  if (levels.some((x) => x === null))
    throw new InvalidArgumentError(
      `expected the categories as numbers separated by commas, such as 1,2,3,4,5; found "${text}"`,
    );
  return levels as number[];
}

/** Adds `stats` to the program; bad cells are `InputError`s, bad option combinations commander errors. */
export function registerStatsCommands(program: Command, io: CliIo): void {
  program
    .command('stats')
    .description(
      'Survival, regression and agreement estimates from a CSV file, with the conventions of R: ' +
        'Kaplan-Meier, log-rank test, Cox regression, cumulative incidence of competing risks, ' +
        "binomial and Poisson GLMs, Cohen's kappa, Cronbach's alpha, intraclass correlations.",
    )
    .addArgument(new Argument('<method>', 'the estimator').choices(METHODS))
    .requiredOption('--csv <file>', 'CSV file with a header line (separated by ",", ";" or tab)')
    .option('--time <col>', 'time of the event or censoring (not for glm; for glm poisson: exposure)')
    .option('--start <col>', 'entry time for delayed entry: at risk on (start, time] (km, cox, cif)')
    .option(
      '--event <col>',
      '1 event / 0 censored; cif: 0 censored, 1..k cause; glm: the response (0/1 or counts)',
    )
    .option('--group <col>', 'one curve per value (km, cif); the groups compared (logrank)')
    .option('--covariates <cols>', 'comma-separated covariate columns (cox, glm)', columnList)
    .option('--strata <col>', 'stratum column: separate baseline hazards (cox), tests within (logrank)')
    .option('--weights <col>', 'frequency / case weights; kappa: none, linear or quadratic')
    .addOption(
      new Option('--ties <method>', 'tied event times in cox (default efron)').choices(['efron', 'breslow']),
    )
    .addOption(
      new Option('--family <family>', 'glm family (default binomial)').choices(['binomial', 'poisson']),
    )
    .addOption(
      new Option('--link <link>', 'glm link (default logit for binomial, log for poisson)').choices([
        'logit',
        'cloglog',
        'log',
      ]),
    )
    .option('--offset <col>', 'glm offset column, on the scale of the linear predictor')
    .option('--a <col>', "kappa: the first rater's ratings")
    .option('--b <col>', "kappa: the second rater's ratings")
    .option('--items <cols>', 'comma-separated columns: the items (alpha), the raters (icc)', columnList)
    .option('--levels <values>', 'kappa: the categories in scale order, such as 1,2,3,4,5', levelList)
    .option('--json', 'print JSON (fields below)')
    .addHelpText('after', HELP)
    .action(async (method: Method, options: StatsOptions, command: Command) => {
      for (const name of OPTIONS) {
        if (options[name] !== undefined && !ACCEPTS[method].includes(name))
          command.error(`error: stats ${method} does not take --${name}`);
      }
      if (ACCEPTS[method].includes('event') && options.event === undefined)
        command.error(`error: stats ${method} needs --event <col>`);
      if (ACCEPTS[method].includes('time') && method !== 'glm' && options.time === undefined)
        command.error(`error: stats ${method} needs --time <col>`);
      if (method === 'kappa' && (options.a === undefined || options.b === undefined))
        command.error("error: stats kappa needs --a <col> and --b <col>: the two raters' ratings");
      if (method === 'kappa' && options.weights !== undefined && !isKappaWeights(options.weights))
        command.error(
          `error: stats kappa takes --weights none, linear or quadratic, found "${options.weights}"`,
        );
      if ((method === 'alpha' || method === 'icc') && (options.items?.length ?? 0) < 2)
        command.error(`error: stats ${method} needs --items <cols> with at least two columns, such as A,B,C`);
      if (method === 'logrank' && options.group === undefined)
        command.error('error: stats logrank needs --group <col>: the groups to compare');
      if (method === 'cox' && options.covariates === undefined)
        command.error('error: stats cox needs --covariates <cols>');
      if (method === 'glm' && options.time !== undefined && options.family !== 'poisson')
        command.error('error: stats glm takes --time only as the exposure of --family poisson');

      const data = new StatsData(await readCsvFile(resolve(io.cwd, options.csv)));
      let output: { json: unknown; text: string };
      try {
        output = run(method, options, data);
      } catch (error) {
        if (
          error instanceof SurvivalError ||
          error instanceof GlmError ||
          error instanceof DesignError ||
          error instanceof AgreementError
        )
          command.error(`jobinvest: ${data.table.file}: ${error.message}`);
        throw error;
      }
      io.out(options.json ? JSON.stringify(output.json, null, 2) + '\n' : output.text);
    });
}

const isKappaWeights = (text: string): text is KappaWeights => (KAPPA_WEIGHTS as string[]).includes(text);

function run(method: Method, o: StatsOptions, d: StatsData): { json: unknown; text: string } {
  switch (method) {
    case 'kappa': {
      const weights = o.weights as KappaWeights | undefined;
      const k = cohenKappa(d.ratings(o.a as string, o.levels), d.ratings(o.b as string, o.levels), {
        ...(weights === undefined ? {} : { weights }),
        ...(o.levels === undefined ? {} : { levels: o.levels }),
      });
      return { json: k, text: kappaText(k) };
    }
    case 'alpha': {
      const items = o.items ?? [];
      const rows = d.matrix(items, 'an item score (a number)');
      items.forEach((column, j) => {
        if (rows.every((row) => row[j] === rows[0]?.[j]))
          throw new InputError({
            file: d.table.file,
            column,
            expected: 'item scores that vary between persons',
            found: `${rows[0]?.[j]} in every row`,
          });
      });
      const a = cronbachAlpha(rows);
      const json = { ...a, items, drop: a.drop.map((x) => ({ ...x, item: items[x.item] })) };
      return { json, text: alphaText(json) };
    }
    case 'icc': {
      const raters = o.items ?? [];
      const icc = intraclassCorrelation(d.matrix(raters, 'a rating (a number)'));
      const json = { ...icc, raters };
      return { json, text: iccText(json.forms, icc.n, raters) };
    }
    default:
      return runSurvival(method, o, d);
  }
}

function runSurvival(
  method: Exclude<Method, 'kappa' | 'alpha' | 'icc'>,
  o: StatsOptions,
  d: StatsData,
): { json: unknown; text: string } {
  const eventColumn = o.event as string;
  const weight = o.weights === undefined ? undefined : d.weights(o.weights, method === 'cox');
  const entry = o.start === undefined ? undefined : d.numbers(o.start, 'an entry time');
  const time = o.time === undefined || method === 'glm' ? [] : d.times(o.time, o.start, entry);
  const group = o.group === undefined ? undefined : d.groups(o.group);
  const opt = <T>(key: string, value: T | undefined) => (value === undefined ? {} : { [key]: value });
  switch (method) {
    case 'km': {
      const event = d.events(eventColumn, 1);
      const strata = kaplanMeier({
        time,
        event,
        ...opt('weight', weight),
        ...opt('entry', entry),
        ...opt('group', group),
      });
      return { json: { strata }, text: kaplanMeierText(strata) };
    }
    case 'logrank': {
      const event = d.events(eventColumn, 1);
      const test = logRank({
        time,
        event,
        group: group as GroupValue[],
        ...opt('stratum', o.strata === undefined ? undefined : d.groups(o.strata)),
        ...opt('weight', weight),
      });
      return { json: test, text: logRankText(test) };
    }
    case 'cox': {
      const event = d.events(eventColumn, 1);
      const x = designMatrix(d.covariateTable(o.covariates ?? []), o.covariates ?? []);
      // Built with the intercept and then dropped, as coxph does, so a categorical covariate keeps its
      // reference level (without an intercept designMatrix would give every level a column).
      const fit = coxRegression(
        {
          time,
          event,
          covariates: { names: x.names.slice(1), columns: x.columns.slice(1) },
          ...opt('entry', entry),
          ...opt('strata', o.strata === undefined ? undefined : d.groups(o.strata)),
          ...opt('weight', weight),
        },
        { ties: o.ties ?? 'efron' },
      );
      // The baseline hazard has a row per distinct time (a million for a million subjects): left out.
      const { ties, n, nEvents, coefficients, variance, loglik, tests, convergence } = fit;
      const json = { ties, n, nEvents, coefficients, variance, loglik, tests, convergence };
      return { json, text: coxText(fit) };
    }
    case 'cif': {
      const status = d.events(eventColumn, Infinity);
      const k = status.reduce((max, s) => Math.max(max, s), 0);
      if (k === 0)
        throw new InputError({
          file: d.table.file,
          column: eventColumn,
          expected: 'at least one event (a cause 1, 2, …)',
          found: 'only 0 (censored)',
        });
      const causes = Array.from({ length: k }, (_, j) => String(j + 1));
      const states = ['0', ...causes];
      const strata =
        entry === undefined
          ? competingRisks(
              { time, status, ...opt('weight', weight), ...opt('group', group) },
              { causes, initialState: '0' },
            )
          : aalenJohansen(
              {
                id: time.map((_, i) => i),
                start: entry,
                stop: time,
                from: time.map(() => 0),
                to: status.map((s) => (s === 0 ? null : s)),
                ...opt('weight', weight),
                ...opt('group', group),
              },
              { states },
            );
      const json = { strata: strata.map((s) => incidenceStratum(s, causes)) };
      return { json, text: incidenceText(json.strata) };
    }
    case 'glm': {
      const family = o.family ?? 'binomial';
      const covariates = o.covariates ?? [];
      const response = d.responses(eventColumn, family);
      const x = designMatrix(d.covariateTable(covariates), covariates);
      const fit = fitGlm({
        x,
        response:
          o.time === undefined ? { y: response } : { events: response, exposure: d.exposures(o.time) },
        family,
        ...opt('link', o.link),
        ...opt('weights', weight),
        ...opt('offset', o.offset === undefined ? undefined : d.numbers(o.offset, 'an offset')),
      });
      // The fitted values (one per row) are left out.
      const { family: f, link, coefficients, covariance, logLik, deviance, nullDeviance } = fit;
      const { dfResidual, dfNull, aic, iterations, converged, boundary, warnings } = fit;
      const json = {
        ...{ family: f, link, coefficients, covariance, logLik, deviance, nullDeviance },
        ...{ dfResidual, dfNull, aic, iterations, converged, boundary, warnings },
      };
      return { json, text: glmText(fit) };
    }
  }
}

/** A plain number: a dot is the decimal point, no thousands separators. */
function plainNumber(text: string): number | null {
  const s = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  const x = Number(s);
  return Number.isFinite(x) ? x : null;
}

/** The columns of a CSV table read as the estimators need them, every cell checked. */
class StatsData {
  constructor(readonly table: CsvTable) {}

  /** The raw cells of a column (matched case-insensitively), empty cells refused. */
  private cells(column: string): { line: number; text: string }[] {
    const k = this.table.header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (k < 0)
      throw new InputError({
        file: this.table.file,
        line: 1,
        column,
        expected: `a column named "${column}"`,
        found: this.table.header.join(this.table.delimiter),
      });
    return this.table.records.map((r) => {
      const text = (r.values[k] ?? '').trim();
      if (text === '')
        throw new InputError({ file: this.table.file, line: r.line, column, expected: 'a value', found: '' });
      return { line: r.line, text };
    });
  }

  /**
   * How a column's numbers are written. Danish ("1.234,5", via parseNumber) in a ";"-separated file
   * or when any cell of the column has a comma; otherwise with a decimal point, because parseNumber
   * reads "2.620" as 2620 (a thousands dot) and data written by R, Stata or Python has "2.620" = 2.62.
   */
  private reader(cells: readonly { text: string }[]): (text: string) => number | null {
    return this.table.delimiter === ';' || cells.some((c) => c.text.includes(','))
      ? parseNumber
      : plainNumber;
  }

  /** A numeric column; `check` says which finite values are allowed and what was expected. */
  numbers(column: string, expected: string, check: (x: number) => boolean = () => true): number[] {
    const cells = this.cells(column);
    const read = this.reader(cells);
    return cells.map(({ line, text }) => {
      const x = read(text);
      if (x === null || !check(x))
        throw new InputError({ file: this.table.file, line, column, expected, found: text });
      return x;
    });
  }

  /** Exit times; with entry times each must be after its row's entry. */
  times(column: string, startColumn: string | undefined, entry: readonly number[] | undefined): number[] {
    const time = this.numbers(column, 'a time (a number)');
    if (entry !== undefined) {
      time.forEach((t, i) => {
        const e = entry[i] as number;
        if (!(t > e))
          throw new InputError({
            file: this.table.file,
            line: this.table.records[i]?.line,
            column,
            expected: `a time after the entry time in ${startColumn} (${e})`,
            found: String(t),
          });
      });
    }
    return time;
  }

  /** Event indicators: 0 censored, 1 … `maxCause` (1 for single-event data). */
  events(column: string, maxCause: number): number[] {
    const expected =
      maxCause === 1 ? '0 (censored) or 1 (event)' : '0 (censored) or a cause number 1, 2, … (whole number)';
    return this.numbers(column, expected, (x) => Number.isInteger(x) && x >= 0 && x <= maxCause);
  }

  weights(column: string, positive: boolean): number[] {
    return positive
      ? this.numbers(column, 'a weight > 0', (x) => x > 0)
      : this.numbers(column, 'a weight ≥ 0', (x) => x >= 0);
  }

  responses(column: string, family: GlmFamily): number[] {
    return family === 'binomial'
      ? this.numbers(column, 'a binomial response from 0 to 1 (0/1)', (x) => x >= 0 && x <= 1)
      : this.numbers(column, 'a count ≥ 0', (x) => x >= 0);
  }

  exposures(column: string): number[] {
    return this.numbers(column, 'an exposure time > 0', (x) => x > 0);
  }

  /** A column of ratings (numbers); with `levels`, each must be one of them. */
  ratings(column: string, levels: readonly number[] | undefined): number[] {
    const expected =
      levels === undefined ? 'a rating (a number)' : `a rating, one of the levels ${levels.join(', ')}`;
    return this.numbers(column, expected, (x) => levels === undefined || levels.includes(x));
  }

  /** Columns of numbers as rows (persons or subjects) × columns. */
  matrix(columns: readonly string[], expected: string): number[][] {
    const values = columns.map((c) => this.numbers(c, expected));
    return this.table.records.map((_, i) => values.map((column) => column[i] as number));
  }

  /** A grouping column: numbers when every value is one (so 1, 2, 10 sort as numbers), else strings. */
  groups(column: string): GroupValue[] {
    const cells = this.cells(column);
    const read = this.reader(cells);
    const numbers = cells.map((c) => read(c.text));
    return numbers.every((x) => x !== null) ? (numbers as number[]) : cells.map((c) => c.text);
  }

  /** Covariate columns for designMatrix: numeric, or strings (categorical) if any value is not a number. */
  covariateTable(columns: readonly string[]): Record<string, ColumnValues> {
    return Object.fromEntries(columns.map((c) => [c, this.groups(c)])) as Record<string, ColumnValues>;
  }
}

// ---------------------------------------------------------------------------------------------
// Output

interface IncidenceRow {
  time: number;
  nRisk: number;
  nEvent: number[];
  nCensor: number;
  /** Probability of no event yet (the initial state). */
  survival: number;
  incidence: number[];
  stdErr: number[];
  lower: number[];
  upper: number[];
}

interface IncidenceStratum {
  group: GroupValue | null;
  causes: string[];
  rows: IncidenceRow[];
}

/** A competing-risks curve with plain names: state 0 is "no event yet", states 1 … k the causes. */
function incidenceStratum(s: StateOccupationStratum, causes: string[]): IncidenceStratum {
  const causesOf = (values: readonly number[]) => values.slice(1);
  return {
    group: s.group,
    causes,
    rows: s.rows.map((r) => ({
      time: r.time,
      nRisk: r.nRisk[0] as number,
      nEvent: causesOf(r.nEvent),
      nCensor: r.nCensor,
      survival: r.probability[0] as number,
      incidence: causesOf(r.probability),
      stdErr: causesOf(r.stdErr),
      lower: causesOf(r.lower),
      upper: causesOf(r.upper),
    })),
  };
}

/** A number for a table: fixed decimals, "-" where R prints NA, "Inf" for infinity. */
function fixed(x: number, decimals: number): string {
  if (Number.isNaN(x)) return '-';
  if (!Number.isFinite(x)) return x > 0 ? 'Inf' : '-Inf';
  return formatNumber(x, decimals);
}

/** About `digits` significant digits, as R prints estimates. */
function significant(x: number, digits = 4): string {
  if (x === 0 || !Number.isFinite(x)) return fixed(x, 0);
  return fixed(x, Math.min(10, Math.max(0, digits - 1 - Math.floor(Math.log10(Math.abs(x))))));
}

/** A time or count with only the decimals it has (up to 6). */
function exact(x: number): string {
  const decimals = String(x).split('.')[1]?.length ?? 0;
  return fixed(x, Math.min(decimals, 6));
}

const pValue = (p: number) => (p < 1e-4 ? '< 0,0001' : fixed(p, 4));
const right = <T>(header: string, value: (row: T) => string): Column<T> => ({
  header,
  value,
  align: 'right',
});
const groupTitle = (group: GroupValue | null) => (group === null ? '' : `group = ${group}\n`);

function kaplanMeierText(strata: readonly KaplanMeierStratum[]): string {
  return strata
    .map((s) => {
      const level = formatNumber(s.confLevel * 100, 0);
      const m = s.median;
      const median = (x: number | null) => (x === null ? '-' : exact(x));
      const table = renderTable<KaplanMeierStratum['rows'][number]>(
        [
          right('time', (r) => exact(r.time)),
          right('n.risk', (r) => exact(r.nRisk)),
          right('n.event', (r) => exact(r.nEvent)),
          right('n.censor', (r) => exact(r.nCensor)),
          right('survival', (r) => fixed(r.survival, 4)),
          right('std.err', (r) => fixed(r.stdErr, 4)),
          right(`lower ${level} %`, (r) => fixed(r.lower, 4)),
          right(`upper ${level} %`, (r) => fixed(r.upper, 4)),
        ],
        s.rows,
      );
      return (
        groupTitle(s.group) +
        table +
        `events ${exact(s.events)}; median ${median(m.estimate)} ` +
        `(${level} % CI ${median(m.lower)} to ${median(m.upper)}); ` +
        `std.err is of the cumulative hazard, CI on the ${s.confType} scale\n`
      );
    })
    .join('\n');
}

function logRankText(test: LogRankTest): string {
  const rows = test.groups.map((g, i) => ({ ...g, v: (test.variance[i] as number[])[i] as number }));
  const o = (r: { observed: number; expected: number }) => r.observed - r.expected;
  return (
    renderTable<(typeof rows)[number]>(
      [
        { header: 'group', value: (r) => String(r.group) },
        right('N', (r) => exact(r.n)),
        right('observed', (r) => significant(r.observed, 6)),
        right('expected', (r) => significant(r.expected, 6)),
        right('(O-E)^2/E', (r) => significant(o(r) ** 2 / r.expected)),
        right('(O-E)^2/V', (r) => significant(o(r) ** 2 / r.v)),
      ],
      rows,
    ) +
    `\nchi-square ${significant(test.chiSquare, 6)} on ${test.df} degree${test.df === 1 ? '' : 's'} of freedom, ` +
    `p = ${pValue(test.p)}${test.rho === 0 ? '' : ` (G-rho, rho = ${test.rho})`}\n`
  );
}

function coxText(fit: CoxFit): string {
  const test = (name: string, t: { statistic: number; df: number; p: number }) =>
    `${name} ${significant(t.statistic, 6)} on ${t.df} df, p = ${pValue(t.p)}`;
  const warnings = fit.convergence.warnings.map((w) => `warning: ${w}\n`).join('');
  return (
    renderTable<CoxFit['coefficients'][number]>(
      [
        { header: 'covariate', value: (c) => c.name },
        right('coef', (c) => significant(c.coef)),
        right('exp(coef)', (c) => significant(c.expCoef)),
        right('se(coef)', (c) => significant(c.se)),
        right('z', (c) => fixed(c.z, 3)),
        right('p', (c) => pValue(c.p)),
        right('lower 95 %', (c) => significant(c.lower)),
        right('upper 95 %', (c) => significant(c.upper)),
      ],
      fit.coefficients,
    ) +
    `\nn = ${exact(fit.n)}, events = ${exact(fit.nEvents)}, ties: ${fit.ties}\n` +
    `log partial likelihood ${fixed(fit.loglik[0], 4)} (null) -> ${fixed(fit.loglik[1], 4)}\n` +
    `${test('likelihood ratio test', fit.tests.likelihoodRatio)}\n` +
    `${test('Wald test', fit.tests.wald)}\n` +
    `${test('score (log-rank) test', fit.tests.score)}\n` +
    warnings
  );
}

function glmText(fit: GlmFit): string {
  const warnings = fit.warnings.map((w) => `warning: ${w.message}\n`).join('');
  return (
    `${fit.family} family, ${fit.link} link\n\n` +
    renderTable<GlmFit['coefficients'][number]>(
      [
        { header: 'coefficient', value: (c) => c.name },
        right('estimate', (c) => significant(c.coef)),
        right('std. error', (c) => significant(c.se)),
        right('z', (c) => fixed(c.z, 3)),
        right('p', (c) => pValue(c.p)),
      ],
      fit.coefficients,
    ) +
    `\nnull deviance ${fixed(fit.nullDeviance, 4)} on ${fit.dfNull} df\n` +
    `residual deviance ${fixed(fit.deviance, 4)} on ${fit.dfResidual} df\n` +
    `log-likelihood ${fixed(fit.logLik, 4)}, AIC ${fixed(fit.aic, 4)}\n` +
    `${fit.iterations} Fisher scoring iterations${fit.converged ? '' : ' (not converged)'}\n` +
    warnings
  );
}

function incidenceText(strata: readonly IncidenceStratum[]): string {
  return strata
    .map((s) => {
      const perCause = (header: string, value: (r: IncidenceRow) => number[], show: (x: number) => string) =>
        s.causes.map((cause, j) =>
          right<IncidenceRow>(`${header} ${cause}`, (r) => show(value(r)[j] as number)),
        );
      return (
        groupTitle(s.group) +
        renderTable<IncidenceRow>(
          [
            right('time', (r) => exact(r.time)),
            right('n.risk', (r) => exact(r.nRisk)),
            ...perCause('n.event', (r) => r.nEvent, exact),
            right('n.censor', (r) => exact(r.nCensor)),
            right('no event', (r) => fixed(r.survival, 4)),
            ...s.causes.flatMap((_, j) => [
              right<IncidenceRow>(`cause ${s.causes[j]}`, (r) => fixed(r.incidence[j] as number, 4)),
              right<IncidenceRow>(`std.err ${s.causes[j]}`, (r) => fixed(r.stdErr[j] as number, 4)),
            ]),
          ],
          s.rows,
        )
      );
    })
    .join('\n')
    .concat('\ncause k: cumulative incidence of cause k (Aalen-Johansen), not 1 - Kaplan-Meier\n');
}

function kappaText(k: CohenKappa): string {
  const level = (x: number) => exact(x);
  const table = renderTable<{ level: number; counts: number[] }>(
    [
      { header: 'a \\ b', value: (r) => level(r.level) },
      ...k.levels.map((l, j) =>
        right<{ level: number; counts: number[] }>(level(l), (r) => exact(r.counts[j]!)),
      ),
    ],
    k.levels.map((l, i) => ({ level: l, counts: k.table[i]! })),
  );
  const weights = k.weights === 'none' ? 'unweighted' : `${k.weights} weights`;
  return (
    table +
    `\nCohen's kappa (${weights}) ${fixed(k.kappa, 4)}, 95 % CI ${fixed(k.lower, 4)} to ${fixed(k.upper, 4)}, ` +
    `se ${fixed(k.se, 4)}, ${k.n} persons\n` +
    `agreement observed ${fixed(k.observed, 4)}, expected by chance ${fixed(k.expected, 4)}\n` +
    (k.varianceClamped ? 'warning: the variance came out negative and was set to 0, as psych does\n' : '') +
    (k.boundsClipped ? 'warning: a bound beyond ±1 was set to ±1, as psych does\n' : '')
  );
}

interface AlphaJson {
  alpha: number;
  standardizedAlpha: number;
  lambda6: number;
  averageR: number;
  signalNoise: number;
  se: number | null;
  n: number;
  items: string[];
  mean: number;
  sd: number;
  drop: {
    item: string | undefined;
    alpha: number;
    standardizedAlpha: number;
    lambda6: number;
    averageR: number;
    signalNoise: number;
    se: number | null;
    medianR: number;
    varianceR: number | null;
  }[];
}

function alphaText(a: AlphaJson): string {
  const orDash = (x: number | null) => (x === null ? '-' : fixed(x, 4));
  return (
    `Cronbach's alpha ${fixed(a.alpha, 4)} (se ${orDash(a.se)}), standardised ${fixed(a.standardizedAlpha, 4)}, ` +
    `Guttman's lambda 6 ${fixed(a.lambda6, 4)}\n` +
    `average inter-item r ${fixed(a.averageR, 4)}, signal/noise ${fixed(a.signalNoise, 4)}; ` +
    `${a.items.length} items, ${a.n} persons, mean score ${fixed(a.mean, 4)} (sd ${fixed(a.sd, 4)})\n\n` +
    'if an item is dropped:\n' +
    renderTable<AlphaJson['drop'][number]>(
      [
        { header: 'item', value: (d) => d.item ?? '' },
        right('alpha', (d) => fixed(d.alpha, 4)),
        right('std.alpha', (d) => fixed(d.standardizedAlpha, 4)),
        right('lambda 6', (d) => fixed(d.lambda6, 4)),
        right('average r', (d) => fixed(d.averageR, 4)),
        right('S/N', (d) => fixed(d.signalNoise, 4)),
        right('se', (d) => orDash(d.se)),
        right('var.r', (d) => orDash(d.varianceR)),
        right('med.r', (d) => fixed(d.medianR, 4)),
      ],
      a.drop,
    )
  );
}

function iccText(forms: readonly IccForm[], n: number, raters: readonly string[]): string {
  return (
    renderTable<IccForm>(
      [
        { header: 'type', value: (f) => f.type },
        { header: 'form', value: (f) => f.name },
        right('ICC', (f) => fixed(f.icc, 4)),
        right('F', (f) => significant(f.f, 5)),
        right('df1', (f) => exact(f.df1)),
        right('df2', (f) => exact(f.df2)),
        right('p', (f) => pValue(f.p)),
        right('lower 95 %', (f) => fixed(f.lower, 4)),
        right('upper 95 %', (f) => fixed(f.upper, 4)),
      ],
      forms,
    ) + `\n${n} subjects, ${raters.length} raters (${raters.join(', ')}); Shrout and Fleiss (1979)\n`
  );
}
