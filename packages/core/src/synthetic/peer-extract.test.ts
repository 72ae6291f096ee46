import { describe, expect, it } from 'vitest';
import { DEFAULT_DREAM_CODES } from '../dream-codes.ts';
import { JOBINDSATS_GROUPS } from '../monitoring/jobindsats-groups.ts';
import { calendarWeeks, jobindsatsSpells, statusWeekAfter } from '../monitoring/spells.ts';
import { civilOf, mondayOfWeek } from '../weeks.ts';
import { PEER_EXTRACT_HEADER, PeerExtract } from './peer-extract.ts';
import { SyntheticPopulation, type SyntheticPerson } from './population.ts';

/** The extract and framework files of a small population: 2 municipalities, 2023-2024. */
function extract(seed: number, persons: SyntheticPerson[] = []) {
  const population = new SyntheticPopulation({
    persons: 300,
    municipalities: 2,
    fromYear: 2023,
    toYear: 2024,
    seed,
  });
  const peers = new PeerExtract(population);
  for (let p = population.nextPerson(); p; p = population.nextPerson()) {
    peers.add(p);
    persons.push(p);
  }
  return { ...peers.files(population.municipalityYears()), population };
}

const danish = (text: string) => Number(text.replaceAll('.', '').replace(',', '.'));

