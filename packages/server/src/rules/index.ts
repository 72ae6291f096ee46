/** The rules and money room: benefit catalogue, rate tables, the refusion staircase, appraisal. */
export { registerRulesCommands } from './commands.ts';
export { ratesFor, readRatesFile } from './rates-file.ts';
export { registerRulesRoutes } from './routes.ts';
