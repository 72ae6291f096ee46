/**
 * The CPR sweep: CPR numbers typed into every request field that takes persons, as an analyst (who
 * may pick persons) and as an economist (who may not), and then no CPR number anywhere: not in an
 * answer, not in the server's output, not in the store (its tables, and the raw bytes of the store,
 * its write-ahead log and its secret, before and after the checkpoint). And what a caller without
 * person-level access learns about a pseudonym: nothing, whatever the pseudonym.
 */

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fromYyyyww, SHIPPED_RATES } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import type { Config } from '../config.ts';
import { secretPath } from '../config.ts';
import {
  closeStore,
  GENERATED_FILES,
  generatedStore,
  importFile,
  pseudonymiser,
  storeOf,
  type Store,
} from '../data/index.ts';
import { createApp } from '../http/app.ts';
import { looksLikeCpr } from '../input/cpr.ts';
import type { AccessError } from '../http/principal.ts';
import { admitCase } from '../jobinvest/index.ts';
import { signIn, type SignedIn } from './test-helpers.ts';

/** The generated files (they hold the synthetic CPR numbers); the store is elsewhere. */
const data = tempDir();
/** The store, its write-ahead log and its secret: nothing else. */
const dir = tempDir();
const db = join(dir, 'store.duckdb');
const START_WEEK = '202410';

let store: Store;
let config: Config;
let app: ReturnType<typeof createApp>;
const as: Record<'admin' | 'analyst' | 'economist' | 'viewer', SignedIn> = {} as never;
/** Every CPR number of the generated persons. */
let everyCpr: Set<string>;
/** CPR numbers of persons who live in municipality 101 (they are in its stock). */
let residents: string[];
/** What is typed: real CPR numbers of the store, with and without the hyphen, and made-up ones. */
let typed: string[];

/** Every answer's bytes, and what the server wrote to the console, stdout and stderr. */
const answers: { what: string; status: number; bytes: Buffer }[] = [];
const output: string[] = [];

const withHyphen = (cpr: string) => `${cpr.slice(0, 6)}-${cpr.slice(6)}`;

function csvRows(name: string): string[][] {
  return readFileSync(join(data, name), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));
}

beforeAll(async () => {
  ({ config, store } = await generatedStore({
    persons: 1500,
    municipalities: 2,
    fromYear: 2021,
    toYear: 2024,
    seed: 11,
    outDir: data,
    db,
  }));
  await importFile(config, 'caseworkers', join(data, GENERATED_FILES.caseworkers));
  const persons = csvRows(GENERATED_FILES.persons);
  everyCpr = new Set(persons.map((r) => r[0]!));
  residents = persons.filter((r) => r[4] === '101').map((r) => r[0]!);
  typed = [
    '0101901234',
    '010190-1234',
    '2512851234',
    '311299-4321',
    '150677-2345',
    ...residents.slice(0, 3),
    ...residents.slice(3, 6).map(withHyphen),
    ` ${residents[6]!} `,
  ];
  expect(typed.every(looksLikeCpr)).toBe(true);
  app = createApp({ config, rates: SHIPPED_RATES, store });
  for (const role of ['admin', 'analyst', 'economist', 'viewer'] as const)
    as[role] = await signIn(app, store, role);

  // What the server says while it works: the console, and the process's own streams.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      output.push(args.map((a) => (a instanceof Error ? `${a.stack}` : String(a))).join(' '));
    });
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
      output.push(Buffer.from(chunk).toString('latin1'));
      return write(chunk, ...rest);
    }) as typeof stream.write);
  }
}, 240_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await closeStore(db);
});

async function call(who: SignedIn | null, what: string, path: string, body?: unknown) {
  const init: RequestInit =
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const res = await (who ? who.request(path, init) : app.request(path, init));
  const bytes = Buffer.from(await res.arrayBuffer());
  answers.push({ what, status: res.status, bytes });
  const text = bytes.toString('utf8');
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    // A PDF.
  }
  return { status: res.status, text, json: json as Record<string, unknown> };
}

