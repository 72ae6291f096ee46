/**
 * A synthetic jobindsats extract for all 98 municipalities beside a synthetic population: what
 * resultatstyring compares a municipality with (monitoring/peers.ts), so that the demo has peers.
 *
 * - For the municipalities the population simulates, the figures are the simulated persons' own:
 *   each person's weeks on each jobindsats group are counted per month while the persons are written
 *   (`add`), a week in the month its Thursday falls in (weeks.ts' `monthWeeks`); full-time persons
 *   are those weeks ÷ the month's weeks (RULES.md §5), persons those with a week of the group in the
 *   month, the share of the labour force full-time persons ÷ the municipality's labour force 16-66
 *   of the month's year (the one the municipality file gives).
 * - Their spells by jobindsats' month rule (monitoring/spells.ts: a spell ends only after a whole
 *   calendar month without the group inside the data) are followed over each person's weeks of the
 *   whole window, per group and for I alt over the weeks on any group. A spell that has ended belongs
 *   to the month of its last week. The average duration is the calendar weeks (first to last week,
 *   both included) of the spells ended in the month that began inside the data (not open at its
 *   start), averaged; the share in work 3 months after is, of the spells ended in the month whose
 *   status week (`statusWeekAfter(last, 3)`) lies in the window, those whose person is in work or
 *   self-support (the empty DREAM cell) that week, as the monitoring room counts its own
 *   (core's monitoring/measures.ts). A month and group without such spells has no figure (an empty
 *   cell, as jobindsats leaves it). The activation rate is the weeks in an intervention while on the
 *   group ÷ the weeks on the group, in the month.
 * - For the other municipalities the figures are drawn on the same scale: the population 16-66 is
 *   the real one (municipalities.ts) times the simulated municipalities' ratio of simulated to real
 *   population, and each group's share of the labour force is the simulated municipalities' share
 *   that month times `exp(0.25 z + 0.15 e_g + 0.03 e_gm)`, where z is the municipality's level of
 *   support, e_g its own for the group and e_gm the month's (standard normal draws). The level z
 *   moves the framework conditions too, so peers with more support have worse conditions, as in the
 *   ministry's benchmark. The median peer is at the simulated municipalities' average, so a
 *   simulated municipality lands among its peers, not at an extreme.
 *   The spell and activation figures are drawn around the simulated municipalities' figure of the
 *   group and month (their spells and weeks pooled) with the same z: the duration times
 *   `exp(0.1 z + 0.08 f_g + 0.04 f_gm)` (at least 1 week), the share in work on the log-odds scale
 *   `logit + (−0.2 z + 0.12 f_g + 0.06 f_gm)`, the activation rate `logit + (−0.15 z + 0.2 f_g +
 *   0.05 f_gm)`: more support goes with longer spells, fewer in work after them and a little less
 *   activation. Where the simulated municipalities have no figure, neither has any peer. The labour
 *   force and population 16-66 are written on every row: the year's, as above.
 *
 * Framework conditions are drawn for every municipality around Danish levels of about 2024
 * (approximate, good for a demo, not for statistics) with the same z, except `publicSupport`
 * and `unemployment`, which follow each municipality's figures: full-time persons on all groups
 * ÷ the population 16-66, and on a-dagpenge and kontanthjælp ÷ the labour force, averaged over the
 * year's months in the extract.
 *
 * Every draw comes from the municipality's own streams (`STREAM.peers`, and `STREAM.peerOutcomes`
 * for the spell and activation figures, its code), so the extract is the same for the same seed
 * whatever the order of the work, and the spell figures leave the draws of the others unchanged.
 */

import type { BenefitCode } from '../benefits.ts';
import { DEFAULT_DREAM_CODES } from '../dream-codes.ts';
import { JOBINDSATS_GROUPS } from '../monitoring/jobindsats-groups.ts';
import { statusWeekAfter, weeksHoldWholeMonth } from '../monitoring/spells.ts';
import { monthWeeks, yearWeekOf } from '../weeks.ts';
import { MUNICIPALITIES } from './municipalities.ts';
import type { MunicipalityYear, SyntheticPerson, SyntheticPopulation } from './population.ts';
import { STREAM, streamRng } from './random.ts';

/** Months of the extract: the last 36 whose weeks all lie in the population's window (a running year and the one before can end with any of its last 13). */
export const PEER_EXTRACT_MONTHS = 36;

interface Month {
  readonly year: number;
  readonly month: number;
  readonly first: number;
  readonly last: number;
}

