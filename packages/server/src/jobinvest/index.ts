/**
 * The Jobinvestering room: the duration model over the store, forecasts, investment cases (live,
 * with replications, saved and followed up), backtests, and their routes, commands and worker tasks.
 */
export { type InvestmentCaseDocument, InvestmentCaseSchema, parseCase } from './case-schema.ts';
export { admitCase, checkGroupSize } from './access.ts';
export { type CaseEvaluation, caseGroup, evaluateCase, latestCaseStart, serverLatestStart } from './cases.ts';
export { registerJobinvestCommands } from './commands.ts';
export {
  BANDS_WAIT_SECONDS,
  type BandsState,
  forecast,
  forecastJob,
  type ForecastOptions,
  forecastNow,
  PAGE_FORECAST_WEEKS,
  pageForecastRuns,
  type RunsNow,
} from './forecast.ts';
export { modelFor } from './models.ts';
export { projectionPerson } from './persons.ts';
export { preparationSteps, prepareJobinvest } from './prepare.ts';
export { registerJobinvestRoutes } from './routes.ts';
export { getCase, listCases, type CaseSummary } from './saved-cases.ts';
export { jobinvestTasks } from './tasks.ts';
