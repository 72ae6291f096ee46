/**
 * The `jobinvest` command line. Every command has `--help`, prints a table for people by default and
 * JSON with `--json`, and on error exits non-zero with a one-line reason on stderr.
 */

import {
  BENEFITS,
  REFUSION_RULES,
  FinanceError,
  FlexSubsidyError,
  WeekError,
  appraise,
  formatKr,
  formatNumber,
  formatPercent,
  rateYears,
  weeklyAmount,
  SHIPPED_RATES,
  type RateTable,
} from '@jobinvest/core';
import { resolve } from 'node:path';
import { Argument, Command, CommanderError, InvalidArgumentError } from 'commander';
import { loadConfig, type Config, type ConfigOverrides } from '../config.ts';
import { readCsvFile, requireColumns } from '../input/csv.ts';
import { InputError } from '../input/input-error.ts';
import { readRatesFile } from '../rules/rates-file.ts';
import { refusionWeeks } from '../rules/refusion-report.ts';
import { importWithProgress, storeOf } from '../data/import.ts';
import { DEMO_SIZE, ensureDemoData } from '../data/demo.ts';
import { registerFleksjobCommand } from '../fleksjob/commands.ts';
import { DataError, modelFor } from '../jobinvest/jobinvest.ts';
import { registerJobinvestCommands } from '../jobinvest/commands.ts';
import { registerGenerateCommand } from '../data/generate-command.ts';
import { registerStatsCommand } from '../stats/commands.ts';
import { startServer } from '../http/serve.ts';
import { codeMap, putCodes, readCodesFile } from '../data/codes.ts';
import { IMPORT_KINDS, type ImportKind } from '../data/importers/import-run.ts';
import { dataSummary, isEmpty } from '../data/summary.ts';
import { renderTable } from './table.ts';
import { VERSION } from '../version.ts';

export interface CliIo {
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars redraw in place). */
  readonly tty?: boolean;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Resolves when a long-running command (serve) should stop; the bin wires it to SIGINT/SIGTERM. */
  readonly untilStopped?: () => Promise<void>;
}

/** A user error that is not about a file: a bad option value or a missing year. */
class UsageError extends Error {}

/** An annual discount rate: "0.035", "3.5%" or "3,5 %". */
export function parseRate(text: string): number {
  const s = text.replace(/\s/g, '').replace(',', '.');
  const percent = s.endsWith('%');
  const x = Number(percent ? s.slice(0, -1) : s);
  if (s === '' || s === '%' || !Number.isFinite(x)) {
    throw new InvalidArgumentError(`expected a rate such as 0.035 or 3.5%, found "${text}"`);
  }
  if (!percent && Math.abs(x) >= 1) {
    throw new InvalidArgumentError(
      `expected a rate as a fraction (0.035) or with a percent sign (3.5%), found "${text}"`,
    );
  }
  return percent ? x / 100 : x;
}

/** Yearly flows "F0,F1,…" with a decimal point: "-100,30,30". */
export function parseFlows(text: string): number[] {
  const parts = text.split(',');
  return parts.map((part, t) => {
    const x = Number(part.trim());
    if (part.trim() === '' || !Number.isFinite(x)) {
      throw new InvalidArgumentError(
        `expected comma-separated numbers such as -100,30,30; flow ${t} is "${part}"`,
      );
    }
    return x;
  });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new InvalidArgumentError(`expected a port from 0 to 65535, found "${text}"`);
  return port;
}

function parseCount(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new InvalidArgumentError(`expected a whole number above 0, found "${text}"`);
  return Number(text);
}

function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new InvalidArgumentError(`expected a year such as 2025, found "${text}"`);
  return Number(text);
}

const resolvePath = (cwd: string, path: string) => resolve(cwd, path);
const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
const share = (x: number | null) => (x === null ? 'outside' : formatPercent(x, 0));
const years = (x: number | null) => (x === null ? 'never' : `${formatNumber(x, 2)} years`);

async function ratesFor(config: Config): Promise<RateTable> {
  return config.ratesFile === null ? SHIPPED_RATES : readRatesFile(config.ratesFile);
}