const G = JOBINDSATS_GROUPS.length;
const ALL = G - 1;
const ADAGPENGE = JOBINDSATS_GROUPS.findIndex((g) => g.code === 'adagpenge');
const KONTANTHJAELP = JOBINDSATS_GROUPS.findIndex((g) => g.code === 'kontanthjaelp');
/**
 * `x` as the download writes it, "1.234,50" with `decimals` decimals: format.ts' `formatNumber`
 * in a tenth of the time (Intl formats about 100,000 numbers here, a third of the generator's
 * extra time); `x` is never negative.
 */
function danish(x: number, decimals = 0): string {
  const [whole, fraction] = x.toFixed(decimals).split('.');
  const grouped = whole!.length <= 3 ? whole! : whole!.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return fraction === undefined ? grouped : `${grouped},${fraction}`;
}

const monthName = (m: Month) => `${m.year}M${String(m.month).padStart(2, '0')}`;

/** The months after an ended spell at which the share in work is taken. */
const STATUS_MONTHS = 3;

/** The column header of the extract, as jobindsats' download writes it. */
export const PEER_EXTRACT_HEADER = [
  'Område',
  'Periode',
  'Ydelsesgrupper',
  'Fuldtidspersoner',
  'Personer',
  'Fuldtidspersoner i pct. af arbejdsstyrken',
  'Gennemsnitlig varighed (uger)',
  `Andel i beskæftigelse ${STATUS_MONTHS} mdr. efter afsluttet forløb (pct.)`,
  'Aktiveringsgrad (pct.)',
  'Arbejdsstyrken 16-66 år',
  'Befolkningen 16-66 år',
].join(';');

const logit = (p: number) => Math.log(p) - Math.log(1 - p);
const logistic = (x: number) => 1 / (1 + Math.exp(-x));
/** a ÷ b, or null where b is 0: a figure jobindsats leaves empty. */
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
/** A figure with one decimal, times `scale`; empty where there is none (null or NaN). */
const shown = (x: number | null, scale: number) =>
  x === null || Number.isNaN(x) ? '' : danish(scale * x, 1);

export class PeerExtract {
  private readonly months: readonly Month[];
  /** Window index (week - firstWeek) → month index, -1 outside the extract. */
  private readonly monthOf: Int16Array;
  /** Code index of the population's code table → group index, -1 for none. */
  private readonly groupOfCode: Int16Array;
  /** Municipality code → index of the simulated municipality. */
  private readonly simulated: Map<number, number>;
  /** Weeks and persons per simulated municipality, month and group (stride G, then months). */
  private readonly weeks: Float64Array;
  private readonly persons: Float64Array;
  /** Weeks in an intervention while on the group, in the same cells. */
  private readonly activated: Float64Array;
  /** Spells ended in the month that began inside the data, and their calendar weeks. */
  private readonly ended: Float64Array;
  private readonly endedWeeks: Float64Array;
  /** Spells ended in the month whose status week lies in the window, and those in work that week. */
  private readonly statusKnown: Float64Array;
  private readonly statusWork: Float64Array;
  private readonly stamp: Int32Array;
  private readonly firstIndex: number;
  /**
   * Window index i → the first window index j from which the weeks i … j hold every day of a
   * calendar month (spells.ts' weeksHoldWholeMonth), for i up to the window's length: the weeks
   * i … k hold a whole month exactly when k ≥ j.
   */
  private readonly wholeMonthFrom: Int32Array;
  /** Window index of a spell's last week → window index of its status week (may lie past the window). */
  private readonly statusWeek: Int32Array;
  /** Code index → 1 for the codes of work or self-support (the empty cell). */
  private readonly inWork: Uint8Array;
  /** A person's spell being followed per group: its first and last week (window indices), -1 for none. */
  private readonly spellFirst = new Int32Array(G);
  private readonly spellLast = new Int32Array(G);
  private personCount = 0;

