/**
 * KL's scorecard for one benefit group (KL, "Monitorering af resultatmål – scorecards", Styring af
 * beskæftigelsesindsatsen, 2010; the Excel scorecard at kl.dk/scorecard): a job centre is judged on
 * results, each on its level now and on its development against the same period a year before,
 * and each against its cluster (klynge) of comparable job centres.
 *
 * - Flere i job (more in work): level, full-time persons as a share of the labour force; development,
 *   the change in full-time persons in per cent (496 against 471 a year before is +5.3 %). Lower is better.
 * - Hurtigere i job (faster into work): the average duration of spells in weeks (running); its
 *   change in weeks. Lower is better.
 * - Fastholdelse i job (staying in work): the share in work 3 months after an ended spell; its change
 *   in percentage points. Higher is better.
 * - Aktiveringsgrad (activation rate): full-time activated ÷ full-time persons; its change in
 *   percentage points. Higher is better. Not a dimension of KL's 2010 card, whose data tables
 *   hold full-time activated (fuldtidsaktiverede); added so activation is judged beside the results.
 * - Besparelsespotentiale (savings potential): the kroner a year the municipality would save with
 *   the cluster's share, (own share − cluster share) × own labour force × net cost of a full-time
 *   person a year, and 0 where the municipality is at or below the cluster's share. Its development
 *   is the change in that potential from a year before; the cluster's figure is 0 on both (the
 *   cluster saves nothing by being itself). Lower is better.
 *
 * Shares and changes in shares are fractions: 0.022 is 2.2 %, a change of 0.02 is 2 percentage points.
 * An assessment is 'same' only where own and cluster figures are equal, 'better' or 'worse' in the
 * indicator's direction otherwise, and null ('unknown') where a figure it needs is missing (null) or
 * undefined (a change from 0 full-time persons).
 *
 * The cluster's figures combine its members as one larger municipality ({@link clusterFigures}):
 * counts are summed, so its share is Σ full-time persons ÷ Σ labour force; averages are weighted by
 * what they are averages over (spells, ended spells) where every member gives it, and plain means
 * otherwise. A figure missing for any member is missing for the cluster, so that the cluster does
 * not change its members between now and a year before. Whether the cluster includes the
 * municipality itself is the caller's choice ({@link clusterOf} gives the others).
 */

import type { Sentence } from '../language.ts';

/** A figure now and in the same period a year before; null where it is missing. */
export interface Period {
  readonly now: number | null;
  readonly yearBefore: number | null;
}

/** The figures of one benefit group in one municipality, or in a cluster. */
export interface ScorecardFigures {
  /** Full-time persons on the benefit (fuldtidspersoner). */
  readonly fullTimePersons: Period;
  /** The labour force (arbejdsstyrken) the share is taken of. */
  readonly labourForce: Period;
  /** Average duration of spells in weeks (running). */
  readonly averageSpellWeeks: Period;
  /** The number of spells the average duration is over, to weigh a cluster's mean. */
  readonly spells?: Period;
  /** Share in work 3 months after an ended spell, a fraction. */
  readonly shareInWorkAfterThreeMonths: Period;
  /** The number of ended spells that share is over, to weigh a cluster's mean. */
  readonly endedSpells?: Period;
  /** Full-time activated (fuldtidsaktiverede). */
  readonly fullTimeActivated: Period;
}

export type ScorecardDimension =
  'flereIJob' | 'hurtigereIJob' | 'fastholdelse' | 'aktiveringsgrad' | 'besparelsespotentiale';

export interface ScorecardDimensionInfo {
  readonly id: ScorecardDimension;
  readonly name: Sentence;
  readonly level: Sentence;
  readonly development: Sentence;
  readonly lowerIsBetter: boolean;
}

export const SCORECARD_DIMENSIONS: readonly ScorecardDimensionInfo[] = [
  {
    id: 'flereIJob',
    name: { da: 'Flere i job', en: 'More in work' },
    level: {
      da: 'fuldtidspersoner i procent af arbejdsstyrken',
      en: 'full-time persons as a share of the labour force',
    },
    development: {
      da: 'udvikling i antal fuldtidspersoner i forhold til samme periode året før (%)',
      en: 'change in full-time persons against the same period a year before (%)',
    },
    lowerIsBetter: true,
  },
  {
    id: 'hurtigereIJob',
    name: { da: 'Hurtigere i job', en: 'Faster into work' },
    level: {
      da: 'gennemsnitlig varighed af forløb i uger (løbende)',
      en: 'average duration of spells in weeks (running)',
    },
    development: { da: 'udvikling i uger', en: 'change in weeks' },
    lowerIsBetter: true,
  },
  {
    id: 'fastholdelse',
    name: { da: 'Fastholdelse i job', en: 'Staying in work' },
    level: {
      da: 'andel i beskæftigelse 3 måneder efter afsluttet forløb',
      en: 'share in work 3 months after an ended spell',
    },
    development: { da: 'udvikling i procentpoint', en: 'change in percentage points' },
    lowerIsBetter: false,
  },
  {
    id: 'aktiveringsgrad',
    name: { da: 'Aktiveringsgrad', en: 'Activation rate' },
    level: {
      da: 'fuldtidsaktiverede i procent af fuldtidspersoner',
      en: 'full-time activated as a share of full-time persons',
    },
    development: { da: 'udvikling i procentpoint', en: 'change in percentage points' },
    lowerIsBetter: false,
  },
  {
    id: 'besparelsespotentiale',
    name: { da: 'Besparelsespotentiale', en: 'Savings potential' },
    level: {
      da: 'kr. om året, der kan spares på ydelsen med klyngens andel',
      en: 'kroner a year to be saved on the benefit at the cluster’s share',
    },
    development: { da: 'udvikling i kr. om året', en: 'change in kroner a year' },
    lowerIsBetter: true,
  },
];

