/**
 * `jobinvest fleksjob`: the fleksjob case of @jobinvest/core on the command line. What it costs the
 * municipality each year to have a person in fleksjob at given hours and wage rather than on
 * ledighedsydelse, ressourceforløb or førtidspension, the net present value of the difference, and
 * the break-even wage and hours. A bad value is reported by its option, with what was expected.
 */

import {
  FLEKSJOB_ALTERNATIVES,
  FLEKSJOB_DEFAULTS,
  FleksjobError,
  SHIPPED_RATES,
  budgetYear,
  fleksjobCase,
  formatKr,
  formatNumber,
  formatPercent,
  type FleksjobAlternative,
  type FleksjobCase,
  type FleksjobCaseInput,
  type FleksjobYear,
} from '@jobinvest/core';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { parseRate } from '../cli/options.ts';
import type { CliIo } from '../context.ts';
import { loadConfig } from '../config.ts';
import { InputError } from '../input/input-error.ts';
import { parseNumber } from '../input/numbers.ts';
import { readRatesFile } from '../rules/index.ts';
import { renderTable } from '../cli/table.ts';

interface FleksjobOptions {
  alternative: FleksjobAlternative;
  startYear?: number;
  years: number;
  staircaseWeeks: number;
  hours: number;
  hourlyWage?: number;
  monthlyWage?: number;
  fullTimeHours: number;
  variant?: string;
  alternativeCost?: number;
  discountRate: number;
  rates?: string;
  json?: boolean;
}

/** The option that sets each field of the core's input, so that a core error names what the user typed. */
const OPTION_OF: Record<keyof FleksjobCaseInput, string> = {
  alternative: '--alternative',
  startYear: '--start-year',
  horizonYears: '--years',
  staircaseWeeks: '--staircase-weeks',
  hours: '--hours',
  hourlyWage: '--hourly-wage',
  monthlyWage: '--monthly-wage',
  fullTimeHours: '--full-time-hours',
  rates: '--rates',
  alternativeVariant: '--variant',
  alternativeCostPerYear: '--alternative-cost',
  discountRate: '--discount-rate',
  thresholds: '--rates',
};

/** An amount or hours, the Danish way ("18.500", "25,5") or with a decimal point. */
function parseAmount(text: string): number {
  const x = parseNumber(text);
  if (x === null) throw new InvalidArgumentError(`expected a number such as 18500 or 25,5, found "${text}"`);
  return x;
}

function parseWhole(text: string): number {
  if (!/^-?\d+$/.test(text.trim()))
    throw new InvalidArgumentError(`expected a whole number, found "${text}"`);
  return Number(text);
}

const NAME_DA: Record<FleksjobAlternative, string> = {
  ledighedsydelse: 'ledighedsydelse',
  ressourceforloeb: 'ressourceforløb',
  foertidspension: 'førtidspension',
};

const HELP = `
Example:
  jobinvest fleksjob --alternative ressourceforloeb --start-year 2025 --hours 20 \\
    --monthly-wage 18000 --staircase-weeks 53 --discount-rate 3.5%

Both paths walk the refusion staircase (LBK 221/2021 § 5) from --staircase-weeks on. The difference
is fleksjob's municipal net cost minus the alternative's: negative when fleksjob costs the
municipality less. The present values and the net present value are the municipality's gain, the
sign of the investment calculator: positive when fleksjob costs the municipality less. The break-even wage is the monthly wage at --hours above which fleksjob is the
cheaper path over the horizon (discounted); the break-even hours are the weekly hours at the hourly
wage above which it is. Every value carried over from another year is listed under assumptions.

JSON (--json): {input, alternativePricedAs, rateTable, refusionRules,
  years: [{year, fleksjob: {gross, state, municipal, municipalShare, staircaseFrom, staircaseTo,
  subsidy, atp, monthly}, alternative: {gross, state, municipal, ..., weeklyAmount}, difference,
  presentValue, cumulativePresentValue}], totals: {fleksjob, alternative, difference, npv},
  breakEven: {wage: {monthlyWage, hourlyWage, ceilingMonthlyWage, reason}, hours: {hours, reason}},
  assumptions, sources}`;