  constructor(private readonly population: SyntheticPopulation) {
    const { firstWeek, lastWeek } = population;
    const months: Month[] = [];
    let { year } = yearWeekOf(lastWeek);
    let month = 12;
    while (months.length < PEER_EXTRACT_MONTHS) {
      const span = monthWeeks(year, month);
      if (span.first < firstWeek) break;
      if (span.last <= lastWeek) months.unshift({ year, month, ...span });
      if (--month === 0) [year, month] = [year - 1, 12];
    }
    this.months = months;
    this.monthOf = new Int16Array(population.weeks).fill(-1);
    months.forEach((m, k) => this.monthOf.fill(k, m.first - firstWeek, m.last - firstWeek + 1));
    this.firstIndex = months.length > 0 ? months[0]!.first - firstWeek : population.weeks;
    const groupOfBenefit = new Map<BenefitCode, number>();
    JOBINDSATS_GROUPS.slice(0, ALL).forEach((g, k) => g.benefits.forEach((b) => groupOfBenefit.set(b, k)));
    this.groupOfCode = Int16Array.from(population.codeTable, (code) => {
      const benefit = DEFAULT_DREAM_CODES.find((d) => d.code === code)?.benefit;
      return benefit === undefined ? -1 : (groupOfBenefit.get(benefit) ?? -1);
    });
    this.inWork = Uint8Array.from(population.codeTable, (code) =>
      code === '' || DEFAULT_DREAM_CODES.find((d) => d.code === code)?.benefit === 'job' ? 1 : 0,
    );
    this.simulated = new Map(population.municipalities.map((m, k) => [m.code, k]));
    const cells = population.municipalities.length * months.length * G;
    this.weeks = new Float64Array(cells);
    this.persons = new Float64Array(cells);
    this.activated = new Float64Array(cells);
    this.ended = new Float64Array(cells);
    this.endedWeeks = new Float64Array(cells);
    this.statusKnown = new Float64Array(cells);
    this.statusWork = new Float64Array(cells);
    this.stamp = new Int32Array(months.length * G);
    // A whole month lies within at most 6 weeks of any week's Monday.
    this.wholeMonthFrom = new Int32Array(population.weeks + 1);
    for (let i = 0; i <= population.weeks; i++) {
      let j = i;
      while (!weeksHoldWholeMonth(firstWeek + i, firstWeek + j)) j++;
      this.wholeMonthFrom[i] = j;
    }
    this.statusWeek = Int32Array.from(
      { length: population.weeks },
      (_, w) => statusWeekAfter(firstWeek + w, STATUS_MONTHS) - firstWeek,
    );
  }

  /**
   * Count a person's weeks on each group in each month of the extract, their weeks in an
   * intervention while on a group, and their spells that end in a month of the extract.
   */
  add(person: SyntheticPerson): void {
    const base = this.simulated.get(person.municipality)! * this.months.length * G;
    const stamp = ++this.personCount;
    const codes = person.weekCodes;
    for (let w = this.firstIndex; w < codes.length; w++) {
      const group = this.groupOfCode[codes[w]!]!;
      const month = this.monthOf[w]!;
      if (group < 0 || month < 0) continue;
      this.count(base, month * G + group, stamp);
      this.count(base, month * G + ALL, stamp);
    }
    const { firstWeek } = this.population;
    for (const i of person.interventions) {
      const last = Math.min(i.endWeek - firstWeek, codes.length - 1);
      for (let w = Math.max(i.startWeek - firstWeek, this.firstIndex); w <= last; w++) {
        const group = this.groupOfCode[codes[w]!]!;
        const month = this.monthOf[w]!;
        if (group < 0 || month < 0) continue;
        this.activated[base + month * G + group]!++;
        this.activated[base + month * G + ALL]!++;
      }
    }
    this.spellFirst.fill(-1);
    this.spellLast.fill(-1);
    for (let w = 0; w < codes.length; w++) {
      const group = this.groupOfCode[codes[w]!]!;
      if (group < 0) continue;
      this.spellWeek(base, codes, group, w);
      this.spellWeek(base, codes, ALL, w);
    }
    for (let g = 0; g < G; g++) {
      const last = this.spellLast[g]!;
      if (last >= 0) this.endSpell(base, codes, g, this.wholeMonthFrom[last + 1]! < codes.length);
    }
  }

  /** Week `w` (window index) on group `g`: the spell goes on, or a new one begins after a whole month without it. */
  private spellWeek(base: number, codes: Uint8Array, g: number, w: number): void {
    const last = this.spellLast[g]!;
    if (last < 0 || w - 1 >= this.wholeMonthFrom[last + 1]!) {
      if (last >= 0) this.endSpell(base, codes, g, true);
      this.spellFirst[g] = w;
    }
    this.spellLast[g] = w;
  }

  /** A spell of group `g` is over (`ended`: a whole month without the group follows it in the window). */
  private endSpell(base: number, codes: Uint8Array, g: number, ended: boolean): void {
    const first = this.spellFirst[g]!;
    const last = this.spellLast[g]!;
    const month = this.monthOf[last]!;
    if (!ended || month < 0) return;
    const cell = base + month * G + g;
    // Begun inside the data: a whole month without the group lies in the window before it.
    if (first - 1 >= this.wholeMonthFrom[0]!) {
      this.ended[cell]!++;
      this.endedWeeks[cell]! += last - first + 1;
    }
    const status = this.statusWeek[last]!;
    if (status < codes.length) {
      this.statusKnown[cell]!++;
      this.statusWork[cell]! += this.inWork[codes[status]!]!;
    }
  }

