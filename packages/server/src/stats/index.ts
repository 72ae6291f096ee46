/** The statistics room: Kaplan-Meier, log-rank, Cox, cumulative incidence and GLMs on a CSV file. */
export { registerStatsCommands } from './commands.ts';
