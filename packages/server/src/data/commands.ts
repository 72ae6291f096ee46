/**
 * The data foundation on the command line: `import` (a register file into the store), `status` (what
 * the store holds) and `codes` (the DREAM code map).
 */

import { resolve } from 'node:path';
import { formatNumber, type DreamCode } from '@jobinvest/core';
import { Argument, type Command } from 'commander';
import { json } from '../cli/options.ts';
import { renderTable } from '../cli/table.ts';
import { commandConfig, type CliIo } from '../context.ts';
import { localUsername } from './audit.ts';
import { codeMap, putCodes, readCodesFile } from './codes.ts';
import { auditImport, importThroughWithProgress, importWithProgress, storeOf } from './import.ts';
import { IMPORT_KINDS, type ImportKind } from './importers/import-run.ts';
import { codesFrom, loadCodesThrough, runningServer, summaryFrom } from './server-client.ts';
import { dataSummary, type DataSummary } from './summary.ts';

const resolvePath = (cwd: string, path: string) => resolve(cwd, path);

export function registerDataCommands(program: Command, io: CliIo): void {
  const config = (overrides = {}) => commandConfig(program, io, overrides);
  program
    .command('import')
    .description(
      'Import a register file into the store, in one transaction: a bad row fails the whole file and\n' +
        'leaves the store as it was; the same file twice changes nothing; a newer extract of the same\n' +
        'period replaces the old one. CPR numbers are pseudonymised on the way in.',
    )
    .addArgument(new Argument('<kind>', 'what the file holds').choices(IMPORT_KINDS))
    .argument('<file>', 'the CSV file (jobindsats: also its XLSX download or the API v2 JSON)')
    .option('--db <path>', 'DuckDB file of the store (default ./data/jobinvest.duckdb)')
    .option(
      '--codes <file>',
      'DREAM codes CSV (code,benefit,label,status) to add to the code map with this import',
    )
    .option('--json', 'print JSON')
    .action(
      async (kind: ImportKind, file: string, options: { db?: string; codes?: string; json?: boolean }) => {
        const cfg = await config(options.db === undefined ? {} : { db: options.db });
        const path = resolvePath(io.cwd, file);
        const codesFile = options.codes === undefined ? undefined : resolvePath(io.cwd, options.codes);
        // A store a running server holds is imported into through that server.
        const server = runningServer(cfg.db);
        const summary = server
          ? await importThroughWithProgress(server, kind, path, io, codesFile)
          : await importWithProgress(
              cfg,
              kind,
              path,
              io,
              codesFile === undefined ? {} : { codes: await readCodesFile(codesFile) },
            );
        if (!server)
          await auditImport(await storeOf(cfg), { username: localUsername(), role: 'admin' }, kind, path, summary);
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
      const cfg = await config(options.db === undefined ? {} : { db: options.db });
      // A store a running server holds is read through that server.
      const server = runningServer(cfg.db);
      const s: DataSummary = server
        ? await summaryFrom(server)
        : await dataSummary(await storeOf(cfg));
      if (options.json) return io.out(json(s));
      const week = (w: number) => `${Math.floor(w / 100)}-W${String(w % 100).padStart(2, '0')}`;
      io.out(`Store: ${cfg.db}${server ? ` (through jobinvest serve at ${server})` : ''}\n`);
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
      const cfg = await config(options.db === undefined ? {} : { db: options.db });
      const load = options.load === undefined ? undefined : resolvePath(io.cwd, options.load);
      const server = runningServer(cfg.db);
      let codes: DreamCode[];
      if (server) codes = load === undefined ? await codesFrom(server) : await loadCodesThrough(server, load);
      else {
        const store = await storeOf(cfg);
        if (load !== undefined) await putCodes(store, await readCodesFile(load));
        codes = await codeMap(store);
      }
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
}