export type Assessment = 'better' | 'worse' | 'same';

export interface Comparison {
  readonly own: number | null;
  readonly cluster: number | null;
  /** The own figure against the cluster's in the indicator's direction; null where either is unknown. */
  readonly assessment: Assessment | null;
}

export interface DimensionScore {
  readonly level: Comparison;
  readonly development: Comparison;
}

/** KL's background table (baggrundstal) for Flere i job. */
export interface ScorecardBackground {
  /** Full-time persons as a share of the labour force. */
  readonly share: { readonly own: Period; readonly cluster: Period };
  readonly fullTimePersons: { readonly own: Period; readonly cluster: Period };
  /** The change in full-time persons as a fraction, 0.053 for +5.3 %. */
  readonly development: { readonly own: number | null; readonly cluster: number | null };
}

export interface Scorecard {
  readonly dimensions: Readonly<Record<ScorecardDimension, DimensionScore>>;
  readonly background: ScorecardBackground;
}

const PERIOD_KEYS = [
  'fullTimePersons',
  'labourForce',
  'averageSpellWeeks',
  'spells',
  'shareInWorkAfterThreeMonths',
  'endedSpells',
  'fullTimeActivated',
] as const;

/** Every figure null, or finite and ≥ 0; shares at most 1; the labour force above 0. */
function checkFigures(figures: ScorecardFigures, who: string): void {
  for (const key of PERIOD_KEYS) {
    const period = figures[key];
    if (period === undefined) continue;
    for (const when of ['now', 'yearBefore'] as const) {
      const value = period[when];
      if (value === null) continue;
      const field = `${who}.${key}.${when}`;
      if (!Number.isFinite(value) || value < 0)
        throw new RangeError(`${field}: expected a finite number ≥ 0 or null, found ${value}`);
      if (key === 'shareInWorkAfterThreeMonths' && value > 1)
        throw new RangeError(`${field}: expected a share from 0 to 1, found ${value}`);
      if (key === 'labourForce' && value === 0)
        throw new RangeError(`${field}: expected a labour force above 0, found 0`);
    }
  }
}

const ratio = (numerator: number | null, denominator: number | null): number | null =>
  numerator === null || denominator === null || denominator === 0 ? null : numerator / denominator;

const change = (period: Period): number | null =>
  period.now === null || period.yearBefore === null ? null : period.now - period.yearBefore;

function assess(own: number | null, cluster: number | null, lowerIsBetter: boolean): Assessment | null {
  if (own === null || cluster === null) return null;
  if (own === cluster) return 'same';
  return own < cluster === lowerIsBetter ? 'better' : 'worse';
}

function compare(own: number | null, cluster: number | null, lowerIsBetter: boolean): Comparison {
  return { own, cluster, assessment: assess(own, cluster, lowerIsBetter) };
}

/** Full-time persons as a share of the labour force, now and a year before. */
function shareOfLabourForce(figures: ScorecardFigures): Period {
  return {
    now: ratio(figures.fullTimePersons.now, figures.labourForce.now),
    yearBefore: ratio(figures.fullTimePersons.yearBefore, figures.labourForce.yearBefore),
  };
}

/**
 * KL's scorecard of a municipality against its cluster, with the savings potential at
 * `netCostPerFullTimePerson` kroner a year (the municipality's net cost of one full-time person on
 * the benefit, after refusion).
 */
