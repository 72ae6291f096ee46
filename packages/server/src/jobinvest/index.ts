/**
 * The Jobinvestering room: the duration model over the store, forecasts, investment cases (live,
 * with replications, saved and followed up), backtests, and their routes and commands.
 */
export { type InvestmentCaseDocument, InvestmentCaseSchema, parseCase } from './case-schema.ts';
export { registerJobinvestCommands } from './commands.ts';
export { type CaseEvaluation, evaluateCase, modelFor, projectionPerson } from './jobinvest.ts';
export { registerJobinvestRoutes } from './routes.ts';
