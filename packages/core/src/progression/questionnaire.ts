/**
 * Questionnaire versions: the items, scales and anchors a measurement is answered on. Data, so that a
 * municipality can adopt a new version and older measurements keep theirs.
 *
 * The built-in version `bip-1` follows BIP's eleven indicators (RULES.md §7) in jobinvest's own words:
 * BIP's original item wording is not public, so every question and every step's anchor here was
 * written for jobinvest. Each step of the 1-5 scale is described in words that fit both respondents
 * ("Søger ikke job"), so that citizen and caseworker answer on the same anchors and their answers can
 * be compared (kappa, ICC); the questions differ by who answers. The caseworker's belief has BIP's
 * own five answers (BELIEF_ANSWERS) as its anchors.
 */

import type { Questionnaire, QuestionnaireItem, Texts } from './api.ts';
import {
  BELIEF_ANSWERS,
  CASEWORKER_INDICATORS,
  CITIZEN_INDICATORS,
  INDICATORS,
  SEARCH_CHANNELS,
  type Indicator,
  type SearchChannel,
} from './indicators.ts';

export type { Questionnaire, QuestionnaireItem, Texts } from './api.ts';

const t = (da: string, en: string): Texts => ({ da, en });

/** Each indicator's five steps, lowest first, in words for either respondent. */
const ANCHORS: Readonly<Record<Indicator, readonly Texts[]>> = {
  jobSearch: [
    t('Søger ikke job og har ingen planer om det', 'Does not look for work and has no plans to'),
    t('Tænker på at søge, men har ikke gjort noget endnu', 'Thinks about looking, but has done nothing yet'),
    t('Søger af og til, når nogen foreslår det', 'Looks now and then, when someone suggests it'),
    t('Søger jævnligt på egen hånd', 'Looks regularly on their own'),
    t(
      'Søger målrettet og ofte, og følger op på ansøgningerne',
      'Looks purposefully and often, and follows up on applications',
    ),
  ],
  health: [
    t(
      'Helbredet står i vejen for næsten alt, og det er svært at håndtere',
      'Health stands in the way of nearly everything and is hard to cope with',
    ),
    t(
      'Helbredet begrænser meget, og håndteringen lykkes sjældent',
      'Health limits a lot, and coping rarely works',
    ),
    t(
      'Helbredet begrænser en del, men kan ofte håndteres',
      'Health limits somewhat, but can often be coped with',
    ),
    t('Helbredet begrænser lidt og håndteres godt', 'Health limits a little and is coped with well'),
    t('Helbredet er ingen hindring for at arbejde', 'Health is no obstacle to working'),
  ],
  labourMarketKnowledge: [
    t(
      'Ved ikke, hvilke job der findes, eller hvad de kræver',
      'Does not know what jobs there are or what they require',
    ),
    t('Kender få job og ved lidt om, hvad de kræver', 'Knows a few jobs and little of what they require'),
    t(
      'Kender nogle job, der kunne passe, og nogenlunde hvad de kræver',
      'Knows some jobs that could fit and roughly what they require',
    ),
    t(
      'Ved godt, hvilke job der passer, og hvad der skal til for at få dem',
      'Knows well which jobs fit and what it takes to get them',
    ),
    t(
      'Har et klart billede af arbejdsmarkedet og sine muligheder på det',
      'Has a clear picture of the labour market and their chances in it',
    ),
  ],
  everydayCoping: [
    t(
      'Hverdagen (bolig, økonomi, aftaler) kan ikke klares uden meget hjælp',
      'Everyday life (home, money, appointments) cannot be managed without much help',
    ),
    t('Hverdagen klares kun delvist, med hjælp', 'Everyday life is managed only in part, with help'),
    t(
      'Hverdagen klares for det meste, men går tit i stykker',
      'Everyday life is mostly managed, but often breaks down',
    ),
    t('Hverdagen klares med små problemer', 'Everyday life is managed with small problems'),
    t('Hverdagen klares uden problemer', 'Everyday life is managed without problems'),
  ],
  concentration: [
    t(
      'Kan ikke holde koncentrationen eller følge en besked',
      'Cannot keep concentration or follow an instruction',
    ),
    t(
      'Kan koncentrere sig kort og følge en enkel besked',
      'Can concentrate briefly and follow a simple instruction',
    ),
    t(
      'Kan koncentrere sig en del af dagen og følge de fleste beskeder',
      'Can concentrate for part of the day and follow most instructions',
    ),
    t(
      'Kan koncentrere sig det meste af dagen og forstår beskeder uden hjælp',
      'Can concentrate most of the day and understands instructions without help',
    ),
    t(
      'Kan koncentrere sig en hel arbejdsdag og udføre sammensatte opgaver',
      'Can concentrate for a whole working day and carry out complex tasks',
    ),
  ],
  network: [
    t('Har ingen at få støtte fra', 'Has nobody to get support from'),
    t('Har en enkelt, der kan støtte lidt', 'Has one person who can support a little'),
    t('Har nogle, der støtter, men ikke altid', 'Has some who support, but not always'),
    t('Har flere, der støtter, også i at komme i job', 'Has several who support, also in getting work'),
    t(
      'Har et stærkt netværk, der støtter og kan åbne døre til job',
      'Has a strong network that supports and can open doors to work',
    ),
  ],
  selfBelief: [
    t('Tror ikke på at kunne få et job', 'Does not believe they can get a job'),
    t('Tvivler meget på at kunne få et job', 'Doubts a lot that they can get a job'),
    t('Er i tvivl om at kunne få et job', 'Is unsure whether they can get a job'),
    t('Tror på at kunne få et job', 'Believes they can get a job'),
    t('Er sikker på at kunne få et job', 'Is sure they can get a job'),
  ],
  caseworkerBelief: BELIEF_ANSWERS.map((da, k) =>
    t(da, ['No', 'Doubtful', 'It varies', 'Good chances', 'Yes'][k]!),
  ),
  cooperation: [
    t('Samarbejde med andre lykkes næsten aldrig', 'Working with others almost never works'),
    t(
      'Samarbejde lykkes sjældent og kræver meget støtte',
      'Working with others rarely works and takes much support',
    ),
    t('Samarbejde lykkes nogle gange', 'Working with others works sometimes'),
    t('Samarbejde lykkes som regel', 'Working with others usually works'),
    t(
      'Samarbejder godt med de fleste, også når det er svært',
      'Works well with most people, also when it is hard',
    ),
  ],
  contact: [
    t('Kan ikke tage kontakt til nye mennesker', 'Cannot make contact with new people'),
    t('Tager kun kontakt med meget hjælp', 'Makes contact only with much help'),
    t('Tager kontakt, når det er nødvendigt, men nødigt', 'Makes contact when needed, but reluctantly'),
    t('Tager kontakt uden større besvær', 'Makes contact without much trouble'),
    t(
      'Tager let kontakt, også til arbejdsgivere og fremmede',
      'Makes contact easily, also with employers and strangers',
    ),
  ],
  goalOrientation: [
    t('Har intet mål for arbejde eller uddannelse', 'Has no goal for work or education'),
    t('Har et uklart mål og ingen plan', 'Has an unclear goal and no plan'),
    t('Har et mål, men planen er løs', 'Has a goal, but the plan is loose'),
    t(
      'Har et klart mål og en plan, der følges det meste af tiden',
      'Has a clear goal and a plan mostly followed',
    ),
    t('Har et klart mål og arbejder vedholdende efter det', 'Has a clear goal and works steadily towards it'),
  ],
};

