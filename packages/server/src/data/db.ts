/**
 * The DuckDB store: one file, one instance per process, migrations applied on open.
 *
 * DuckDB's extension autoinstall is off: only the built-in parquet, json and icu work offline, and a
 * query that would download one must fail, not hang. Counts come back from DuckDB as `bigint`;
 * `rows()` turns them into numbers here, at the edge, so the rest of the code sees plain numbers.
 */

import { chmodSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { DataError } from './errors.ts';
import { MIGRATIONS } from './migrations.ts';

export type Row = Record<string, unknown>;

function toPlain(value: unknown): unknown {
  if (typeof value === 'bigint') {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER))
      return value.toString();
    return Number(value);
  }
  if (Array.isArray(value)) return value.map(toPlain);
  return value;
}

/** Run a query on a connection and return its rows as plain objects (bigint → number). */
export async function rows<T extends Row = Row>(
  connection: DuckDBConnection,
  sql: string,
  params?: DuckDBValue[] | Record<string, DuckDBValue>,
): Promise<T[]> {
  const reader = await connection.runAndReadAll(sql, params);
  return reader
    .getRowObjectsJS()
    .map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, toPlain(v)])) as T);
}

export interface StoreOptions {
  /** DuckDB's memory limit ('1GB', '256MB'); beyond it DuckDB spills to temporary files. */
  readonly memoryLimit?: string;
}

/**
 * DuckDB's own default is 80 % of the machine's memory; one gigabyte keeps the process's memory
 * bounded whatever the size of the files imported, and is ample for a municipality's data.
 */
export const DEFAULT_MEMORY_LIMIT = '1GB';

/** Run `work` inside one transaction on `connection`: all of it commits, or none of it. */
export async function inTransaction<T>(
  connection: DuckDBConnection,
  work: (connection: DuckDBConnection) => Promise<T>,
): Promise<T> {
  await connection.run('BEGIN TRANSACTION');
  try {
    const result = await work(connection);
    await connection.run('COMMIT');
    return result;
  } catch (error) {
    await connection.run('ROLLBACK');
    throw error;
  }
}

/** Where a running `jobinvest serve` says which store it holds and at which address. */
export const serverFileOf = (path: string) => `${path}.server.json`;

/**
 * DuckDB's lock error as one line a person can act on: which process holds the store, and, when it
 * is a jobinvest server, its address; null for any other error.
 */
function inUse(path: string, error: unknown): DataError | null {
  const held = /Conflicting lock is held in (.+?) \(PID (\d+)\)/.exec(String(error));
  if (!held) return null;
  let server: { url?: string; pid?: number } = {};
  try {
    server = JSON.parse(readFileSync(serverFileOf(path), 'utf8')) as typeof server;
  } catch {
    // No server file: another program holds the store.
  }
  const holder =
    server.pid === Number(held[2]) && server.url
      ? `jobinvest serve at ${server.url} (PID ${held[2]})`
      : `another process (PID ${held[2]}, ${held[1]})`;
  return new DataError(
    `the store ${path} is in use by ${holder}; stop it to use the store from here, or use the server's web app and API while it runs`,
  );
}

/** Read connections kept open at most; a read beyond them waits for one. */
export const MAX_READERS = 8;

/**
 * One writer: every write goes through one queue on one connection, one job at a time, so that two
 * saves at the same moment never meet inside one transaction (DuckDB: "cannot start a transaction
 * within a transaction") and a save that fails is rolled back before the next begins. Reads use
 * connections of their own (up to MAX_READERS), never the writer's, and see what is committed.
 */
export class Store {
  private readonly idle: DuckDBConnection[] = [];
  private readers = 0;
  private readonly waiting: ((connection: DuckDBConnection) => void)[] = [];
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly writer: DuckDBConnection,
  ) {}

  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    if (path !== ':memory:') {
      // The files DuckDB makes beside the store as it goes (the write-ahead log, which it deletes at
      // each checkpoint and makes again, and its temporary files) are owner-only from the start.
      if (isMainThread) process.umask(process.umask() | 0o077);
      mkdirSync(dirname(path), { recursive: true });
    }
    const instance = await DuckDBInstance.create(path, {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    }).catch((error: unknown) => {
      throw inUse(path, error) ?? error;
    });
    // The register data are for their owner only (and so is the write-ahead log beside them),
    // whatever the files' modes were before.
    if (path !== ':memory:') for (const file of [path, `${path}.wal`]) ownerOnly(file);
    const writer = await instance.connect();
    const store = new Store(path, instance, writer);
    await store.migrate();
    return store;
  }

  /** A query on a read connection, its rows as plain objects. */
  async query<T extends Row = Row>(
    sql: string,
    params?: DuckDBValue[] | Record<string, DuckDBValue>,
  ): Promise<T[]> {
    const connection = await this.reader();
    try {
      return await rows<T>(connection, sql, params);
    } finally {
      this.release(connection);
    }
  }

  /**
   * Run `work` alone on the writer connection, after every write queued before it (imports stage in
   * TEMP tables of that connection and commit there). A job that fails does not stop the next.
   */
  write<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const job = this.writes.then(() => work(this.writer));
    this.writes = job.catch(() => undefined);
    return job;
  }

  /** Run `work` in one transaction of its own on the writer: all of it commits, or none of it. */
  transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    return this.write((connection) => inTransaction(connection, work));
  }

  /**
   * A new connection of its own, for a read that builds TEMP tables (they are private to it and go
   * when the caller closes it). Never for writes to the store: those go through `write`.
   */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  private async reader(): Promise<DuckDBConnection> {
    const connection = this.idle.pop();
    if (connection) return connection;
    if (this.readers < MAX_READERS) {
      this.readers += 1;
      try {
        return await this.instance.connect();
      } catch (error) {
        this.readers -= 1;
        throw error;
      }
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(connection: DuckDBConnection): void {
    const next = this.waiting.shift();
    if (next) next(connection);
    else this.idle.push(connection);
  }

  private async migrate(): Promise<void> {
    await this.writer.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
    );
    const applied = new Set(
      (await rows<{ version: number }>(this.writer, 'SELECT version FROM schema_migrations')).map(
        (r) => r.version,
      ),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await inTransaction(this.writer, async (c) => {
        await c.run(migration.sql);
        await c.run('INSERT INTO schema_migrations VALUES ($1, $2, current_timestamp)', [
          migration.version,
          migration.name,
        ]);
      });
    }
  }

  /** Checkpoint and release the file. */
  close(): void {
    for (const connection of this.idle.splice(0)) connection.closeSync();
    this.writer.closeSync();
    this.instance.closeSync();
  }
}

const open = new Map<string, Promise<Store>>();

/** The process's one store for a path: opened (and migrated) on first use, shared afterwards. */
export function openStore(path: string, options: StoreOptions = {}): Promise<Store> {
  const key = path === ':memory:' ? path : resolve(path);
  let store = open.get(key);
  if (!store) {
    store = Store.open(key, options);
    open.set(key, store);
    store.catch(() => open.delete(key));
  }
  return store;
}

/** Close and forget a store opened with `openStore`. */
export async function closeStore(path: string): Promise<void> {
  const key = path === ':memory:' ? path : resolve(path);
  const store = open.get(key);
  open.delete(key);
  if (store) (await store).close();
}

/** Make `file` readable by its owner only, if it exists. */
function ownerOnly(file: string): void {
  try {
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
