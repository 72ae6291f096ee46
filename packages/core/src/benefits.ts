/**
 * The benefit catalogue: the groups of income support (ydelser) the product speaks of, following the
 * groups jobindsats.dk reports, plus the states outside benefits (job / self-support, education,
 * out of the population). Every register code is mapped onto one of these groups.
 *
 * Each group says how a week on it is financed, which is what the refusion engine needs:
 * - `refusion`: the municipality pays the benefit and the state refunds it down the staircase
 *   80/40/30/20 % (LBK 221/2021 § 5), so the municipality's share is 20/60/70/80 %.
 * - `cofinancing`: an a-kasse or Udbetaling Danmark pays, and the municipality co-finances
 *   20/60/70/80 % down the same staircase (§ 5 stk. 4).
 * - `fixed`: a fixed municipal share outside the staircase (førtidspension granted before
 *   1 July 2014: 65 %, pensionsloven § 52).
 * - `none`: no scheme; the municipality pays all of it if it pays the benefit, otherwise nothing.
 *
 * `selfSupport` marks the weeks that count towards the 52 weeks of self-support that reset a
 * person's staircase (§ 6): neither public income support nor wage-subsidised work.
 */

import type { Sentence } from './language.ts';

export const BENEFIT_CODES = [
  'adagpenge',
  'kontanthjaelp_forhoejet',
  'kontanthjaelp_grundsats',
  'kontanthjaelp_mindstesats',
  'kontanthjaelp_jobparat',
  'kontanthjaelp_aktivitetsparat',
  'uddannelseshjaelp',
  'selvforsoergelsesydelse',
  'sygedagpenge',
  'jobafklaring',
  'ressourceforloeb',
  'revalidering',
  'ledighedsydelse',
  'fleksjob',
  'fleksjob_foer2013',
  'foertidspension',
  'foertidspension_foer2014',
  'efterloen',
  'su',
  'anden_forsoergelse',
  'job',
  'out',
] as const;

export type BenefitCode = (typeof BENEFIT_CODES)[number];

/** How far a value has been checked: read in the cited primary source, from a secondary source, or assumed. */
export type SourceStatus = 'verified' | 'secondary' | 'derived' | 'assumed' | 'estimated';

/** A status as sentences say it. */
export const SOURCE_STATUS_WORDS: Readonly<Record<SourceStatus, Sentence>> = {
  verified: { da: 'verificeret', en: 'verified' },
  secondary: { da: 'sekundær kilde', en: 'secondary' },
  derived: { da: 'afledt', en: 'derived' },
  assumed: { da: 'antaget', en: 'assumed' },
  estimated: { da: 'skønnet', en: 'estimated' },
};

export type Financing =
  | { readonly kind: 'refusion' }
  | { readonly kind: 'cofinancing' }
  | { readonly kind: 'fixed'; readonly municipalShare: number }
  | { readonly kind: 'none'; readonly paidByMunicipality: boolean };

/** Names of the rate table's benefits (`rates.ts`); several groups are priced by one rate. */
export const RATE_BENEFITS = [
  'adagpenge',
  'kontanthjaelp',
  'uddannelseshjaelp',
  'sygedagpenge',
  'ressourceforloebsydelse',
  'ledighedsydelse',
  'fleksloentilskud',
  'foertidspension',
] as const;

export type RateBenefit = (typeof RATE_BENEFITS)[number];

/** The rate that prices a week on a group: a rate-table benefit and the variant used by default. */
export interface BenefitRate {
  readonly benefit: RateBenefit;
  readonly variant: string;
}

export interface Benefit {
  readonly code: BenefitCode;
  readonly nameDa: string;
  readonly nameEn: string;
  /** The jobindsats.dk benefit group the code is reported under. */
  readonly jobindsatsGroup: string;
  /** Public income support (offentlig forsørgelse). */
  readonly publicSupport: boolean;
  /** Wage-subsidised employment (fleksjob). */
  readonly wageSubsidised: boolean;
  /** Counts as a week of self-support towards the staircase reset (§ 6). */
  readonly selfSupport: boolean;
  readonly financing: Financing;
  /** The rate table's rate that prices a week on this group, if any (other variants are the user's choice). */
  readonly rate: BenefitRate | null;
  /** Where the financing and self-support classification comes from. */
  readonly source: string;
  readonly status: SourceStatus;
  /** What is assumed, in words, where the status is not `verified`. */
  readonly note?: Sentence;
}