/** The citizen's question per indicator (the citizen answers all but the caseworker's two). */
const CITIZEN_QUESTIONS: Readonly<Partial<Record<Indicator, Texts>>> = {
  jobSearch: t('Hvor meget søger du job for tiden?', 'How much are you looking for work at the moment?'),
  health: t(
    'Hvor meget fylder dit helbred, og hvordan klarer du det?',
    'How much does your health weigh on you, and how do you cope with it?',
  ),
  labourMarketKnowledge: t(
    'Hvor godt kender du de job, der kunne passe til dig?',
    'How well do you know the jobs that could suit you?',
  ),
  everydayCoping: t(
    'Hvordan klarer du din hverdag: bolig, økonomi og aftaler?',
    'How do you manage your everyday life: home, money and appointments?',
  ),
  concentration: t(
    'Hvor godt kan du koncentrere dig og forstå en besked?',
    'How well can you concentrate and understand an instruction?',
  ),
  network: t(
    'Hvor meget støtte får du fra familie, venner og andre?',
    'How much support do you get from family, friends and others?',
  ),
  selfBelief: t('Hvor meget tror du selv på at få et job?', 'How much do you believe you will get a job?'),
  cooperation: t(
    'Hvor godt lykkes det dig at samarbejde med andre?',
    'How well do you manage to work with others?',
  ),
  contact: t(
    'Hvor let har du ved at tage kontakt til nye mennesker?',
    'How easily do you make contact with new people?',
  ),
};

