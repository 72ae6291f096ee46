/**
 * The heavy work of the exports, as tasks for the worker pool: an investment case drawn as the
 * council's report (the web app's charts as SVG by ECharts) and printed to PDF by Chromium; and a
 * report another room has written as HTML (the monitoring room's scorecard) printed the same way.
 */

import { caseReportHtml, printPdf, type CaseReport } from './report.ts';

export const exportTasks = {
  'exports.casePdf': (input: CaseReport) => printPdf(caseReportHtml(input)),
  'exports.htmlPdf': (html: string) => printPdf(html),
};
