/**
 * Resultatstyring's measures as jobindsats.dk defines them (RULES.md §5), so that a municipality's
 * figures from its own register data can be laid beside jobindsats': what each measure counts, in
 * which unit, which way is better, and the rule it follows, in words for the page that shows it.
 * The counting itself is SQL in the server's monitoring room; this file is what it counts.
 *
 * - Persons: at least one week on the benefit in the period. Full-time persons: weeks on the benefit
 *   ÷ weeks in the period (a 53-week year has 53), not overlap-treated across benefits.
 * - Spells by jobindsats' month rule (spells.ts): one ends only after a whole calendar month without
 *   the benefit, and has ended only once that month is in the data (else it is unsettled).
 * - Status k months after an ended spell: the state in the week that holds the day k calendar months
 *   after the spell's last day (spells.ts' statusWeekAfter): work or self-support, education, public
 *   support, or out of the population (not observed that week: moved away, emigrated, died, 67).
 * - A week, a spell's start or end, a conversation belongs to the municipality the person lived in,
 *   and to the caseworker (and department) assigned to the person, in that week.
 */

import { MODEL_AGE_GROUPS } from '../jobinvest/covariates.ts';
import type { Sentence } from '../language.ts';

/** Duration bands of spells, in weeks (jobindsats' bands). */
export const SPELL_DURATION_BANDS = [
  { id: '1-4', from: 1, to: 4 },
  { id: '5-13', from: 5, to: 13 },
  { id: '14-26', from: 14, to: 26 },
  { id: '27-52', from: 27, to: 52 },
  { id: '53-104', from: 53, to: 104 },
  { id: '105+', from: 105, to: Infinity },
] as const;
export type SpellDurationBand = (typeof SPELL_DURATION_BANDS)[number]['id'];

/** The band of a spell of `weeks` weeks (at least 1). */
export function durationBand(weeks: number): SpellDurationBand {
  if (!Number.isInteger(weeks) || weeks < 1)
    throw new RangeError(`weeks: expected a whole number of weeks of at least 1, found ${weeks}`);
  return SPELL_DURATION_BANDS.find((band) => weeks <= band.to)!.id;
}

/** jobindsats' age groups (age on the spell's last day, or the period's last day while it runs). */
export const JOBINDSATS_AGE_GROUPS = MODEL_AGE_GROUPS;
export type JobindsatsAgeGroup = (typeof JOBINDSATS_AGE_GROUPS)[number];

export function isJobindsatsAgeGroup(text: string): text is JobindsatsAgeGroup {
  return (JOBINDSATS_AGE_GROUPS as readonly string[]).includes(text);
}

/** The months after an ended spell at which status is measured (jobindsats y12b15). */
export const STATUS_MONTHS = [1, 3, 6, 12] as const;
export type StatusMonth = (typeof STATUS_MONTHS)[number];

