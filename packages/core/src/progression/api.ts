/**
 * The shapes of the progression API (`/api/progression/…`, `/api/citizen-link/…`): what the server
 * answers and the web app reads. Plain data, one definition for both sides.
 */

import type { Indicator, Respondent, SearchChannel } from './indicators.ts';
import type { DemoTruth } from './outcomes.ts';

/** A text in each language the product speaks. */
export interface Texts {
  readonly da: string;
  readonly en: string;
}

/** One item of a questionnaire: the question and the anchored description of each step 1-5. */
export interface QuestionnaireItem {
  readonly indicator: Indicator;
  readonly question: Texts;
  /** Exactly five: anchors[0] describes score 1, anchors[4] score 5. */
  readonly anchors: readonly Texts[];
}

/** A questionnaire version as data: a municipality adopts one, and a measurement keeps its own. */
export interface Questionnaire {
  /** `bip-1`, … : never reused for other content. */
  readonly version: string;
  readonly name: Texts;
  /** Where the wording comes from, and that BIP's original wording is not public. */
  readonly source: Texts;
  readonly citizen: readonly QuestionnaireItem[];
  readonly caseworker: readonly QuestionnaireItem[];
  /** The citizen's question on how they search for work, and a label per channel. */
  readonly channels: {
    readonly question: Texts;
    readonly labels: Readonly<Record<SearchChannel, Texts>>;
  };
}

/** Answers of one respondent: a score 1-5 per item, null where the item was left unanswered. */
export type Answers = Partial<Record<Indicator, number | null>>;

export type MeasurementStatus = 'draft' | 'final';
export type MeasurementSource = 'screen' | 'link' | 'import';

export interface Measurement {
  readonly id: number;
  readonly questionnaire: string;
  /** The day measured, `YYYY-MM-DD`. */
  readonly date: string;
  readonly caseworker: string | null;
  readonly status: MeasurementStatus;
  readonly source: MeasurementSource;
  readonly citizen: Answers;
  readonly caseworkerAnswers: Answers;
  readonly channels: readonly SearchChannel[];
  /** Whether the citizen's part was answered through a one-time link, and whether one is open. */
  readonly link: { readonly open: boolean; readonly expiresAt: string | null } | null;
  readonly recordedBy: string;
  readonly updatedAt: string;
}

/** What a caseworker sends to save a measurement (a draft may be incomplete; a final one may not). */
export interface MeasurementInput {
  readonly date: string;
  readonly questionnaire: string;
  readonly status: MeasurementStatus;
  readonly citizen: Answers;
  readonly caseworker: Answers;
  readonly channels: readonly SearchChannel[];
}

export interface ActionPlanItem {
  readonly indicator: Indicator;
  /** The score aimed for, 1-5, or null. */
  readonly goal: number | null;
  readonly nextStep: string;
  /** `YYYY-MM-DD` or null. */
  readonly followUp: string | null;
}

/** Change of one indicator between two final measurements (a mean of the respondents' scores). */
export interface IndicatorChange {
  readonly indicator: Indicator;
  readonly respondent: Respondent;
  readonly latest: number | null;
  readonly sinceLast: number | null;
  readonly sinceFirst: number | null;
}

/** A talking point of the dialogue guide: where a score is low or falling. */
export interface DialoguePoint {
  readonly indicator: Indicator;
  readonly reason: 'low' | 'falling' | 'disagree';
  readonly text: Texts;
}

export interface CitizenRow {
  /** The pseudonym. */
  readonly person: string;
  readonly birthYear: number | null;
  readonly sex: string | null;
  /** The benefit group of the latest week in the data, or null. */
  readonly benefit: string | null;
  readonly caseworker: string | null;
  readonly measurements: number;
  readonly lastMeasured: string | null;
  /** Mean of the latest final measurement's caseworker scores, or null. */
  readonly latestMean: number | null;
  /** Change of that mean since the measurement before it. */
  readonly change: number | null;
  /** The earliest follow-up day of the latest action plan, or null. */
  readonly nextFollowUp: string | null;
  readonly hasDraft: boolean;
}

export interface CitizenProgress {
  readonly person: string;
  readonly municipality: number;
  readonly row: CitizenRow;
  /** Oldest first; drafts included (status draft). */
  readonly measurements: readonly Measurement[];
  readonly changes: readonly IndicatorChange[];
  readonly dialogue: readonly DialoguePoint[];
  /** The action plan of the latest measurement that has one. */
  readonly plan: { readonly measurementId: number; readonly items: readonly ActionPlanItem[] } | null;
  /** The questionnaire the municipality uses today (for a new measurement). */
  readonly questionnaire: string;
}

/** One group's indicator means in one quarter; null where withheld (fewer persons than the threshold). */
export interface GroupQuarter {
  readonly quarter: string;
  readonly persons: number | null;
  readonly means: Partial<Record<Indicator, number | null>>;
}

export interface GroupProgress {
  readonly group: string;
  readonly label: string;
  readonly quarters: readonly GroupQuarter[];
  /** Between each person's last two final measurements: the share whose mean score went up, stayed, went down. */
  readonly movement: {
    readonly persons: number | null;
    readonly up: number | null;
    readonly same: number | null;
    readonly down: number | null;
  };
}

export type GroupBy = 'benefit' | 'department' | 'caseworker' | 'intervention';

export interface GroupsAnswer {
  readonly municipality: number;
  readonly by: GroupBy;
  readonly respondent: Respondent;
  readonly groups: readonly GroupProgress[];
  readonly suppression: { readonly threshold: number; readonly applied: boolean };
  /** On the demo's synthetic store: the true values the groups' figures should reflect. */
  readonly truth?: DemoTruth;
}

/** What the citizen's phone is shown on opening a one-time link: the citizen's part only, no personal data. */
export type CitizenLinkQuestionnaire = Pick<
  Questionnaire,
  'version' | 'name' | 'source' | 'citizen' | 'channels'
>;

/** `GET /api/citizen-link/{token}`. */
export interface CitizenLinkAnswer {
  readonly questionnaire: CitizenLinkQuestionnaire;
  readonly language: 'da' | 'en';
}

/** `POST /api/citizen-link/{token}`: the citizen's answers (every item: a score, or null to leave it). */
export interface CitizenLinkInput {
  readonly answers: Answers;
  readonly channels: readonly SearchChannel[];
}

/** `POST /api/progression/measurements/{id}/link`. */
export interface CitizenLinkIssued {
  /** The address to open on the phone: `/#/borger/<token>`. */
  readonly url: string;
  readonly token: string;
  readonly expiresAt: string;
}