export function scorecard(input: {
  own: ScorecardFigures;
  cluster: ScorecardFigures;
  netCostPerFullTimePerson: number;
}): Scorecard {
  const { own, cluster, netCostPerFullTimePerson: cost } = input;
  checkFigures(own, 'own');
  checkFigures(cluster, 'cluster');
  if (!(Number.isFinite(cost) && cost >= 0))
    throw new RangeError(`netCostPerFullTimePerson: expected a finite number of kroner ≥ 0, found ${cost}`);

  const ownShare = shareOfLabourForce(own);
  const clusterShare = shareOfLabourForce(cluster);
  const growth = (figures: ScorecardFigures) => {
    const r = ratio(figures.fullTimePersons.now, figures.fullTimePersons.yearBefore);
    return r === null ? null : r - 1;
  };
  const activation = (figures: ScorecardFigures): Period => ({
    now: ratio(figures.fullTimeActivated.now, figures.fullTimePersons.now),
    yearBefore: ratio(figures.fullTimeActivated.yearBefore, figures.fullTimePersons.yearBefore),
  });
  const potential = (when: 'now' | 'yearBefore'): number | null => {
    const o = ownShare[when];
    const c = clusterShare[when];
    const labourForce = own.labourForce[when];
    if (o === null || c === null || labourForce === null) return null;
    return Math.max(0, o - c) * labourForce * cost;
  };
  const potentialNow = potential('now');
  const potentialBefore = potential('yearBefore');
  const ownActivation = activation(own);
  const clusterActivation = activation(cluster);

  return {
    dimensions: {
      flereIJob: {
        level: compare(ownShare.now, clusterShare.now, true),
        development: compare(growth(own), growth(cluster), true),
      },
      hurtigereIJob: {
        level: compare(own.averageSpellWeeks.now, cluster.averageSpellWeeks.now, true),
        development: compare(change(own.averageSpellWeeks), change(cluster.averageSpellWeeks), true),
      },
      fastholdelse: {
        level: compare(own.shareInWorkAfterThreeMonths.now, cluster.shareInWorkAfterThreeMonths.now, false),
        development: compare(
          change(own.shareInWorkAfterThreeMonths),
          change(cluster.shareInWorkAfterThreeMonths),
          false,
        ),
      },
      aktiveringsgrad: {
        level: compare(ownActivation.now, clusterActivation.now, false),
        development: compare(change(ownActivation), change(clusterActivation), false),
      },
      besparelsespotentiale: {
        // Assessed on the shares it comes from: a potential of 0 is 'same' at the cluster's share and
        // 'better' below it.
        level: {
          own: potentialNow,
          cluster: potentialNow === null ? null : 0,
          assessment: potentialNow === null ? null : assess(ownShare.now, clusterShare.now, true),
        },
        development: compare(
          potentialNow === null || potentialBefore === null ? null : potentialNow - potentialBefore,
          potentialNow === null || potentialBefore === null ? null : 0,
          true,
        ),
      },
    },
    background: {
      share: { own: ownShare, cluster: clusterShare },
      fullTimePersons: { own: own.fullTimePersons, cluster: cluster.fullTimePersons },
      development: { own: growth(own), cluster: growth(cluster) },
    },
  };
}

/**
 * The figures of a cluster from its members' as one larger municipality: full-time persons, labour
 * force, full-time activated, spells and ended spells summed; the average duration weighted by
 * spells and the share in work by ended spells where every member gives them (and they are not all
 * 0), plain means otherwise. Any member's missing figure makes the cluster's missing.
 */
export function clusterFigures(members: readonly ScorecardFigures[]): ScorecardFigures {
  if (members.length === 0)
    throw new RangeError('members: expected at least one municipality in the cluster, found none');
  members.forEach((member, i) => checkFigures(member, `members[${i}]`));
  const combine = (when: 'now' | 'yearBefore', pick: (m: ScorecardFigures) => Period | undefined) => {
    const values = members.map((m) => pick(m)?.[when] ?? null);
    return values.some((v) => v === null) ? null : (values as number[]);
  };
  const summed = (pick: (m: ScorecardFigures) => Period | undefined): Period => {
    const sum = (when: 'now' | 'yearBefore') => combine(when, pick)?.reduce((s, v) => s + v, 0) ?? null;
    return { now: sum('now'), yearBefore: sum('yearBefore') };
  };
  const averaged = (
    pick: (m: ScorecardFigures) => Period,
    weightOf: (m: ScorecardFigures) => Period | undefined,
  ): Period => {
    const mean = (when: 'now' | 'yearBefore') => {
      const values = combine(when, pick);
      if (values === null) return null;
      const weights = combine(when, weightOf);
      const total = weights?.reduce((s, w) => s + w, 0) ?? 0;
      return weights !== null && total > 0
        ? values.reduce((s, v, i) => s + v * weights[i]!, 0) / total
        : values.reduce((s, v) => s + v, 0) / values.length;
    };
    return { now: mean('now'), yearBefore: mean('yearBefore') };
  };
  return {
    fullTimePersons: summed((m) => m.fullTimePersons),
    labourForce: summed((m) => m.labourForce),
    averageSpellWeeks: averaged(
      (m) => m.averageSpellWeeks,
      (m) => m.spells,
    ),
    spells: summed((m) => m.spells),
    shareInWorkAfterThreeMonths: averaged(
      (m) => m.shareInWorkAfterThreeMonths,
      (m) => m.endedSpells,
    ),
    endedSpells: summed((m) => m.endedSpells),
    fullTimeActivated: summed((m) => m.fullTimeActivated),
  };
}
