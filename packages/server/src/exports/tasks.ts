/**
 * The heavy work of the exports, as tasks for the worker pool: an investment case drawn as the
 * council's report (the web app's charts as SVG by ECharts) and printed to PDF by Chromium.
 */

import { caseReportHtml, printPdf, type CaseReport } from './report.ts';

export const exportTasks = {
  'exports.casePdf': (input: CaseReport) => printPdf(caseReportHtml(input)),
};
