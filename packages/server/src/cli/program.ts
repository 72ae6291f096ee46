/**
 * The `jobinvest` command line. Every command has `--help`, prints a table for people by default and
 * JSON with `--json`, and on error exits non-zero with a one-line reason on stderr.
 */

import {
  FinanceError,
  FlexSubsidyError,
  WeekError,
  formatNumber,
  fromYyyyww,
  toYyyyww,
} from '@jobinvest/core';
import { randomBytes } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { AuditBroken, isDemoStore, registerAccessCommands, syncDemoUsers, users } from '../access/index.ts';
import { AccessError } from '../http/principal.ts';
import { registerBusinessCaseCommands } from '../budget/index.ts';
import { commandConfig, type CliIo } from '../context.ts';
import {
  DataError,
  dataWindow,
  DEMO_SIZE,
  ensureDemoData,
  isEmpty,
  registerDataCommands,
  registerGenerateCommand,
  removeStaleUploads,
  serverFileOf,
  storeOf,
  type Store,
} from '../data/index.ts';
import { registerBudgetCommands } from '../budget/index.ts';
import { registerFleksjobCommands } from '../fleksjob/index.ts';
import { startServer } from '../http/serve.ts';
import { InputError } from '../input/input-error.ts';
import { modelFor, registerJobinvestCommands } from '../jobinvest/index.ts';
import { ratesFor, registerRulesCommands } from '../rules/index.ts';
import { registerStatsCommands } from '../stats/index.ts';
import { registerMonitoringCommands } from '../monitoring/index.ts';
import { registerProgressionCommands } from '../progression/index.ts';
import { addFollowUpCommand, budgetMonths } from '../budget/index.ts';
import { VERSION } from '../version.ts';
import { workPool } from '../workers/index.ts';
import { parseCount, parsePort, UsageError, weekOfYesterday } from './options.ts';

/**
 * The longest `serve` waits, after listening, for the largest municipality's pages before it says
 * where to open the app (the demo data's take about half a minute on two cores).
 */
const FIRST_ANSWERS_WAIT_MS = 90_000;