/** Adds `fleksjob` to the program. */
export function registerFleksjobCommands(program: Command, io: CliIo): void {
  program
    .command('fleksjob')
    .description(
      "The fleksjob case: the municipality's net cost per year of a person in fleksjob at given hours\n" +
        'and wage against ledighedsydelse, ressourceforløb or førtidspension, with fleksløntilskud from\n' +
        'the formula (fleksløntilskud), the refusion staircase, the net present value and the break-even\n' +
        'wage and hours.',
    )
    .addOption(
      new Option('--alternative <path>', 'the path the person is on without fleksjob')
        .choices(FLEKSJOB_ALTERNATIVES)
        .makeOptionMandatory(),
    )
    .option(
      '--start-year <year>',
      'calendar year the case starts in (week 1); default the budget year (next year)',
      parseWhole,
    )
    .requiredOption('--hours <hours>', 'hours a week in the fleksjob', parseAmount)
    .option('--hourly-wage <kr>', 'wage per hour incl. pension (or --monthly-wage)', parseAmount)
    .option('--monthly-wage <kr>', 'wage per month for --hours incl. pension (or --hourly-wage)', parseAmount)
    .requiredOption('--discount-rate <rate>', 'annual discount rate: 0.035 or 3.5%', parseRate)
    .option('--years <n>', 'horizon in years', parseWhole, FLEKSJOB_DEFAULTS.horizonYears)
    .option(
      '--staircase-weeks <n>',
      "the person's weeks on the refusion staircase at the start",
      parseWhole,
      FLEKSJOB_DEFAULTS.staircaseWeeks,
    )
    .option(
      '--full-time-hours <hours>',
      'full-time hours a week for the job',
      parseAmount,
      FLEKSJOB_DEFAULTS.fullTimeHours,
    )
    .option('--variant <variant>', 'rate variant of the alternative (forsoerger, samlevende, …)')
    .option(
      '--alternative-cost <kr>',
      "the municipality's own gross cost of the alternative per person-year, instead of the rate",
      parseAmount,
    )
    .option('--rates <file>', 'your own rates CSV: year,benefit,variant,amount,unit,source,status')
    .option('--json', 'print JSON (see below)')
    .addHelpText('after', HELP)
    .action(async (options: FleksjobOptions) => {
      const config = await loadConfig({
        cwd: io.cwd,
        configFile: program.opts<{ config?: string }>().config,
        overrides: options.rates === undefined ? {} : { ratesFile: options.rates },
      });
      if ((options.hourlyWage === undefined) === (options.monthlyWage === undefined)) {
        throw new InputError({
          file: '--hourly-wage, --monthly-wage',
          expected: 'one of the two',
          found: options.hourlyWage === undefined ? 'neither' : 'both',
        });
      }
      const rates = config.ratesFile === null ? SHIPPED_RATES : await readRatesFile(config.ratesFile);
      let result: FleksjobCase;
      try {
        result = fleksjobCase({
          alternative: options.alternative,
          startYear: options.startYear ?? budgetYear(new Date()),
          horizonYears: options.years,
          staircaseWeeks: options.staircaseWeeks,
          hours: options.hours,
          hourlyWage: options.hourlyWage,
          monthlyWage: options.monthlyWage,
          fullTimeHours: options.fullTimeHours,
          rates,
          alternativeVariant: options.variant,
          alternativeCostPerYear: options.alternativeCost,
          discountRate: options.discountRate,
        });
      } catch (error) {
        if (!(error instanceof FleksjobError)) throw error;
        throw new InputError({ file: OPTION_OF[error.field], expected: error.expected, found: error.found });
      }
      if (options.json) return io.out(JSON.stringify(result, null, 2) + '\n');
      io.out(report(result));
    });
}

const kr = (x: number) => formatKr(x);

interface Row {
  readonly year: string;
  readonly staircase: string;
  readonly subsidyPerMonth: string;
  readonly fleksjob: { readonly gross: number; readonly municipal: number };
  readonly alternative: { readonly gross: number; readonly municipal: number };
  readonly difference: number;
  readonly presentValue: number;
}

