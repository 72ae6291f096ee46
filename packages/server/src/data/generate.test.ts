import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CITIZEN_INDICATORS,
  INDICATORS,
  SEARCH_CHANNELS,
  channelItem,
  calendarWeeks,
  DEFAULT_DREAM_CODES,
  fromDreamColumn,
  fromYyyyww,
  JOBINDSATS_GROUPS,
  jobindsatsSpells,
  mondayOf,
  monthWeeks,
  statusWeekAfter,
} from '@jobinvest/core';
import { Command, CommanderError } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeStore, type Store } from './db.ts';
import { dateInWeek } from './facts.ts';
import { GENERATED_FILES, generatedStore, generatePopulation, type GenerateResult } from './generate.ts';
import { importFile } from './import.ts';
import { registerGenerateCommand } from './generate-command.ts';
import { tempDir } from '../cli/test-helpers.ts';

const SMALL = { persons: 400, municipalities: 3, fromYear: 2019, toYear: 2021, seed: 9 };

/** The DREAM column's YYWW of the ISO week of a date (YYYY-MM-DD). */
function dateWeek(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  const thursday = new Date(d.getTime() + (3 - ((d.getUTCDay() + 6) % 7)) * 86_400_000);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  const week = 1 + Math.floor((thursday.getTime() - yearStart) / (7 * 86_400_000));
  return `${String(thursday.getUTCFullYear()).slice(2)}${String(week).padStart(2, '0')}`;
}

const read = (dir: string, name: string) => readFileSync(join(dir, name), 'utf8');

function csv(dir: string, name: string): { header: string[]; rows: string[][] } {
  const text = read(dir, name);
  expect(text.endsWith('\n')).toBe(true);
  expect(text.includes('\r')).toBe(false);
  const [header, ...rows] = text.slice(0, -1).split('\n');
  return { header: header!.split(','), rows: rows.map((line) => line.split(',')) };
}

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    Object.values(GENERATED_FILES).map((name) => [
      name,
      createHash('sha256')
        .update(readFileSync(join(dir, name)))
        .digest('hex'),
    ]),
  );
}

