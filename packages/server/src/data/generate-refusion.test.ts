import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENEFITS, DEFAULT_DREAM_CODES, fromDreamColumn, fromYyyyww, isOnStaircase, mondayOf } from '@jobinvest/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { tempDir } from '../cli/test-helpers.ts';
import { closeStore, type Store } from './db.ts';
import { GENERATED_FILES, generatePopulation } from './generate.ts';
import { importFile, storeOf } from './import.ts';

const TO_WEEK = fromYyyyww(202610);
const SIZE = { persons: 1500, municipalities: 2, fromYear: 2023, toWeek: 202610, seed: 17 };

/** DD-MM-YYYY of a week's Monday. */
const danishMonday = (week: number) => mondayOf(week).split('-').reverse().join('-');
const number = (text: string) => Number(text.replace(',', '.'));

describe('the demo Ydelsesrefusion file', () => {
  let dir: string;
  let bytes: Buffer;
  let header: string[];
  let lines: string[][];
  let store: Store;

  beforeAll(async () => {
    dir = tempDir();
    await generatePopulation({ ...SIZE, outDir: dir });
    bytes = readFileSync(join(dir, GENERATED_FILES.ydelsesrefusion));
    const text = new TextDecoder('windows-1252').decode(bytes);
    expect(text.endsWith('\r\n')).toBe(true);
    const [first, ...rest] = text.slice(0, -2).split('\r\n');
    header = first!.split(';');
    lines = rest.map((l) => l.split(';'));
    const config = await loadConfig({ cwd: dir, overrides: { db: join(dir, 'store.duckdb') } });
    await importFile(config, 'persons', join(dir, GENERATED_FILES.persons));
    await importFile(config, 'ydelsesrefusion', join(dir, GENERATED_FILES.ydelsesrefusion));
    store = await storeOf(config);
  }, 120_000);

  afterAll(async () => {
    await closeStore(join(dir, 'store.duckdb'));
  });

  it('is Windows-1252, not UTF-8, with the columns of the weekly file', () => {
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(header).toEqual([
      'Uge',
      'CPR nummer',
      'Ydelse',
      'Finansiering Kommunenavn',
      'Indberetning udbetalingsbeløb',
      'Beregnet udbetalingsbeløb',
      'Refusionssats',
      'Refusionsbeløb',
      'Medfinansieringssats',
      'Medfinansieringsbeløb',
    ]);
    expect(lines.some((l) => l[2] === 'Kontanthjælp')).toBe(true);
    expect(lines.every((l) => l.length === 10 && /^\d+,\d\d$/.test(l[4]!))).toBe(true);
  });

  it('covers the year before the last and the last year up to its last week', () => {
    const weeks = new Set(lines.map((l) => l[0]));
    expect(weeks.has(danishMonday(fromYyyyww(202501)))).toBe(true); // 30-12-2024
    expect(weeks.has(danishMonday(TO_WEEK))).toBe(true);
    expect(weeks.has(danishMonday(fromYyyyww(202452)))).toBe(false);
    expect(weeks.has(danishMonday(TO_WEEK + 1))).toBe(false);
  });

  it('prices the weeks at the rate table of their year, by hand', () => {
    const gross = (ydelse: string, week: number) =>
      new Set(lines.filter((l) => l[2] === ydelse && l[0] === danishMonday(week)).map((l) => l[4]));
    // a-dagpenge 21,092 (2025) and 22,041 (2026) kr. a month × 12 / 52.
    expect(gross('A-dagpenge', fromYyyyww(202520))).toEqual(new Set(['4867,38']));
    expect(gross('A-dagpenge', fromYyyyww(202605))).toEqual(new Set(['5086,38']));
    // sygedagpenge 4,865 kr. a week (2025), regulated by 4.5 % to 5,084 (2026).
    expect(gross('Sygedagpenge', fromYyyyww(202520))).toEqual(new Set(['4865,00']));
    expect(gross('Sygedagpenge', fromYyyyww(202605))).toEqual(new Set(['5084,00']));
  });

  it("puts a person's first weeks on the staircase at 80/20 % and the fifth at 40/60 %, counted on the DREAM file", () => {
    // Persons whose first covered week in the window lies in the file: within 52 weeks of it no
    // reset can have happened, so the count is the covered weeks so far.
    const dream = readFileSync(join(dir, GENERATED_FILES.dream), 'latin1').trimEnd().split('\n');
    const columns = dream[0]!.split(',').slice(5).map(fromDreamColumn);
    const covered = new Set(
      DEFAULT_DREAM_CODES.filter((d) => isOnStaircase(BENEFITS.find((b) => b.code === d.benefit)!)).map((d) => d.code),
    );
    const byPerson = new Map<string, string[][]>();
    for (const l of lines) byPerson.set(l[1]!, [...(byPerson.get(l[1]!) ?? []), l]);
    let checked = 0;
    for (const row of dream.slice(1)) {
      const cells = row.split(',');
      const weeks = cells.slice(5).flatMap((code, k) => (covered.has(code) ? [columns[k]!] : []));
      const own = byPerson.get(cells[0]!);
      if (!weeks.length || weeks[0]! < fromYyyyww(202501) || !own) continue;
      const first = weeks[0]!;
      for (const [k, week] of weeks.entries()) {
        if (week > first + 51 || k >= 26) break;
        const line = own.find((l) => l[0] === danishMonday(week))!;
        expect(line, `${cells[0]} ${week}`).toBeDefined();
        const [refusion, cofinancing] = k < 4 ? ['80,00', '20,00'] : ['40,00', '60,00'];
        const share = line[2] === 'A-dagpenge' || line[2] === 'Førtidspension' ? ['0,00', cofinancing] : [refusion, '0,00'];
        expect([line[6], line[8]]).toEqual(share);
        const rate = number(line[6]!) / 100 || number(line[8]!) / 100;
        const amount = number(line[6]!) > 0 ? line[7]! : line[9]!;
        expect(number(amount)).toBeCloseTo(Math.round(number(line[5]!) * rate * 100) / 100, 2);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('imports through the Ydelsesrefusion importer with every line and amount', async () => {
    const [stored] = await store.query<{ lines: number; refusion: number; cofinancing: number; persons: number }>(
      `SELECT count(*)::INTEGER AS lines, sum(refusion_amount) AS refusion, sum(cofinancing_amount) AS cofinancing,
              count(DISTINCT person_id)::INTEGER AS persons FROM refusion_lines`,
    );
    expect(stored!.lines).toBe(lines.length);
    expect(stored!.persons).toBe(new Set(lines.map((l) => l[1])).size);
    expect(stored!.refusion).toBeCloseTo(lines.reduce((s, l) => s + number(l[7]!), 0), 2);
    expect(stored!.cofinancing).toBeCloseTo(lines.reduce((s, l) => s + number(l[9]!), 0), 2);
    const [joined] = await store.query<{ unknown: number }>(
      `SELECT count(*)::INTEGER AS unknown FROM refusion_lines r ANTI JOIN persons p USING (person_id)`,
    );
    expect(joined!.unknown).toBe(0);
  });
});