const targetGroup = (persons: string[]) => ({
  municipality: '101',
  startWeek: START_WEEK,
  target: { persons },
});

const investmentCase = (persons: string[], name = 'Mentor for udvalgte borgere') => ({
  name,
  ...targetGroup(persons),
  participants: 1,
  cost: { perParticipant: 20_000 },
  effect: { hazardRatio: 1.3 },
  horizonWeeks: 52,
  replications: 0,
  breakEven: false,
});

const stepValue = (persons: string[]) => ({
  ...targetGroup(persons),
  indicator: 'health',
  steps: 1,
  share: 1,
  hazardRatio: 1.2,
});

/**
 * Where a CPR number of `known` (with or without the hyphen) is in `text`: not inside a longer run
 * of hex digits, where ten decimal digits turn up by chance in a pseudonym.
 */
function cprsIn(text: string, known: Set<string>): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![0-9A-Fa-f])(\d{6})-?(\d{4})(?![0-9A-Fa-f])/g))
    if (known.has(m[1]! + m[2]!)) found.add(m[0]);
  return [...found];
}

/** Whether `text` has any of the typed numbers or a CPR number of the data, in either spelling. */
function leaks(text: string): string[] {
  const known = new Set([...everyCpr, ...typed.map((t) => t.trim().replace('-', ''))]);
  const plain = typed.flatMap((t) => {
    const digits = t.trim().replace('-', '');
    return [digits, withHyphen(digits)].filter((spelling) => text.includes(spelling));
  });
  return [...new Set([...plain, ...cprsIn(text, known)])];
}

function filesUnder(path: string): string[] {
  return readdirSync(path, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(path, entry.name)) : [join(path, entry.name)],
  );
}