/** Birth year of a CPR number by CPR-kontoret's table of the 7th digit. */
function cprBirthYear(pnr: string): number {
  const yy = Number(pnr.slice(4, 6));
  const d7 = Number(pnr[6]);
  if (d7 <= 3) return 1900 + yy;
  if (d7 === 4 || d7 === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

function isRealDate(year: number, month: number, day: number): boolean {
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

function ageOn(birth: [number, number, number], date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [by, bm, bd] = birth;
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

describe('generatePopulation', () => {
  let dir: string;
  let result: GenerateResult;
  beforeAll(async () => {
    dir = tempDir();
    result = await generatePopulation({ ...SMALL, outDir: dir });
  });

  it('writes byte-identical files for the same options and seed', async () => {
    const again = tempDir();
    await generatePopulation({ ...SMALL, outDir: again, chunkPersons: 7 });
    expect(hashes(again)).toEqual(hashes(dir));
  });

  it('writes other persons and weeks for another seed', async () => {
    const other = tempDir();
    await generatePopulation({ ...SMALL, seed: 10, outDir: other });
    const [a, b] = [hashes(dir), hashes(other)];
    expect(b[GENERATED_FILES.dream]).not.toBe(a[GENERATED_FILES.dream]);
    expect(b[GENERATED_FILES.persons]).not.toBe(a[GENERATED_FILES.persons]);
  });

  it('has one DREAM column per ISO week of 2019-2021: 52 + 53 + 52, with y_2053', () => {
    const { header } = csv(dir, GENERATED_FILES.dream);
    expect(header.slice(0, 5)).toEqual(['PNR', 'kommune', 'koen', 'foedselsaar', 'herkomst']);
    const weeks = header.slice(5);
    expect(weeks).toHaveLength(157);
    expect([weeks[0], weeks[51], weeks[52], weeks[104], weeks[156]]).toEqual([
      'y_1901',
      'y_1952',
      'y_2001',
      'y_2053',
      'y_2152',
    ]);
    expect(weeks).not.toContain('y_1953');
    expect(new Set(weeks).size).toBe(157);
  });

  it('gives every person a unique CPR-like number: a real date DDMMYY, the century digit, the sex digit', () => {
    const { rows } = csv(dir, GENERATED_FILES.dream);
    expect(rows).toHaveLength(SMALL.persons);
    for (const [pnr, , sex, birthYear] of rows) {
      expect(pnr).toMatch(/^\d{10}$/);
      const year = cprBirthYear(pnr!);
      expect(year).toBe(Number(birthYear));
      expect(isRealDate(year, Number(pnr!.slice(2, 4)), Number(pnr!.slice(0, 2)))).toBe(true);
      expect(Number(pnr![9]) % 2).toBe(sex === 'M' ? 1 : 0);
    }
    expect(new Set(rows.map((r) => r[0])).size).toBe(SMALL.persons);
  });

  it('lists the same persons in persons.csv with birth year, sex, origin and municipality', () => {
    const dream = csv(dir, GENERATED_FILES.dream).rows.map((r) => r.slice(0, 5));
    const persons = csv(dir, GENERATED_FILES.persons);
    expect(persons.header).toEqual(['person', 'birth_year', 'sex', 'origin', 'municipality']);
    expect(persons.rows.map(([p, y, s, o, m]) => [p, m, s, y, o])).toEqual(dream);
    expect(new Set(persons.rows.map((r) => r[3]))).toEqual(new Set(['dansk', 'vestlig', 'ikke-vestlig']));
  });

  it('fills cells only with codes of DEFAULT_DREAM_CODES or leaves them empty', () => {
    const known = new Set(['', ...DEFAULT_DREAM_CODES.map((d) => d.code)]);
    const seen = new Set<string>();
    for (const row of csv(dir, GENERATED_FILES.dream).rows) for (const cell of row.slice(5)) seen.add(cell);
    expect([...seen].filter((code) => !known.has(code))).toEqual([]);
    expect(seen.has('111')).toBe(true);
    expect(seen.has('')).toBe(true);
  });

  it('uses real municipalities, largest to smallest: København 101, Vejen 575 and Læsø 825 for three', () => {
    const { header, rows } = csv(dir, GENERATED_FILES.municipalities);
    expect(header).toEqual(['code', 'name', 'year', 'population_16_66', 'labour_force_16_66']);
    expect(rows.map((r) => `${r[0]} ${r[1]} ${r[2]}`)).toEqual([
      '101 København 2019',
      '101 København 2020',
      '101 København 2021',
      '575 Vejen 2019',
      '575 Vejen 2020',
      '575 Vejen 2021',
      '825 Læsø 2019',
      '825 Læsø 2020',
      '825 Læsø 2021',
    ]);
    for (const [, , , population, labourForce] of rows) {
      expect(Number(labourForce)).toBe(Math.round(Number(population) * 0.78));
    }
    const copenhagen = rows.filter((r) => r[0] === '101').map((r) => Number(r[3]));
    const inCopenhagen = csv(dir, GENERATED_FILES.persons).rows.filter((r) => r[4] === '101').length;
    for (const population of copenhagen) {
      expect(population).toBeGreaterThan(0.7 * inCopenhagen);
      expect(population).toBeLessThanOrEqual(inCopenhagen);
    }
  });

  it('writes interventions, caseworkers and contacts with valid weeks, dates, kinds and ids', () => {
    const municipalityOf = new Map(csv(dir, GENERATED_FILES.persons).rows.map((r) => [r[0], r[4]]));
    const truth = JSON.parse(read(dir, GENERATED_FILES.truth)) as {
      model: { interventions: { types: { type: string; weeklyCostKr: number }[] } };
    };
    const weeklyCost = new Map(truth.model.interventions.types.map((t) => [t.type, t.weeklyCostKr]));

    const interventions = csv(dir, GENERATED_FILES.interventions);
    expect(interventions.header).toEqual(['person', 'type', 'start_week', 'end_week', 'cost']);
    expect(interventions.rows.length).toBeGreaterThan(20);
    for (const [person, type, start, end, cost] of interventions.rows) {
      expect(municipalityOf.has(person)).toBe(true);
      const weeks = fromYyyyww(end!) - fromYyyyww(start!) + 1;
      expect(weeks).toBeGreaterThanOrEqual(1);
      expect(Number(cost)).toBe(weeks * weeklyCost.get(type!)!);
    }

    const caseworkers = csv(dir, GENERATED_FILES.caseworkers);
    expect(caseworkers.header).toEqual(['person', 'caseworker', 'department', 'from_week', 'to_week']);
    for (const [person, caseworker, , from, to] of caseworkers.rows) {
      expect(caseworker).toMatch(new RegExp(`^cw-${municipalityOf.get(person)}-\\d{3,}$`));
      if (to !== '') expect(fromYyyyww(to!)).toBeGreaterThanOrEqual(fromYyyyww(from!));
    }
    expect(caseworkers.rows.some((r) => r[4] === '')).toBe(true);

    const contacts = csv(dir, GENERATED_FILES.contacts);
    expect(contacts.header).toEqual(['person', 'date', 'kind', 'caseworker']);
    expect(contacts.rows.length).toBeGreaterThan(100);
    for (const [person, date, kind, caseworker] of contacts.rows) {
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      expect(weekday >= 1 && weekday <= 5).toBe(true);
      expect(date! >= '2018-12-31' && date! <= '2022-01-02').toBe(true);
      expect(['samtale', 'udeblivelse']).toContain(kind);
      expect(caseworker!.startsWith(`cw-${municipalityOf.get(person)}-`)).toBe(true);
    }
  });

  it('writes measurements.csv in the import format: one row per measurement and item, bip-1, the measured groups only', () => {
    const municipalityOf = new Map(csv(dir, GENERATED_FILES.persons).rows.map((r) => [r[0], r[4]]));
    const { header, rows } = csv(dir, GENERATED_FILES.measurements);
    expect(header).toEqual(['person', 'date', 'questionnaire', 'respondent', 'item', 'score', 'caseworker']);
    const perMeasurement = CITIZEN_INDICATORS.length + SEARCH_CHANNELS.length + INDICATORS.length; // 27
    expect(rows.length).toBeGreaterThan(10 * perMeasurement);
    expect(rows.length % perMeasurement).toBe(0);
    const first = rows.slice(0, perMeasurement);
    expect(first.map((r) => `${r[3]}:${r[4]}`)).toEqual([
      ...CITIZEN_INDICATORS.map((k) => `citizen:${k}`),
      ...SEARCH_CHANNELS.map((k) => `citizen:${channelItem(k)}`),
      ...INDICATORS.map((k) => `caseworker:${k}`),
    ]);
    expect(new Set(first.map((r) => `${r[0]},${r[1]},${r[6]}`)).size).toBe(1);
    const dream = new Map(csv(dir, GENERATED_FILES.dream).rows.map((r) => [r[0], r]));
    const columns = csv(dir, GENERATED_FILES.dream).header;
    for (const [person, date, questionnaire, respondent, item, score, caseworker] of rows) {
      expect(municipalityOf.has(person)).toBe(true);
      expect(date! >= '2018-12-31' && date! <= '2022-01-02').toBe(true);
      expect(new Date(`${date}T12:00:00Z`).getUTCDay()).toBeGreaterThanOrEqual(1);
      expect(new Date(`${date}T12:00:00Z`).getUTCDay()).toBeLessThanOrEqual(5);
      expect(questionnaire).toBe('bip-1');
      expect(['citizen', 'caseworker']).toContain(respondent);
      if (item!.startsWith('channel:')) expect(['', '0', '1']).toContain(score);
      else expect(['', '1', '2', '3', '4', '5']).toContain(score);
      expect(caseworker!.startsWith(`cw-${municipalityOf.get(person)}-`)).toBe(true);
      // Measured in kontanthjælp aktivitetsparat (131), ressourceforløb (671) or jobafklaring (672).
      const week = columns.indexOf(`y_${dateWeek(date!)}`);
      expect(['131', '671', '672']).toContain(dream.get(person)![week]);
    }
  });

  it("writes the progression's true parameters in truth.json", () => {
    const truth = JSON.parse(read(dir, GENERATED_FILES.truth)) as {
      model: { version: string };
      progression: Record<string, unknown> & {
        hazardPerPoint: Record<string, number>;
        loadings: Record<string, number>;
        interventionEffect: { perWeek: Record<string, number> };
        caseworkerOrientation: { caseworker: string; orientation: number; hazardRatio: number }[];
        cadence: { meanGapWeeks: number };
      };
    };
    const p = truth.progression;
    expect(truth.model.version).toBe('synthetic-3');
    expect(p['states']).toEqual(['kontanthjaelp_aktivitetsparat', 'ressourceforloeb', 'jobafklaring']);
    expect(p['questionnaire']).toBe('bip-1');
    expect(Object.keys(p.hazardPerPoint).sort()).toEqual([...INDICATORS].sort());
    expect(Object.keys(p.loadings).sort()).toEqual([...INDICATORS].sort());
    expect(p.hazardPerPoint['caseworkerBelief']).toBeGreaterThan(0);
    expect(p['caseworkerChange']).toBeCloseTo(Math.log(0.78), 12);
    expect(p['caseworkerChangeHazardRatio']).toBeCloseTo(0.78, 12);
    expect(p['orientationHighVsLowHazardRatio']).toBeCloseTo(1.32, 12);
    expect(p['noise']).toEqual({ caseworkerSd: expect.any(Number), citizenSd: expect.any(Number) });
    expect(p.cadence.meanGapWeeks).toBe(13);
    const effects = p.interventionEffect.perWeek;
    expect(Object.keys(effects).sort()).toEqual(
      ['loentilskud', 'mentor', 'vejledning_opkvalificering', 'virksomhedspraktik'].sort(),
    );
    const caseworkers = new Set(csv(dir, GENERATED_FILES.caseworkers).rows.map((r) => r[1]!));
    const oriented = new Set<string>(p.caseworkerOrientation.map((c) => c.caseworker));
    for (const c of caseworkers) expect(oriented.has(c)).toBe(true);
    const written = csv(dir, GENERATED_FILES.measurements).rows.length;
    const items = CITIZEN_INDICATORS.length + SEARCH_CHANNELS.length + INDICATORS.length;
    expect(p['measurementsInWindow']).toBe(written / items);
  });

  it('returns the summary that truth.json holds, and the speed beside it', () => {
    const truth = JSON.parse(read(dir, GENERATED_FILES.truth)) as { summary: unknown; options: unknown };
    expect(truth.summary).toEqual(result.summary);
    const { toYear, ...rest } = SMALL;
    expect(truth.options).toEqual({ ...rest, toWeek: toYear * 100 + 52 });
    expect(result.personWeeksPerSecond).toBeGreaterThan(0);
  });
});

describe('a population to a week of the running year', () => {
  // 2025-W01 to 2026-W48: the week before Sunday 6 December 2026, with both benefit rules inside.
  let dir: string;
  beforeAll(async () => {
    dir = tempDir();
    await generatePopulation({ persons: 3000, municipalities: 2, fromYear: 2025, toWeek: 202648, seed: 4, outDir: dir });
  }, 60_000);

  it('stops at the given week in every file: the last DREAM column is y_2648, nothing after', () => {
    const { header, rows } = csv(dir, GENERATED_FILES.dream);
    const weeks = header.slice(5);
    expect([weeks.length, weeks[0], weeks.at(-1)]).toEqual([52 + 48, 'y_2501', 'y_2648']);
    expect(rows.every((r) => r.length === 5 + 100)).toBe(true);
    const last = fromYyyyww(202648);
    const interventions = csv(dir, GENERATED_FILES.interventions).rows;
    expect(interventions.filter((r) => fromYyyyww(r[3]!) > last)).toEqual([]);
    // Interventions running in the last week end there.
    expect(interventions.some((r) => r[3] === '202648')).toBe(true);
    const caseworkers = csv(dir, GENERATED_FILES.caseworkers).rows;
    expect(caseworkers.filter((r) => fromYyyyww(r[3]!) > last || (r[4] !== '' && fromYyyyww(r[4]!) > last))).toEqual([]);
    const contacts = csv(dir, GENERATED_FILES.contacts).rows.map((r) => r[1]!);
    expect(contacts.filter((date) => date > '2026-11-29')).toEqual([]);
    expect(contacts.some((date) => date >= '2026-11-23')).toBe(true);
    expect(csv(dir, GENERATED_FILES.municipalities).rows.map((r) => r[2])).toEqual(['2025', '2026', '2025', '2026']);
    const truth = JSON.parse(read(dir, GENERATED_FILES.truth)) as {
      options: { toWeek: number };
      window: { lastWeek: number; weeks: number };
      summary: { lastWeek: number; groups: { toWeek: number }[] };
    };
    expect([truth.options.toWeek, truth.window.lastWeek, truth.window.weeks, truth.summary.lastWeek]).toEqual([
      202648, 202648, 100, 202648,
    ]);
    expect(Math.max(...truth.summary.groups.map((g) => g.toWeek))).toBe(202648);
  });

  it('writes the new kontanthjælp from 2025-W27 and no code of the groups it replaced after 2025-W26', () => {
    const { header, rows } = csv(dir, GENERATED_FILES.dream);
    const w27 = header.indexOf('y_2527');
    const codesBy = (from: number, to: number) => {
      const seen = new Set<string>();
      for (const row of rows) for (let k = from; k < to; k++) seen.add(row[k]!);
      return seen;
    };
    const [before, after] = [codesBy(5, w27), codesBy(w27, header.length)];
    expect(['130', '131', '132', '133'].filter((c) => before.has(c))).toEqual(['130', '131', '132', '133']);
    expect(['130', '131', '132', '133'].filter((c) => after.has(c))).toEqual([]);
    expect(['135', '136', '137'].filter((c) => before.has(c))).toEqual([]);
    expect(['135', '136', '137'].filter((c) => after.has(c))).toEqual(['135', '136', '137']);
    const truth = JSON.parse(read(dir, GENERATED_FILES.truth)) as {
      model: { reforms: { description: string; rules: { id: string }[] } };
    };
    expect(truth.model.reforms.rules.map((r) => r.id)).toEqual([
      'kontanthjaelp-2025',
      'beskaeftigelsesreform-2026-fase-1',
    ]);
    expect(truth.model.reforms.description).toContain('the spell, its duration and the hazards carry on unchanged');
  });
});

describe('the generated data against truth.json', () => {
  // 20,000 persons, 2016-2025: large enough for a sharp test, a few seconds to make.
  let dir: string;
  let result: GenerateResult;
  beforeAll(async () => {
    dir = tempDir();
    result = await generatePopulation({
      persons: 20_000,
      municipalities: 5,
      fromYear: 2016,
      toYear: 2025,
      seed: 3,
      outDir: dir,
    });
  }, 60_000);

  it('allocates persons to municipalities within one person of their population share', () => {
    const populations = new Map([
      ['101', 660_000],
      ['376', 60_000],
      ['575', 43_000],
      ['825', 1_700],
      ['840', 31_000],
    ]);
    const total = [...populations.values()].reduce((a, b) => a + b, 0);
    const counts = new Map<string, number>();
    for (const row of csv(dir, GENERATED_FILES.persons).rows)
      counts.set(row[4]!, (counts.get(row[4]!) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...populations.keys()]);
    for (const [code, population] of populations) {
      expect(Math.abs(counts.get(code)! - (20_000 * population) / total)).toBeLessThan(1);
    }
  });

  /*
   * The realised weekly exit rate from a-dagpenge in spell weeks 1-4 against the probabilities that
   * truth.json gives, recomputed here from its numbers alone: for each person-week at risk,
   * p = 1 - exp(-H) with H the sum of the cause-specific hazards. Over n person-weeks the number of
   * exits has mean sum(p) and variance sum(p(1 - p)); it must fall within 3.29 standard deviations
   * (a 99.9 % interval). Spells starting in the first window week are left out (left-truncated), and
   * so are weeks followed by the 67th birthday (a rule, not a hazard).
   */
  it('realises the a-dagpenge exit probabilities of truth.json in spell weeks 1-4 (99.9 % interval)', () => {
    type Truth = {
      window: { firstWeek: number };
      model: {
        ageGroups: { label: string; fromAge: number }[];
        durationBands: { firstWeek: number; lastWeek: number | null }[];
        transitions: { from: string; to: string; hazard: number[] }[];
        destinationClass: Record<string, string>;
        covariates: Record<
          string,
          { ageGroup: number[]; sex: Record<string, number>; origin: Record<string, number> }
        >;
        eligibility: Record<string, { ageGroups: string[]; origins: string[] }>;
        mortality: { weeklyHazardByAgeGroup: number[]; stateLogHazardRatio: Record<string, number> };
        emigration: { weeklyHazardByOrigin: Record<string, number>; ageGroupLogHazardRatio: number[] };
        interventions: { types: { type: string; lockIn: number; effect: number; halfLifeWeeks: number }[] };
      };
      municipalities: { code: number; logEffect: number }[];
      calendarSeries: { week: number; job: number; unemployment: number }[];
    };
    const truth = JSON.parse(read(dir, GENERATED_FILES.truth)) as Truth;
    const m = truth.model;
    expect(m.durationBands[0]).toEqual({ label: '1-4', firstWeek: 1, lastWeek: 4 });
    const firstWeek = fromYyyyww(truth.window.firstWeek);
    const calendar = new Map(truth.calendarSeries.map((c) => [fromYyyyww(c.week), c]));
    const municipalityEffect = new Map(
      truth.municipalities.map((x) => [String(x.code), Math.exp(x.logEffect)]),
    );
    const types = new Map(m.interventions.types.map((t) => [t.type, t]));
    const fromAdagpenge = m.transitions.filter((t) => t.from === 'adagpenge');
    const interventionsOf = new Map<string, { type: string; start: number; end: number }[]>();
    for (const [person, type, start, end] of csv(dir, GENERATED_FILES.interventions).rows) {
      const list = interventionsOf.get(person!) ?? [];
      list.push({ type: type!, start: fromYyyyww(start!), end: fromYyyyww(end!) });
      interventionsOf.set(person!, list);
    }

    function exitProbability(
      birth: [number, number, number],
      sex: string,
      origin: string,
      municipality: string,
      person: string,
      week: number,
    ): number {
      const age = ageOn(birth, mondayOf(week));
      const g = m.ageGroups.findLastIndex((x) => age >= x.fromAge);
      const label = m.ageGroups[g]!.label;
      let interventionFactor = 1;
      const past = (interventionsOf.get(person) ?? []).filter((i) => i.start <= week);
      const running = past.find((i) => i.end >= week);
      if (running) interventionFactor = types.get(running.type)!.lockIn;
      else if (past.length > 0) {
        const last = past.reduce((a, b) => (b.end > a.end ? b : a));
        const t = types.get(last.type)!;
        interventionFactor = Math.exp(Math.log(t.effect) * 0.5 ** ((week - last.end) / t.halfLifeWeeks));
      }
      const cal = calendar.get(week)!;
      let total = 0;
      for (const tr of fromAdagpenge) {
        const cls = m.destinationClass[tr.to]!;
        const eligible = m.eligibility[tr.to]!;
        if (!eligible.ageGroups.includes(label) || !eligible.origins.includes(origin)) continue;
        const c = m.covariates[cls]!;
        let h = tr.hazard[0]! * Math.exp(c.ageGroup[g]! + c.sex[sex]! + c.origin[origin]!);
        if (cls === 'job') h *= cal.job * municipalityEffect.get(municipality)! * interventionFactor;
        if (cls === 'unemployment') h *= cal.unemployment;
        total += h;
      }
      total +=
        m.mortality.weeklyHazardByAgeGroup[g]! * Math.exp(m.mortality.stateLogHazardRatio.adagpenge ?? 0);
      total += m.emigration.weeklyHazardByOrigin[origin]! * Math.exp(m.emigration.ageGroupLogHazardRatio[g]!);
      return 1 - Math.exp(-total);
    }

    let observed = 0;
    let expected = 0;
    let variance = 0;
    let atRisk = 0;
    for (const row of csv(dir, GENERATED_FILES.dream).rows) {
      const [pnr, municipality, sex, birthYear, origin] = row as [string, string, string, string, string];
      const birth: [number, number, number] = [
        Number(birthYear),
        Number(pnr.slice(2, 4)),
        Number(pnr.slice(0, 2)),
      ];
      const cells = row.slice(5);
      for (let w = 1; w < cells.length; w++) {
        if (cells[w] !== '111' || cells[w - 1] === '111') continue;
        for (let d = 1; d <= 4; d++) {
          const t = w + d - 1;
          if (t + 1 >= cells.length || cells[t] !== '111') break;
          if (ageOn(birth, mondayOf(firstWeek + t + 1)) >= 67) break;
          const p = exitProbability(birth, sex, origin, municipality, pnr, firstWeek + t);
          atRisk++;
          expected += p;
          variance += p * (1 - p);
          if (cells[t + 1] !== '111') observed++;
        }
      }
    }
    expect(atRisk).toBeGreaterThan(20_000);
    expect(Math.abs(observed - expected)).toBeLessThan(3.29 * Math.sqrt(variance));
    // The test has power: hazards 10 % off would put the count outside the interval.
    expect(0.1 * expected).toBeGreaterThan(3.29 * Math.sqrt(variance));
    // A few seconds of counting over 20,000 rows; more on a busy machine than vitest's default 5 s.
  }, 30_000);

  it('reports stock shares at the last week beside the targets, every share between 0 and 1', () => {
    const shares = result.summary.states.map((s) => s.stockShareLastWeek);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(result.summary.states.find((s) => s.state === 'adagpenge')!.targetStockShare).toBe(0.025);
  });
});

describe('the synthetic jobindsats extract', () => {
  // 2023-2024 are the last 24 whole months of a window that ends with 2024.
  const dir = tempDir();
  const db = join(dir, 'store.duckdb');
  let store: Store;
  beforeAll(async () => {
    const made = await generatedStore({
      persons: 3000,
      municipalities: 5,
      fromYear: 2022,
      toYear: 2024,
      seed: 4,
      outDir: dir,
      db,
    });
    store = made.store;
    await importFile(made.config, 'jobindsats', join(dir, GENERATED_FILES.jobindsats));
    await importFile(made.config, 'framework', join(dir, GENERATED_FILES.framework));
  }, 60_000);
  afterAll(() => closeStore(db));

  it('covers all 98 municipalities, every jobindsats group and the 36 months, with their framework conditions', async () => {
    const [figures] = await store.query<{ municipalities: number; groups: number; months: number; source: string }>(
      `SELECT count(DISTINCT municipality) AS municipalities, count(DISTINCT benefit) AS groups,
              count(DISTINCT period_from) AS months, any_value(source) AS source FROM peer_figures`,
    );
    expect(figures).toEqual({ municipalities: 98, groups: JOBINDSATS_GROUPS.length, months: 36, source: 'synthetic' });
    const [framework] = await store.query<{ rows: number; municipalities: number }>(
      'SELECT count(*) AS rows, count(DISTINCT municipality) AS municipalities FROM framework_conditions',
    );
    expect(framework).toEqual({ rows: 98 * 3 * 6, municipalities: 98 });
  });

  it("gives the simulated municipalities the full-time persons their DREAM weeks give: weeks in the month ÷ the month's weeks", async () => {
    const groupOf = JOBINDSATS_GROUPS.slice(0, -1).flatMap((g) => g.benefits.map((b) => `('${b}', '${g.code}')`));
    const counted = await store.query<{ municipality: number; benefit: string; year: number; month: number; weeks: number }>(
      `WITH g(benefit, grp) AS (VALUES ${groupOf.join(', ')}),
       w AS (SELECT m.municipality, g.grp, ${dateInWeek('pw.week', 3)} AS thursday
             FROM person_weeks pw JOIN g USING (benefit) JOIN (SELECT DISTINCT person_id, municipality FROM person_municipalities) m USING (person_id))
       SELECT municipality, grp AS benefit, year(thursday) AS year, month(thursday) AS month, count(*)::INTEGER AS weeks
       FROM w WHERE year(thursday) IN (2022, 2023, 2024) GROUP BY ALL
       UNION ALL
       SELECT municipality, 'all', year(thursday), month(thursday), count(*)::INTEGER
       FROM w WHERE year(thursday) IN (2022, 2023, 2024) GROUP BY ALL`,
    );
    const stored = await store.query<{ municipality: number; benefit: string; period_from: number; value: number }>(
      `SELECT municipality, benefit, period_from, value FROM peer_figures
       WHERE measure = 'fullTimePersons' AND municipality IN (SELECT municipality FROM person_municipalities)`,
    );
    expect(new Set(stored.map((r) => r.municipality))).toEqual(new Set([101, 376, 575, 825, 840]));
    expect(stored).toHaveLength(5 * 36 * JOBINDSATS_GROUPS.length);
    const weeks = new Map(
      counted.map((c) => [`${c.municipality} ${c.benefit} ${monthWeeks(c.year, c.month).first}`, c]),
    );
    let nonZero = 0;
    for (const r of stored) {
      const c = weeks.get(`${r.municipality} ${r.benefit} ${r.period_from}`);
      const n = c ? monthWeeks(c.year, c.month).last - r.period_from + 1 : 1;
      expect(r.value * n, `${r.municipality} ${r.benefit} ${r.period_from}`).toBe(c?.weeks ?? 0);
      if (c) nonZero++;
    }
    expect(nonZero).toBeGreaterThan(500);
  });

  it("gives the simulated municipalities the spell figures, activation rate and labour force their files give, counted over again", async () => {
    // From dream.csv and interventions.csv alone: each person's weeks on each group, their spells by
    // core's jobindsatsSpells, a spell in the month of its last week; the status week's empty cell is
    // work or self-support. The figures as the importer stores them from the CSV's one decimal.
    const dream = csv(dir, GENERATED_FILES.dream);
    const weeks = dream.header.slice(5).map(fromDreamColumn);
    const window = { first: weeks[0]!, last: weeks.at(-1)! };
    const benefitOf = new Map(DEFAULT_DREAM_CODES.map((d) => [d.code, d.benefit as string]));
    const months = Array.from({ length: 36 }, (_, k) => monthWeeks(2022 + Math.floor(k / 12), (k % 12) + 1));
    const periodOf = (week: number) => months.find((m) => m.first <= week && week <= m.last)?.first;
    const interventions = new Map<string, [number, number][]>();
    for (const [person, , start, end] of csv(dir, GENERATED_FILES.interventions).rows)
      interventions.set(person!, [...(interventions.get(person!) ?? []), [fromYyyyww(start!), fromYyyyww(end!)]]);
    type Cell = { spells: number; weeks: number; known: number; work: number; onGroup: number; activated: number };
    const cells = new Map<string, Cell>();
    const cell = (key: string) => {
      if (!cells.has(key)) cells.set(key, { spells: 0, weeks: 0, known: 0, work: 0, onGroup: 0, activated: 0 });
      return cells.get(key)!;
    };
    for (const [pnr, municipality, , , , ...codes] of dream.rows) {
      for (const group of JOBINDSATS_GROUPS) {
        const on = new Set(
          weeks.filter((_, k) => (group.benefits as readonly string[]).includes(benefitOf.get(codes[k]!) ?? '')),
        );
        const key = (week: number) => `${municipality} ${group.code} ${periodOf(week)}`;
        for (const spell of jobindsatsSpells([...on], window)) {
          if (!spell.ended || periodOf(spell.last) === undefined) continue;
          const c = cell(key(spell.last));
          if (!spell.openAtStart) {
            c.spells++;
            c.weeks += calendarWeeks(spell);
          }
          const status = statusWeekAfter(spell.last, 3);
          if (status <= window.last) {
            c.known++;
            if (codes[status - window.first] === '') c.work++;
          }
        }
        for (const week of on) if (periodOf(week) !== undefined) cell(key(week)).onGroup++;
        for (const [start, end] of interventions.get(pnr!) ?? [])
          for (let week = start; week <= end; week++)
            if (on.has(week) && periodOf(week) !== undefined) cell(key(week)).activated++;
      }
    }
    const percent = (x: number) => Number((Number((100 * x).toFixed(1)) / 100).toPrecision(15));
    const expected: Record<string, number> = {};
    for (const [key, c] of cells) {
      if (c.spells > 0) expected[`${key} averageDurationWeeks`] = Number((c.weeks / c.spells).toFixed(1));
      if (c.known > 0) expected[`${key} shareInWorkAfter3Months`] = percent(c.work / c.known);
      if (c.onGroup > 0) expected[`${key} activationRate`] = percent(c.activated / c.onGroup);
    }
    const stored = await store.query<{ key: string; value: number }>(
      `SELECT concat_ws(' ', municipality, benefit, period_from, measure) AS key, value FROM peer_figures
       WHERE measure IN ('averageDurationWeeks', 'shareInWorkAfter3Months', 'activationRate')
         AND municipality IN (SELECT municipality FROM person_municipalities)`,
    );
    expect(Object.fromEntries(stored.map((r) => [r.key, r.value]))).toEqual(expected);
    // Every group but the smallest has spells ended in København, and the figures are many.
    const keys = Object.keys(expected);
    for (const group of JOBINDSATS_GROUPS.filter((g) => g.code !== 'revalidering'))
      expect(keys.some((k) => k.startsWith(`101 ${group.code} `) && k.endsWith('averageDurationWeeks')), group.code).toBe(true);
    expect(keys.length).toBeGreaterThan(1500);

    // The labour force and population of the municipality file, every group and month.
    const years = csv(dir, GENERATED_FILES.municipalities).rows;
    const people = await store.query<{ municipality: number; year: number; measure: string; values: number[] }>(
      `SELECT municipality, year(${dateInWeek('period_from', 3)}) AS year, measure, list(DISTINCT value) AS values
       FROM peer_figures WHERE measure IN ('labourForce', 'population16to66')
         AND municipality IN (SELECT municipality FROM person_municipalities)
       GROUP BY ALL HAVING count(*) = 12 * ${JOBINDSATS_GROUPS.length} ORDER BY ALL`,
    );
    expect(people).toEqual(
      years
        .flatMap(([code, , year, population, labourForce]) => [
          { municipality: Number(code), year: Number(year), measure: 'labourForce', values: [Number(labourForce)] },
          { municipality: Number(code), year: Number(year), measure: 'population16to66', values: [Number(population)] },
        ])
        .sort((a, b) => a.municipality - b.municipality || a.year - b.year || a.measure.localeCompare(b.measure)),
    );
  });

  it('puts the largest simulated municipality among its peers, between the 20th and 80th percentile of each figure', async () => {
    for (const measure of ['shareOfLabourForce', 'averageDurationWeeks', 'shareInWorkAfter3Months', 'activationRate']) {
      const figures = await store.query<{ municipality: number; figure: number }>(
        `SELECT municipality, avg(value) AS figure FROM peer_figures
         WHERE benefit = 'all' AND measure = $measure GROUP BY municipality ORDER BY figure`,
        { measure },
      );
      // Læsø, simulated with a few dozen persons, may have no spell ended.
      expect(figures.length).toBeGreaterThanOrEqual(97);
      const rank = figures.findIndex((s) => s.municipality === 101) / (figures.length - 1);
      expect(rank, measure).toBeGreaterThan(0.2);
      expect(rank, measure).toBeLessThan(0.8);
    }
  });

  it('draws longer spells, fewer in work after them and less activation for peers with more support', async () => {
    // The level z that raises a peer's support raises its durations and lowers its shares.
    const [correlations] = await store.query<{ duration: number; work: number; activation: number }>(
      `WITH f AS (
         SELECT municipality, avg(value) FILTER (WHERE measure = 'shareOfLabourForce') AS support,
                avg(value) FILTER (WHERE measure = 'averageDurationWeeks') AS duration,
                avg(value) FILTER (WHERE measure = 'shareInWorkAfter3Months') AS work,
                avg(value) FILTER (WHERE measure = 'activationRate') AS activation
         FROM peer_figures WHERE benefit = 'all'
           AND municipality NOT IN (SELECT municipality FROM person_municipalities) GROUP BY municipality)
       SELECT corr(support, duration) AS duration, corr(support, work) AS work, corr(support, activation) AS activation FROM f`,
    );
    expect(correlations!.duration).toBeGreaterThan(0.3);
    expect(correlations!.work).toBeLessThan(-0.3);
    expect(correlations!.activation).toBeLessThan(0);
  });
});

describe('jobinvest generate', () => {
  // Sunday 6 December 2026, noon in Copenhagen: the week before is 2026-W48.
  const today = new Date('2026-12-06T12:00:00+01:00');
  async function run(argv: string[], cwd = tempDir()) {
    let out = '';
    let err = '';
    const io = { cwd, out: (t: string) => (out += t), err: (t: string) => (err += t) };
    const program = new Command('jobinvest')
      .exitOverride()
      .configureOutput({ writeOut: io.out, writeErr: io.err });
    registerGenerateCommand(program, io, () => today);
    let code = 0;
    try {
      await program.parseAsync(argv, { from: 'user' });
    } catch (error) {
      if (!(error instanceof CommanderError)) throw error;
      code = error.exitCode;
    }
    return { code, out, err, cwd };
  }

  it('writes the files into --out relative to the working directory and prints a JSON summary', async () => {
    const { code, out, err, cwd } = await run([
      'generate',
      '--out',
      'demo',
      '--persons',
      '200',
      '--municipalities',
      '2',
      '--from',
      '2024',
      '--to',
      '2025',
      '--json',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(out) as {
      outDir: string;
      files: string[];
      summary: { persons: number; weeks: number };
    };
    expect(summary.outDir).toBe(join(cwd, 'demo'));
    expect(summary.summary.persons).toBe(200);
    expect(summary.summary.weeks).toBe(52 + 52);
    expect(summary.files.every((f) => existsSync(join(cwd, 'demo', f)))).toBe(true);
  });

  it('prints the generated figures beside the targets, and the speed, for people', async () => {
    const { code, out } = await run([
      'generate',
      '--out',
      'demo',
      '--persons',
      '300',
      '--from',
      '2024',
      '--to',
      '2024',
    ]);
    expect(code).toBe(0);
    expect(out).toMatch(/adagpenge\s+2,50 %/);
    expect(out).toContain('target median');
    expect(out).toMatch(/person-weeks per second/);
  });

  it('refuses a number of persons that is not whole, in one line', async () => {
    const { code, out, err } = await run(['generate', '--out', 'x', '--persons', '12.5']);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toBe(
      `error: option '--persons <n>' argument '12.5' is invalid. expected a number of persons: a whole number from 1 to 10000000, found "12.5"\n`,
    );
  });

  it('refuses 99 municipalities, a year before 1990 and --to before --from, in one line each', async () => {
    const municipalities = await run(['generate', '--out', 'x', '--municipalities', '99']);
    expect(municipalities.err).toMatch(
      /^error: option '--municipalities <n>' argument '99' is invalid\. .*1 to 98.*\n$/,
    );
    const year = await run(['generate', '--out', 'x', '--from', '1989']);
    expect(year.err).toBe(
      `error: option '--from <year>' argument '1989' is invalid. expected a year from 1990 to 2073, found "1989"\n`,
    );
    const order = await run(['generate', '--out', 'x', '--from', '2020', '--to', '2019']);
    expect([order.code, order.err]).toEqual([1, 'error: --to (2019) must not be before --from (2020)\n']);
  });

  it('ends by default in the week of the day before the date it is given (Sunday 6 December 2026: its own week), and reads --to as YYYYWW or a year', async () => {
    const header = (cwd: string) => read(join(cwd, 'out'), GENERATED_FILES.dream).split('\n')[0]!.split(',');
    const byDefault = await run(['generate', '--out', 'out', '--persons', '20', '--from', '2026']);
    expect(byDefault.code).toBe(0);
    expect(header(byDefault.cwd).slice(-2)).toEqual(['y_2648', 'y_2649']);
    const week = await run(['generate', '--out', 'out', '--persons', '20', '--from', '2026', '--to', '202610']);
    expect(header(week.cwd).slice(-1)).toEqual(['y_2610']);
    const year = await run(['generate', '--out', 'out', '--persons', '20', '--from', '2026', '--to', '2026']);
    expect(header(year.cwd).slice(-1)).toEqual(['y_2653']);
  });

  it('refuses a --to week that does not exist, and a default end before --from, in one line', async () => {
    const week = await run(['generate', '--out', 'x', '--to', '202553']);
    expect(week.err).toBe(
      `error: option '--to <week>' argument '202553' is invalid. expected a week YYYYWW that exists: 2025 has weeks 1-52, found "202553"\n`,
    );
    const text = await run(['generate', '--out', 'x', '--to', '2026-48']);
    expect(text.err).toMatch(/expected a week YYYYWW \(e\.g\. 202648\) or a year YYYY \(its last week\)/);
    const later = await run(['generate', '--out', 'x', '--from', '2027']);
    expect([later.code, later.err]).toEqual([
      1,
      'error: --to (202649, the week of yesterday) must not be before --from (2027)\n',
    ]);
  });

  it('requires --out', async () => {
    const { code, err } = await run(['generate', '--persons', '10']);
    expect(code).toBe(1);
    expect(err).toBe("error: required option '--out <dir>' not specified\n");
  });

  it('says which directory it cannot write to', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'taken'), 'a file, not a directory');
    await expect(
      generatePopulation({ ...SMALL, persons: 5, outDir: join(cwd, 'taken', 'out') }),
    ).rejects.toThrow(
      `${join(cwd, 'taken', 'out')}: expected a directory that can be created and written to, found "ENOTDIR"`,
    );
  });

  it('describes the files and their columns in --help', async () => {
    const { code, out } = await run(['generate', '--help']);
    expect(code).toBe(0);
    expect(out).toContain('dream.csv           PNR,kommune,koen,foedselsaar,herkomst,y_YYWW');
    expect(out).toContain('truth.json');
    expect(out.replace(/\s+/g, ' ')).toContain(
      '--to <week> last week of the window, YYYYWW (e.g. 202648); a year YYYY means its last ISO week, as before (default: the week of yesterday)',
    );
  });
});
