/**
 * What every room is handed by the composition: the HTTP routes get an `AppContext` (from
 * http/app.ts), the CLI commands a `CliIo` and their program (from cli/program.ts). The types live
 * here, apart from both, so that a room never imports the composition that imports it.
 */

import type { RateTable } from '@jobinvest/core';
import type { Command } from 'commander';
import { loadConfig, type Config, type ConfigOverrides } from './config.ts';
import type { Store } from './data/db.ts';

export interface AppContext {
  readonly config: Config;
  readonly rates: RateTable;
  readonly store: Store;
  /** The bearer token a `jobinvest` command on this machine uses (written to `<db>.server.json`). */
  readonly localToken?: string | null;
  /** The clock of sessions and login limits, milliseconds since the epoch (tests move it). */
  readonly now?: () => number;
}

export interface CliIo {
  readonly cwd: string;
  /** Whether stderr is a terminal (progress bars redraw in place). */
  readonly tty?: boolean;
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** All of standard input (`--password-stdin`); absent where there is none. */
  readonly readStdin?: () => Promise<string>;
  /** Resolves when a long-running command (serve) should stop; the bin wires it to SIGINT/SIGTERM. */
  readonly untilStopped?: () => Promise<void>;
}

/** The configuration for a command of `program`: its `--config` file, then `overrides`. */
export function commandConfig(program: Command, io: CliIo, overrides: ConfigOverrides = {}): Promise<Config> {
  return loadConfig({ cwd: io.cwd, configFile: program.opts<{ config?: string }>().config, overrides });
}
