/**
 * The names people read, in Danish and English, for the codes the product computes with: the rate
 * table's benefits and their variants (`kontanthjaelp` `30+ andre` is "kontanthjælp, 30 år og
 * derover, ikke-forsørger"), the rules (`refusion-2016`), the sources of values, the rate tables,
 * a case's target group, and the one way the staircase's reset rule is said.
 *
 * One list, keyed by code, used by core's assumption texts, the server (results, the PDF report) and
 * the web app: a new rate benefit, variant, rule or source gets its name here, once. The benefit
 * groups themselves are named in the catalogue (benefits.ts, `nameDa`/`nameEn`, keyed by code), which
 * `stateName` reads. A code this list does not know is shown as it is: that is a rate a user's own
 * table brought, in the user's own words (names.test.ts holds every shipped code to a name).
 */

import { BENEFITS, SOURCE_STATUS_WORDS, type SourceStatus } from './benefits.ts';
import { formatNumber } from './format.ts';
import type { Language, Sentence } from './language.ts';

/** The rate table's benefits (rates.ts, `RATE_BENEFITS`) and the catalogue codes a user's table may price, as a sentence names them. */
export const RATE_BENEFIT_NAMES: Readonly<Record<string, Sentence>> = {
  adagpenge: { da: 'a-dagpenge', en: 'unemployment insurance benefit (a-dagpenge)' },
  kontanthjaelp: { da: 'kontanthjælp', en: 'social assistance (kontanthjælp)' },
  uddannelseshjaelp: { da: 'uddannelseshjælp', en: 'education assistance (uddannelseshjælp)' },
  sygedagpenge: { da: 'sygedagpenge', en: 'sickness benefit (sygedagpenge)' },
  ressourceforloebsydelse: {
    da: 'ressourceforløbsydelse',
    en: 'resource programme benefit (ressourceforløbsydelse)',
  },
  fleksloentilskud: { da: 'fleksløntilskud', en: 'flex-job wage subsidy (fleksløntilskud)' },
  foertidspension: { da: 'førtidspension', en: 'disability pension (førtidspension)' },
  ledighedsydelse: {
    da: 'ledighedsydelse',
    en: 'benefit for unemployed flex-job candidates (ledighedsydelse)',
  },
};

/**
 * The intervention types (the interventions file's `type`, the generator's INTERVENTION_TYPES), as
 * people read them. The file's own words are free text: a type this list does not know is shown
 * as it is.
 */
export const INTERVENTION_NAMES: Readonly<Record<string, Sentence>> = {
  virksomhedspraktik: { da: 'Virksomhedspraktik', en: 'Company placement (virksomhedspraktik)' },
  loentilskud: { da: 'Løntilskud', en: 'Wage subsidy (løntilskud)' },
  vejledning_opkvalificering: {
    da: 'Vejledning og opkvalificering',
    en: 'Guidance and upskilling (vejledning og opkvalificering)',
  },
  mentor: { da: 'Mentor', en: 'Mentor' },
  nytteindsats: { da: 'Nytteindsats', en: 'Community work (nytteindsats)' },
};

/** The name of intervention type `code`, or the code itself for a type of a municipality's own. */
export function interventionName(code: string, language: Language): string {
  return INTERVENTION_NAMES[code]?.[language] ?? code;
}