/** The caseworker's question per indicator, about the citizen. */
const CASEWORKER_QUESTIONS: Readonly<Record<Indicator, Texts>> = {
  jobSearch: t('Hvor aktivt søger borgeren job?', 'How actively does the citizen look for work?'),
  health: t(
    'Hvor meget begrænser helbredet borgeren, og hvordan håndterer borgeren det?',
    'How much does health limit the citizen, and how does the citizen cope with it?',
  ),
  labourMarketKnowledge: t(
    'Hvor godt kender borgeren de job, der kunne passe?',
    'How well does the citizen know the jobs that could fit?',
  ),
  everydayCoping: t('Hvordan klarer borgeren sin hverdag?', 'How does the citizen manage everyday life?'),
  concentration: t(
    'Hvor godt kan borgeren koncentrere sig og forstå en besked?',
    'How well can the citizen concentrate and understand an instruction?',
  ),
  network: t(
    'Hvor meget støtte har borgeren i sit netværk?',
    "How much support does the citizen's network give?",
  ),
  selfBelief: t(
    'Hvor meget tror borgeren selv på at få et job?',
    'How much does the citizen believe they will get a job?',
  ),
  caseworkerBelief: t(
    'Tror du, at borgeren kommer i job inden for det næste år?',
    'Do you believe the citizen will be in work within the next year?',
  ),
  cooperation: t('Hvor godt samarbejder borgeren med andre?', 'How well does the citizen work with others?'),
  contact: t(
    'Hvor let har borgeren ved at tage kontakt til nye mennesker?',
    'How easily does the citizen make contact with new people?',
  ),
  goalOrientation: t(
    'Hvor målrettet arbejder borgeren hen imod job eller uddannelse?',
    'How purposefully does the citizen work towards a job or education?',
  ),
};

const CHANNEL_LABELS: Readonly<Record<SearchChannel, Texts>> = {
  newspapers: t('Jobannoncer i aviser', 'Job ads in newspapers'),
  internet: t('Jobsøgning på internettet', 'Job search on the internet'),
  unsolicited: t('Uopfordrede ansøgninger', 'Unsolicited applications'),
  network: t('Gennem familie, venner og bekendte', 'Through family, friends and acquaintances'),
  placement: t('Gennem en praktik eller et løntilskudsjob', 'Through a work placement or a subsidised job'),
  tempAgency: t('Gennem et vikarbureau', 'Through a temp agency'),
  notSearching: t('Jeg søger ikke job for tiden', 'I am not looking for work at the moment'),
};

const item = (indicator: Indicator, question: Texts): QuestionnaireItem => ({
  indicator,
  question,
  anchors: ANCHORS[indicator],
});

/** The built-in questionnaire: BIP's indicators in jobinvest's own words. */
export const QUESTIONNAIRE_BIP_1: Questionnaire = {
  version: 'bip-1',
  name: t('Progressionsmåling (BIP, 11 indikatorer)', 'Progression measurement (BIP, 11 indicators)'),
  source: t(
    'Spørgsmål og trinbeskrivelser er jobinvests egne formuleringer af BIP-projektets 11 indikatorer; BIP’s oprindelige formuleringer er ikke offentlige.',
    "The questions and step descriptions are jobinvest's own wording of the BIP project's 11 indicators; BIP's original wording is not public.",
  ),
  citizen: CITIZEN_INDICATORS.map((k) => item(k, CITIZEN_QUESTIONS[k]!)),
  caseworker: CASEWORKER_INDICATORS.map((k) => item(k, CASEWORKER_QUESTIONS[k])),
  channels: {
    question: t(
      'Hvordan søger du job? (vælg alle, der passer)',
      'How do you look for work? (choose all that apply)',
    ),
    labels: CHANNEL_LABELS,
  },
};

/** The questionnaires every store has, whatever a municipality adopts. */
export const BUILT_IN_QUESTIONNAIRES: readonly Questionnaire[] = [QUESTIONNAIRE_BIP_1];

/** The items `respondent` answers in `questionnaire`. */
export function itemsOf(
  questionnaire: Questionnaire,
  respondent: 'citizen' | 'caseworker',
): readonly Indicator[] {
  return questionnaire[respondent].map((i) => i.indicator);
}

