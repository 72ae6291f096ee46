/**
 * The budget room (issue 17): the grundbudget and the investeringskalkule from the forecast
 * (budget.ts), saved budget versions, the budget as a workbook and a PDF; the business case per
 * citizen; budget against realised (Ydelsesrefusion); their routes and commands; the follow-up's
 * and the default budget's forecasts made before anyone asks (prepare.ts).
 */
export { registerBusinessCaseCommands } from './businesscase-commands.ts';
export { registerBusinessCaseRoutes } from './businesscase-routes.ts';
export { addFollowUpCommand } from './followup-commands.ts';
export { registerFollowUpRoutes } from './followup-routes.ts';
export { followUp, type BudgetMonthsProvider } from './followup.ts';
export { realisedMonths, type Realised } from './realised.ts';
export { registerBudgetCommands } from './budget-commands.ts';
export { registerBudgetRoutes } from './budget-routes.ts';
export { prepareBudget } from './prepare.ts';
export { budgetFor, budgetMonths, type BudgetAnswer, type BudgetRequest } from './budget.ts';
