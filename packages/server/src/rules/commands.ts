/**
 * The rules and money on the command line: `refusion` (the staircase of a history), `rates` (the
 * rate table in use), `npv` (appraisal of yearly flows) and `benefits` (the catalogue).
 */

import {
  datedBenefits,
  REFUSION_RULES,
  appraise,
  formatNumber,
  formatPercent,
  type RateGapReason,
  sourceName,
} from '@jobinvest/core';
import type { Command } from 'commander';
import { json, parseFlows, parseRate, parseYear, UsageError } from '../cli/options.ts';
import { renderTable } from '../cli/table.ts';
import { commandConfig, type CliIo } from '../context.ts';
import { readCsvFile, requireColumns } from '../input/csv.ts';
import { NoRatesError, ratesAnswer, type RateAnswer, type RatesAnswer } from './rates-answer.ts';
import { ratesFor } from './rates-file.ts';
import { refusionWeeks } from './refusion-report.ts';

const decimals = (percent: number) =>
  Number.isInteger(percent) ? 0 : Number.isInteger(percent * 10) ? 1 : 2;

const GAP_WORDS: Record<RateGapReason, (year: number | null) => string> = {
  unknown: () => 'no amount known (give one in your own rates file)',
  'not-yet': (year) => `applies from ${year}`,
  ended: (year) => `ended in ${year}`,
  'before-first': (year) => `the table starts in ${year}; nothing is regulated backwards`,
  'no-regulation': (year) => `no satsregulering for ${year}`,
};

const share = (x: number | null) => (x === null ? 'outside' : formatPercent(x, 0));
const years = (x: number | null) => (x === null ? 'never' : `${formatNumber(x, 2)} years`);