function buildProgram(io: CliIo): Command {
  const program = new Command('jobinvest')
    .description(
      'Does an employment intervention pay off, and when? Danish job-centre economics on register data.',
    )
    .version(VERSION)
    .option('--config <file>', 'JSON config file (default: ./jobinvest.config.json if present)')
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });

  const config = (overrides = {}) => commandConfig(program, io, overrides);

  registerRulesCommands(program, io);
  registerDataCommands(program, io);

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
    .option(
      '--insecure-http',
      'allow plain http on an address other than loopback (passwords and data would cross the network unencrypted)',
    )
    .action(
      async (options: {
        port?: number;
        host?: string;
        rates?: string;
        db?: string;
        demo?: boolean;
        demoPersons: number;
        insecureHttp?: boolean;
      }) => {
        // The worker threads boot (a few seconds on two cores) while the store opens and fills.
        workPool();
        const cfg = await config({
          ...(options.port === undefined ? {} : { port: options.port }),
          ...(options.host === undefined ? {} : { host: options.host }),
          ...(options.rates === undefined ? {} : { ratesFile: options.rates }),
          ...(options.db === undefined ? {} : { db: options.db }),
        });
        if (!isLoopback(cfg.server.host) && cfg.server.tls === null) {
          if (!options.insecureHttp)
            throw new UsageError(
              `serving on ${cfg.server.host} would send passwords and register data over the network unencrypted: set server.tls (cert and key) in the config file, or pass --insecure-http if something in front of this server encrypts the traffic`,
            );
          io.err(
            `Warning: serving plain http on ${cfg.server.host} (--insecure-http): anyone on the network path can read passwords and data. Clients must use a host name in server.allowedHosts (${cfg.server.allowedHosts.join(', ')}).\n`,
          );
        }
        // The demo data reach the week of yesterday: the current week, but on a Monday.
        const demoEnd = weekOfYesterday(new Date());
        const demo = options.demo
          ? await ensureDemoData(cfg, io, { ...DEMO_SIZE, persons: options.demoPersons, toWeek: demoEnd })
          : null;
        const store = await storeOf(cfg);
        if (demo === 'reused' && (await isDemoStore(store))) await sayIfDemoIsOld(store, cfg.db, demoEnd, io);
        // The demo users of a demo store (listed on its login page); none in a store with real data.
        const demoUsers = await syncDemoUsers(store);
        if (demoUsers.length > 0)
          io.err(`Demo users added: ${demoUsers.join(', ')} (passwords on the login page).\n`);
        if ((await users(store)).length === 0)
          io.err(
            'The store has no users yet: add the first admin with jobinvest users add --username NAME --role admin --password-stdin.\n',
          );
        // Uploads an earlier server left when it stopped in the middle of an import hold CPR numbers.
        await removeStaleUploads(store.path);
        const hasData = !(await isEmpty(store));
        // The transition model before the first page asks for it: estimated once per data version
        // (and saved), which on new data takes a while that is better spent here than on a first visit.
        if (hasData) {
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
        // What a jobinvest command on this machine shows to act as the local admin through the server.
        const localToken = randomBytes(32).toString('base64url');
        const server = await startServer(
          { config: cfg, rates: await ratesFor(cfg), store, localToken },
          (report) =>
            io.err(
              `Pages' first answers (overview, forecast with its bands, model check, backtest, budget) ready for ${report.municipalities} municipalities of data version ${report.dataVersion} in ${formatNumber(report.seconds, 1)} s.\n`,
            ),
        );
        // The largest municipality's pages answer at once from the moment the app is said to be open:
        // their first answers are made before that (the rest follow in the background), unless that
        // takes longer than FIRST_ANSWERS_WAIT_MS.
        if (hasData) {
          const started = performance.now();
          let timer: NodeJS.Timeout | undefined;
          const ready = await Promise.race([
            server.firstReady().then(() => true),
            new Promise<false>((resolve) => {
              timer = setTimeout(() => resolve(false), FIRST_ANSWERS_WAIT_MS);
            }),
          ]);
          clearTimeout(timer);
          const seconds = formatNumber((performance.now() - started) / 1000, 1);
          io.err(
            ready
              ? `The largest municipality's pages ready in ${seconds} s; the other municipalities' follow in the background.\n`
              : `The largest municipality's pages are still being prepared after ${seconds} s; they follow in the background.\n`,
          );
        }
        // Beside the store (owner-only), for a second process that finds the store locked: who holds
        // it, and the token to go through it.
        const serverFile = serverFileOf(store.path);
        writeFileSync(serverFile, JSON.stringify({ url: server.url, pid: process.pid, token: localToken }), {
          mode: 0o600,
        });
        io.out(
          `jobinvest ${VERSION}: open ${server.url}/ in a browser (the API is under ${server.url}/api, try ${server.url}/api/health)\n`,
        );
        if (io.untilStopped) {
          await io.untilStopped();
          await server.close();
          // Work nobody will ask for any more (the bands the preparation started) stops with the server.
          await workPool().close();
          rmSync(serverFile, { force: true });
        }
      },
    );

  registerGenerateCommand(program, io, () => new Date());
  registerStatsCommands(program, io);
  registerFleksjobCommands(program, io);
  registerJobinvestCommands(program, io);
  registerMonitoringCommands(program, io);
  registerProgressionCommands(program, io);
  registerBudgetCommands(program, io);
  registerAccessCommands(program, io);
  registerBusinessCaseCommands(program, io);
  // Budget against realised: the months of the latest saved budget, or the model's.
  addFollowUpCommand(program, io, (store, municipality, year) => budgetMonths(store, municipality, year));

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
    if (error instanceof AuditBroken) return 1; // the report is printed
    const userErrors = [
      InputError,
      UsageError,
      FinanceError,
      FlexSubsidyError,
      WeekError,
      DataError,
      AccessError,
    ];
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

/**
 * A demo store generated on an earlier day ends before the week of yesterday: say so and how to get
 * newer demo data (the store is kept: it may hold users and saved cases).
 */
async function sayIfDemoIsOld(store: Store, db: string, demoEnd: number, io: CliIo): Promise<void> {
  let last: number;
  try {
    last = (await dataWindow(store)).last;
  } catch (error) {
    if (error instanceof DataError) return;
    throw error;
  }
  if (last >= fromYyyyww(demoEnd)) return;
  const show = (yyyyww: number) => `${Math.floor(yyyyww / 100)}-W${String(yyyyww % 100).padStart(2, '0')}`;
  io.err(
    `The demo data in ${db} end in ${show(toYyyyww(last))}, before ${show(demoEnd)}: to generate demo data up to ${show(demoEnd)}, stop the server and move ${db} and the demo folder beside it away.\n`,
  );
}

/** Whether `host` is an address of this machine only. */
function isLoopback(host: string): boolean {
  return ['localhost', '::1', '[::1]'].includes(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}
