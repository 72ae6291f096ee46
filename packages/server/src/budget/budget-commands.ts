/**
 * `jobinvest budget --municipality CODE [--year Y] [--json]`: the grundbudget on the command line
 * (budget.ts does the work), with saved investment cases "with" (`--cases`), adjustments from a JSON
 * file, a saved version's adjustments (`--saved ID`), saving a new version (`--save`), the
 * workbook (`--xlsx FILE`) and the committee's PDF (`--pdf FILE`). A table of the adopted lines per group and year by default, `--json`
 * for the whole budget.
 */

import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatKr, formatNumber, SHIPPED_RATES, type BudgetAdjustments } from '@jobinvest/core';
import { InvalidArgumentError, type Command } from 'commander';
import { renderTable } from '../cli/table.ts';
import { parseMunicipality, parseYear } from '../cli/options.ts';
import { loadConfig } from '../config.ts';
import type { CliIo } from '../context.ts';
import { audit, DataError, localUsername, storeOf } from '../data/index.ts';
import { InputError } from '../input/input-error.ts';
import { latestCaseStart } from '../jobinvest/index.ts';
import { readRatesFile } from '../rules/index.ts';
import { AdjustmentsSchema } from './budget-routes.ts';
import {
  budgetFor,
  budgetVersion,
  defaultBudgetYear,
  saveBudgetVersion,
  type BudgetAnswer,
} from './budget.ts';
import { budgetReport } from './budget-report.ts';
import { budgetWorkbook } from './budget-xlsx.ts';

function parseCases(text: string): number[] {
  if (!/^\d+(,\d+)*$/.test(text))
    throw new InvalidArgumentError(`expected case ids separated by commas, e.g. 3,7, found "${text}"`);
  return text.split(',').map(Number);
}

function parseId(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new InvalidArgumentError(`expected a saved budget's id (1 or more), found "${text}"`);
  return Number(text);
}

function parseReplications(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 2000)
    throw new InvalidArgumentError(`expected a number of replications from 0 to 2000, found "${text}"`);
  return Number(text);
}

async function readAdjustments(path: string): Promise<BudgetAdjustments> {
  let input: unknown;
  try {
    input = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new InputError({
      file: path,
      expected: 'adjustments as JSON',
      found: error instanceof Error ? error.message : String(error),
    });
  }
  const parsed = AdjustmentsSchema.safeParse(input);
  if (!parsed.success)
    throw new InputError(
      parsed.error.issues.map((issue) => ({
        file: path,
        column: issue.path.join('.'),
        expected: issue.message,
      })),
    );
  return parsed.data as BudgetAdjustments;
}

const kr = (x: number | null) => (x === null ? '–' : formatKr(Math.round(x)));

