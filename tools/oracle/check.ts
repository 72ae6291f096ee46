/**
 * The oracle check: re-runs every R script in tools/oracle/ and fails if what R says now differs from
 * the committed fixtures in tools/oracle/fixtures/ (the numbers `npm test` compares against).
 *
 *   npx tsx tools/oracle/check.ts           # compare; exit 1 on any difference
 *   npx tsx tools/oracle/check.ts --write   # overwrite the fixtures with R's output (then review the diff)
 *
 * Each `tools/oracle/NAME.R` runs as `Rscript tools/oracle/NAME.R OUTDIR` from the repository root,
 * in its own temporary OUTDIR, and every `.json` it writes there is compared with the fixture of the
 * same name. Numbers agree when their relative difference is at most 1e-12 (R on another machine may
 * differ in the last bits); everything else must be equal. It fails on a script that exits non-zero,
 * an output with no committed fixture, a committed fixture no script writes, and a difference, and it
 * names the file and the first differing value. A script that writes no JSON (json.R, which the others
 * source) is a helper and is only listed.
 */

import { spawn } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RELATIVE_TOLERANCE = 1e-12;

const oracleDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(oracleDir, '..', '..');
const fixturesDir = path.join(oracleDir, 'fixtures');
const relative = (file: string) => path.relative(root, file);

interface Run {
  readonly script: string;
  readonly outDir: string;
  readonly code: number | null;
  readonly stderr: string;
}

function runScript(script: string, outDir: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('Rscript', [relative(script), outDir], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'ENOENT'
          ? new Error(
              'Rscript is not on PATH: install r-base-core, r-cran-survival and r-cran-psych (see .ci/run)',
            )
          : error,
      ),
    );
    child.on('close', (code) => resolve({ script, outDir, code, stderr }));
  });
}

/** The first place where `now` differs from `committed`, as a message, or null if they agree. */
function firstDifference(committed: unknown, now: unknown, at = ''): string | null {
  const show = (v: unknown) => JSON.stringify(v) ?? String(v);
  if (typeof committed === 'number' && typeof now === 'number') {
    const scale = Math.max(Math.abs(committed), Math.abs(now));
    const difference = Math.abs(committed - now);
    return committed === now || difference <= RELATIVE_TOLERANCE * scale
      ? null
      : `${at || '(top)'}: committed ${committed}, R now ${now} (relative difference ${(difference / scale).toExponential(2)})`;
  }
  if (Array.isArray(committed) && Array.isArray(now)) {
    if (committed.length !== now.length)
      return `${at || '(top)'}: committed ${committed.length} elements, R now ${now.length}`;
    for (let i = 0; i < committed.length; i++) {
      const found = firstDifference(committed[i], now[i], `${at}[${i}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (isObject(committed) && isObject(now)) {
    const keys = new Set([...Object.keys(committed), ...Object.keys(now)]);
    for (const key of keys) {
      if (!(key in committed)) return `${at}.${key}: not in the committed fixture, R now ${show(now[key])}`;
      if (!(key in now))
        return `${at}.${key}: committed ${show(committed[key])}, missing from R's output now`;
      const found = firstDifference(committed[key], now[key], `${at}.${key}`);
      if (found !== null) return found;
    }
    return null;
  }
  return committed === now ? null : `${at || '(top)'}: committed ${show(committed)}, R now ${show(now)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

async function main(): Promise<number> {
  const write = process.argv.includes('--write');
  const scripts = (await readdir(oracleDir))
    .filter((f) => f.endsWith('.R'))
    .sort()
    .map((f) => path.join(oracleDir, f));
  const committed = new Set((await readdir(fixturesDir).catch(() => [])).filter((f) => f.endsWith('.json')));
  const tmp = await mkdtemp(path.join(tmpdir(), 'oracle-'));
  const failures: string[] = [];
  const produced = new Set<string>();
  try {
    const runs = await Promise.all(
      scripts.map(async (script) => {
        const outDir = await mkdtemp(path.join(tmp, `${path.basename(script, '.R')}-`));
        return runScript(script, outDir);
      }),
    );
    for (const run of runs) {
      const name = relative(run.script);
      if (run.code !== 0) {
        failures.push(
          `${name}: Rscript exited with ${run.code}\n${run.stderr.trim().split('\n').slice(-10).join('\n')}`,
        );
        continue;
      }
      const outputs = (await readdir(run.outDir)).filter((f) => f.endsWith('.json')).sort();
      if (outputs.length === 0) console.log(`${name}: writes no fixture (a helper)`);
      for (const file of outputs) {
        produced.add(file);
        const fixture = path.join(fixturesDir, file);
        if (write) {
          await copyFile(path.join(run.outDir, file), fixture);
          console.log(`${name}: wrote ${relative(fixture)}`);
          continue;
        }
        if (!committed.has(file)) {
          failures.push(
            `${name} writes ${file}, but ${relative(fixture)} is missing: run with --write and commit it`,
          );
          continue;
        }
        const before = JSON.parse(await readFile(fixture, 'utf8')) as unknown;
        const now = JSON.parse(await readFile(path.join(run.outDir, file), 'utf8')) as unknown;
        const difference = firstDifference(before, now);
        if (difference === null) console.log(`${name}: ${relative(fixture)} agrees`);
        else failures.push(`${relative(fixture)} differs from what ${name} gives now: ${difference}`);
      }
    }
    for (const file of [...committed].filter((f) => !produced.has(f)))
      failures.push(
        `${relative(path.join(fixturesDir, file))} is committed but no tools/oracle/*.R writes it`,
      );
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  for (const failure of failures) console.error(`FAIL ${failure}`);
  console.log(
    failures.length === 0
      ? `oracle: ${scripts.length} scripts, ${produced.size} fixtures, all agree with R`
      : `oracle: ${failures.length} failure(s)`,
  );
  return failures.length === 0 ? 0 : 1;
}

process.exitCode = await main();