/** The variants of the rate table's benefits (rates.ts, `Rate.variant`, and the catalogue's `rate`). */
export const RATE_VARIANT_NAMES: Readonly<Record<string, Sentence>> = {
  fuldtid: { da: 'højeste sats, fuldtidsforsikret', en: 'highest rate, full-time insured' },
  deltid: { da: 'højeste sats, deltidsforsikret', en: 'highest rate, part-time insured' },
  max: { da: 'højeste sats', en: 'highest rate' },
  '30+ forsoerger': { da: '30 år og derover, forsørger', en: 'aged 30 or over, with children' },
  '30+ andre': { da: '30 år og derover, ikke-forsørger', en: 'aged 30 or over, without children' },
  'under 30 udeboende': {
    da: 'under 30 år, udeboende',
    en: 'under 30, not living with parents',
  },
  'under 30 hjemmeboende': { da: 'under 30 år, hjemmeboende', en: 'under 30, living with parents' },
  forsoerger: { da: 'forsørger', en: 'with children' },
  'ikke-forsoerger': { da: 'ikke-forsørger', en: 'without children' },
  forhoejet: { da: 'forhøjet sats', en: 'higher rate' },
  grundsats: { da: 'grundsats', en: 'basic rate' },
  mindstesats: { da: 'mindstesats', en: 'minimum rate' },
  hjemmeboende: { da: 'hjemmeboende', en: 'living with parents' },
  boernetillaeg: { da: 'børnetillæg', en: 'child supplement' },
  'saerligt ungetillaeg 18-24': {
    da: 'særligt ungetillæg, 18-24 år',
    en: 'special youth supplement, aged 18-24',
  },
  'saerligt ungetillaeg 25-29': {
    da: 'særligt ungetillæg, 25-29 år',
    en: 'special youth supplement, aged 25-29',
  },
  'saerligt ungetillaeg forsoerger': {
    da: 'særligt ungetillæg, forsørger',
    en: 'special youth supplement, with children',
  },
  'tillaeg enlig forsoerger': { da: 'tillæg til enlig forsørger', en: 'supplement for single providers' },
  'tillaeg enlig ikke-forsoerger': {
    da: 'tillæg til enlig ikke-forsørger',
    en: 'supplement for single persons without children',
  },
  enlig: { da: 'enlig', en: 'single' },
  samlevende: { da: 'gift eller samlevende', en: 'married or cohabiting' },
};

/** A state (benefit group, `job`, `su`, `out`) by its catalogue name, as it starts a sentence; a code outside the catalogue as it is. */
export function stateName(code: string, language: Language): string {
  const benefit = BENEFITS.find((b) => b.code === code);
  if (!benefit) return code;
  return language === 'da' ? benefit.nameDa : benefit.nameEn;
}

