/**
 * Configuration, read once at start-up into one typed object. Sources, later ones winning: the
 * defaults, the config file (`--config FILE`, else `jobinvest.config.json` in the working
 * directory if there is one), the command-line flags. Nothing else in the code reads the
 * environment or a config file.
 */

import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from './input/input-error.ts';

export const DEFAULT_CONFIG_FILE = 'jobinvest.config.json';
export const DEFAULT_DB = 'data/jobinvest.duckdb';

const ConfigSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(8080),
        /** The longest a request may compute (an investment case, a report) before it is stopped, seconds. */
        requestBudgetSeconds: z.number().positive().max(86_400).default(120),
      })
      .strict()
      .prefault({}),
    /** A CSV of benefit rates replacing the shipped table (see rates-file.ts); relative to the config file. */
    ratesFile: z.string().min(1).nullable().default(null),
    /** The DuckDB file of the register store. */
    db: z.string().min(1).default(DEFAULT_DB),
    /** The pseudonymisation secret; by default beside the database, as `jobinvest.secret`. */
    secretFile: z.string().min(1).nullable().default(null),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/** The secret file in force: the configured one, or `jobinvest.secret` beside the database. */
export function secretPath(config: Config): string {
  return config.secretFile ?? join(dirname(config.db), 'jobinvest.secret');
}

/** Loose input in, one fully typed object out; `source` names the input in errors. */
export function normalizeConfig(spec: unknown, source: string): Config {
  const result = ConfigSchema.safeParse(spec);
  if (result.success) return result.data;
  throw new InputError(
    result.error.issues.map((issue) => ({
      file: source,
      column: issue.path.join('.') || '(top level)',
      expected: issue.message,
    })),
  );
}

export interface ConfigOverrides {
  readonly host?: string;
  readonly port?: number;
  readonly ratesFile?: string;
  readonly db?: string;
}

/** The configuration for this process: defaults, then the config file, then `overrides`. */
export async function loadConfig(options: {
  cwd: string;
  configFile?: string;
  overrides?: ConfigOverrides;
}): Promise<Config> {
  const path = resolve(options.cwd, options.configFile ?? DEFAULT_CONFIG_FILE);
  let fileSpec: Record<string, unknown> = {};
  try {
    const text = await readFile(path, 'utf8');
    try {
      fileSpec = JSON.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new InputError({ file: path, expected: 'valid JSON', found: (error as Error).message });
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    if (!missing || options.configFile !== undefined) {
      throw new InputError({
        file: path,
        expected: 'a readable JSON config file',
        found: missing ? 'no such file' : String(error),
      });
    }
  }
  const fromFile = normalizeConfig(fileSpec, path);
  const o = options.overrides ?? {};
  const base = dirname(path);
  return normalizeConfig(
    {
      server: {
        host: o.host ?? fromFile.server.host,
        port: o.port ?? fromFile.server.port,
        requestBudgetSeconds: fromFile.server.requestBudgetSeconds,
      },
      ratesFile:
        o.ratesFile !== undefined
          ? resolve(options.cwd, o.ratesFile)
          : fromFile.ratesFile === null
            ? null
            : resolve(base, fromFile.ratesFile),
      db: o.db !== undefined ? resolve(options.cwd, o.db) : resolve(base, fromFile.db),
      secretFile: fromFile.secretFile === null ? null : resolve(base, fromFile.secretFile),
    },
    'command line',
  );
}