/** The budget as tables: per group its adopted lines by year, then the sums and the cases. */
function budgetText(b: BudgetAnswer): string {
  const years = b.years;
  type Line = { label: string; figures: readonly (number | null)[]; persons?: boolean };
  const table = (lines: readonly Line[]) =>
    renderTable(
      [
        { header: 'line', value: (l: Line) => l.label },
        ...years.map((year, i) => ({
          header: String(year),
          value: (l: Line) => {
            const v = l.figures[i] ?? null;
            return v === null ? '–' : l.persons ? formatNumber(v, 1) : kr(v);
          },
          align: 'right' as const,
        })),
      ],
      lines,
    );
  const out: string[] = [
    `Budget ${b.budgetYear}-${years.at(-1)}, municipality ${b.municipality}: forecast from ${b.stockWeek} (${b.engine}, bands ${b.bands}), data version ${b.dataVersion}.`,
    b.priceLevel.note,
    ...b.notices,
    '',
  ];
  for (const g of b.groups) {
    const ys = g.years;
    out.push(
      `${g.benefit}:`,
      table([
        { label: 'full-time persons, model', figures: ys.map((y) => y.fullTimePersons.model), persons: true },
        {
          label: 'full-time persons, adopted',
          figures: ys.map((y) => y.fullTimePersons.adopted),
          persons: true,
        },
        { label: 'income support, gross', figures: ys.map((y) => y.incomeSupport.adopted.gross) },
        { label: 'state refusion', figures: ys.map((y) => y.incomeSupport.adopted.refusion) },
        { label: 'co-financing', figures: ys.map((y) => y.incomeSupport.adopted.cofinancing) },
        { label: 'income support, net', figures: ys.map((y) => y.incomeSupport.adopted.net) },
        { label: 'activities', figures: ys.map((y) => y.activitiesKr.adopted) },
        { label: 'caseworkers', figures: ys.map((y) => y.administration.caseworkers.adopted), persons: true },
        { label: 'administration', figures: ys.map((y) => y.administration.kr.adopted) },
        { label: 'municipal net, total', figures: ys.map((y) => y.net.adopted) },
      ]),
      '',
    );
  }
  if (b.summary.length > 0)
    out.push(
      'All groups:',
      table([
        {
          label: 'full-time persons',
          figures: b.summary.map((y) => y.fullTimePersons.adopted),
          persons: true,
        },
        { label: 'income support, gross', figures: b.summary.map((y) => y.incomeSupport.adopted.gross) },
        { label: 'state refusion', figures: b.summary.map((y) => y.incomeSupport.adopted.refusion) },
        { label: 'co-financing', figures: b.summary.map((y) => y.incomeSupport.adopted.cofinancing) },
        { label: 'income support, net', figures: b.summary.map((y) => y.incomeSupport.adopted.net) },
        { label: 'activities', figures: b.summary.map((y) => y.activitiesKr.adopted) },
        { label: 'administration', figures: b.summary.map((y) => y.administrationKr.adopted) },
        { label: 'municipal net, total', figures: b.summary.map((y) => y.net.adopted) },
        { label: 'municipal net, total, model', figures: b.summary.map((y) => y.net.model) },
        ...b.separate.flatMap((s) => [
          {
            label: `${s.label}: the municipal net it concerns`,
            figures: s.years.map((y) => y.covered.adopted),
          },
          {
            label: `${s.label}: grant (estimate or announced)`,
            figures: s.years.map((y) => y.grant.adopted),
          },
          { label: `${s.label}: grant − net`, figures: s.years.map((y) => y.balance) },
          { label: '  80 % band from', figures: s.years.map((y) => y.balanceBand80?.[0] ?? null) },
          { label: '  80 % band to', figures: s.years.map((y) => y.balanceBand80?.[1] ?? null) },
        ]),
      ]),
      ...b.separate.map((s) => `${s.label}: ${s.basis} ${s.uncertainty}`),
      '',
    );
  if (b.cases.length > 0 && b.withCases.length > 0)
    out.push(
      'Without and with the investment cases (municipal net):',
      table([
        { label: 'without', figures: b.withCases.map((y) => y.without.net) },
        ...b.cases.map((c) => ({ label: `case ${c.id}: ${c.name}`, figures: c.years.map((y) => y.net) })),
        { label: 'with', figures: b.withCases.map((y) => y.with.net) },
      ]),
      '',
    );
  out.push('Assumptions:', ...b.assumptions.map((a) => `- ${a}`), '');
  return out.join('\n');
}

interface BudgetOptions {
  municipality: number;
  year?: number;
  cases?: number[];
  adjustments?: string;
  saved?: number;
  replications?: number;
  save?: boolean;
  note?: string;
  xlsx?: string;
  pdf?: string;
  db?: string;
  rates?: string;
  json?: boolean;
}