/** A questionnaire file that is not a valid questionnaire: every problem, each with its path. */
export class QuestionnaireError extends Error {
  override readonly name = 'QuestionnaireError';
  constructor(readonly problems: readonly string[]) {
    super(`not a valid questionnaire: ${problems.join('; ')}`);
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const found = (x: unknown): string => {
  if (x === undefined) return 'nothing';
  const text = JSON.stringify(x);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
};

/**
 * A questionnaire read from JSON (a municipality adopting a new version from a file), checked as a
 * whole: a `version` id of letters, digits, `.`, `_` and `-`; a name and a source in Danish and
 * English; the citizen's items and the caseworker's, each an indicator key of INDICATORS at most once
 * with a question and exactly five anchors in both languages; the caseworker answers every indicator
 * the citizen does (so the shared ones can be compared); the channel question and a label for every
 * search channel. Every problem is reported, with its path (`citizen[2].anchors[4].en`), what was
 * expected and what was found.
 */
export function validateQuestionnaire(json: unknown): Questionnaire {
  const problems: string[] = [];
  const problem = (path: string, expected: string, value: unknown) =>
    problems.push(`${path}: expected ${expected}, found ${found(value)}`);
  const texts = (path: string, x: unknown): boolean => {
    if (!isRecord(x)) {
      problem(path, 'an object with texts "da" and "en"', x);
      return false;
    }
    let ok = true;
    for (const language of ['da', 'en'] as const) {
      const text = x[language];
      if (typeof text !== 'string' || text.trim() === '' || text.length > 500) {
        problem(`${path}.${language}`, 'a text of 1 to 500 characters', text);
        ok = false;
      }
    }
    return ok;
  };
  if (!isRecord(json))
    throw new QuestionnaireError([`the file: expected a JSON object, found ${found(json)}`]);
  if (typeof json.version !== 'string' || !/^[A-Za-z0-9._-]{1,40}$/.test(json.version))
    problem('version', 'an id of 1 to 40 letters, digits, ".", "_" or "-" (e.g. "bip-2")', json.version);
  texts('name', json.name);
  texts('source', json.source);
  const items = (respondent: 'citizen' | 'caseworker'): Indicator[] => {
    const list = json[respondent];
    if (!Array.isArray(list) || list.length === 0) {
      problem(respondent, 'a list of items', list);
      return [];
    }
    const seen: Indicator[] = [];
    list.forEach((x: unknown, k) => {
      const path = `${respondent}[${k}]`;
      if (!isRecord(x)) return problem(path, 'an item { indicator, question, anchors }', x);
      const indicator = x.indicator;
      if (typeof indicator !== 'string' || !(INDICATORS as readonly string[]).includes(indicator))
        problem(`${path}.indicator`, `one of ${INDICATORS.join(', ')}`, indicator);
      else if (seen.includes(indicator as Indicator))
        problem(`${path}.indicator`, 'an indicator not asked before in this part', indicator);
      else seen.push(indicator as Indicator);
      texts(`${path}.question`, x.question);
      if (!Array.isArray(x.anchors) || x.anchors.length !== 5)
        problem(`${path}.anchors`, 'a list of exactly 5 anchors, score 1 first', x.anchors);
      else x.anchors.forEach((a: unknown, s) => texts(`${path}.anchors[${s}]`, a));
    });
    return seen;
  };
  const citizen = items('citizen');
  const caseworker = items('caseworker');
  for (const k of citizen)
    if (caseworker.length > 0 && !caseworker.includes(k))
      problem('caseworker', `an item for "${k}", which the citizen answers`, caseworker);
  const channels = json.channels;
  if (!isRecord(channels)) problem('channels', 'an object { question, labels }', channels);
  else {
    texts('channels.question', channels.question);
    const labels = channels.labels;
    if (!isRecord(labels)) problem('channels.labels', 'an object with a label per search channel', labels);
    else for (const c of SEARCH_CHANNELS) texts(`channels.labels.${c}`, labels[c]);
  }
  if (problems.length > 0) throw new QuestionnaireError(problems);
  // Checked above: the shape is a Questionnaire; extra fields are dropped so the stored JSON is clean.
  const q = json as unknown as Questionnaire;
  const cleanTexts = (x: Texts): Texts => ({ da: x.da.trim(), en: x.en.trim() });
  const cleanItem = (i: QuestionnaireItem): QuestionnaireItem => ({
    indicator: i.indicator,
    question: cleanTexts(i.question),
    anchors: i.anchors.map(cleanTexts),
  });
  return {
    version: q.version,
    name: cleanTexts(q.name),
    source: cleanTexts(q.source),
    citizen: q.citizen.map(cleanItem),
    caseworker: q.caseworker.map(cleanItem),
    channels: {
      question: cleanTexts(q.channels.question),
      labels: Object.fromEntries(SEARCH_CHANNELS.map((c) => [c, cleanTexts(q.channels.labels[c])])) as Record<
        SearchChannel,
        Texts
      >,
    },
  };
}
