/**
 * `jobinvest budget-followup --municipality CODE --year Y [--json]`: budget against realised
 * (followup.ts) at the terminal, a table per benefit group in Danish number format, or with
 * `--json` the route's answer. The command line reads the store as its owner does, without
 * suppression. The budget's months come from the provider handed in (the budget room's saved
 * budget); without one, or without a budget for the year, the command says "no budget for YEAR yet".
 */

import {
  followUpGroupName,
  formatKr,
  formatPercent,
  weekIndexOfInstant,
  yearWeekOf,
  type FollowUpReport,
} from '@jobinvest/core';
import { InvalidArgumentError, type Command } from 'commander';
import { json, parseMunicipality, parseYear } from '../cli/options.ts';
import { renderTable } from '../cli/table.ts';
import { loadConfig } from '../config.ts';
import type { CliIo } from '../context.ts';
import { DataError, storeOf } from '../data/index.ts';
import { parseNumber } from '../input/numbers.ts';
import { DEFAULT_DEVIATION_THRESHOLD, followUp, type BudgetMonthsProvider } from './followup.ts';
import { noBudget } from './followup-routes.ts';

const kr = (x: number | null) => (x === null ? '–' : formatKr(x));

function parseShare(text: string): number {
  const value = parseNumber(text.replace(/\s*%$/, ''));
  if (value === null || value < 0)
    throw new InvalidArgumentError(`expected a share such as 0,05 or 5 %, found "${text}"`);
  return text.trim().endsWith('%') ? value / 100 : value;
}

/** The report as tables for people. */
export function followUpText(report: FollowUpReport): string {
  const head =
    `Budgetopfølgning ${String(report.municipality).padStart(3, '0')} ${report.year}, realiseret til og med ${report.throughMonth}` +
    (report.lastWeek === null
      ? ' (ingen Ydelsesrefusion-linjer)'
      : ` (sidste uge med data ${report.lastWeek})`) +
    '\n';
  const summary = renderTable(
    [
      { header: 'Ydelse', value: (l) => followUpGroupName(l.benefit) },
      { header: 'Budget netto', value: (l) => kr(l.budget.net), align: 'right' },
      { header: 'Budget til dato', value: (l) => kr(l.budgetToDate.net), align: 'right' },
      { header: 'Realiseret til dato', value: (l) => kr(l.realisedToDate?.net ?? null), align: 'right' },
      { header: 'Forventet år', value: (l) => kr(l.projectedYearEnd?.net ?? null), align: 'right' },
      { header: 'Afvigelse', value: (l) => kr(l.deviation), align: 'right' },
      {
        header: 'Afvigelse %',
        value: (l) => (l.deviationShare === null ? '–' : formatPercent(l.deviationShare)),
        align: 'right',
      },
      { header: '', value: (l) => (l.flagged ? '!' : l.withheld ? 'diskretioneret' : '') },
    ],
    report.lines,
  );
  const unmapped = report.unmapped.length
    ? `Ydelser uden gruppe (ikke medregnet): ${report.unmapped.map((u) => `${u.name} (${u.lines} linjer)`).join(', ')}\n`
    : '';
  const outside = report.outside.length
    ? `Uden for opfølgningen (Ydelsesrefusion afregner dem ikke), årets budget netto: ${report.outside.map((o) => `${followUpGroupName(o.benefit)} ${kr(o.budget.net)}`).join(', ')}\n`
    : '';
  return `${head}\n${summary}\n${outside}${unmapped}${report.rule}\n`;
}

/**
 * Add `budget-followup` to the program: a command of its own, not a subcommand of `budget`, whose
 * required --municipality commander would demand of every subcommand too.
 */
export function addFollowUpCommand(
  program: Command,
  io: CliIo,
  budgetMonths?: BudgetMonthsProvider,
  now: () => Date = () => new Date(),
): void {
  program
    .command('budget-followup')
    .description(
      'Budget against realised: per benefit group the budget month by month beside what was paid (the imported ' +
        'Ydelsesrefusion lines), the year end forecast and the lines that deviate beyond the threshold.',
    )
    .requiredOption('--municipality <code>', 'municipality code', parseMunicipality)
    .option('--year <year>', "the budget year (default: today's year)", parseYear)
    .option(
      '--threshold <share>',
      'flag a deviation beyond this share of the budget net (0,05 or 5 %)',
      parseShare,
    )
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(
      async (options: {
        municipality: number;
        year?: number;
        threshold?: number;
        db?: string;
        json?: boolean;
      }) => {
        const config = await loadConfig({
          cwd: io.cwd,
          configFile: program.opts<{ config?: string }>().config,
          overrides: options.db === undefined ? {} : { db: options.db },
        });
        const store = await storeOf(config);
        const today = now();
        const year = options.year ?? yearWeekOf(weekIndexOfInstant(today)).year;
        const budgetOfYear = budgetMonths ? await budgetMonths(store, options.municipality, year) : null;
        if (!budgetOfYear) throw new DataError(noBudget(year).error, { code: 'no-budget' });
        const report = await followUp(store, options.municipality, year, budgetOfYear, today, {
          threshold: options.threshold ?? DEFAULT_DEVIATION_THRESHOLD,
          suppression: null,
        });
        io.out(options.json ? json(report) : followUpText(report));
      },
    );
}
