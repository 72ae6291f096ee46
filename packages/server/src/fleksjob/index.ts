/** The fleksjob room: when does it pay to move someone into fleksjob (CLI and HTTP). */
export { registerFleksjobCommands } from './commands.ts';
export { registerFleksjobRoutes } from './routes.ts';
