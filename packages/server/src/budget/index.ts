/**
 * The budget room: the grundbudget and the investeringskalkule from the forecast (budget.ts), saved
 * budget versions, the budget as a workbook, and their routes and commands.
 */
export { registerBudgetCommands } from './budget-commands.ts';
export { registerBudgetRoutes } from './budget-routes.ts';
export { budgetFor, budgetMonths, type BudgetAnswer, type BudgetRequest } from './budget.ts';
