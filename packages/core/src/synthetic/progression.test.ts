import { describe, expect, it } from 'vitest';
import {
  BIP_SHARE_IN_WORK_BY_BELIEF,
  CITIZEN_INDICATORS,
  INDICATORS,
  SEARCH_CHANNELS,
} from '../progression/indicators.ts';
import { DEFAULT_MODEL, type SyntheticModel } from './model.ts';
import { SyntheticPopulation, type PopulationOptions, type SyntheticPerson } from './population.ts';

function everyone(options: PopulationOptions): {
  population: SyntheticPopulation;
  persons: SyntheticPerson[];
} {
  const population = new SyntheticPopulation(options);
  const persons: SyntheticPerson[] = [];
  for (let p = population.nextPerson(); p; p = population.nextPerson()) persons.push(p);
  return { population, persons };
}

/** Before the kontanthjælp merge of 2025-W27, so a change of code is a change of spell. */
const OPTIONS = { persons: 6000, municipalities: 2, fromYear: 2018, toYear: 2023, seed: 11 };
const { population, persons } = everyone(OPTIONS);
const measured = persons.filter((p) => p.measurements.length > 0);
const all = measured.flatMap((p) => p.measurements);
const MEASURED_CODES = new Set(['131', '671', '672']);
const code = (p: SyntheticPerson, week: number) =>
  population.codeTable[p.weekCodes[week - population.firstWeek]!]!;