describe('the CPR sweep', { timeout: 240_000 }, () => {
  let pdfStatus = 0;

  it('answers the person fields of every request with pseudonyms or a refusal, never the number', async () => {
    // The requests whose bodies take persons, as the API describes them: each is swept below.
    const spec = (await call(null, 'openapi', '/api/openapi.json')).json as {
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
      components: { schemas: Record<string, unknown> };
    };
    const resolve = (node: unknown, seen = new Set<string>()): string => {
      const text = JSON.stringify(node ?? null);
      return text.replace(/\{"\$ref":"#\/components\/schemas\/([^"]+)"\}/g, (_, name: string) =>
        seen.has(name) ? '{}' : resolve(spec.components.schemas[name], new Set([...seen, name])),
      );
    };
    const takesPersons = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods).flatMap(([method, op]) =>
        /"persons?":/.test(resolve(op.requestBody)) ? [`${method.toUpperCase()} ${path}`] : [],
      ),
    );
    expect(takesPersons.sort()).toEqual([
      'POST /api/cases',
      'POST /api/invest',
      'POST /api/invest/report',
      'POST /api/invest/target-group',
      'POST /api/progression/value',
      'POST /api/refusion',
    ]);

    const group = await call(
      as.analyst,
      'analyst target group',
      '/api/invest/target-group',
      targetGroup(typed),
    );
    expect(group.status, group.text).toBe(200);
    // The residents' numbers found their persons: the pseudonyms are the store's.
    expect(group.json.persons).toBeGreaterThanOrEqual(3);

    const invest = await call(as.analyst, 'analyst invest', '/api/invest', investmentCase(typed));
    expect(invest.status, invest.text).toBe(200);

    const saved = await call(as.analyst, 'analyst case save', '/api/cases', investmentCase(typed));
    expect(saved.status, saved.text).toBe(201);
    const document = saved.json.document as { target: { persons: string[] } };
    const pseudonymise = pseudonymiser(secretPath(config));
    expect(document.target.persons.sort()).toEqual(
      [...new Set(typed.map((t) => pseudonymise(t.trim())))].sort(),
    );
    const id = saved.json.caseId as number;
    const read = await call(as.analyst, 'analyst case read', `/api/cases/${id}`);
    expect((read.json.document as typeof document).target.persons).toHaveLength(
      document.target.persons.length,
    );
    const withheld = await call(as.economist, 'economist case read', `/api/cases/${id}`);
    expect(withheld.status).toBe(200);
    expect((withheld.json.document as { target: unknown }).target).toEqual({
      personsWithheld: document.target.persons.length,
    });
    expect((await call(as.analyst, 'analyst case list', '/api/cases')).status).toBe(200);

    // What a step up is worth for the persons typed (a given hazard ratio: no outcome model needed).
    const value = await call(as.analyst, 'analyst step value', '/api/progression/value', stepValue(typed));
    expect(value.status, value.text).toBe(200);

    const report = await call(as.analyst, 'analyst report', '/api/invest/report', investmentCase(typed));
    pdfStatus = report.status;
    expect([200, 503], report.text.slice(0, 300)).toContain(report.status);

    for (const who of ['analyst', 'economist'] as const) {
      const history = typed.flatMap((person) => [
        { person, week: 202601, benefit: 'kontanthjaelp_jobparat' },
        { person, week: '202602', benefit: 'none' },
      ]);
      const refusion = await call(as[who], `${who} refusion`, '/api/refusion', { history });
      expect(refusion.status).toBe(422);
      expect(refusion.text).toContain('not a CPR number');
      // The same persons under a pseudonym are computed.
      const fine = await call(as[who], `${who} refusion by pseudonym`, '/api/refusion', {
        history: [{ person: pseudonymise(typed[0]!), week: 202601, benefit: 'kontanthjaelp_jobparat' }],
      });
      expect(fine.status).toBe(200);
    }

    for (const [path, body] of [
      ['/api/invest/target-group', targetGroup(typed)],
      ['/api/invest', investmentCase(typed)],
      ['/api/cases', investmentCase(typed)],
      ['/api/invest/report', investmentCase(typed)],
      ['/api/progression/value', stepValue(typed)],
    ] as const) {
      const refused = await call(as.economist, `economist ${path}`, path, body);
      expect(refused.status, refused.text).toBe(403);
      expect(refused.json.error).toMatch(/may not pick persons/);
    }
    const viewer = await call(as.viewer, 'viewer invest', '/api/invest', investmentCase(typed));
    expect(viewer.status).toBe(403);

    // Who logs in with their CPR number as the username is not recorded by it.
    for (const username of [typed[0]!, typed[1]!]) {
      const login = await call(null, 'login', '/api/session', { username, password: 'wrong password' });
      expect(login.status).toBe(401);
    }

    // The admin's reads of the audit trail, where the persons' reads are recorded.
    const trail = await call(as.admin, 'audit', '/api/audit');
    expect(trail.status).toBe(200);
    const reads = (trail.json as unknown as { action: string; persons: string[] }[]).filter(
      (e) => e.action === 'read.persons',
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);
    for (const e of reads) for (const p of e.persons) expect(p).toMatch(/^[0-9a-f]{64}$/);

    for (const answer of answers) expect(leaks(answer.bytes.toString('latin1')), answer.what).toEqual([]);
    expect(leaks(output.join('\n'))).toEqual([]);
  });

  it('keeps no CPR number in any table of the store', async () => {
    const columns = await store.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
       WHERE table_schema = 'main' AND (data_type LIKE 'VARCHAR%' OR data_type LIKE 'JSON%')`,
    );
    expect(columns.length).toBeGreaterThan(10);
    const known = new Set([...everyCpr, ...typed.map((t) => t.trim().replace('-', ''))]);
    for (const { table_name: table, column_name: column } of columns) {
      const found = await store.query<{ m: string }>(
        `SELECT DISTINCT unnest(regexp_extract_all("${column}"::VARCHAR, '\\d{6}-?\\d{4}')) AS m FROM "${table}"`,
      );
      const cprs = found.map((r) => r.m.replace('-', '')).filter((m) => known.has(m));
      // A pseudonym's hex digits can hold ten decimal digits; a CPR number of the data would be a leak.
      expect(cprs, `${table}.${column}`).toEqual([]);
    }
    // The persons the analyst typed are in the store, pseudonymised.
    const pseudonymise = pseudonymiser(secretPath(config));
    const [row] = await store.query<{ n: number }>(
      `SELECT count(*) AS n FROM persons WHERE pseudonym IN (${residents
        .slice(0, 7)
        .map((c) => `'${pseudonymise(c)}'`)
        .join(', ')})`,
    );
    expect(row?.n).toBe(7);
  });

  it('keeps the store, its log and its secret readable by their owner only', () => {
    const files = filesUnder(dir);
    expect(files.map((f) => basename(f))).toEqual(
      expect.arrayContaining(['store.duckdb', 'store.duckdb.secret']),
    );
    for (const file of files) expect((statSync(file).mode & 0o777).toString(8), file).toBe('600');
  });

  it('has no CPR number in the bytes of the store, its log and its secret, before and after the checkpoint', async () => {
    const before = filesUnder(dir).map((file) => ({ file, bytes: readFileSync(file) }));
    expect(before.map((f) => basename(f.file))).toContain('store.duckdb.wal');
    await closeStore(db);
    const after = filesUnder(dir).map((file) => ({ file, bytes: readFileSync(file) }));
    expect(after.map((f) => basename(f.file))).not.toContain('store.duckdb.wal');
    for (const { file, bytes } of [...before, ...after])
      expect(leaks(bytes.toString('latin1')), file).toEqual([]);
    // The sweep finds a number where there is one: the generated files hold every CPR number.
    expect(leaks(readFileSync(join(data, GENERATED_FILES.dream)).toString('latin1')).length).toBeGreaterThan(
      0,
    );
    expect(pdfStatus).not.toBe(0);
  });
});

describe('what a caller without person-level access learns about a pseudonym', { timeout: 240_000 }, () => {
  it('is the same answer whether the pseudonym or CPR number exists or not', async () => {
    // Reopened: the sweep above closed the store to read its bytes.
    ({ store } = await generatedStoreAgain());
    const [known] = await store.query<{ pseudonym: string }>(
      `SELECT p.pseudonym FROM persons p JOIN person_municipalities m USING (person_id)
       WHERE m.municipality = 101 LIMIT 1`,
    );
    const unknown = 'f'.repeat(64);
    const asked = [known!.pseudonym, unknown, residents[0]!, '0101901234'];
    for (const role of ['economist', 'viewer', 'manager'] as const) {
      const who = await signIn(app, store, role);
      for (const [path, body] of [
        ['/api/invest/target-group', targetGroup],
        ['/api/invest', investmentCase],
        ['/api/cases', investmentCase],
      ] as const) {
        const seen = new Set<string>();
        for (const person of asked) {
          const res = await who.request(path, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body([person])),
          });
          seen.add(`${res.status} ${await res.text()}`);
        }
        expect([...seen], `${role} ${path}`).toHaveLength(1);
        expect([...seen][0]).toMatch(/^403 /);
      }
    }
  });

  it("is the same answer for a caseworker whether a citizen is someone else's or nobody's", async () => {
    const week = fromYyyyww(START_WEEK);
    // Citizens of 101 assigned to one caseworker in the case's week, and someone else's.
    const mine = await store.query<{ caseworker: string; pseudonym: string }>(
      `WITH here AS (
         SELECT person_id FROM person_municipalities WHERE from_week <= $1
         GROUP BY person_id HAVING arg_max(municipality, from_week) = 101
       ), busiest AS (
         SELECT caseworker FROM caseworker_assignments JOIN here USING (person_id)
         WHERE from_week <= $1 AND coalesce(to_week, 2147483647) >= $1 GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1
       )
       SELECT a.caseworker, p.pseudonym FROM caseworker_assignments a JOIN busiest USING (caseworker)
         JOIN persons p USING (person_id) JOIN here USING (person_id)
       WHERE a.from_week <= $1 AND coalesce(a.to_week, 2147483647) >= $1 ORDER BY p.pseudonym`,
      [week],
    );
    expect(mine.length).toBeGreaterThan(0);
    const caseworkerId = mine[0]!.caseworker;
    const [other] = await store.query<{ pseudonym: string }>(
      `SELECT p.pseudonym FROM persons p WHERE p.person_id NOT IN (
         SELECT person_id FROM caseworker_assignments WHERE caseworker = $1) LIMIT 1`,
      [caseworkerId],
    );
    // The route rules keep a caseworker from the case routes altogether (no read:cases) …
    const caseworker = await signIn(app, store, 'caseworker', {
      username: 'test-own-caseworker',
      caseworker: caseworkerId,
    });
    const overHttp = new Set<string>();
    for (const person of [mine[0]!.pseudonym, other!.pseudonym, 'f'.repeat(64), '0101901234']) {
      const res = await caseworker.request('/api/invest/target-group', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(targetGroup([person])),
      });
      overHttp.add(`${res.status} ${await res.text()}`);
    }
    expect([...overHttp]).toHaveLength(1);
    expect([...overHttp][0]).toMatch(/^403 .*needs read:cases/);
    // … and the case's own check, should a rule let one through, says the same of anyone not theirs.
    const principal = {
      username: 'test-own-caseworker',
      role: 'caseworker' as const,
      municipalities: null,
      caseworker: caseworkerId,
    };
    const context = { config, rates: SHIPPED_RATES, store };
    const admitted = await admitCase(context, principal, targetGroup([mine[0]!.pseudonym]));
    expect(admitted.persons).toEqual([mine[0]!.pseudonym]);
    const refusals = new Set<string>();
    const pseudonymise = pseudonymiser(secretPath(config));
    const theirs = new Set(mine.map((m) => m.pseudonym));
    const stranger = residents.find((cpr) => !theirs.has(pseudonymise(cpr)))!;
    for (const person of [other!.pseudonym, 'f'.repeat(64), '0101901234', stranger])
      refusals.add(
        await admitCase(context, principal, targetGroup([mine[0]!.pseudonym, person])).then(
          () => 'admitted',
          (error: Error) => `${(error as AccessError).status} ${error.message}`,
        ),
      );
    expect([...refusals]).toHaveLength(1);
    expect([...refusals][0]).toMatch(/^403 a caseworker can pick only the citizens assigned to them/);
  });
});

/** The store of this file, opened again after the sweep closed it. */
async function generatedStoreAgain(): Promise<{ store: Store }> {
  store = await storeOf(config);
  app = createApp({ config, rates: SHIPPED_RATES, store });
  return { store };
}

describe('the import log', () => {
  it('names files without their folders to everyone but an admin', async () => {
    const reopened = await generatedStoreAgain();
    for (const role of ['analyst', 'economist', 'viewer', 'manager'] as const) {
      const who = await signIn(app, reopened.store, role);
      const res = await who.request('/api/imports');
      expect(res.status).toBe(200);
      const text = await res.text();
      expect(text).not.toContain(data);
      const log = JSON.parse(text) as { file: string; kind: string }[];
      expect(log.map((e) => e.file).sort()).toEqual(['caseworkers.csv', 'dream.csv', 'persons.csv']);
      const summary = await (await who.request('/api/data/summary')).text();
      expect(summary).not.toContain(data);
    }
    const admin = await signIn(app, reopened.store, 'admin');
    const log = (await (await admin.request('/api/imports')).json()) as { file: string }[];
    expect(log.map((e) => e.file).sort()).toEqual(
      [GENERATED_FILES.caseworkers, GENERATED_FILES.dream, GENERATED_FILES.persons].map((f) => join(data, f)),
    );
  });
});
