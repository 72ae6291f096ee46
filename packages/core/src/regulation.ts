/**
 * Satsregulering: the yearly percentage by which transfers (dagpenge, kontanthjælp,
 * ressourceforløbsydelse, førtidspension, …) rise on 1 January, as a versioned list with its source
 * and status (RULES.md §8). A rate of a year the table lacks is regulated forward from the last year
 * it has, year by year, each year's amount rounded to whole kroner, as the ministry publishes
 * them (bm.dk's tables of rates are in whole kroner).
 *
 * A year after the list's last is regulated by the last percentage carried forward, marked
 * `estimated` and said so; a year before the list's first has no percentage, and nothing is
 * regulated across it. Nothing is ever regulated backwards.
 */

import type { SourceStatus } from './benefits.ts';

export interface RegulationPercentage {
  /** The year the percentage takes the amounts to: amount(year) = amount(year − 1) × (1 + percent / 100). */
  readonly year: number;
  /** Percent, 3.6 for 3.6 %. */
  readonly percent: number;
  readonly source: string;
  readonly status: SourceStatus;
}

const SECTION_47 =
  'arbejdsløshedsforsikringsloven § 47: 1.7 % + the tilpasningsprocent, derived from the verified personskattelovens § 20 percentage';

/** The percentages shipped, oldest first. */
export const SATSREGULERING: readonly RegulationPercentage[] = [
  {
    year: 2023,
    percent: 1.95,
    source:
      'oes.dk, pris- og lønforudsætninger for finansloven 2023: afdæmpet reguleringsprocent (satsreguleringsprocent) 1,95 (the dagpenge maximum 19,351 → 19,728 agrees)',
    status: 'secondary',
  },
  { year: 2024, percent: 3.2, source: `${SECTION_47} 3.5 % (RULES.md §8)`, status: 'derived' },
  { year: 2025, percent: 3.6, source: `${SECTION_47} 3.9 % (RULES.md §8)`, status: 'derived' },
  { year: 2026, percent: 4.5, source: `${SECTION_47} 4.8 % (RULES.md §8)`, status: 'derived' },
  {
    year: 2027,
    percent: 4.5,
    source:
      'assumed: the 2026 percentage carried forward, as the 2027 satsreguleringsprocent was not found (RULES.md §8); a further deduction of 0.45 points in 2026 or 2027 (L 161 2023-24, year not confirmed) is not applied',
    status: 'estimated',
  },
];

/** One year's regulation as applied. */
export interface RegulationStep {
  readonly year: number;
  readonly percent: number;
  readonly status: SourceStatus;
  readonly source: string;
  /** For a year after the list's last: the year whose percentage was carried forward; else `null`. */
  readonly carriedFrom: number | null;
}

/** Problems with a list of percentages, as sentences naming the entry: empty when the list is sound. */
export function regulationProblems(list: readonly RegulationPercentage[]): string[] {
  const problems: string[] = [];
  const seen = new Set<number>();
  for (const p of list) {
    if (!Number.isInteger(p.year)) problems.push(`year: expected a whole year, found ${p.year}`);
    if (!Number.isFinite(p.percent) || p.percent <= -100 || p.percent > 100)
      problems.push(`${p.year}: expected a percentage above −100 and at most 100, found ${p.percent}`);
    if (seen.has(p.year)) problems.push(`${p.year}: expected one percentage per year, found two`);
    seen.add(p.year);
  }
  return problems;
}

/**
 * The regulation of `year`: the list's own, or for a year after its last the last percentage carried
 * forward (`estimated`); `null` for a year before the list's first.
 */
export function regulationStep(list: readonly RegulationPercentage[], year: number): RegulationStep | null {
  const own = list.find((p) => p.year === year);
  if (own) return { ...own, carriedFrom: null };
  const last = list.reduce<RegulationPercentage | null>(
    (a, p) => (a === null || p.year > a.year ? p : a),
    null,
  );
  if (!last || year < last.year) return null;
  return {
    year,
    percent: last.percent,
    status: 'estimated',
    source: `the ${last.year} percentage carried forward (${last.source})`,
    carriedFrom: last.year,
  };
}

/** A regulated amount, or the first year that has no percentage. */
export type Regulated =
  | { readonly ok: true; readonly amount: number; readonly steps: readonly RegulationStep[] }
  | { readonly ok: false; readonly missingYear: number };

/**
 * `amount` of `fromYear` regulated to `toYear` (≥ `fromYear`), year by year, each year's amount rounded
 * to whole kroner (half up).
 */
export function regulate(
  amount: number,
  fromYear: number,
  toYear: number,
  list: readonly RegulationPercentage[],
): Regulated {
  if (toYear < fromYear) throw new RangeError(`regulation runs forward only: ${fromYear} to ${toYear}`);
  let value = amount;
  const steps: RegulationStep[] = [];
  for (let year = fromYear + 1; year <= toYear; year++) {
    const step = regulationStep(list, year);
    if (!step) return { ok: false, missingYear: year };
    // Percent as hundredths keeps 7,205 × 1.045 at 7,529.225 rather than a hair below it.
    value = Math.round((value * (100 + step.percent)) / 100 + 1e-9);
    steps.push(step);
  }
  return { ok: true, amount: value, steps };
}

/** The status of an amount regulated by `steps`: `estimated` if any percentage is, else `derived`. */
export function regulatedStatus(steps: readonly RegulationStep[]): 'derived' | 'estimated' {
  return steps.some((s) => s.status === 'estimated') ? 'estimated' : 'derived';
}