function buildProgram(io: CliIo): Command {
  const program = new Command('jobinvest')
    .description(
      'Does an employment intervention pay off, and when? Danish job-centre economics on register data.',
    )
    .version(VERSION)
    .option('--config <file>', 'JSON config file (default: ./jobinvest.config.json if present)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const config = (overrides: ConfigOverrides = {}) =>
    loadConfig({ cwd: io.cwd, configFile: program.opts<{ config?: string }>().config, overrides });

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
    .description('The benefit rates in use: the shipped table (RULES.md §2) or your own CSV.')
    .option('--year <year>', 'only this year', parseYear)
    .option('--rates <file>', 'your own rates CSV: year,benefit,variant,amount,unit,source,status')
    .option('--json', 'print JSON')
    .action(async (options: { year?: number; rates?: string; json?: boolean }) => {
      const table = await ratesFor(
        await config(options.rates === undefined ? {} : { ratesFile: options.rates }),
      );
      const available = rateYears(table);
      if (options.year !== undefined && !available.includes(options.year)) {
        throw new UsageError(
          `no rates for ${options.year} in rate table ${table.version}; it has ${available.join(', ')}`,
        );
      }
      const rates = table.rates
        .filter((r) => options.year === undefined || r.year === options.year)
        .map((r) => ({ ...r, weeklyAmount: weeklyAmount(r) }));
      if (options.json) return io.out(json({ version: table.version, rates }));
      io.out(
        renderTable(
          [
            { header: 'year', value: (r) => String(r.year) },
            { header: 'benefit', value: (r) => r.benefit },
            { header: 'variant', value: (r) => r.variant },
            {
              header: 'amount',
              value: (r) => formatKr(r.amount, r.amount % 1 === 0 ? 0 : 2),
              align: 'right',
            },
            { header: 'per', value: (r) => r.unit },
            { header: 'per week', value: (r) => formatKr(r.weeklyAmount, 2), align: 'right' },
            { header: 'status', value: (r) => r.status },
            { header: 'source', value: (r) => r.source },
          ],
          rates,
        ),
      );
      io.out(`\nRate table: ${table.version}. A month is 52/12 weeks.\n`);
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
      if (options.json) return io.out(json(BENEFITS));
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
            { header: 'status', value: (b) => b.status },
          ],
          BENEFITS,
        ),
      );
    });

  program
    .command('import')
    .description(
      'Import a register file into the store, in one transaction: a bad row fails the whole file and\n' +
        'leaves the store as it was; the same file twice changes nothing; a newer extract of the same\n' +
        'period replaces the old one. CPR numbers are pseudonymised on the way in.',
    )
    .addArgument(new Argument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
    .argument('<file>', 'the CSV file')
    .option('--db <path>', 'DuckDB file of the store (default ./data/jobinvest.duckdb)')
    .option(
      '--codes <file>',
      'DREAM codes CSV (code,benefit,label,status) to add to the code map with this import',
    )
    .option('--json', 'print JSON')
    .action(
      async (kind: ImportKind, file: string, options: { db?: string; codes?: string; json?: boolean }) => {
        const cfg = await config(options.db === undefined ? {} : { db: options.db });
        const summary = await importWithProgress(
          cfg,
          kind,
          resolvePath(io.cwd, file),
          io,
          options.codes === undefined ? {} : { codesFile: resolvePath(io.cwd, options.codes) },
        );
        if (options.json) return io.out(json(summary));
        for (const note of summary.notes) io.out(`${note}\n`);
      },
    );

  program
    .command('status')
    .description(
      'What the store holds: data window, municipalities, persons, person-weeks, spells per benefit group, last imports.',
    )
    .option('--db <path>', 'DuckDB file of the store')
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; json?: boolean }) => {
      const store = await storeOf(await config(options.db === undefined ? {} : { db: options.db }));
      const s = await dataSummary(store);
      if (options.json) return io.out(json(s));
      const week = (w: number) => `${Math.floor(w / 100)}-W${String(w % 100).padStart(2, '0')}`;
      io.out(`Store: ${store.path}\n`);
      io.out(
        `Data window: ${s.window ? `${week(s.window.first)} to ${week(s.window.last)}` : 'empty (import data with jobinvest import)'}\n`,
      );
      io.out(
        `Persons: ${formatNumber(s.persons)}; person-weeks observed: ${formatNumber(s.personWeeks.observed)}, with benefit: ${formatNumber(s.personWeeks.withBenefit)}\n`,
      );
      io.out(`Code map: ${s.codeMap.verified} verified, ${s.codeMap.assumed} assumed entries\n\n`);
      if (s.municipalities.length > 0) {
        io.out(
          renderTable(
            [
              { header: 'municipality', value: (m) => `${m.code} ${m.name ?? ''}` },
              { header: 'persons', value: (m) => formatNumber(m.persons), align: 'right' },
            ],
            s.municipalities,
          ) + '\n',
        );
      }
      if (s.spells.length > 0) {
        io.out(
          renderTable(
            [
              { header: 'benefit', value: (b) => b.benefit },
              { header: 'spells', value: (b) => formatNumber(b.spells), align: 'right' },
              { header: 'running at end', value: (b) => formatNumber(b.running), align: 'right' },
              { header: 'left-truncated', value: (b) => formatNumber(b.leftTruncated), align: 'right' },
              {
                header: 'median weeks (ended)',
                value: (b) => (b.medianWeeks === null ? '-' : formatNumber(b.medianWeeks, 1)),
                align: 'right',
              },
            ],
            s.spells,
          ) + '\n',
        );
      }
      if (s.lastImports.length > 0) {
        io.out(
          renderTable(
            [
              { header: 'import', value: (i) => String(i.importId), align: 'right' },
              { header: 'kind', value: (i) => i.kind },
              { header: 'outcome', value: (i) => i.outcome },
              { header: 'rows', value: (i) => formatNumber(i.rows), align: 'right' },
              { header: 'finished', value: (i) => i.finished },
              { header: 'file', value: (i) => i.file },
            ],
            s.lastImports,
          ),
        );
      }
    });

  program
    .command('codes')
    .description(
      'The DREAM code map in the store: code, benefit group, label and whether it is verified or assumed.',
    )
    .option('--db <path>', 'DuckDB file of the store')
    .option('--load <file>', 'add or replace entries from a codes CSV (code,benefit,label,status)')
    .option('--json', 'print JSON')
    .action(async (options: { db?: string; load?: string; json?: boolean }) => {
      const store = await storeOf(await config(options.db === undefined ? {} : { db: options.db }));
      if (options.load !== undefined)
        await putCodes(store, await readCodesFile(resolvePath(io.cwd, options.load)));
      const codes = await codeMap(store);
      if (options.json) return io.out(json(codes));
      io.out(
        renderTable(
          [
            { header: 'code', value: (c) => c.code },
            { header: 'benefit', value: (c) => c.benefit },
            { header: 'label', value: (c) => c.label },
            { header: 'status', value: (c) => c.status },
          ],
          codes,
        ),
      );
    });

  program
    .command('serve')
    .description(
      'Start the HTTP API (GET /api/health, /api/benefits, /api/rates; POST /api/refusion; /api/openapi.json).',
    )
    .option('--port <port>', 'port to listen on (default 8080; 0 picks a free one)', parsePort)
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--rates <file>', 'your own rates CSV')
    .option('--db <path>', 'DuckDB file of the store (default ./data/jobinvest.duckdb)')
    .option(
      '--demo',
      'if the store is empty, generate and import a demo population first (what npm start does)',
    )
    .option('--demo-persons <n>', 'persons in the demo population', parseCount, DEMO_SIZE.persons)
    .action(
      async (options: {
        port?: number;
        host?: string;
        rates?: string;
        db?: string;
        demo?: boolean;
        demoPersons: number;
      }) => {
        const cfg = await config({
          ...(options.port === undefined ? {} : { port: options.port }),
          ...(options.host === undefined ? {} : { host: options.host }),
          ...(options.rates === undefined ? {} : { ratesFile: options.rates }),
          ...(options.db === undefined ? {} : { db: options.db }),
        });
        if (options.demo) await ensureDemoData(cfg, io, { ...DEMO_SIZE, persons: options.demoPersons });
        const store = await storeOf(cfg);
        // The transition model before the first page asks for it: estimated once per data version
        // (and saved), which on new data takes a while that is better spent here than on a first visit.
        if (!(await isEmpty(store))) {
          const started = performance.now();
          try {
            const entry = await modelFor(store);
            io.err(
              `Transition model of data version ${entry.dataVersion} ready in ${formatNumber((performance.now() - started) / 1000, 1)} s.\n`,
            );
          } catch (error) {
            if (!(error instanceof DataError)) throw error;
            io.err(`No transition model yet (the pages that need one will say why): ${error.message}\n`);
          }
        }
        const server = await startServer({ config: cfg, rates: await ratesFor(cfg), store });
        io.out(
          `jobinvest ${VERSION}: open ${server.url}/ in a browser (the API is under ${server.url}/api, try ${server.url}/api/health)\n`,
        );
        if (io.untilStopped) {
          await io.untilStopped();
          await server.close();
        }
      },
    );

  registerGenerateCommand(program, io);
  registerStatsCommand(program, io);
  registerFleksjobCommand(program, io);
  registerJobinvestCommands(program, io);

  return program;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode; // commander has printed its message
    const userErrors = [InputError, UsageError, FinanceError, FlexSubsidyError, WeekError, DataError];
    if (userErrors.some((kind) => error instanceof kind)) {
      io.err(`jobinvest: ${(error as Error).message}\n`);
      return 1;
    }
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
      io.err(`jobinvest: the port is already in use (${error.message}); choose another with --port\n`);
      return 1;
    }
    throw error;
  }
}
