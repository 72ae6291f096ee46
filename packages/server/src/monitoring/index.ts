/** The resultatstyring room: jobindsats' measures on the store's data. */
export { registerMonitoringCommands } from './commands.ts';
export { registerMonitoringRoutes } from './routes.ts';
export { kpi, KPI_BENEFITS, type KpiAnswer, type KpiRequest } from './kpi.ts';
export type { ScorecardAnswer } from './scorecard.ts';
export { KPI_LEVELS, type KpiLevel, type KpiRow } from './measures.ts';
export type { CohortCurve } from './survival.ts';
export { jobindsatsSpellsIn, type PersonSpell } from './spells.ts';