function yearRow(y: FleksjobYear): Row {
  const { staircaseFrom: from, staircaseTo: to } = y.fleksjob;
  return {
    year: String(y.year),
    staircase: from === null ? '-' : `${from}-${to}`,
    subsidyPerMonth: kr(y.fleksjob.monthly.subsidy),
    fleksjob: y.fleksjob,
    alternative: y.alternative,
    difference: y.difference,
    presentValue: y.presentValue,
  };
}

/** The case for people: a table per year and the totals, the break-even, the assumptions and the values used. */
function report(c: FleksjobCase): string {
  const i = c.input;
  const alt = NAME_DA[i.alternative];
  const rows: Row[] = [
    ...c.years.map(yearRow),
    {
      year: 'total',
      staircase: '',
      subsidyPerMonth: '',
      fleksjob: c.totals.fleksjob,
      alternative: c.totals.alternative,
      difference: c.totals.difference,
      presentValue: c.totals.npv,
    },
  ];
  const hours = formatNumber(i.hours, i.hours % 1 === 0 ? 0 : 2);
  const { wage, hours: breakEvenHours } = c.breakEven;
  const lines = [
    `Fleksjob against ${alt}, ${i.startYear}-${i.startYear + i.horizonYears - 1}: ${hours} hours a week at ${formatKr(i.hourlyWage, 2)} an hour incl. pension`,
    `(${kr(i.monthlyWage)} a month; full time ${formatNumber(i.fullTimeHours, i.fullTimeHours % 1 === 0 ? 0 : 2)} hours = ${kr(i.fullTimeMonthlyWage)} a month).`,
    `Staircase count at the start: ${i.staircaseWeeks} weeks. The alternative is priced as ${c.alternativePricedAs}. Rate table ${c.rateTable}; rules ${c.refusionRules}.`,
    ...c.notices,
    "Amounts in kr., each year in that year's prices.",
    '',
    renderTable<Row>(
      [
        { header: 'year', value: (r) => r.year },
        { header: 'staircase', value: (r) => r.staircase, align: 'right' },
        { header: 'tilskud/month', value: (r) => r.subsidyPerMonth, align: 'right' },
        { header: 'fleksjob gross', value: (r) => kr(r.fleksjob.gross), align: 'right' },
        { header: 'fleksjob municipal', value: (r) => kr(r.fleksjob.municipal), align: 'right' },
        { header: 'alternative gross', value: (r) => kr(r.alternative.gross), align: 'right' },
        { header: 'alternative municipal', value: (r) => kr(r.alternative.municipal), align: 'right' },
        { header: 'difference', value: (r) => kr(r.difference), align: 'right' },
        { header: 'present value of the gain', value: (r) => kr(r.presentValue), align: 'right' },
      ],
      rows,
    ),
    `Net present value to the municipality at ${formatPercent(i.discountRate, 2)}: ${kr(c.totals.npv)} ` +
      `(fleksjob costs the municipality ${c.totals.npv > 0 ? 'less' : 'more'} than ${alt}).`,
    'Gross includes the ATP contribution, which the state refunds in full; municipal is after refusion or co-financing.',
    '',
    `Break-even wage: ${
      wage.monthlyWage === null
        ? 'none'
        : `${kr(wage.monthlyWage)} a month (${formatKr(wage.hourlyWage ?? 0, 2)} an hour)`
    }. ${wage.reason}`,
    `Break-even hours: ${
      breakEvenHours.hours === null ? 'none' : `${formatNumber(breakEvenHours.hours, 2)} hours a week`
    }. ${breakEvenHours.reason}`,
    '',
    'Assumptions:',
    ...c.assumptions.map((a) => `- ${a}`),
    '',
    'Values used:',
    ...c.sources.map(
      (s) =>
        `- ${s.item}, ${s.year}: ${formatKr(s.amount, s.amount % 1 === 0 ? 0 : 2)} a ${s.unit} in ${s.priceYear} prices (${s.status}; ${s.source}); used for ${s.usedFor.join(', ')}`,
    ),
  ];
  return lines.join('\n') + '\n';
}
