/** The exports room: tables as Excel workbooks, investment cases as PDF reports, and the printer of other rooms' reports. */
export { printHtmlReport } from './print.ts';
export { escapeHtml, ReportError } from './report.ts';
export { registerExportRoutes } from './routes.ts';
