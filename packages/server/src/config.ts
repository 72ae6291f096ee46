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

/** Whether `url` names this machine (a provider there may be reached over http). */
function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

const ConfigSchema = z
  .object({
    server: z
      .object({
        host: z.string().min(1).default('127.0.0.1'),
        port: z.number().int().min(0).max(65_535).default(8080),
        /** The longest a request may compute (an investment case, a report) before it is stopped, seconds. */
        requestBudgetSeconds: z.number().positive().max(86_400).default(120),
        /** Host names the server answers to (the Host header; DNS rebinding): loopback by default. */
        allowedHosts: z.array(z.string().min(1)).min(1).default(['127.0.0.1', 'localhost', '[::1]']),
        /** Certificate and key (PEM files, relative to the config file) to serve https. */
        tls: z
          .object({ cert: z.string().min(1), key: z.string().min(1) })
          .strict()
          .nullable()
          .default(null),
      })
      .strict()
      .prefault({}),
    /** A CSV of benefit rates replacing the shipped table (see rates-file.ts); relative to the config file. */
    ratesFile: z.string().min(1).nullable().default(null),
    /** The DuckDB file of the register store. */
    db: z.string().min(1).default(DEFAULT_DB),
    /** The pseudonymisation secret; by default beside the database, as `<db>.secret`. */
    secretFile: z.string().min(1).nullable().default(null),
    access: z
      .object({
        /** A session ends after this long without a request. */
        sessionIdleMinutes: z
          .number()
          .positive()
          .max(24 * 60)
          .default(30),
        /** A session ends this long after the login, however busy. */
        sessionAbsoluteHours: z
          .number()
          .positive()
          .max(24 * 7)
          .default(10),
        /** Failed logins in a row after which a username is locked. */
        loginAttempts: z.number().int().min(1).max(100).default(5),
        lockoutMinutes: z
          .number()
          .positive()
          .max(24 * 60)
          .default(15),
        /** Figures resting on fewer persons than this are withheld from roles without unsuppressed access. */
        suppressionThreshold: z.number().int().min(1).max(100).default(5),
        /** The municipality's identity provider (OpenID Connect), if users log in there. */
        oidc: z
          .object({
            issuer: z.url(),
            clientId: z.string().min(1),
            clientSecret: z.string().min(1),
            /** This server's callback, as registered with the provider: https://…/api/session/oidc/callback */
            redirectUri: z.url(),
            scope: z.string().default('openid profile'),
            /** The claim that names the user. */
            usernameClaim: z.string().default('preferred_username'),
            /** The claim that holds the role (a string, or an array of which the first known role is taken). */
            roleClaim: z.string().default('roles'),
            /** The provider's role values to ours, e.g. {"JobinvestOekonom": "economist"}; default: as they are. */
            roleMap: z.record(z.string(), z.string()).default({}),
            /** The claim that holds the municipality codes (string or array); "national": all; absent: refused. */
            municipalityClaim: z.string().default('municipalities'),
            caseworkerClaim: z.string().default('caseworker'),
            /** Only for a provider on loopback (tests, a local bridge): allow http; refused for any other host. */
            allowHttp: z.boolean().default(false),
          })
          .strict()
          .refine((o) => !o.allowHttp || isLoopback(o.issuer), {
            path: ['allowHttp'],
            message:
              'allowHttp only for an issuer on loopback (127.0.0.1, localhost, [::1]); any other provider is reached over https',
          })
          .nullable()
          .default(null),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/** The secret file in force: the configured one, or the database's own, `<db>.secret`. */
export function secretPath(config: Config): string {
  return config.secretFile ?? `${config.db}.secret`;
}

/** Where earlier versions kept the secret: one `jobinvest.secret` per folder, shared by its stores. */
export function legacySecretPath(config: Config): string {
  return join(dirname(config.db), 'jobinvest.secret');
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
        allowedHosts: fromFile.server.allowedHosts,
        tls:
          fromFile.server.tls === null
            ? null
            : { cert: resolve(base, fromFile.server.tls.cert), key: resolve(base, fromFile.server.tls.key) },
      },
      access: fromFile.access,
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