  /** One week in a cell, and its person if the cell has not seen them yet. */
  private count(base: number, cell: number, stamp: number): void {
    this.weeks[base + cell]!++;
    if (this.stamp[cell] !== stamp) {
      this.stamp[cell] = stamp;
      this.persons[base + cell]!++;
    }
  }

  /**
   * The extract's CSV (jobindsats' download: a title line, `;`, Danish headers, decimal commas and
   * thousands dots, a footnote) and the framework conditions' CSV (`kommune;år;variabel;værdi`),
   * given the municipality file's rows of the simulated municipalities.
   */
  files(municipalityYears: readonly MunicipalityYear[]): { jobindsats: string; framework: string } {
    const { months } = this;
    const M = months.length;
    const years = [...new Set(months.map((m) => m.year))];
    const simulatedYears = new Map(municipalityYears.map((y) => [`${y.code} ${y.year}`, y]));
    const yearOf = (code: number, year: number) => simulatedYears.get(`${code} ${year}`)!;
    const labourShare = this.population.model.population.labourForceShare;

    // The simulated municipalities' total share of the labour force, and persons per full-time person.
    const share = new Float64Array(M * G);
    const personsPerFullTime = new Float64Array(M * G).fill(1);
    months.forEach((m, k) => {
      const n = m.last - m.first + 1;
      let labourForce = 0;
      const fullTime = new Float64Array(G);
      const persons = new Float64Array(G);
      this.population.municipalities.forEach((mu, j) => {
        labourForce += yearOf(mu.code, m.year).labourForce16to66;
        for (let g = 0; g < G; g++) {
          fullTime[g]! += this.weeks[(j * M + k) * G + g]! / n;
          persons[g]! += this.persons[(j * M + k) * G + g]!;
        }
      });
      for (let g = 0; g < G; g++) {
        share[k * G + g] = labourForce > 0 ? fullTime[g]! / labourForce : 0;
        if (fullTime[g]! > 0) personsPerFullTime[k * G + g] = persons[g]! / fullTime[g]!;
      }
    });
    // The simulated municipalities' spell and activation figures pooled, the shares as log odds;
    // NaN where they have none, which every peer's figure then is too (written as an empty cell).
    const pooledDuration = new Float64Array(M * G);
    const pooledInWork = new Float64Array(M * G);
    const pooledActivation = new Float64Array(M * G);
    for (let c = 0; c < M * G; c++) {
      const sum = (counts: Float64Array) =>
        this.population.municipalities.reduce((s, _, j) => s + counts[j * M * G + c]!, 0);
      pooledDuration[c] = sum(this.endedWeeks) / sum(this.ended);
      pooledInWork[c] = logit(sum(this.statusWork) / sum(this.statusKnown));
      pooledActivation[c] = logit(sum(this.activated) / sum(this.weeks));
    }
    const realSimulated = this.population.municipalities.reduce((s, m) => s + m.population, 0);
    const scale = (year: number) =>
      this.population.municipalities.reduce((s, m) => s + yearOf(m.code, year).population16to66, 0) /
      realSimulated;

    const lines: string[] = [];
    const framework: string[] = [];
    for (const mu of MUNICIPALITIES) {
      const rng = streamRng(this.population.options.seed, STREAM.peers, mu.code);
      const level = rng.normal();
      const groupDraw = Array.from({ length: G }, () => rng.normal());
      const outcomeRng = streamRng(this.population.options.seed, STREAM.peerOutcomes, mu.code);
      const fDuration = new Float64Array(G);
      const fInWork = new Float64Array(G);
      const fActivation = new Float64Array(G);
      for (let g = 0; g < G; g++) {
        fDuration[g] = outcomeRng.normal();
        fInWork[g] = outcomeRng.normal();
        fActivation[g] = outcomeRng.normal();
      }
      const j = this.simulated.get(mu.code);
      const population16to66 = (year: number) =>
        j === undefined ? Math.round(mu.population * scale(year)) : yearOf(mu.code, year).population16to66;
      const labourForce = (year: number) =>
        j === undefined
          ? Math.round(population16to66(year) * labourShare)
          : yearOf(mu.code, year).labourForce16to66;
      const support = new Map(years.map((y) => [y, { all: 0, unemployed: 0, months: 0 }]));
      months.forEach((m, k) => {
        const n = m.last - m.first + 1;
        const lf = labourForce(m.year);
        const fullTime = new Float64Array(G);
        const persons = new Float64Array(G);
        for (let g = 0; g < ALL; g++) {
          if (j !== undefined) {
            fullTime[g] = this.weeks[(j * M + k) * G + g]! / n;
            persons[g] = this.persons[(j * M + k) * G + g]!;
          } else {
            const drawn =
              share[k * G + g]! * lf * Math.exp(0.25 * level + 0.15 * groupDraw[g]! + 0.03 * rng.normal());
            fullTime[g] = Math.round(drawn * 100) / 100;
            persons[g] = Math.round(fullTime[g]! * personsPerFullTime[k * G + g]!);
          }
        }
        if (j !== undefined) {
          fullTime[ALL] = this.weeks[(j * M + k) * G + ALL]! / n;
          persons[ALL] = this.persons[(j * M + k) * G + ALL]!;
        } else {
          fullTime[ALL] = Math.round(fullTime.reduce((s, x) => s + x, 0) * 100) / 100;
          persons[ALL] = Math.round(fullTime[ALL]! * personsPerFullTime[k * G + ALL]!);
        }
        const period = monthName(m);
        const people = `${danish(lf)};${danish(population16to66(m.year))}`;
        JOBINDSATS_GROUPS.forEach((group, g) => {
          const pct = lf > 0 ? danish((100 * fullTime[g]!) / lf, 3) : '..';
          const eDuration = outcomeRng.normal();
          const eInWork = outcomeRng.normal();
          const eActivation = outcomeRng.normal();
          let duration: number | null;
          let inWork: number | null;
          let activation: number | null;
          if (j !== undefined) {
            const c = (j * M + k) * G + g;
            duration = ratio(this.endedWeeks[c]!, this.ended[c]!);
            inWork = ratio(this.statusWork[c]!, this.statusKnown[c]!);
            activation = ratio(this.activated[c]!, this.weeks[c]!);
          } else {
            const c = k * G + g;
            duration = Math.max(
              1,
              pooledDuration[c]! * Math.exp(0.1 * level + 0.08 * fDuration[g]! + 0.04 * eDuration),
            );
            inWork = logistic(pooledInWork[c]! - 0.2 * level + 0.12 * fInWork[g]! + 0.06 * eInWork);
            activation = logistic(
              pooledActivation[c]! - 0.15 * level + 0.2 * fActivation[g]! + 0.05 * eActivation,
            );
          }
          const spells = `${shown(duration, 1)};${shown(inWork, 100)};${shown(activation, 100)}`;
          lines.push(
            `${mu.name};${period};${group.name};${danish(fullTime[g]!, 2)};${danish(persons[g]!)};${pct};${spells};${people}\n`,
          );
        });
        const year = support.get(m.year)!;
        year.all += fullTime[ALL]!;
        year.unemployed += fullTime[ADAGPENGE]! + fullTime[KONTANTHJAELP]!;
        year.months++;
      });
      // Drawn once: a municipality's composition and labour market change slowly.
      const around = (mean: number, sd: number, weight: number, min: number, max: number) =>
        Math.min(
          max,
          Math.max(min, mean + sd * (weight * level + Math.sqrt(1 - weight * weight) * rng.normal())),
        );
      const drawn = {
        ageOver50: around(0.36, 0.03, 0.5, 0.25, 0.5),
        lowEducation: around(0.21, 0.04, 0.6, 0.1, 0.35),
        nonWesternOrigin: around(0.08, 0.04, 0.4, 0.01, 0.3),
        localJobs: around(0.75, 0.12, -0.3, 0.4, 1.5),
      };
      for (const year of years) {
        const s = support.get(year)!;
        const values: [string, number][] = [
          ['ageOver50', drawn.ageOver50],
          ['lowEducation', drawn.lowEducation],
          ['nonWesternOrigin', drawn.nonWesternOrigin],
          ['publicSupport', s.all / s.months / population16to66(year)],
          ['localJobs', drawn.localJobs],
          ['unemployment', s.unemployed / s.months / labourForce(year)],
        ];
        for (const [variable, value] of values)
          framework.push(`${mu.code};${year};${variable};${danish(value, 4)}\n`);
      }
    }
    const first = months[0];
    const last = months[M - 1];
    const span = first && last ? `${monthName(first)}-${monthName(last)}` : '';
    return {
      jobindsats:
        `Syntetisk udtræk i jobindsats' format: fuldtidspersoner på offentlig forsørgelse ${span} (jobinvest generate, seed ${this.population.options.seed})\n\n` +
        `${PEER_EXTRACT_HEADER}\n${lines.join('')}\nKilde: syntetiske data, ikke jobindsats.dk\n`,
      framework: `kommune;år;variabel;værdi\n${framework.join('')}`,
    };
  }
}
