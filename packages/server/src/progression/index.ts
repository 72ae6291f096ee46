/** The progression room: BIP's progression measurements, their questionnaires, citizens and groups. */
export { registerProgressionCommands } from './commands.ts';
export { prepareProgression } from './prepare.ts';
export { registerProgressionRoutes } from './routes.ts';
export { DEFAULT_QUESTIONNAIRE, listQuestionnaires, questionnaireOf } from './questionnaires.ts';
