/**
 * When each benefit group applies: the reforms that merged groups into others or closed them to new
 * cases, as versioned rules with their source and status (as the refusion rules of refusion.ts are).
 *
 * - A **merge** ends groups: from its first week the persons on each merged group are on its
 *   successor, and the successors begin. A person's spell, staircase count and refusion carry on
 *   unchanged: the benefit changed its name and rate, not the person's situation. History recorded on
 *   a merged group is therefore read as its successor wherever the group's persons are followed over
 *   time (spells, the duration model, the projection), and an old code met after its end is read as
 *   the successor and reported.
 * - A **closure** to new cases keeps a group for the persons already on it ("running cases run out")
 *   but lets no one in from its first week: no inflow, and no moves into it in a projection.
 *
 * Weeks are ISO weeks written `YYYYWW`, as users read them; the functions take week indexes
 * (weeks.ts) as the rest of core does.
 */

import { BENEFITS, type Benefit, type BenefitCode, type SourceStatus } from './benefits.ts';
import type { Sentence } from './language.ts';
import { fromYyyyww, toYyyyww } from './weeks.ts';

export type BenefitChange =
  | {
      readonly kind: 'merge';
      /** The group each merged group's persons continue on. */
      readonly successors: Readonly<Partial<Record<BenefitCode, BenefitCode>>>;
    }
  | { readonly kind: 'closed-to-new'; readonly benefits: readonly BenefitCode[] };

export interface BenefitRule {
  readonly id: string;
  /** First ISO week (`YYYYWW`) the change applies to. */
  readonly fromWeek: number;
  readonly change: BenefitChange;
  readonly title: Sentence;
  readonly source: string;
  readonly status: SourceStatus;
  /** What applying the rule assumes, where the sources say less than the engine needs. */
  readonly assumptions: readonly Sentence[];
}

/** The rules shipped, oldest first. */
export const BENEFIT_RULES: readonly BenefitRule[] = [
  {
    id: 'kontanthjaelp-2025',
    // 1 July 2025 is the Tuesday of 2025-W27; the week is the first with the new kontanthjælp.
    fromWeek: 202527,
    change: {
      kind: 'merge',
      successors: {
        kontanthjaelp_jobparat: 'kontanthjaelp_forhoejet',
        kontanthjaelp_aktivitetsparat: 'kontanthjaelp_forhoejet',
        uddannelseshjaelp: 'kontanthjaelp_grundsats',
        selvforsoergelsesydelse: 'kontanthjaelp_mindstesats',
      },
    },
    title: {
      da: 'Kontanthjælpsreformen 1. juli 2025: uddannelseshjælp, kontanthjælp, selvforsørgelses- og hjemrejseydelse og overgangsydelse bliver én kontanthjælp med forhøjet sats, grundsats og mindstesats',
      en: 'The kontanthjælp reform of 1 July 2025: uddannelseshjælp, the old kontanthjælp, selvforsørgelses- og hjemrejseydelse and overgangsydelse become one kontanthjælp with a higher rate, a basic rate and a minimum rate',
    },
    source: 'Lov nr. 1655 af 30/12/2024 (L 13 2024-25), aktivloven §§ 16-20, in force 1 July 2025',
    status: 'verified',
    assumptions: [
      {
        da: 'Modtagere af den gamle kontanthjælp fortsætter på forhøjet sats, af uddannelseshjælp på grundsats og af selvforsørgelses- og hjemrejseydelse / overgangsydelse på mindstesats; de få under 30 år på den gamle kontanthjælp, der får grundsats, er ikke skilt ud.',
        en: 'Recipients of the old kontanthjælp continue on the higher rate, of uddannelseshjælp on the basic rate and of selvforsørgelses- og hjemrejseydelse / overgangsydelse on the minimum rate; the few under 30 on the old kontanthjælp who get the basic rate are not told apart.',
      },
    ],
  },
  {
    id: 'beskaeftigelsesreform-2026-fase-1',
    // In force 1 February 2026, a Sunday: the first whole week without new cases is 2026-W06.
    fromWeek: 202606,
    change: { kind: 'closed-to-new', benefits: ['ressourceforloeb', 'revalidering'] },
    title: {
      da: 'Beskæftigelsesreformen, fase 1: ressourceforløb og revalidering lukker for nye forløb; igangværende forløb løber ud',
      en: 'The employment reform, phase 1: ressourceforløb and revalidering close to new cases; running cases run out',
    },
    source:
      'Lov nr. 1750 af 29/12/2025 (L 66 2025-26), in force 1 February and 1 July 2026 (star.dk/implementering/beskaeftigelsesreform)',
    status: 'secondary',
    assumptions: [
      {
        da: 'Lukningen regnes fra 1. februar 2026 (uge 2026-06); lovens opdeling på 1. februar og 1. juli er ikke læst for de to ordninger hver for sig.',
        en: 'The closure is taken to apply from 1 February 2026 (week 2026-06); how the law splits 1 February and 1 July between the two schemes was not read.',
      },
    ],
  },
];

