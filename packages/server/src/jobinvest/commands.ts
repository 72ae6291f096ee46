/**
 * `jobinvest forecast | invest | backtest`: Jobinvestering on the command line (jobinvest.ts does the
 * work). Tables in Danish number format by default, `--json` for the full result.
 */

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatKr, formatNumber, formatPercent, SHIPPED_RATES } from '@jobinvest/core';
import { InvalidArgumentError, type Command } from 'commander';
import { parseCase } from './case-schema.ts';
import type { CliIo } from '../context.ts';
import { loadConfig, type ConfigOverrides } from '../config.ts';
import { storeOf } from '../data/index.ts';
import { InputError } from '../input/input-error.ts';
import { backtest } from './backtest.ts';
import { evaluateCase, latestCaseStart } from './cases.ts';
import { forecast } from './forecast.ts';
import { readRatesFile } from '../rules/index.ts';
import { renderTable } from '../cli/table.ts';
import { parseMunicipality, parseWeek } from '../cli/options.ts';

function parseWeeks(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 520)
    throw new InvalidArgumentError(`expected a number of weeks from 1 to 520, found "${text}"`);
  return Number(text);
}

function parseReplications(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 2000)
    throw new InvalidArgumentError(`expected a number of replications from 0 to 2000, found "${text}"`);
  return Number(text);
}