export const STATUS_CLASSES = ['work', 'education', 'publicSupport', 'outOfPopulation'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/**
 * The status class of a week's state (a benefit group, `job`, `su`, `out`), or of no state (null: not
 * observed that week). An unmapped DREAM code is public support: every DREAM code but those of
 * education (SU) and the weeks without one is a public benefit.
 */
export function statusClass(state: string | null): StatusClass {
  if (state === null || state === 'out') return 'outOfPopulation';
  if (state === 'job') return 'work';
  if (state === 'su') return 'education';
  return 'publicSupport';
}

export type MeasureUnit = 'persons' | 'fullTime' | 'share' | 'weeks' | 'count' | 'kroner' | 'ratio';

export interface MeasureDefinition {
  readonly name: Sentence;
  readonly unit: MeasureUnit;
  /** Which way is better for the municipality, where one is. */
  readonly better: 'lower' | 'higher' | null;
  readonly rule: Sentence;
}

const SPELL_RULE: Sentence = {
  da: 'Forløb efter jobindsats’ regel: et forløb slutter først, når en hel kalendermåned går uden ydelsen, og er først afsluttet, når den måned ligger i data.',
  en: 'Spells by jobindsats’ rule: a spell ends only when a whole calendar month passes without the benefit, and has ended only once that month is in the data.',
};

const define = (
  da: string,
  en: string,
  unit: MeasureUnit,
  better: MeasureDefinition['better'],
  ruleDa: string,
  ruleEn: string,
): MeasureDefinition => ({ name: { da, en }, unit, better, rule: { da: ruleDa, en: ruleEn } });

const spellRule = (da: string, en: string) => [`${da} ${SPELL_RULE.da}`, `${en} ${SPELL_RULE.en}`] as const;

/** The headline measures, each with its rule one click away on the pages. */
export const MEASURES = {
  persons: define(
    'Personer',
    'Persons',
    'persons',
    'lower',
    'Personer med mindst én uge på ydelsen i perioden.',
    'Persons with at least one week on the benefit in the period.',
  ),
  fullTimePersons: define(
    'Fuldtidspersoner',
    'Full-time persons',
    'fullTime',
    'lower',
    'Uger på ydelsen i perioden ÷ ugerne i perioden (53 i et år med 53 uger); ikke overlapsbehandlet på tværs af ydelser.',
    'Weeks on the benefit in the period ÷ the weeks in the period (53 in a 53-week year); not overlap-treated across benefits.',
  ),
  shareOfLabourForce: define(
    'Andel af arbejdsstyrken',
    'Share of the labour force',
    'share',
    'lower',
    'Fuldtidspersoner ÷ arbejdsstyrken 16-66 år i kommunen (årets tal, vægtet med periodens uger).',
    "Full-time persons ÷ the municipality's labour force aged 16-66 (the year's figure, weighted by the period's weeks).",
  ),
  averageWeeksPerPerson: define(
    'Gennemsnitlige uger pr. person',
    'Average weeks per person',
    'weeks',
    'lower',
    'Uger på ydelsen i perioden ÷ personer.',
    'Weeks on the benefit in the period ÷ persons.',
  ),
  stockAtStart: define(
    'Forløb primo',
    'Spells at the start',
    'count',
    null,
    ...spellRule(
      'Forløb begyndt før periodens første uge, som ikke var afsluttet før den.',
      'Spells begun before the first week of the period and not ended before it.',
    ),
  ),
  stockAtEnd: define(
    'Forløb ultimo',
    'Spells at the end',
    'count',
    'lower',
    ...spellRule(
      'Forløb begyndt senest i periodens sidste uge, som ikke er afsluttet i eller før den.',
      'Spells begun by the last week of the period and not ended in or before it.',
    ),
  ),
  spellsStarted: define(
    'Påbegyndte forløb',
    'Spells started',
    'count',
    null,
    ...spellRule(
      'Forløb hvis første uge ligger i perioden (et forløb, der kan være begyndt før data, tælles ikke).',
      'Spells whose first week is in the period (a spell that may have begun before the data is not counted).',
    ),
  ),
  spellsEnded: define(
    'Afsluttede forløb',
    'Spells ended',
    'count',
    null,
    ...spellRule(
      'Forløb hvis sidste uge med ydelsen ligger i perioden, og som er afsluttet.',
      'Spells whose last week with the benefit is in the period and that have ended.',
    ),
  ),
  averageDurationEndedWeeks: define(
    'Gennemsnitlig varighed af afsluttede forløb',
    'Average duration of ended spells',
    'weeks',
    'lower',
    ...spellRule(
      'Kalenderuger fra forløbets første til sidste uge, begge med, for forløb afsluttet i perioden og begyndt inden for data.',
      'Calendar weeks from the first to the last week of the spell, both included, for spells ended in the period that began inside the data.',
    ),
  ),
  statusAfter: define(
    'Status efter afsluttet forløb',
    'Status after an ended spell',
    'share',
    null,
    ...spellRule(
      'Status i den uge, der indeholder dagen 1, 3, 6 og 12 kalendermåneder efter forløbets sidste dag: beskæftigelse/selvforsørgelse, uddannelse, offentlig forsørgelse, ude af befolkningen. Andele af de afsluttede forløb, hvis status er i data.',
      "Status in the week holding the day 1, 3, 6 and 12 calendar months after the spell's last day: work/self-support, education, public support, out of the population. Shares of the ended spells whose status is in the data.",
    ),
  ),
  relapse: define(
    'Tilbagefald',
    'Relapse',
    'share',
    'lower',
    'Andel af forløbene afsluttet til beskæftigelse, hvor personen igen er på offentlig forsørgelse inden for 3 måneder.',
    'Share of the spells ended for work after which the person is back on public support within 3 months.',
  ),
  activationRate: define(
    'Aktiveringsgrad',
    'Activation rate',
    'share',
    'higher',
    'Fuldtidsaktiverede ÷ fuldtidspersoner: uger i aktivering, mens personen er på ydelsen, ÷ uger på ydelsen.',
    'Full-time activated ÷ full-time persons: weeks in activation while on the benefit ÷ weeks on the benefit.',
  ),
  pricePerFullTimeActivated: define(
    'Pris pr. fuldtidsaktiveret',
    'Price per full-time activated',
    'kroner',
    'lower',
    'Periodens udgifter til aktivering (hver aktiverings udgift fordelt ligeligt på dens uger) ÷ fuldtidsaktiverede.',
    "The period's activation costs (each activation's cost spread evenly over its weeks) ÷ full-time activated.",
  ),
  conversationsPerPerson: define(
    'Samtaler pr. person',
    'Conversations per person',
    'ratio',
    'higher',
    'Afholdte samtaler i perioden med personer, der var på ydelsen i samtalens uge, ÷ personer.',
    'Conversations held in the period with persons on the benefit in the week of the conversation ÷ persons.',
  ),
  timelyShare: define(
    'Rettidighed',
    'Timeliness',
    'share',
    'higher',
    'Andel af de påbegyndte forløb med en samtale inden for forløbets første 3 måneder.',
    'Share of the spells started with a conversation within their first 3 months.',
  ),
  noShowShare: define(
    'Udeblivelser',
    'No-shows',
    'share',
    'lower',
    'Udeblivelser ÷ (samtaler + udeblivelser).',
    'No-shows ÷ (conversations + no-shows).',
  ),
  personsPerCaseworker: define(
    'Personer pr. sagsbehandler',
    'Persons per caseworker',
    'ratio',
    null,
    'Personer på ydelsen i perioden ÷ sagsbehandlere, der havde mindst én af dem tildelt i perioden.',
    'Persons on the benefit in the period ÷ caseworkers who had at least one of them assigned in the period.',
  ),
} as const satisfies Readonly<Record<string, MeasureDefinition>>;

/** A headline measure (one with a definition on the pages). */
export type MeasureId = keyof typeof MEASURES;

/** The rule every spell measure follows, for the answer's `rule`. */
export const JOBINDSATS_SPELL_RULE = { id: 'jobindsats-month', ...SPELL_RULE } as const;
