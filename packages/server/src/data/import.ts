/**
 * The data path as the CLI, the API and the demo use it: one way to open the store and one way to
 * import a file (stage, validate, commit, then rebuild the derived facts).
 */

import { constants, copyFileSync, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { formatNumber, type DreamCode } from '@jobinvest/core';
import { progressBar, type Progress } from '../cli/progress.ts';
import { legacySecretPath, secretPath, type Config } from '../config.ts';
import { audit, type AuditEntry } from './audit.ts';
import { dataChanged } from './changes.ts';
import { codeMap, mergeCodes, writeCodes } from './codes.ts';
import { openStore, type Store } from './db.ts';
import { ensureFacts } from './facts.ts';
import { isEmpty } from './summary.ts';
import { runImport, type ImportKind, type ImportSummary, type StageContext } from './importers/import-run.ts';
import { stagerFor } from './importers/importers.ts';
import { pseudonymiser, type Pseudonymise } from './secret.ts';
import { importThrough } from './server-client.ts';

export function storeOf(config: Config): Promise<Store> {
  return openStore(config.db);
}

export interface ImportOptions {
  /** Code map entries (a codes CSV, read) added to the map with this import, and only if it succeeds. */
  readonly codes?: readonly DreamCode[];
  readonly progress?: StageContext['progress'];
  /** What the file is called for the person who gave it (runImport's `name`). */
  readonly name?: string;
}

let pseudonymise: { path: string; fn: Pseudonymise } | null = null;

/**
 * The store's pseudonymiser. Its secret is the store's own (`<db>.secret`); a store made before
 * that, whose persons were pseudonymised with the folder's `jobinvest.secret`, takes a copy of that
 * one, so that its pseudonyms stay what they were.
 */
export async function pseudonymiserFor(config: Config, store: Store): Promise<Pseudonymise> {
  const path = secretPath(config);
  if (pseudonymise?.path === path) return pseudonymise.fn;
  const legacy = legacySecretPath(config);
  if (config.secretFile === null && !existsSync(path) && existsSync(legacy) && !(await isEmpty(store)))
    copyFileSync(legacy, path, constants.COPYFILE_EXCL);
  pseudonymise = { path, fn: pseudonymiser(path) };
  return pseudonymise.fn;
}

export async function importFile(
  config: Config,
  kind: ImportKind,
  file: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const store = await storeOf(config);
  const changes = options.codes ?? [];
  const codes = mergeCodes(await codeMap(store), changes);
  const stage = stagerFor(kind, { codes });
  const summary = await runImport(
    store,
    kind,
    file,
    await pseudonymiserFor(config, store),
    async (connection, context) => {
      const staged = await stage(connection, context);
      return {
        ...staged,
        commit: async (c, importId) => {
          await writeCodes(c, changes);
          await staged.commit(c, importId);
        },
      };
    },
    {
      ...(options.progress ? { progress: options.progress } : {}),
      ...(options.name ? { name: options.name } : {}),
    },
  );
  if (summary.outcome === 'imported') {
    await store.write(ensureFacts);
    dataChanged(store);
  }
  return summary;
}

/** `importFile` with a progress bar on `io.err` (rows per second, time left). */
/** An import done, in the audit trail: by whom, which file (its name, not its folders) and its outcome. */
export function auditImport(
  store: Store,
  by: Pick<AuditEntry, 'username' | 'role'>,
  kind: ImportKind,
  file: string,
  summary: ImportSummary,
): Promise<AuditEntry> {
  return audit(store, {
    ...by,
    action: 'import',
    resource: `${kind} ${basename(file)}: ${summary.outcome}, ${summary.rows} rows (import ${summary.importId})`,
    persons: [],
  });
}

export async function importWithProgress(
  config: Config,
  kind: ImportKind,
  file: string,
  io: { readonly err: (text: string) => void; readonly tty?: boolean },
  options: Omit<ImportOptions, 'progress'> = {},
): Promise<ImportSummary> {
  const size = await stat(file).then(
    (s) => s.size,
    () => 0,
  );
  const bar = progressBar(`import ${kind}`, size, io.err, { tty: io.tty ?? false });
  const summary = await importFile(config, kind, file, {
    ...options,
    progress: (bytes, rows) => bar.update(bytes, rows),
  });
  bar.finish(outcomeOf(summary));
  return summary;
}

/**
 * An import through the server that holds the store (server-client.ts), with the same progress bar
 * on `io.err`: first the upload, then the server's staging of the file.
 */
export async function importThroughWithProgress(
  server: string,
  kind: ImportKind,
  file: string,
  io: { readonly err: (text: string) => void; readonly tty?: boolean },
  codesFile?: string,
): Promise<ImportSummary> {
  const tty = io.tty ?? false;
  let upload: Progress | null = null;
  let staging: Progress | null = null;
  const uploaded = () => {
    upload?.finish(`sent to jobinvest serve at ${server}`);
    upload = null;
  };
  const summary = await importThrough(
    server,
    kind,
    file,
    {
      sent(bytes, total) {
        if (staging) return;
        upload ??= progressBar(`upload ${kind}`, total, io.err, { tty });
        upload.update(bytes, 0);
      },
      staged(bytes, rows, total) {
        uploaded();
        staging ??= progressBar(`import ${kind}`, total, io.err, { tty });
        staging.update(bytes, rows);
      },
    },
    codesFile === undefined ? {} : { codesFile },
  );
  uploaded();
  (staging ?? progressBar(`import ${kind}`, 0, io.err, { tty })).finish(outcomeOf(summary));
  return summary;
}

/** How an import ended, for the progress bar's last line. */
function outcomeOf(summary: ImportSummary): string {
  return summary.outcome === 'unchanged'
    ? `unchanged (already imported as import ${summary.importId})`
    : `${formatNumber(summary.rows)} rows in ${formatNumber(summary.seconds, 1)} s (import ${summary.importId})`;
}