const REFUSION = { kind: 'refusion' } as const;
const COFINANCING = { kind: 'cofinancing' } as const;
const NOT_MUNICIPAL = { kind: 'none', paidByMunicipality: false } as const;
const LAW = 'LBK nr. 221 af 12/02/2021 § 5 (refusionsreformen, in force 4 January 2016)';

export const BENEFITS: readonly Benefit[] = [
  {
    code: 'adagpenge',
    nameDa: 'A-dagpenge mv.',
    nameEn: 'Unemployment insurance benefit',
    jobindsatsGroup: 'A-dagpenge mv.',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: COFINANCING,
    rate: { benefit: 'adagpenge', variant: 'fuldtid' },
    source: `${LAW} stk. 4: co-financing of a-dagpenge and midlertidig arbejdsmarkedsydelse, measured before tax and after ATP`,
    status: 'verified',
  },
  {
    code: 'kontanthjaelp_forhoejet',
    nameDa: 'Kontanthjælp, forhøjet sats',
    nameEn: 'Social assistance, higher rate',
    jobindsatsGroup: 'Kontanthjælp',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'kontanthjaelp', variant: 'forhoejet' },
    source: `${LAW}; aktivloven §§ 16-20 as of lov nr. 1655 af 30/12/2024 (from 1 July 2025): persons aged 30 or more, and 25-29 with 2½ years of work within 10 years`,
    status: 'verified',
  },
  {
    code: 'kontanthjaelp_grundsats',
    nameDa: 'Kontanthjælp, grundsats',
    nameEn: 'Social assistance, basic rate',
    jobindsatsGroup: 'Kontanthjælp',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'kontanthjaelp', variant: 'grundsats' },
    source: `${LAW}; aktivloven §§ 16-20 as of lov nr. 1655 af 30/12/2024 (from 1 July 2025): persons under 30 without 2½ years of work; the hjemmeboende rate is a variant`,
    status: 'verified',
  },
  {
    code: 'kontanthjaelp_mindstesats',
    nameDa: 'Kontanthjælp, mindstesats',
    nameEn: 'Social assistance, minimum rate',
    jobindsatsGroup: 'Kontanthjælp',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'kontanthjaelp', variant: 'mindstesats' },
    source: `${LAW}; aktivloven §§ 16-20 as of lov nr. 1655 af 30/12/2024 (from 1 July 2025): persons who do not meet the residence and employment requirement (formerly selvforsørgelses- og hjemrejseydelse / overgangsydelse)`,
    status: 'verified',
  },
  {
    code: 'kontanthjaelp_jobparat',
    nameDa: 'Kontanthjælp, jobparat',
    nameEn: 'Social assistance, job-ready',
    jobindsatsGroup: 'Kontanthjælp',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'kontanthjaelp', variant: '30+ andre' },
    source: LAW,
    status: 'verified',
  },
  {
    code: 'kontanthjaelp_aktivitetsparat',
    nameDa: 'Kontanthjælp, aktivitetsparat',
    nameEn: 'Social assistance, activity-ready',
    jobindsatsGroup: 'Kontanthjælp',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'kontanthjaelp', variant: '30+ andre' },
    source: LAW,
    status: 'verified',
  },
  {
    code: 'uddannelseshjaelp',
    nameDa: 'Uddannelseshjælp',
    nameEn: 'Education assistance, under 30',
    jobindsatsGroup: 'Uddannelseshjælp',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'uddannelseshjaelp', variant: 'under 30 udeboende' },
    source: `${LAW}; merged into kontanthjælp from 1 July 2025`,
    status: 'verified',
  },
  {
    code: 'selvforsoergelsesydelse',
    nameDa: 'Selvforsørgelses- og hjemrejseydelse / overgangsydelse',
    nameEn: 'Self-sufficiency and repatriation benefit / transition benefit',
    jobindsatsGroup: 'Selvforsørgelses- og hjemrejseydelse / overgangsydelse',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'kontanthjaelp', variant: '30+ andre' },
    source: LAW,
    status: 'assumed',
    note: {
      da: 'Er "meget sandsynligt" omfattet af refusionstrappen; det er ikke efterprøvet i lovteksten, hvor i § 3 ydelsen står.',
      en: 'Covered by the refusion staircase "very likely"; where in § 3 of the law it is listed has not been checked.',
    },
  },
  {
    code: 'sygedagpenge',
    nameDa: 'Sygedagpenge',
    nameEn: 'Sickness benefit',
    jobindsatsGroup: 'Sygedagpenge',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'sygedagpenge', variant: 'max' },
    source: LAW,
    status: 'verified',
  },
  {
    code: 'jobafklaring',
    nameDa: 'Jobafklaringsforløb',
    nameEn: 'Job clarification programme',
    jobindsatsGroup: 'Jobafklaringsforløb',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'ressourceforloebsydelse', variant: 'ikke-forsoerger' },
    source: LAW,
    status: 'assumed',
    note: {
      da: 'Ressourceforløbsydelse under jobafklaringsforløb er "meget sandsynligt" omfattet af refusionstrappen; det er ikke efterprøvet i lovteksten.',
      en: 'The resource programme benefit in a job clarification programme is covered by the refusion staircase "very likely"; not checked in the text of the law.',
    },
  },
  {
    code: 'ressourceforloeb',
    nameDa: 'Ressourceforløb',
    nameEn: 'Resource programme',
    jobindsatsGroup: 'Ressourceforløb',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'ressourceforloebsydelse', variant: 'ikke-forsoerger' },
    source: LAW,
    status: 'assumed',
    note: {
      da: 'Ressourceforløbsydelse er "meget sandsynligt" omfattet af refusionstrappen; det er ikke efterprøvet i lovteksten.',
      en: 'The resource programme benefit (ressourceforløbsydelse) is covered by the refusion staircase "very likely"; not checked in the text of the law.',
    },
  },
  {
    code: 'revalidering',
    nameDa: 'Revalidering / forrevalidering',
    nameEn: 'Vocational rehabilitation',
    jobindsatsGroup: 'Revalidering',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: null,
    source: LAW,
    status: 'assumed',
    note: {
      da: 'Revalideringsydelse er "meget sandsynligt" omfattet af refusionstrappen; det er ikke efterprøvet i lovteksten. Der medfølger ingen sats for den.',
      en: 'The rehabilitation benefit (revalideringsydelse) is covered by the refusion staircase "very likely"; not checked in the text of the law. No rate is shipped for it.',
    },
  },
  {
    code: 'ledighedsydelse',
    nameDa: 'Ledighedsydelse',
    nameEn: 'Unemployment benefit for flex-job candidates',
    jobindsatsGroup: 'Ledighedsydelse',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'ledighedsydelse', variant: 'max' },
    source: LAW,
    status: 'verified',
  },
  {
    code: 'fleksjob',
    nameDa: 'Fleksjob (fleksløntilskud)',
    nameEn: 'Flex job (wage subsidy)',
    jobindsatsGroup: 'Fleksjob',
    publicSupport: false,
    wageSubsidised: true,
    selfSupport: false,
    financing: REFUSION,
    rate: { benefit: 'fleksloentilskud', variant: 'max' },
    source: `${LAW}; fleksløntilskud granted after 1 July 2014 follows the staircase (RULES.md §3)`,
    status: 'verified',
  },
  {
    code: 'fleksjob_foer2013',
    nameDa: 'Fleksjob, visiteret før 2013',
    nameEn: 'Flex job, granted before 2013',
    jobindsatsGroup: 'Fleksjob',
    publicSupport: false,
    wageSubsidised: true,
    selfSupport: false,
    financing: { kind: 'fixed', municipalShare: 0.35 },
    rate: { benefit: 'fleksloentilskud', variant: 'max' },
    source: 'RULES.md §3: old fleksjob (before 2013) has 65 % refusion',
    status: 'secondary',
  },
  {
    code: 'foertidspension',
    nameDa: 'Førtidspension, tilkendt fra 1. juli 2014',
    nameEn: 'Disability pension, granted from 1 July 2014',
    jobindsatsGroup: 'Førtidspension',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: COFINANCING,
    rate: { benefit: 'foertidspension', variant: 'enlig' },
    source: LAW,
    status: 'assumed',
    note: {
      da: 'Medfinansiering ned ad refusionstrappen er "stærkt indikeret", men ikke efterprøvet i lovteksten.',
      en: 'Co-financing down the refusion staircase is "strongly indicated" but not checked in the text of the law.',
    },
  },
  {
    code: 'foertidspension_foer2014',
    nameDa: 'Førtidspension, tilkendt før 1. juli 2014',
    nameEn: 'Disability pension, granted before 1 July 2014',
    jobindsatsGroup: 'Førtidspension',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: { kind: 'fixed', municipalShare: 0.65 },
    rate: { benefit: 'foertidspension', variant: 'enlig' },
    source: 'Pensionsloven § 52: the municipality pays 65 %, the state 35 %',
    status: 'verified',
  },
  {
    code: 'efterloen',
    nameDa: 'Efterløn',
    nameEn: 'Voluntary early retirement pay',
    jobindsatsGroup: 'Tilbagetrækning',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: NOT_MUNICIPAL,
    rate: null,
    source: 'Paid by the a-kasse and financed by the state; outside the refusion law',
    status: 'secondary',
  },
  {
    code: 'su',
    nameDa: 'Uddannelse (SU)',
    nameEn: 'Education (state education grant)',
    jobindsatsGroup: 'SU',
    publicSupport: false,
    wageSubsidised: false,
    selfSupport: true,
    financing: NOT_MUNICIPAL,
    rate: null,
    source: 'SU is paid by the state; outside the refusion law',
    status: 'assumed',
    note: {
      da: 'Uger på SU regnes som selvforsørgelse, når refusionstrappen nulstilles; det er ikke efterprøvet i lovens § 6.',
      en: 'Weeks on SU are treated as self-support for the staircase reset; not checked in § 6 of the law.',
    },
  },
  {
    code: 'anden_forsoergelse',
    nameDa: 'Anden offentlig forsørgelse (barsel, folkepension, orlov mv.)',
    nameEn: 'Other public income support (parental leave, state pension, leave schemes)',
    jobindsatsGroup: 'Øvrige',
    publicSupport: true,
    wageSubsidised: false,
    selfSupport: false,
    financing: NOT_MUNICIPAL,
    rate: null,
    source: 'Paid by Udbetaling Danmark or the state; outside the refusion law',
    status: 'assumed',
    note: {
      da: 'Samlet i én gruppe, så registerkoder uden for beskæftigelsesydelserne bevares i stedet for at blive udeladt.',
      en: 'Grouped so that register codes outside the employment benefits are kept, not dropped.',
    },
  },
  {
    code: 'job',
    nameDa: 'Job / selvforsørgelse',
    nameEn: 'Job / self-support',
    jobindsatsGroup: 'Selvforsørgelse',
    publicSupport: false,
    wageSubsidised: false,
    selfSupport: true,
    financing: NOT_MUNICIPAL,
    rate: null,
    source: 'LBK 221/2021 § 6: self-support is neither public income support nor wage-subsidised work',
    status: 'verified',
  },
  {
    code: 'out',
    nameDa: 'Uden for befolkningen',
    nameEn: 'Out of the population (emigrated or deceased)',
    jobindsatsGroup: 'Uden for befolkningen',
    publicSupport: false,
    wageSubsidised: false,
    selfSupport: false,
    financing: NOT_MUNICIPAL,
    rate: null,
    source: 'No Danish register observation while out of the population',
    status: 'assumed',
    note: {
      da: 'Uger i udlandet kan ikke observeres, så de hverken tæller op på refusionstrappen eller som selvforsørgelse.',
      en: 'Weeks abroad are unobserved, so they neither add to the staircase nor count as self-support.',
    },
  },
];

const byCode = new Map<string, Benefit>(BENEFITS.map((b) => [b.code, b]));

export function isBenefitCode(code: string): code is BenefitCode {
  return byCode.has(code);
}

/** The catalogue entry of a code; throws for a code the catalogue does not hold. */
export function benefitOf(code: BenefitCode): Benefit {
  const benefit = byCode.get(code);
  if (!benefit) throw new Error(`unknown benefit code "${code}"`);
  return benefit;
}

/**
 * A state as a Danish sentence names it: its Danish name with the first letter in lower case, as
 * inside a sentence (benefit names are common nouns); a state outside the catalogue by its code.
 */
export function danishName(state: string): string {
  if (!isBenefitCode(state)) return state;
  const name = benefitOf(state).nameDa;
  return name.charAt(0).toLowerCase() + name.slice(1);
}

/** True when a week on this benefit counts on the staircase (refusion or co-financing). */
export function isOnStaircase(benefit: Benefit): boolean {
  return benefit.financing.kind === 'refusion' || benefit.financing.kind === 'cofinancing';
}
