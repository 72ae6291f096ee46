/**
 * The DuckDB store: one file, one instance per process, migrations applied on open.
 *
 * DuckDB's extension autoinstall is off: only the built-in parquet, json and icu work offline, and a
 * query that would download one must fail, not hang. Counts come back from DuckDB as `bigint`;
 * `rows()` turns them into numbers here, at the edge, so the rest of the code sees plain numbers.
 */

import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
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

export class Store {
  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    /** The connection for sequential work (imports, migrations); requests get their own. */
    readonly main: DuckDBConnection,
  ) {}

  static async open(path: string, options: StoreOptions = {}): Promise<Store> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path, {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'true',
      memory_limit: options.memoryLimit ?? DEFAULT_MEMORY_LIMIT,
    });
    const main = await instance.connect();
    const store = new Store(path, instance, main);
    await store.migrate();
    return store;
  }

  /** A new connection, for one in-flight request. */
  connect(): Promise<DuckDBConnection> {
    return this.instance.connect();
  }

  async query<T extends Row = Row>(
    sql: string,
    params?: DuckDBValue[] | Record<string, DuckDBValue>,
  ): Promise<T[]> {
    return rows<T>(this.main, sql, params);
  }

  /** Run `work` inside one transaction on the main connection: all of it commits, or none of it. */
  async transaction<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    await this.main.run('BEGIN TRANSACTION');
    try {
      const result = await work(this.main);
      await this.main.run('COMMIT');
      return result;
    } catch (error) {
      await this.main.run('ROLLBACK');
      throw error;
    }
  }

  private async migrate(): Promise<void> {
    await this.main.run(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)',
    );
    const applied = new Set(
      (await this.query<{ version: number }>('SELECT version FROM schema_migrations')).map((r) => r.version),
    );
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await this.transaction(async (c) => {
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
    this.main.closeSync();
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