/** Adds `budget` to the program; the command, for subcommands of other helpers (the follow-up). */
export function registerBudgetCommands(program: Command, io: CliIo): Command {
  return program
    .command('budget')
    .description(
      "A municipality's grundbudget for a budget year and three overslagsår from the forecast: per benefit group " +
        "full-time persons, income support gross / refusion / co-financing / net, activities and administration, in the budget year's prices; " +
        'with saved investment cases side by side.',
    )
    .requiredOption('--municipality <code>', 'municipality code in the store', parseMunicipality)
    .option('--year <year>', 'budget year (default: next calendar year)', parseYear)
    .option('--cases <ids>', 'saved investment cases to include, ids separated by commas', parseCases)
    .option(
      '--adjustments <json>',
      'adjustments file: {fullTimePersonsChange, activityPricePerWeek, caseload, costPerCaseworker, announced: {beskaeftigelsestilskud, budgetgaranti: {"2027": kr}}}',
    )
    .option('--saved <id>', "a saved budget version's adjustments and cases (its id)", parseId)
    .option(
      '--replications <n>',
      "the forecast's replications for its bands (default 200; 0: the expected values only)",
      parseReplications,
    )
    .option('--save', 'save the adjustments and cases as a new version of the budget')
    .option('--note <text>', 'a note with the saved version')
    .option('--xlsx <file>', 'write the budget as a workbook')
    .option('--pdf <file>', "write the budget as the committee's PDF")
    .option('--db <path>', 'DuckDB file of the store')
    .option('--rates <csv>', 'rate table CSV to use instead of the shipped one')
    .option('--json', 'print JSON')
    .action(async (options: BudgetOptions) => {
      const config = await loadConfig({
        cwd: io.cwd,
        configFile: program.opts<{ config?: string }>().config,
        overrides: {
          ...(options.db === undefined ? {} : { db: options.db }),
          ...(options.rates === undefined ? {} : { ratesFile: options.rates }),
        },
      });
      const rates = config.ratesFile === null ? SHIPPED_RATES : await readRatesFile(config.ratesFile);
      const store = await storeOf(config);
      const saved = options.saved === undefined ? null : await budgetVersion(store, options.saved);
      if (options.saved !== undefined && (!saved || saved.municipality !== options.municipality))
        throw new DataError(
          `--saved: no saved budget ${options.saved} of municipality ${options.municipality}`,
        );
      const adjustments =
        options.adjustments === undefined
          ? (saved?.adjustments ?? {})
          : await readAdjustments(resolve(io.cwd, options.adjustments));
      // The date read here, at the command's edge.
      const now = new Date();
      const year = options.year ?? saved?.year ?? defaultBudgetYear(now);
      const cases = options.cases ?? saved?.cases ?? [];
      const request = {
        municipality: options.municipality,
        year,
        rates,
        adjustments,
        cases,
        latestStart: latestCaseStart(now.getTime()),
        ...(options.replications === undefined ? {} : { replications: options.replications }),
      };
      // A command waits for the bands (a day at most: setTimeout's limit is 24.8 days).
      const wait = { waitForBandsMs: 86_400_000 };
      const b = await budgetFor(store, request, wait);
      // The workbook and the PDF are the committee's, in Danish: the same forecast, its words in Danish.
      const danish =
        options.xlsx || options.pdf ? await budgetFor(store, { ...request, language: 'da' }, wait) : b;
      const username = localUsername();
      if (options.save) {
        const v = await saveBudgetVersion(store, {
          municipality: options.municipality,
          year,
          adjustments,
          cases,
          note: options.note ?? null,
          savedBy: username,
          ratesVersion: rates.version,
        });
        await audit(store, {
          username,
          role: null,
          action: 'budget.save',
          resource: `budget ${options.municipality} ${year} version ${v.version} (id ${v.budgetId}): ${JSON.stringify(adjustments)}; cases ${JSON.stringify(cases)}`,
          persons: [],
        });
        io.err(`Saved as version ${v.version} (id ${v.budgetId}) of the ${year} budget.\n`);
      }
      if (options.xlsx) {
        const file = resolve(io.cwd, options.xlsx);
        await writeFile(file, await budgetWorkbook(danish, 'da'));
        await audit(store, {
          username,
          role: null,
          action: 'export.xlsx',
          resource: `budget ${options.municipality} ${year}: ${file}`,
          persons: [],
        });
        io.err(`Wrote ${file}.\n`);
      }
      if (options.pdf) {
        const file = resolve(io.cwd, options.pdf);
        await writeFile(file, await budgetReport(danish, 'da'));
        await audit(store, {
          username,
          role: null,
          action: 'export.pdf',
          resource: `budget ${options.municipality} ${year}: ${file}`,
          persons: [],
        });
        io.err(`Wrote ${file}.\n`);
      }
      io.out(options.json ? JSON.stringify(b, null, 2) + '\n' : budgetText(b));
    });
}
