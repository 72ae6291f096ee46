/**
 * Configuration, read once at start-up into one typed object. Sources, later ones winning: the
 * defaults, the config file (`--config FILE`, else `jobinvest.config.json` in the working
 * directory if there is one), the command-line flags. Nothing else in the code reads the
 * environment or a config file.
 */

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { InputError } from './input-error.ts';

const ConfigSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(8080),
      })
      .strict()
      .prefault({}),
    /** A CSV of benefit rates replacing the shipped table (see rates-file.ts); relative to the config file. */
    ratesFile: z.string().min(1).nullable().default(null),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

export const DEFAULT_CONFIG_FILE = 'jobinvest.config.json';

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
  return normalizeConfig(
    {
      server: { host: o.host ?? fromFile.server.host, port: o.port ?? fromFile.server.port },
      ratesFile:
        o.ratesFile !== undefined
          ? resolve(options.cwd, o.ratesFile)
          : fromFile.ratesFile === null
            ? null
            : resolve(dirname(path), fromFile.ratesFile),
    },
    'command line',
  );
}
