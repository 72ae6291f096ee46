/**
 * The one printer, for the rooms that write a report of their own: their HTML printed to an A4 PDF
 * by Debian's Chromium in the worker pool (report.ts' printPdf, as the council's case report is), so
 * that the request thread only routes and reads. No browser to print with is a ReportError.
 */

import { workPool, type RunOptions } from '../workers/index.ts';
import { exportTasks } from './tasks.ts';

/** `html` (a whole page with its own stylesheet) as an A4 PDF, page numbers at the foot. */
export function printHtmlReport(html: string, options: RunOptions = {}): Promise<Uint8Array<ArrayBuffer>> {
  return workPool().run(exportTasks, 'exports.htmlPdf', html, options);
}
