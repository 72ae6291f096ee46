/**
 * The heavy work of the exports, as tasks for the worker pool: an investment case drawn as the
 * council's report (the web app's charts as SVG by ECharts) and printed to PDF by Chromium.
 */

import type { CaseEvaluation, InvestmentCaseDocument } from '../jobinvest/index.ts';
import { caseReportHtml, printPdf } from './report.ts';

export const exportTasks = {
  'exports.casePdf': (input: { doc: InvestmentCaseDocument; result: CaseEvaluation; printedAt: string }) =>
    printPdf(caseReportHtml(input.doc, input.result, input.printedAt)),
};
