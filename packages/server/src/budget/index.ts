/** The budget room: the business case per citizen (and, as they arrive, the grundbudget and its follow-up). */
export { registerBusinessCaseCommands } from './businesscase-commands.ts';
export { registerBusinessCaseRoutes } from './businesscase-routes.ts';
