import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_RATES } from '@jobinvest/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../cli/test-helpers.ts';
import { loadConfig } from '../config.ts';
import { signIn, type SignedIn } from '../access/test-helpers.ts';
import { createApp } from '../http/app.ts';
import { GENERATED_FILES, generatePopulation } from './generate.ts';
import { storeOf } from './import.ts';
import { dataVersion } from './summary.ts';

let dir: string;
let app: SignedIn;
let store: Awaited<ReturnType<typeof storeOf>>;

beforeAll(async () => {
  dir = tempDir();
  await generatePopulation({ persons: 300, municipalities: 2, fromYear: 2022, toYear: 2024, seed: 3, outDir: dir });
  const config = await loadConfig({ cwd: dir, overrides: { db: join(dir, 'store.duckdb') } });
  store = await storeOf(config);
  app = await signIn(createApp({ config, rates: SHIPPED_RATES, store }), store, 'analyst');
}, 120_000);

/** A multipart upload as a browser's FormData sends it. */
function upload(fields: Record<string, string | { name: string; text: string }>, accept?: string) {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields))
    form.append(key, typeof value === 'string' ? value : new File([value.text], value.name, { type: 'text/csv' }));
  return app.request('/api/imports', {
    method: 'POST',
    body: form,
    ...(accept ? { headers: { accept } } : {}),
  });
}

const generated = (name: keyof typeof GENERATED_FILES) => readFileSync(join(dir, GENERATED_FILES[name]), 'utf8');
/** Uploads still on disk beside the store (they hold CPR numbers until imported). */
const leftovers = () => readdirSync(dir).filter((n) => n.includes('.upload-'));