describe('the progression measurements (model synthetic-3)', { timeout: 60_000 }, () => {
  it('measures only persons in kontanthjælp aktivitetsparat, ressourceforløb and jobafklaring, on a weekday by their caseworker', () => {
    expect(DEFAULT_MODEL.progression.states).toEqual([
      'kontanthjaelp_aktivitetsparat',
      'ressourceforloeb',
      'jobafklaring',
    ]);
    expect(measured.length).toBeGreaterThan(200);
    expect(new Set(all.map((m) => m.state))).toEqual(new Set(DEFAULT_MODEL.progression.states));
    for (const p of measured) {
      for (const m of p.measurements) {
        expect(MEASURED_CODES.has(code(p, m.week))).toBe(true);
        expect((m.day + 3) % 7).toBeLessThan(5); // 1970-01-01 was a Thursday: Monday-Friday
        const assignment = p.caseworkers.find(
          (c) => c.caseworker === m.caseworker && c.fromWeek <= m.week && (c.toWeek ?? Infinity) >= m.week,
        );
        expect(assignment).toBeDefined();
      }
    }
  });

  it('measures about every 13 weeks: 11-15 weeks apart within a spell, the first in spell week 2-6', () => {
    const gaps: number[] = [];
    let firsts = 0;
    for (const p of measured) {
      const ms = p.measurements;
      for (let k = 1; k < ms.length; k++) {
        const [a, b] = [ms[k - 1]!, ms[k]!];
        let sameSpell = true;
        for (let w = a.week + 1; w <= b.week; w++) if (code(p, w) !== code(p, a.week)) sameSpell = false;
        if (sameSpell) gaps.push(b.week - a.week);
      }
      for (const m of ms) {
        // The spell's start as the data show it, for spells that start inside the window.
        let start = m.week;
        while (start > population.firstWeek && code(p, start - 1) === code(p, m.week)) start--;
        if (start === population.firstWeek) continue;
        const earlier = ms.filter((x) => x.week >= start && x.week < m.week);
        if (earlier.length > 0) continue;
        firsts++;
        expect(m.week - start + 1).toBeGreaterThanOrEqual(2);
        expect(m.week - start + 1).toBeLessThanOrEqual(6);
      }
    }
    expect(gaps.length).toBeGreaterThan(1000);
    expect(firsts).toBeGreaterThan(100);
    expect(Math.min(...gaps)).toBe(11);
    expect(Math.max(...gaps)).toBe(15);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    expect(mean).toBeGreaterThan(12.7);
    expect(mean).toBeLessThan(13.3);
  });

  it('has nine citizen and eleven caseworker scores 1-5, about 2 % unanswered, and BIP-like job-search channels', () => {
    let cells = 0;
    let missing = 0;
    for (const m of all) {
      expect(m.citizenScores).toHaveLength(CITIZEN_INDICATORS.length);
      expect(m.caseworkerScores).toHaveLength(INDICATORS.length);
      expect(m.channels).toHaveLength(SEARCH_CHANNELS.length);
      for (const s of [...m.citizenScores, ...m.caseworkerScores]) {
        cells++;
        if (s === null) missing++;
        else expect([1, 2, 3, 4, 5]).toContain(s);
      }
      const answered = m.channels.filter((c) => c !== null);
      expect([0, SEARCH_CHANNELS.length]).toContain(answered.length);
      if (answered.length > 0) {
        for (const c of answered) expect([0, 1]).toContain(c);
        const notSearching = m.channels[SEARCH_CHANNELS.indexOf('notSearching')];
        const others = m.channels.filter((c, i) => SEARCH_CHANNELS[i] !== 'notSearching' && c === 1).length;
        expect(notSearching === 1 ? others === 0 : others >= 1).toBe(true);
      }
    }
    expect(missing / cells).toBeGreaterThan(0.015);
    expect(missing / cells).toBeLessThan(0.025);
    const answered = all.filter((m) => m.channels[0] !== null);
    const noAnswer = 1 - answered.length / all.length;
    expect(noAnswer).toBeGreaterThan(0.04);
    expect(noAnswer).toBeLessThan(0.08);
    // BIP: 64 % of all not searching, 6 % no answer.
    const notSearching =
      answered.filter((m) => m.channels[SEARCH_CHANNELS.indexOf('notSearching')] === 1).length / all.length;
    expect(notSearching).toBeGreaterThan(0.55);
    expect(notSearching).toBeLessThan(0.75);
  });

  it('has citizen and caseworker agree moderately (linear weighted kappa 0.3-0.65 on each shared indicator)', () => {
    for (const k of CITIZEN_INDICATORS) {
      const table = Array.from({ length: 5 }, () => [0, 0, 0, 0, 0]);
      let n = 0;
      for (const m of all) {
        const a = m.citizenScores[CITIZEN_INDICATORS.indexOf(k)];
        const b = m.caseworkerScores[INDICATORS.indexOf(k)];
        if (a === null || a === undefined || b === null || b === undefined) continue;
        table[a - 1]![b - 1]!++;
        n++;
      }
      const rows = table.map((r) => r.reduce((x, y) => x + y, 0) / n);
      const cols = [0, 1, 2, 3, 4].map((j) => table.reduce((x, r) => x + r[j]!, 0) / n);
      let po = 0;
      let pe = 0;
      for (let i = 0; i < 5; i++)
        for (let j = 0; j < 5; j++) {
          const w = 1 - Math.abs(i - j) / 4;
          po += (w * table[i]![j]!) / n;
          pe += w * rows[i]! * cols[j]!;
        }
      const kappa = (po - pe) / (1 - pe);
      expect(kappa, k).toBeGreaterThan(0.3);
      expect(kappa, k).toBeLessThan(0.65);
    }
  });

  it("reproduces BIP's caseworker belief against the share leaving for work within 52 weeks: ordered, each within a factor 2", () => {
    const { population: big, persons: people } = everyone({
      persons: 30_000,
      municipalities: 3,
      fromYear: 2016,
      toYear: 2023,
      seed: 7,
    });
    const belief = INDICATORS.indexOf('caseworkerBelief');
    const n = [0, 0, 0, 0, 0];
    const inWork = [0, 0, 0, 0, 0];
    for (const p of people)
      for (const m of p.measurements) {
        const b = m.caseworkerScores[belief];
        const w = m.week - big.firstWeek;
        if (b === null || b === undefined || w + 52 >= big.weeks) continue;
        n[b - 1]!++;
        // Work straight from the measured spell: a job before any other benefit.
        const here = p.weekCodes[w]!;
        for (let d = 1; d <= 52; d++) {
          const next = p.weekCodes[w + d]!;
          if (big.codeTable[next] === '') {
            inWork[b - 1]!++;
            break;
          }
          if (next !== here) break;
        }
      }
    const shares = n.map((x, i) => inWork[i]! / x);
    expect(Math.min(...n)).toBeGreaterThan(500);
    for (let i = 1; i < 5; i++) expect(shares[i]).toBeGreaterThan(shares[i - 1]!);
    shares.forEach((share, i) => {
      expect(share / BIP_SHARE_IN_WORK_BY_BELIEF[i]!).toBeGreaterThan(0.5);
      expect(share / BIP_SHARE_IN_WORK_BY_BELIEF[i]!).toBeLessThan(2);
    });
  });

  it('raises the scores most around a company placement (virksomhedspraktik)', () => {
    const { persons: people } = everyone({ ...OPTIONS, persons: 20_000, seed: 13 });
    const change: Record<string, number[]> = {};
    const mean = (xs: readonly (number | null)[]) => {
      const v = xs.filter((x): x is number => x !== null);
      return v.reduce((a, b) => a + b, 0) / v.length;
    };
    for (const p of people)
      for (const i of p.interventions) {
        const before = p.measurements
          .filter((m) => m.week < i.startWeek && m.week >= i.startWeek - 15)
          .at(-1);
        const after = p.measurements.find((m) => m.week > i.endWeek && m.week <= i.endWeek + 15);
        if (!before || !after) continue;
        (change[i.type] ??= []).push(mean(after.caseworkerScores) - mean(before.caseworkerScores));
      }
    const average = Object.fromEntries(
      Object.entries(change).map(([type, xs]) => [type, xs.reduce((a, b) => a + b, 0) / xs.length]),
    );
    expect(change['virksomhedspraktik']!.length).toBeGreaterThan(100);
    expect(average['virksomhedspraktik']).toBeGreaterThan(0.3);
    for (const type of ['loentilskud', 'vejledning_opkvalificering', 'mentor'])
      if (change[type] && change[type].length >= 30)
        expect(average['virksomhedspraktik']).toBeGreaterThan(average[type]!);
  });

  it('is the same measurement for measurement for the same seed, and differs for another', () => {
    const again = everyone(OPTIONS).persons.flatMap((p) => p.measurements);
    expect(again).toEqual(all);
    const other = everyone({ ...OPTIONS, seed: 12 }).persons.flatMap((p) => p.measurements);
    expect(other).not.toEqual(all);
  });

  it('simulates every person exactly as synthetic-2 up to their first week in a measured state, and the never measured throughout', () => {
    // No burn-in, so every week simulated is written and a measured state shows in the codes.
    const initial = { ...DEFAULT_MODEL.initial, burnInWeeks: 0 };
    const unmeasured: SyntheticModel = {
      ...DEFAULT_MODEL,
      initial,
      progression: { ...DEFAULT_MODEL.progression, states: [] },
    };
    const options = { ...OPTIONS, persons: 2000 };
    const before = everyone({ ...options, model: unmeasured });
    const now = everyone({ ...options, model: { ...DEFAULT_MODEL, initial } });
    expect(before.persons.every((p) => p.measurements.length === 0)).toBe(true);
    let untouched = 0;
    let touched = 0;
    before.persons.forEach((p, k) => {
      const codes = Array.from(p.weekCodes, (id) => before.population.codeTable[id]!);
      const first = codes.findIndex((c) => MEASURED_CODES.has(c));
      const upTo = first < 0 ? codes.length : first + 1;
      if (first < 0) untouched++;
      else touched++;
      expect(Array.from(now.persons[k]!.weekCodes.subarray(0, upTo))).toEqual(
        Array.from(p.weekCodes.subarray(0, upTo)),
      );
      if (first < 0) expect(now.persons[k]!.interventions).toEqual(p.interventions);
    });
    expect(untouched).toBeGreaterThan(1800);
    expect(touched).toBeGreaterThan(20);
  });
});