/** Each merged group's successor, over every merge (the group that carries a merged group's persons on). */
export const MERGED_INTO: Readonly<Partial<Record<BenefitCode, BenefitCode>>> = Object.fromEntries(
  BENEFIT_RULES.flatMap((r) => (r.change.kind === 'merge' ? Object.entries(r.change.successors) : [])),
);

/** A benefit group's validity: its first and last ISO week (`YYYYWW`), or `null` where it is open. */
export interface Validity {
  readonly validFrom: number | null;
  readonly validTo: number | null;
}

/** When a group applies: it ends the week before a merge that merges it, and begins with a merge it succeeds in. */
export function validityOf(code: BenefitCode, rules: readonly BenefitRule[] = BENEFIT_RULES): Validity {
  let validFrom: number | null = null;
  let validTo: number | null = null;
  for (const rule of rules) {
    if (rule.change.kind !== 'merge') continue;
    if (rule.change.successors[code]) validTo = toYyyyww(fromYyyyww(rule.fromWeek) - 1);
    if (Object.values(rule.change.successors).includes(code)) validFrom = rule.fromWeek;
  }
  return { validFrom, validTo };
}

/** True when a group applies in week `weekIndex`. */
export function isValidIn(code: BenefitCode, weekIndex: number, rules = BENEFIT_RULES): boolean {
  const { validFrom, validTo } = validityOf(code, rules);
  return (
    (validFrom === null || weekIndex >= fromYyyyww(validFrom)) &&
    (validTo === null || weekIndex <= fromYyyyww(validTo))
  );
}

/** The group a person recorded on `code` is on in week `weekIndex`: the successor once a merge of it applies. */
export function groupInWeek(code: BenefitCode, weekIndex: number, rules = BENEFIT_RULES): BenefitCode {
  let group = code;
  for (const rule of rules)
    if (rule.change.kind === 'merge' && weekIndex >= fromYyyyww(rule.fromWeek))
      group = rule.change.successors[group] ?? group;
  return group;
}

/** The group that carries `code`'s persons today: its successor through every merge, or itself. */
export function currentGroup(code: string): string {
  let group = code;
  for (let next = MERGED_INTO[group as BenefitCode]; next; next = MERGED_INTO[group as BenefitCode])
    group = next;
  return group;
}

/**
 * The week index from which each group takes no one in, over every rule, past or future: its closure
 * to new cases or the merge that ends it.
 */
export function closedToNewWeeks(rules = BENEFIT_RULES): Partial<Record<BenefitCode, number>> {
  const weeks: Partial<Record<BenefitCode, number>> = {};
  for (const rule of rules) {
    const week = fromYyyyww(rule.fromWeek);
    const codes =
      rule.change.kind === 'closed-to-new'
        ? rule.change.benefits
        : (Object.keys(rule.change.successors) as BenefitCode[]);
    for (const code of codes) weeks[code] = Math.min(weeks[code] ?? week, week);
  }
  return weeks;
}

/**
 * Groups no one may enter in week `weekIndex`: those closed to new cases by then and those ended by
 * a merge (their persons are on the successor): the groups of `closedToNewWeeks` whose week has come.
 */
export function closedToNewIn(weekIndex: number, rules = BENEFIT_RULES): BenefitCode[] {
  return (Object.entries(closedToNewWeeks(rules)) as [BenefitCode, number][])
    .filter(([, week]) => week <= weekIndex)
    .map(([code]) => code);
}

/** The rules that have taken effect by week `weekIndex`, oldest first: what a result from then on rests on. */
export function rulesInForce(weekIndex: number, rules = BENEFIT_RULES): BenefitRule[] {
  return rules.filter((r) => weekIndex >= fromYyyyww(r.fromWeek));
}

/** The first week (`YYYYWW`) a group is closed to new cases, or `null` while it is open. */
export function closedToNewFrom(code: BenefitCode, rules = BENEFIT_RULES): number | null {
  const rule = rules.find((r) => r.change.kind === 'closed-to-new' && r.change.benefits.includes(code));
  return rule?.fromWeek ?? null;
}

/** A catalogue entry with when it applies. */
export interface DatedBenefit extends Benefit, Validity {
  readonly closedToNewFrom: number | null;
  /** The group its persons continue on after it ends, if it was merged. */
  readonly successor: BenefitCode | null;
}

/** The benefit catalogue with each group's validity, closure and successor: what `benefits` and /api/benefits show. */
export function datedBenefits(rules = BENEFIT_RULES): DatedBenefit[] {
  return BENEFITS.map((b) => ({
    ...b,
    ...validityOf(b.code, rules),
    closedToNewFrom: closedToNewFrom(b.code, rules),
    successor: MERGED_INTO[b.code] ?? null,
  }));
}