describe('POST /api/imports', { timeout: 120_000 }, () => {
  it('imports an uploaded file as jobinvest import does, and the same file again changes nothing', async () => {
    const first = await upload({ kind: 'persons', name: 'C:\\udtræk\\personer.csv', file: { name: 'personer.csv', text: generated('persons') } });
    expect(first.status).toBe(201);
    const summary = (await first.json()) as { outcome: string; rows: number; file: string; kind: string };
    expect(summary).toMatchObject({ outcome: 'imported', rows: 300, file: 'C:\\udtræk\\personer.csv', kind: 'persons' });
    const again = await upload({ kind: 'persons', file: { name: 'personer.csv', text: generated('persons') } });
    expect(again.status).toBe(200);
    expect(((await again.json()) as { outcome: string }).outcome).toBe('unchanged');
    const log = (await (await app.request('/api/imports')).json()) as { file: string; outcome: string }[];
    expect(log[0]).toMatchObject({ file: 'C:\\udtræk\\personer.csv', outcome: 'ok' });
    expect(leftovers()).toEqual([]);
  });

  it('imports the jobindsats extract and the framework conditions the generator wrote, as any other kind', async () => {
    const extract = await upload({ kind: 'jobindsats', file: { name: 'jobindsats.csv', text: generated('jobindsats') } });
    expect(extract.status).toBe(201);
    const summary = (await extract.json()) as { rows: number; notes: string[] };
    expect(summary.rows).toBe(98 * 36 * 13);
    expect(summary.notes[0]).toMatch(/ of 98 municipalities and 13 benefit groups \(source synthetic\); read as utf-8$/);
    const framework = await upload({ kind: 'framework', file: { name: 'framework.csv', text: generated('framework') } });
    expect(framework.status).toBe(201);
    expect(leftovers()).toEqual([]);
  });

  it('streams progress and the summary as NDJSON when asked', async () => {
    const res = await upload({ kind: 'dream', file: { name: 'dream.csv', text: generated('dream') } }, 'application/x-ndjson');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/x-ndjson');
    const lines = (await res.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const last = lines.at(-1)!;
    expect(last.summary).toMatchObject({ outcome: 'imported', kind: 'dream', file: 'dream.csv' });
    const progress = lines.filter((l) => l.progress) as { progress: { bytes: number; total: number } }[];
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.at(-1)!.progress.bytes).toBe(progress.at(-1)!.progress.total);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a bad row with the file, line and column as the client named them, and leaves the store as it was', async () => {
    const before = await dataVersion(store);
    const lines = generated('persons').trimEnd().split('\n');
    const bad = lines[3]!.split(',');
    // A CPR number that cannot be one: the importer says so without showing it.
    bad[0] = '3213999999';
    lines[3] = bad.join(',');
    const res = await upload({ kind: 'persons', name: 'personer-rettet.csv', file: { name: 'x.csv', text: `${lines.join('\n')}\n` } });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { error: string; details: { file: string; line: number }[] };
    expect(body.error).toMatch(/^personer-rettet\.csv, line 4, column /);
    expect(body.details[0]).toMatchObject({ file: 'personer-rettet.csv', line: 4 });
    expect(await dataVersion(store)).toBe(before);
    const ndjson = await upload(
      { kind: 'persons', name: 'personer-rettet.csv', file: { name: 'x.csv', text: `${lines.join('\n')}\n` } },
      'application/x-ndjson',
    );
    const last = JSON.parse((await ndjson.text()).trim().split('\n').at(-1)!) as { status: number; error: string; total: number };
    expect(last).toMatchObject({ status: 422, error: body.error, total: 1 });
    expect(leftovers()).toEqual([]);
  });

  it('names a missing or unknown kind, a missing file, a field nobody asked for and a body that is not multipart', async () => {
    const noKind = await upload({ file: { name: 'a.csv', text: 'a\n1\n' } });
    expect(noKind.status).toBe(422);
    expect(((await noKind.json()) as { error: string }).error).toMatch(/^request body, column kind: expected what the file holds: one of dream, /);
    const badKind = await upload({ kind: 'drøm', file: { name: 'a.csv', text: 'a\n1\n' } });
    expect(((await badKind.json()) as { error: string }).error).toContain('found "drøm"');
    const noFile = await upload({ kind: 'dream' });
    expect(((await noFile.json()) as { error: string }).error).toContain('column file: expected the register file');
    const extra = await upload({ kind: 'dream', note: 'x', file: { name: 'a.csv', text: 'a\n1\n' } });
    expect(((await extra.json()) as { error: string }).error).toContain('column note: expected only the fields kind, name, file and codes');
    const json = await app.request('/api/imports', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(json.status).toBe(415);
    expect(leftovers()).toEqual([]);
  });

  it('adds the codes sent with an import to the code map only when the import succeeds', async () => {
    const codes = 'code,benefit,label,status\nZZ1,kontanthjaelp_jobparat,Testkode,assumed\n';
    const failed = await upload({ kind: 'dream', file: { name: 'tom.csv', text: '' }, codes: { name: 'koder.csv', text: codes } });
    expect(failed.status).toBe(422);
    const map = (await (await app.request('/api/codes')).json()) as { code: string }[];
    expect(map.some((c) => c.code === 'ZZ1')).toBe(false);
    const badCodes = await upload({
      kind: 'dream',
      file: { name: 'dream.csv', text: generated('dream') },
      codes: { name: 'koder.csv', text: 'code,benefit,label,status\nZZ2,ingen_ydelse_findes,x,verified\n' },
    });
    expect(badCodes.status).toBe(422);
    expect(((await badCodes.json()) as { error: string }).error).toMatch(/^koder\.csv, line 2, column benefit: /);
  });
});

describe('/api/codes', () => {
  it('gives the code map and adds the entries of a codes CSV, naming a bad field by file, line and column', async () => {
    const map = (await (await app.request('/api/codes')).json()) as { code: string; status: string }[];
    expect(map.length).toBeGreaterThan(10);
    const added = await app.request('/api/codes?name=mine-koder.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'code;benefit;label;status\nZZ9;kontanthjaelp_jobparat;Min kode;assumed\n',
    });
    expect(added.status).toBe(200);
    expect((await added.json()) as unknown[]).toContainEqual({
      code: 'ZZ9',
      benefit: 'kontanthjaelp_jobparat',
      label: 'Min kode',
      status: 'assumed',
    });
    const bad = await app.request('/api/codes?name=mine-koder.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: 'code,benefit,label,status\nZZ8,kontanthjaelp_jobparat,x,måske\n',
    });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: string }).error).toBe(
      'mine-koder.csv, line 2, column status: expected verified or assumed, found "måske"',
    );
  });
});