/** A state's name inside a sentence: the first letter in lower case (benefit names are common nouns). */
export function stateNameInSentence(code: string, language: Language): string {
  const name = stateName(code, language);
  return name === code ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

/** A rate table's benefit inside a sentence ("kontanthjælp"); a catalogue code by its group name. */
export function rateBenefitName(benefit: string, language: Language): string {
  const named = RATE_BENEFIT_NAMES[benefit];
  return named ? named[language] : stateNameInSentence(benefit, language);
}

/** A rate variant ("30 år og derover, ikke-forsørger"); a variant of a user's own table as it is. */
export function rateVariantName(variant: string, language: Language): string {
  return RATE_VARIANT_NAMES[variant]?.[language] ?? variant;
}

/** A rate by benefit and variant: "kontanthjælp, 30 år og derover, ikke-forsørger". */
export function rateName(benefit: string, variant: string, language: Language): string {
  return `${rateBenefitName(benefit, language)}, ${rateVariantName(variant, language)}`;
}

/** Rules by their id (refusion.ts `RefusionRules.id`, and the reform rules as they come). */
export const RULE_NAMES: Readonly<Record<string, Sentence>> = {
  'refusion-2016': {
    da: 'refusionsreformen fra 2016 (LBK nr. 221 af 12/02/2021 §§ 5-6)',
    en: 'the refusion reform of 2016 (LBK nr. 221 af 12/02/2021 §§ 5-6)',
  },
};

export function ruleName(id: string, language: Language): string {
  return RULE_NAMES[id]?.[language] ?? id;
}

/**
 * Sources of values by the text the tables carry (rates.ts, flexjob.ts): what a person reads for
 * each. A source that is already a citation a person can look up (a law, bm.dk) is named as such.
 */
export const SOURCE_NAMES: Readonly<Record<string, Sentence>> = {
  'bm.dk, satser 2023': {
    da: 'Beskæftigelsesministeriets satser for 2023 (bm.dk)',
    en: 'Ministry of Employment, rates for 2023 (bm.dk)',
  },
  'bm.dk, satser 2025': {
    da: 'Beskæftigelsesministeriets satser for 2025 (bm.dk)',
    en: 'Ministry of Employment, rates for 2025 (bm.dk)',
  },
  'RULES.md §8: 89 % of the highest dagpenge rate, bm.dk satser 2024': {
    da: '89 % af den højeste dagpengesats, Beskæftigelsesministeriets satser for 2024 (bm.dk)',
    en: '89 % of the highest dagpenge rate, Ministry of Employment, rates for 2024 (bm.dk)',
  },
  'RULES.md §8 (non-official source)': {
    da: 'ikke-officiel kilde, ikke efterprøvet i en officiel satsoversigt',
    en: 'a non-official source, not checked against an official table of rates',
  },
  'RULES.md §8 (read in the official source)': {
    da: 'læst i den officielle kilde',
    en: 'read in the official source',
  },
  "kalundborg.dk, tillæg til kontanthjælp, satser 2025 (RULES.md §8: a municipality's page)": {
    da: 'en kommunes side: kalundborg.dk, tillæg til kontanthjælp, satser 2025',
    en: "a municipality's page: kalundborg.dk, supplements to kontanthjælp, rates for 2025",
  },
  'bm.dk, satser 2024': {
    da: 'Beskæftigelsesministeriets satser for 2024 (bm.dk)',
    en: 'Ministry of Employment, rates for 2024 (bm.dk)',
  },
  'RULES.md §2 (non-official source)': {
    da: 'ikke-officiel kilde, ikke efterprøvet i en officiel satsoversigt',
    en: 'a non-official source, not checked against an official table of rates',
  },
  'RULES.md §3 (non-official source)': {
    da: 'ikke-officiel kilde, ikke efterprøvet i en officiel satsoversigt',
    en: 'a non-official source, not checked against an official table of rates',
  },
};

const DERIVED_FLEX = /^98 % of the highest dagpenge rate \(vejl\. 9154\/2022\) × (.+)$/;

/** A value's source in words; the derived highest fleksløntilskud names the dagpenge rate's source. */
export function sourceName(source: string, language: Language): string {
  const named = SOURCE_NAMES[source];
  if (named) return named[language];
  const derived = DERIVED_FLEX.exec(source);
  if (derived)
    return language === 'da'
      ? `98 % af den højeste dagpengesats (vejledning nr. 9154 af 2022), som har kilden: ${sourceName(derived[1]!, language)}`
      : `98 % of the highest dagpenge rate (guidance no. 9154 of 2022), whose source is: ${sourceName(derived[1]!, language)}`;
  return source;
}

/** How far a value was checked, in words. */
export function statusName(status: SourceStatus, language: Language): string {
  return SOURCE_STATUS_WORDS[status][language];
}

/**
 * A rate table's version in words: the shipped table by its month ("medfølgende satser, november
 * 2026"), a user's own table by its name, and the municipality's own costs where they replaced rates
 * (costing.ts `CostTable.version` adds " + own costs").
 */
export function rateTableName(version: string, language: Language): string {
  const own = version.endsWith(OWN_COSTS);
  const table = own ? version.slice(0, -OWN_COSTS.length) : version;
  const shipped = /^shipped-(\d{4})-(\d{2})$/.exec(table);
  const month = shipped ? MONTHS[language][Number(shipped[2]) - 1] : undefined;
  const base =
    shipped && month
      ? language === 'da'
        ? `medfølgende satser, ${month} ${shipped[1]}`
        : `shipped rates, ${month} ${shipped[1]}`
      : table;
  if (!own) return base;
  return language === 'da'
    ? `${base}, og kommunens egne udgifter`
    : `${base}, and the municipality's own costs`;
}

const OWN_COSTS = ' + own costs';

const MONTHS: Readonly<Record<Language, readonly string[]>> = {
  da: [
    'januar',
    'februar',
    'marts',
    'april',
    'maj',
    'juni',
    'juli',
    'august',
    'september',
    'oktober',
    'november',
    'december',
  ],
  en: [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ],
};

/**
 * The staircase's reset (LBK 221/2021 § 6), said one way everywhere: the count starts again after
 * 52 whole calendar weeks of self-support within the last 3 years; the weeks need not be consecutive.
 */
export const STAIRCASE_RESET: Sentence = {
  da: '52 hele kalenderugers selvforsørgelse inden for de seneste 3 år',
  en: '52 whole calendar weeks of self-support within the last 3 years',
};

/**
 * What must never reach a person in a text: a code in snake_case (`kontanthjaelp_aktivitetsparat`),
 * an ASCII stand-in for æ/ø (`foertidspension`, `30+ forsoerger`), the project's own notes
 * (`RULES.md`), a rate table's or rule's id (`shipped-2026-11`, `refusion-2016`) or the placeholder
 * user `anonymous`. The tests of the pages, the results and the report scan their texts with it.
 */
export const RAW_IDENTIFIER =
  /\b[a-z]+_[a-z0-9_]+\b|foer|forsoerg|hoej|hjaelp|forloeb|loen|RULES\.md|shipped-\d|refusion-\d|\banonymous\b/;

/** What picks a case's target group (the case document's `target`). */
export interface TargetGroupSpec {
  readonly benefit?: string | undefined;
  readonly minWeeks?: number | undefined;
  readonly maxWeeks?: number | undefined;
  readonly minAge?: number | undefined;
  readonly maxAge?: number | undefined;
  /** The listed persons, or their number where the list is withheld. */
  readonly persons?: readonly string[] | number | undefined;
}

/**
 * A target group in words: "Kontanthjælp, aktivitetsparat; mindst 52 uger i forløbet; 30-49 år".
 */
export function targetGroupName(target: TargetGroupSpec, language: Language): string {
  const da = language === 'da';
  const parts: string[] = [
    target.benefit === undefined
      ? da
        ? 'Alle på offentlig forsørgelse'
        : 'Everyone on public income support'
      : stateName(target.benefit, language),
  ];
  const weeks = (n: number) =>
    `${formatNumber(n)} ${da ? (n === 1 ? 'uge' : 'uger') : n === 1 ? 'week' : 'weeks'}`;
  const { minWeeks, maxWeeks, minAge, maxAge, persons } = target;
  if (minWeeks !== undefined && maxWeeks !== undefined)
    parts.push(
      da
        ? `${formatNumber(minWeeks)}-${weeks(maxWeeks)} i forløbet`
        : `${formatNumber(minWeeks)}-${weeks(maxWeeks)} in the spell`,
    );
  else if (minWeeks !== undefined)
    parts.push(da ? `mindst ${weeks(minWeeks)} i forløbet` : `at least ${weeks(minWeeks)} in the spell`);
  else if (maxWeeks !== undefined)
    parts.push(da ? `højst ${weeks(maxWeeks)} i forløbet` : `at most ${weeks(maxWeeks)} in the spell`);
  if (minAge !== undefined && maxAge !== undefined)
    parts.push(da ? `${minAge}-${maxAge} år` : `aged ${minAge}-${maxAge}`);
  else if (minAge !== undefined) parts.push(da ? `${minAge} år og derover` : `aged ${minAge} or over`);
  else if (maxAge !== undefined) parts.push(da ? `højst ${maxAge} år` : `aged ${maxAge} or under`);
  if (persons !== undefined) {
    const n = typeof persons === 'number' ? persons : persons.length;
    parts.push(
      da
        ? `blandt ${formatNumber(n)} udvalgte ${n === 1 ? 'borger' : 'borgere'}`
        : `among ${formatNumber(n)} chosen ${n === 1 ? 'citizen' : 'citizens'}`,
    );
  }
  return parts.join('; ');
}
