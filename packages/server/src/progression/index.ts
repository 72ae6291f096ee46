/**
 * The progression room (issue 16): BIP's indicators measured, followed and linked to outcomes. What
 * the composition and other rooms may use.
 */
export { outcomeTasks } from './outcome-tasks.ts';
export { registerOutcomeRoutes } from './outcome-routes.ts';