describe('the synthetic jobindsats extract', () => {
  const persons: SyntheticPerson[] = [];
  const { jobindsats, framework, population } = extract(1, persons);
  const lines = jobindsats.split('\n');
  const rows = lines.slice(3, -3).map((line) => line.split(';'));

  it("is written as jobindsats' download: a title, a blank line, the header, the rows, a footnote", () => {
    expect(lines[0]).toMatch(/^Syntetisk udtræk i jobindsats' format: .* 2023M01-2024M12 /);
    expect(lines[1]).toBe('');
    expect(lines[2]).toBe(PEER_EXTRACT_HEADER);
    expect(lines.slice(-3)).toEqual(['', 'Kilde: syntetiske data, ikke jobindsats.dk', '']);
    expect(rows).toHaveLength(98 * 24 * JOBINDSATS_GROUPS.length);
    expect(new Set(rows.map((r) => r[0])).size).toBe(98);
    expect(new Set(rows.map((r) => r[1]))).toEqual(
      new Set(
        Array.from(
          { length: 24 },
          (_, k) => `${2023 + Math.floor(k / 12)}M${String((k % 12) + 1).padStart(2, '0')}`,
        ),
      ),
    );
  });

  it("gives a drawn municipality's I alt the sum of its groups, to the rounding of the groups", () => {
    const egedal = rows.filter((r) => r[0] === 'Egedal' && r[1] === '2024M06');
    const all = egedal.pop()!;
    expect(all[2]).toBe('Offentligt forsørgede i alt');
    const sum = egedal.reduce((s, r) => s + danish(r[3]!), 0);
    expect(Math.abs(danish(all[3]!) - sum)).toBeLessThanOrEqual(0.01);
  });

  it('writes framework conditions for every municipality and year, as fractions', () => {
    const [header, ...values] = framework.trim().split('\n');
    expect(header).toBe('kommune;år;variabel;værdi');
    expect(values).toHaveLength(98 * 2 * 6);
    for (const line of values) {
      const [, , variable, value] = line.split(';');
      if (variable !== 'localJobs') expect(danish(value!)).toBeGreaterThanOrEqual(0);
      if (variable !== 'localJobs') expect(danish(value!)).toBeLessThanOrEqual(1);
    }
  });

  it("gives the simulated municipalities their persons' spells and activation, counted over again here", () => {
    // Each person's weeks on each group, their spells by core's jobindsatsSpells, a spell's month
    // that of its last week's Thursday: the figures the extract's streaming count must give.
    const { firstWeek, lastWeek, codeTable } = population;
    const benefitOf = codeTable.map((code) => DEFAULT_DREAM_CODES.find((d) => d.code === code)?.benefit);
    const monthOf = (week: number) => {
      const { year, month } = civilOf(mondayOfWeek(week) + 3);
      return `${year}M${String(month).padStart(2, '0')}`;
    };
    type Cell = {
      spells: number;
      weeks: number;
      known: number;
      work: number;
      onGroup: number;
      activated: number;
    };
    const cells = new Map<string, Cell>();
    const cell = (municipality: number, month: string, group: string) => {
      const key = `${municipality};${month};${group}`;
      if (!cells.has(key))
        cells.set(key, { spells: 0, weeks: 0, known: 0, work: 0, onGroup: 0, activated: 0 });
      return cells.get(key)!;
    };
    for (const p of persons) {
      for (const group of JOBINDSATS_GROUPS) {
        const on = (w: number) => group.benefits.some((b) => b === benefitOf[p.weekCodes[w - firstWeek]!]);
        const weeks = Array.from(p.weekCodes, (_, k) => firstWeek + k).filter(on);
        for (const s of jobindsatsSpells(weeks, { first: firstWeek, last: lastWeek })) {
          if (!s.ended) continue;
          const c = cell(p.municipality, monthOf(s.last), group.name);
          if (!s.openAtStart) {
            c.spells++;
            c.weeks += calendarWeeks(s);
          }
          const status = statusWeekAfter(s.last, 3);
          if (status <= lastWeek) {
            c.known++;
            if (codeTable[p.weekCodes[status - firstWeek]!] === '') c.work++;
          }
        }
        for (const w of weeks) cell(p.municipality, monthOf(w), group.name).onGroup++;
        for (const i of p.interventions)
          for (let w = Math.max(i.startWeek, firstWeek); w <= Math.min(i.endWeek, lastWeek); w++)
            if (on(w)) cell(p.municipality, monthOf(w), group.name).activated++;
      }
    }
    const shown = (a: number, b: number, scale: number) =>
      b > 0 ? (scale * (a / b)).toFixed(1).replace('.', ',') : '';
    const years = new Map(population.municipalityYears().map((y) => [`${y.code} ${y.year}`, y]));
    let checked = 0;
    let figures = 0;
    for (const m of population.municipalities) {
      for (const r of rows.filter((r) => r[0] === m.name)) {
        const c = cells.get(`${m.code};${r[1]};${r[2]}`) ?? cell(0, '', '');
        const year = years.get(`${m.code} ${r[1]!.slice(0, 4)}`)!;
        expect(r.slice(6), r.slice(0, 3).join(' ')).toEqual([
          shown(c.weeks, c.spells, 1),
          shown(c.work, c.known, 100),
          shown(c.activated, c.onGroup, 100),
          String(year.labourForce16to66),
          String(year.population16to66),
        ]);
        checked++;
        figures += r.slice(6, 9).filter((x) => x !== '').length;
      }
    }
    expect(checked).toBe(2 * 24 * JOBINDSATS_GROUPS.length);
    // Many cells of 300 persons have figures; the last month has no spell ended.
    expect(figures).toBeGreaterThan(checked / 2);
    expect(
      rows.filter((r) => r[0] === population.municipalities[0]!.name && r[1] === '2024M12').map((r) => r[6]),
    ).toEqual(JOBINDSATS_GROUPS.map(() => ''));
  });

  it('gives every peer a figure where the simulated municipalities have one, and none where they have none', () => {
    const simulated = new Set(population.municipalities.map((m) => m.name));
    const empty = new Map<string, boolean[]>();
    for (const r of rows.filter((r) => simulated.has(r[0]!))) {
      const key = `${r[1]};${r[2]}`;
      const none = r.slice(6, 9).map((x) => x === '');
      empty.set(
        key,
        (empty.get(key) ?? [true, true, true]).map((e, k) => e && none[k]!),
      );
    }
    for (const r of rows.filter((r) => !simulated.has(r[0]!))) {
      expect(
        r.slice(6, 9).map((x) => x === ''),
        r.slice(0, 3).join(' '),
      ).toEqual(empty.get(`${r[1]};${r[2]}`));
      for (const [k, x] of r.slice(6, 9).entries()) {
        if (x === '') continue;
        expect(danish(x)).toBeGreaterThanOrEqual(k === 0 ? 1 : 0);
        if (k > 0) expect(danish(x)).toBeLessThanOrEqual(100);
      }
    }
  });

  it('is the same for the same seed and differs for another', () => {
    expect(extract(1)).toMatchObject({ jobindsats, framework });
    expect(extract(2).jobindsats).not.toBe(jobindsats);
  });
});
