export { registerBusinessCaseCommands } from './businesscase-commands.ts';
export { registerBusinessCaseRoutes } from './businesscase-routes.ts';
/** The budget room: the budget, the business case and budget against realised (issue 17). */
export { addFollowUpCommand } from './followup-commands.ts';
export { registerFollowUpRoutes } from './followup-routes.ts';
export { followUp, type BudgetMonthsProvider, type FollowUpReport } from './followup.ts';
export { realisedMonths, type Realised } from './realised.ts';
