/**
 * `jobinvest businesscase --file F.json [--json]`: the business case per citizen at the command
 * line. The file holds the contract's case (core budget/businesscase.ts); `--json` prints the
 * contract's result (before, after, savingPerMonth, savingPerYear, paybackMonths, and what lies
 * behind them), without it a Danish table. Today is read here; its week's refusion rules price the
 * lines that name a benefit and a step. A bad file is one line: the file, the field's path, what
 * was expected and what was found.
 */

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { BusinessCaseError, type BusinessCaseLine } from '@jobinvest/core';
import {
  citizensIn12Text,
  dateText,
  formatAmount,
  formatShare,
  paybackText,
  rateSourceText,
  rulesText,
} from '@jobinvest/web/businesscase-text';
import { wordsIn } from '@jobinvest/web/words';
import type { Command } from 'commander';
import { UsageError } from '../cli/options.ts';
import { renderTable } from '../cli/table.ts';
import type { CliIo } from '../context.ts';
import { businessCaseAt, type BusinessCaseAnswer } from './businesscase.ts';

/** The answer as a Danish table: the lines and totals of before and after, then the saving and payback. */
export function businessCaseTable(answer: BusinessCaseAnswer): string {
  const { input, result } = answer;
  const words = wordsIn('da');
  interface Row {
    label: string;
    gross: string;
    rate: string;
    refusion: string;
    net: string;
  }
  const lineRow = (l: BusinessCaseLine): Row => ({
    label: `  ${l.label}`,
    gross: formatAmount(l.gross),
    rate: formatShare(l.refusionRate),
    refusion: formatAmount(l.refusion),
    net: formatAmount(l.net),
  });
  const section = (
    heading: string,
    lines: readonly BusinessCaseLine[],
    total: typeof result.before,
  ): Row[] => [
    { label: heading, gross: '', rate: '', refusion: '', net: '' },
    ...lines.map(lineRow),
    {
      label: `  ${words('bcTotal')}`,
      gross: formatAmount(total.gross),
      rate: '',
      refusion: formatAmount(total.refusion),
      net: formatAmount(total.net),
    },
  ];
  const table = renderTable<Row>(
    [
      { header: words('bcLabel'), value: (r) => r.label },
      { header: words('bcGross'), value: (r) => r.gross, align: 'right' },
      { header: words('bcRefusionRate'), value: (r) => r.rate, align: 'right' },
      { header: words('bcRefusion'), value: (r) => r.refusion, align: 'right' },
      { header: words('bcNet'), value: (r) => r.net, align: 'right' },
    ],
    [
      ...section(words('bcBefore'), result.lines.before, result.before),
      ...section(words('bcAfter'), result.lines.after, result.after),
    ],
  );
  const summary = [
    [words('bcSavingPerMonth'), formatAmount(result.savingPerMonth)],
    [words('bcSavingPerYear'), formatAmount(result.savingPerYear)],
    [words('bcOneOffCost'), formatAmount(input.oneOffCost)],
    [words('bcPayback'), paybackText(result, input.citizens, 'da')],
    [words('bcCitizensIn12'), citizensIn12Text(result)],
  ] as const;
  const width = Math.max(...summary.map(([k]) => k.length));
  const rates = [...result.lines.before, ...result.lines.after].map(
    (l) => `  ${l.label}: ${formatShare(l.refusionRate)} · ${rateSourceText(l, 'da')}`,
  );
  return [
    `${words('bcReportTitle', { name: input.name })}`,
    `${words('bcReportPerCitizen', { citizens: input.citizens })} ${dateText(answer.date, result.asOfWeek, 'da')}.`,
    '',
    table,
    ...summary.map(([k, v]) => `${k.padEnd(width)}  ${v}`),
    '',
    `${words('bcRates')}:`,
    ...rates,
    ...(rulesText(result, 'da') ? [`  ${rulesText(result, 'da')}`] : []),
    '',
  ].join('\n');
}

export function registerBusinessCaseCommands(
  program: Command,
  io: CliIo,
  now: () => Date = () => new Date(),
): void {
  program
    .command('businesscase')
    .description(
      'The business case per citizen: per month before and after (gross, refusion, municipal net), the saving per month and year, and the payback of a one-off cost',
    )
    .requiredOption(
      '--file <path>',
      'the case as JSON: { name, before: [{ label, monthlyGross, refusionRate | benefit, step }], after: [...], oneOffCost, citizens }',
    )
    .option('--json', 'print JSON')
    .action(async (options: { file: string; json?: boolean }) => {
      const path = resolve(io.cwd, options.file);
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new UsageError(`${options.file}: expected a readable JSON file (${(error as Error).message})`);
      }
      let answer: BusinessCaseAnswer;
      try {
        answer = businessCaseAt(parsed, now());
      } catch (error) {
        if (error instanceof BusinessCaseError) throw new UsageError(`${options.file}: ${error.message}`);
        throw error;
      }
      if (options.json) {
        io.out(`${JSON.stringify({ ...answer.result, date: answer.date }, null, 2)}\n`);
        return;
      }
      io.out(businessCaseTable(answer));
    });
}
