/** The exports room: tables as Excel workbooks and investment cases as PDF reports. */
export { registerExportRoutes } from './routes.ts';