interface Common {
  db?: string;
  rates?: string;
  json?: boolean;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const kr = (x: number) => formatKr(Math.round(x));

export function registerJobinvestCommands(program: Command, io: CliIo): void {
  const setup = async (options: Common) => {
    const overrides: ConfigOverrides = {
      ...(options.db === undefined ? {} : { db: options.db }),
      ...(options.rates === undefined ? {} : { ratesFile: options.rates }),
    };
    const config = await loadConfig({
      cwd: io.cwd,
      configFile: program.opts<{ config?: string }>().config,
      overrides,
    });
    const rates = config.ratesFile === null ? SHIPPED_RATES : await readRatesFile(config.ratesFile);
    return { store: await storeOf(config), rates };
  };
  program
    .command('forecast')
    .description(
      "Forecast a municipality's benefit groups from its stock: full-time persons, gross expenditure, " +
        'state refusion / co-financing and municipal net by year, with the staircase breakdown.',
    )
    .requiredOption('--municipality <code>', 'municipality code in the store', parseMunicipality)
    .option('--from <YYYYWW>', 'stock week (default: the last week of data)', parseWeek)
    .option('--horizon <weeks>', 'weeks to project', parseWeeks, 260)
    .option(
      '--replications <n>',
      'microsimulation replications: the forecast is their mean, with 80/95 % intervals from them (default 200; 0: the expected values of the projection chain, without intervals)',
      parseReplications,
    )
    .option('--db <path>', 'DuckDB file of the store')
    .option('--rates <csv>', 'rate table CSV to use instead of the shipped one')
    .option('--json', 'print JSON')
    .action(
      async (
        options: Common & {
          municipality: number;
          from?: number;
          horizon: number;
          replications?: number;
        },
      ) => {
        const { store, rates } = await setup(options);
        const result = await forecast(store, {
          municipality: options.municipality,
          ...(options.from === undefined ? {} : { from: options.from }),
          horizon: options.horizon,
          rates,
          ...(options.replications === undefined ? {} : { replications: options.replications }),
        });
        if (options.json) return io.out(json(result));
        io.out(
          `Forecast for municipality ${result.municipality} from ${result.stockWeek} (${formatNumber(result.stockPersons)} persons in the stock, ${formatNumber(result.inflowPerWeek, 1)} new per week), ${result.horizonWeeks} weeks; ${result.engine === 'expected' ? 'expected values' : `mean of ${result.replications} microsimulation replications`}; rates ${result.ratesVersion}.\n${result.notices.map((n) => `${n}\n`).join('')}\n`,
        );
        const totals = new Map<number, { gross: number; net: number; ft: number }>();
        for (const r of result.years) {
          const t = totals.get(r.year) ?? { gross: 0, net: 0, ft: 0 };
          if (r.state !== 'job' && r.state !== 'su') t.ft += r.fullTimePersons;
          t.gross += r.gross;
          t.net += r.municipalNet;
          totals.set(r.year, t);
        }
        io.out(
          renderTable(
            [
              { header: 'year', value: (r) => String(r[0]) },
              {
                header: 'full-time persons on benefits',
                value: (r) => formatNumber(r[1].ft, 1),
                align: 'right',
              },
              { header: "gross (the year's prices)", value: (r) => kr(r[1].gross), align: 'right' },
              { header: "municipal net (the year's prices)", value: (r) => kr(r[1].net), align: 'right' },
            ],
            [...totals.entries()],
          ),
        );
        io.out(`\nAssumptions:\n${result.assumptions.map((a) => `- ${a}`).join('\n')}\n`);
      },
    );

  program
    .command('invest')
    .description(
      'Evaluate an investment case (JSON file): municipal net expenditure with and without, NPV, ' +
        'payback, break-even effect, probability of paying back.',
    )
    .requiredOption('--case <file>', 'the case as JSON')
    .option(
      '--replications <n>',
      "microsimulation replications (default: the case's, else as many as give the probability of paying back to 2 percentage points, 100-640, as the calculator and the report)",
      parseReplications,
    )
    .option('--db <path>', 'DuckDB file of the store')
    .option('--rates <csv>', 'rate table CSV to use instead of the shipped one')
    .option('--json', 'print JSON')
    .action(async (options: Common & { case: string; replications?: number }) => {
      const path = resolve(io.cwd, options.case);
      let input: unknown;
      try {
        input = JSON.parse(await readFile(path, 'utf8'));
      } catch (error) {
        throw new InputError({
          file: path,
          expected: 'a case as JSON',
          found: error instanceof Error ? error.message : String(error),
        });
      }
      const parsed = parseCase(input);
      if (!parsed.ok)
        throw new InputError(parsed.problems.map((problem) => ({ file: path, expected: problem })));
      const { store, rates } = await setup(options);
      const r = await evaluateCase(store, parsed.value, {
        rates,
        // The date read here, at the command's edge: a case may start up to the end of the budget year.
        latestStart: latestCaseStart(Date.now()),
        ...(options.replications === undefined ? {} : { replications: options.replications }),
      });
      if (options.json) return io.out(json(r));
      io.out(
        `${r.name}: municipality ${r.municipality}, ${formatNumber(parsed.value.participants)} participants from a target group of ${formatNumber(r.targetGroupSize)} in ${r.stockWeek}, start ${r.startWeek}.\n${r.notices.map((n) => `${n}\n`).join('')}\n`,
      );
      io.out(
        renderTable(
          [
            { header: 'year', value: (y) => String(y.year) },
            { header: "without (the year's prices)", value: (y) => kr(y.without), align: 'right' },
            { header: 'with', value: (y) => kr(y.with), align: 'right' },
            { header: 'difference', value: (y) => kr(y.difference), align: 'right' },
            {
              header: 'full-time persons moved',
              value: (y) => formatNumber(y.fullTimePersonsMoved, 1),
              align: 'right',
            },
          ],
          r.years,
        ),
      );
      const week = (w: number | null) => (w === null ? 'not within the horizon' : `week ${w}`);
      io.out(
        `\nNPV ${kr(r.npv)}${r.npvInterval95 ? ` (95 %: ${kr(r.npvInterval95[0])} to ${kr(r.npvInterval95[1])})` : ''}; payback ${week(r.paybackWeek)}, discounted ${week(r.discountedPaybackWeek)}.\n`,
      );
      io.out(
        `Hazard ratio ${formatNumber(r.hazardRatio, 3)}; break-even effect ${r.breakEvenEffect === null ? 'none up to 20' : formatNumber(r.breakEvenEffect, 3)}; probability of paying back ${r.probabilityOfPayback === null ? '(no replications)' : formatPercent(r.probabilityOfPayback, 0)}.\n`,
      );
      io.out(`\nAssumptions:\n${r.assumptions.map((a) => `- ${a}`).join('\n')}\n`);
    });

  program
    .command('backtest')
    .description(
      'Estimate on the data before a week, project the stock of that week, and compare with what happened ' +
        '(full-time persons per benefit group over the next 52 and 104 weeks).',
    )
    .requiredOption('--municipality <code>', 'municipality code in the store', parseMunicipality)
    .requiredOption('--at <YYYYWW>', 'the week to cut the data at', parseWeek)
    .option('--horizon <weeks>', 'weeks to compare', parseWeeks, 104)
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(async (options: Common & { municipality: number; at: number; horizon: number }) => {
      const { store } = await setup(options);
      const r = await backtest(store, {
        municipality: options.municipality,
        at: options.at,
        horizon: options.horizon,
      });
      if (options.json) return io.out(json(r));
      const pct = (x: number | null) => (x === null ? '' : formatPercent(x, 1));
      io.out(`Backtest for municipality ${r.municipality} at ${r.at}, ${r.horizonWeeks} weeks.\n\n`);
      io.out(
        renderTable(
          [
            { header: 'benefit group', value: (g) => g.state },
            {
              header: 'predicted, first 52 weeks',
              value: (g) => formatNumber(g.predicted52, 1),
              align: 'right',
            },
            { header: 'actual', value: (g) => formatNumber(g.actual52, 1), align: 'right' },
            { header: 'error', value: (g) => pct(g.error52), align: 'right' },
            {
              header: 'predicted, 104 weeks',
              value: (g) => (g.predicted104 === null ? '' : formatNumber(g.predicted104, 1)),
              align: 'right',
            },
            {
              header: 'actual',
              value: (g) => (g.actual104 === null ? '' : formatNumber(g.actual104, 1)),
              align: 'right',
            },
            { header: 'error', value: (g) => pct(g.error104), align: 'right' },
          ],
          r.groups.filter((g) => g.actual52 > 0 || g.predicted52 > 0.5),
        ),
      );
    });
}
