/**
 * Questionnaire versions: the items, scales and anchors a measurement is answered on. Data, so that a
 * municipality can adopt a new version and older measurements keep theirs.
 */

export type { Questionnaire, QuestionnaireItem, Texts } from './api.ts';