export function registerRulesCommands(program: Command, io: CliIo): void {
  const config = (overrides = {}) => commandConfig(program, io, overrides);
  program
    .command('refusion')
    .description(
      'Staircase count and municipal share of every week of every person in a weekly history.\n' +
        'FILE is CSV with columns person,week,benefit: week as YYYYWW, benefit as a catalogue code\n' +
        '(see `jobinvest benefits`); weeks without benefit may be absent or given as "none".',
    )
    .requiredOption('--history <file>', 'CSV of person,week,benefit')
    .option('--json', 'print JSON: [{person, week, benefit, count, municipalShare, ...}]')
    .action(async (options: { history: string; json?: boolean }) => {
      const table = await readCsvFile(options.history);
      const records = requireColumns(table, ['person', 'week', 'benefit'] as const).map(
        ({ line, fields }) => ({
          location: { file: table.file, line },
          record: fields,
        }),
      );
      const weeks = refusionWeeks(records);
      if (options.json) return io.out(json(weeks));
      io.out(
        renderTable(
          [
            { header: 'person', value: (w) => w.person },
            { header: 'week', value: (w) => String(w.week) },
            { header: 'benefit', value: (w) => w.benefit },
            { header: 'count', value: (w) => (w.count === null ? '-' : String(w.count)), align: 'right' },
            { header: 'municipal share', value: (w) => share(w.municipalShare), align: 'right' },
            {
              header: 'self-support (156 wk)',
              value: (w) => String(w.selfSupportWeeks ?? '-'),
              align: 'right',
            },
            { header: '', value: (w) => (w.restarted ? 'count restarted' : '') },
          ],
          weeks,
        ),
      );
      io.out(
        `\nRules: ${REFUSION_RULES.map((r) => r.id).join(', ')} (LBK 221/2021 §§ 5-6). Assumptions:\n${REFUSION_RULES.flatMap(
          (r) => r.assumptions,
        )
          .map((a) => `- ${a.en}`)
          .join('\n')}\n`,
      );
    });

  program
    .command('rates')
    .description(
      'The benefit rates in use: the shipped table (RULES.md §2, §8) or your own CSV. With --year, every\n' +
        "rate of that year in that year's prices: the table's own, or the last earlier one regulated forward\n" +
        'by the satsregulering (with its base year and percentages), and each benefit group as it is priced.',
    )
    .option('--year <year>', 'every rate of this year, regulated where the table lacks it', parseYear)
    .option(
      '--rates <file>',
      "your own rates CSV: year,benefit,variant,amount,unit,source,status (benefit satsregulering, unit percent: a year's satsreguleringsprocent)",
    )
    .option('--json', 'print JSON: {version, years, year, rates, groups, gaps, regulation}')
    .action(async (options: { year?: number; rates?: string; json?: boolean }) => {
      const table = await ratesFor(
        await config(options.rates === undefined ? {} : { ratesFile: options.rates }),
      );
      let answer: RatesAnswer;
      try {
        answer = ratesAnswer(table, options.year);
      } catch (error) {
        if (error instanceof NoRatesError) throw new UsageError(error.message);
        throw error;
      }
      if (options.json) return io.out(json(answer));
      const basis = (r: RateAnswer) =>
        r.basis === 'regulated'
          ? `${r.baseYear} × ${r.percentages.map((p) => `${formatNumber(p.percent, decimals(p.percent))} %${p.status === 'estimated' ? '*' : ''}`).join(' × ')}`
          : r.basis === 'carried'
            ? `${r.priceYear}, not regulated`
            : 'table';
      io.out(
        renderTable(
          [
            { header: 'year', value: (r) => String(r.year) },
            { header: 'benefit', value: (r) => r.benefit },
            { header: 'variant', value: (r) => r.variant },
            {
              header: 'amount (kr.)',
              value: (r) => formatNumber(r.amount, r.amount % 1 === 0 ? 0 : 2),
              align: 'right',
            },
            { header: 'per', value: (r) => r.unit },
            { header: 'per week (kr.)', value: (r) => formatNumber(r.weeklyAmount, 2), align: 'right' },
            { header: 'prices of', value: (r) => String(r.priceYear) },
            { header: 'status', value: (r) => r.status },
            { header: 'from', value: basis },
            {
              header: 'source (of the base year where regulated)',
              value: (r) =>
                r.basis === 'regulated'
                  ? `${r.baseYear}: ${r.baseSource === null ? '' : sourceName(r.baseSource, 'en')} (${r.baseStatus})`
                  : sourceName(r.source, 'en'),
            },
          ],
          answer.rates,
        ),
      );
      const lines = [`\nRate table: ${table.version}. A month is 52/12 weeks.`];
      if (answer.year !== null) {
        lines.push(
          `Amounts in kr., ${answer.year} prices. "from": the base year × the satsregulering of each later year, each year rounded to whole kroner (* estimated).`,
          `Satsregulering: ${answer.regulation
            .filter((p) => p.year <= answer.year!)
            .map((p) => `${p.year} ${formatNumber(p.percent, decimals(p.percent))} % (${p.status})`)
            .join(', ')}.`,
          '',
          `Benefit groups in ${answer.year}:`,
        );
        for (const g of answer.groups) {
          const how = g.like ? `, priced like ${g.like}` : g.successor ? `, priced as ${g.successor}` : '';
          lines.push(
            `  ${g.code.padEnd(30)} ${g.benefit} ${g.variant}${how}: ${
              g.rate
                ? `${formatNumber(g.rate.amount, g.rate.amount % 1 === 0 ? 0 : 2)} kr. per ${g.rate.unit} (${g.rate.status})`
                : `no rate (${g.gap})`
            }`,
          );
        }
        if (answer.gaps.length > 0)
          lines.push(
            '',
            `No amount in ${answer.year}:`,
            ...answer.gaps.map((g) => `  ${g.benefit} ${g.variant}: ${GAP_WORDS[g.reason](g.boundYear)}`),
          );
      }
      io.out(lines.join('\n') + '\n');
    });

  program
    .command('npv')
    .description(
      'Net present value, payback and internal rate of return of yearly net flows; F0 is now, undiscounted.',
    )
    .requiredOption('--rate <rate>', 'annual discount rate: 0.035 or 3.5%', parseRate)
    .requiredOption('--flows <list>', 'yearly net flows F0,F1,… e.g. --flows=-100,30,30,30,30,30', parseFlows)
    .option('--json', 'print JSON: {npv, paybackYears, discountedPaybackYears, irr, ...}')
    .action((options: { rate: number; flows: number[]; json?: boolean }) => {
      const a = appraise(options.flows, { rate: options.rate });
      if (options.json) return io.out(json({ rate: options.rate, ...a }));
      const lines: [string, string][] = [
        ['Discount rate', formatPercent(options.rate, 2)],
        ['Net present value', formatNumber(a.npv, 4)],
        ['Present value of inflows', formatNumber(a.pvInflows, 4)],
        ['Present value of outflows', formatNumber(a.pvOutflows, 4)],
        ['Payback', years(a.paybackYears)],
        ['Discounted payback', years(a.discountedPaybackYears)],
        ['Internal rate of return', a.irr === null ? 'none (no unique rate)' : formatPercent(a.irr, 2)],
        [
          'Equivalent annual net',
          a.equivalentAnnualNet === null ? '-' : formatNumber(a.equivalentAnnualNet, 4),
        ],
        [
          'Break-even factor on inflows',
          a.switchingFactor === null ? '-' : formatNumber(a.switchingFactor, 4),
        ],
      ];
      const width = Math.max(...lines.map(([k]) => k.length));
      io.out(lines.map(([k, v]) => `${k.padEnd(width)}  ${v}`).join('\n') + '\n');
    });

  program
    .command('benefits')
    .description('The benefit catalogue: groups, financing regime and the source of each classification.')
    .option('--json', 'print JSON: [{code, nameDa, nameEn, ...}]')
    .action((options: { json?: boolean }) => {
      const benefits = datedBenefits();
      if (options.json) return io.out(json(benefits));
      io.out(
        renderTable(
          [
            { header: 'code', value: (b) => b.code },
            { header: 'name', value: (b) => b.nameDa },
            {
              header: 'support',
              value: (b) => (b.publicSupport ? 'yes' : b.wageSubsidised ? 'wage subsidy' : 'no'),
            },
            {
              header: 'financing',
              value: (b) =>
                b.financing.kind === 'fixed'
                  ? `fixed ${formatPercent(b.financing.municipalShare, 0)}`
                  : b.financing.kind === 'none'
                    ? b.financing.paidByMunicipality
                      ? 'none (municipality 100 %)'
                      : 'none (not municipal)'
                    : `${b.financing.kind} staircase`,
            },
            {
              header: 'valid',
              value: (b) =>
                b.validFrom === null && b.validTo === null
                  ? ''
                  : `${b.validFrom ?? ''}-${b.validTo ?? ''}${b.successor ? ` → ${b.successor}` : ''}`,
            },
            {
              header: 'no new cases from',
              value: (b) => (b.closedToNewFrom === null ? '' : String(b.closedToNewFrom)),
            },
            { header: 'status', value: (b) => b.status },
          ],
          benefits,
        ),
      );
    });
}
