/**
 * The dialogue guide: what a caseworker and a citizen could talk about after a measurement. A
 * talking point is raised for an indicator where the latest final score is low (2 or below, by
 * either respondent), where it fell since the measurement before (either respondent), or where the
 * citizen and the caseworker disagree by 2 steps or more on an indicator both answer. The texts are
 * suggestions in jobinvest's own words, not BIP's.
 */

import type { DialoguePoint, IndicatorChange, Texts } from './api.ts';
import { INDICATORS, SHARED_INDICATORS, type Indicator } from './indicators.ts';
import { answersOf, finalsInOrder, indicatorChanges, scoreOf, type Scored } from './progress.ts';

/** A score at or below this is low. */
export const LOW_SCORE = 2;
/** Citizen and caseworker disagree when their scores on a shared indicator differ by this or more. */
export const DISAGREEMENT_STEPS = 2;

const t = (da: string, en: string): Texts => ({ da, en });

/** The indicators' names as people read them. */
export const INDICATOR_NAMES: Readonly<Record<Indicator, Texts>> = {
  jobSearch: t('Jobsøgning', 'Job search'),
  health: t('Helbred og mestring af helbred', 'Health and coping with health'),
  labourMarketKnowledge: t('Kendskab til arbejdsmarkedet', 'Knowledge of the labour market'),
  everydayCoping: t('Hverdagsmestring', 'Everyday coping'),
  concentration: t('Koncentration og forståelse af beskeder', 'Concentration and understanding instructions'),
  network: t('Støtte fra netværket', 'Support from the network'),
  selfBelief: t('Egen tro på at få et job', 'Own belief in getting a job'),
  caseworkerBelief: t('Sagsbehandlerens tro på job', "The caseworker's belief in a job"),
  cooperation: t('Samarbejdsevner', 'Cooperation skills'),
  contact: t('Evne til at tage kontakt', 'Ability to make contact'),
  goalOrientation: t('Målrettethed', 'Goal-orientation'),
};

/** Per indicator: what to talk about, as a question to open the conversation with. */
const TOPICS: Readonly<Record<Indicator, Texts>> = {
  jobSearch: t(
    'Hvad står i vejen for at søge, og hvilket første skridt kunne tages inden næste samtale?',
    'What stands in the way of searching, and what first step could be taken before the next meeting?',
  ),
  health: t(
    'Hvordan påvirker helbredet hverdagen, og hvilken hjælp eller behandling kunne lette det?',
    'How does health affect everyday life, and what help or treatment could ease it?',
  ),
  labourMarketKnowledge: t(
    'Hvilke job kunne passe, og hvordan kan borgeren lære dem at kende (besøg, praktik, samtaler)?',
    'Which jobs could fit, and how can the citizen get to know them (visits, placements, talks)?',
  ),
  everydayCoping: t(
    'Hvad i hverdagen (bolig, økonomi, aftaler) tager kræfterne, og hvem kan hjælpe med det?',
    'What in everyday life (home, money, appointments) takes the strength, and who can help with it?',
  ),
  concentration: t(
    'I hvilke situationer er det svært at koncentrere sig, og hvordan kan opgaver og beskeder gøres lettere?',
    'When is it hard to concentrate, and how could tasks and instructions be made easier?',
  ),
  network: t(
    'Hvem kan borgeren få støtte fra, og hvordan kan netværket bruges i jobsøgningen?',
    'Who can the citizen get support from, and how can the network help in the job search?',
  ),
  selfBelief: t(
    'Hvad får borgeren til at tvivle, og hvilke erfaringer kunne styrke troen på at klare et job?',
    'What makes the citizen doubt, and what experiences could build the belief in managing a job?',
  ),
  caseworkerBelief: t(
    'Hvad skal der til, for at du tror mere på et job inden for et år, og deler borgeren det billede?',
    'What would make you believe more in a job within a year, and does the citizen share that view?',
  ),
  cooperation: t(
    'Hvor går samarbejdet med andre godt og skidt, og hvordan kan det øves i en praktik?',
    'Where does working with others go well and badly, and how could it be practised in a placement?',
  ),
  contact: t(
    'Hvad gør det svært at tage kontakt, og hvilken kontakt kunne øves sammen først?',
    'What makes contact hard, and which contact could be practised together first?',
  ),
  goalOrientation: t(
    'Hvilket mål giver mening for borgeren, og hvad er næste konkrete skridt hen imod det?',
    'Which goal makes sense to the citizen, and what is the next concrete step towards it?',
  ),
};

const REASONS: Readonly<Record<DialoguePoint['reason'], Texts>> = {
  low: t('Lav score', 'Low score'),
  falling: t('Faldet siden sidst', 'Fallen since last time'),
  disagree: t('Borger og sagsbehandler vurderer forskelligt', 'Citizen and caseworker see it differently'),
};

function point(indicator: Indicator, reason: DialoguePoint['reason']): DialoguePoint {
  const name = INDICATOR_NAMES[indicator];
  const lead = REASONS[reason];
  const topic = TOPICS[indicator];
  return {
    indicator,
    reason,
    text: {
      da: `${name.da}: ${lead.da.toLowerCase()}. ${topic.da}`,
      en: `${name.en}: ${lead.en.toLowerCase()}. ${topic.en}`,
    },
  };
}

/**
 * The talking points of a citizen's measurements: per indicator (in the order of INDICATORS) low,
 * then falling, then disagree, each at most once. Read from the final measurements only.
 */
export function dialogueGuide(measurements: readonly Scored[]): DialoguePoint[] {
  const changes: readonly IndicatorChange[] = indicatorChanges(measurements);
  const latest = finalsInOrder(measurements).at(-1);
  const points: DialoguePoint[] = [];
  for (const indicator of INDICATORS) {
    const mine = changes.filter((c) => c.indicator === indicator);
    if (mine.some((c) => c.latest !== null && c.latest <= LOW_SCORE)) points.push(point(indicator, 'low'));
    if (mine.some((c) => c.sinceLast !== null && c.sinceLast < 0)) points.push(point(indicator, 'falling'));
    if (latest && SHARED_INDICATORS.includes(indicator)) {
      const citizen = scoreOf(answersOf(latest, 'citizen'), indicator);
      const caseworker = scoreOf(answersOf(latest, 'caseworker'), indicator);
      if (citizen !== null && caseworker !== null && Math.abs(citizen - caseworker) >= DISAGREEMENT_STEPS)
        points.push(point(indicator, 'disagree'));
    }
  }
  return points;
}
