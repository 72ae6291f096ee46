/**
 * Exports over HTTP: `POST /api/export/xlsx` (the tables the web app shows, as an Excel workbook,
 * xlsx.ts) and `POST /api/invest/report` (an investment case as a PDF report, report.ts).
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext } from '../context.ts';
import { finiteFigures } from '../http/bounds.ts';
import { workSignal } from '../http/budget.ts';
import { attachment, dataErrorResponses, errorJson } from '../http/schemas.ts';
import { audit } from '../access/index.ts';
import { dataWindow, municipalityName } from '../data/index.ts';
import { toYyyyww } from '@jobinvest/core';
import { requirePrincipal } from '../http/principal.ts';
import {
  admitCase,
  caseGroup,
  serverLatestStart,
  checkGroupSize,
  evaluateCase,
  InvestmentCaseSchema,
} from '../jobinvest/index.ts';
import { registerTaskError, workPool } from '../workers/index.ts';
import { ReportError } from './report.ts';
import { exportTasks } from './tasks.ts';
import { workbook } from './xlsx.ts';

const cell = z.union([z.string(), z.number(), z.null()]);

/**
 * The cells (rows × columns, over all sheets) one workbook may have: ExcelJS builds the workbook in
 * memory on the request thread, at about 1 GB and 9 s a million cells; the web app's tables are far
 * smaller.
 */
export const MAX_WORKBOOK_CELLS = 500_000;

const ExportSchema = z
  .object({
    title: z.string().min(1).max(200),
    sheets: z
      .array(
        z.object({
          name: z.string().min(1).max(100),
          columns: z
            .array(
              z.object({
                key: z.string().min(1),
                header: z.string(),
                numeric: z.boolean().optional(),
                decimals: z.number().int().min(0).max(6).optional(),
                unit: z.string().max(20).optional(),
              }),
            )
            .min(1)
            .max(200),
          rows: z.array(z.record(z.string(), cell)).max(100_000),
        }),
      )
      .min(1)
      .max(20),
    assumptions: z.array(z.string()).max(500).default([]),
    notices: z
      .array(z.string().max(1000))
      .max(20)
      .default([])
      .openapi({ description: 'Lines shown above every table, as at the top of the screen' }),
    dataVersion: z.number().int().nullable().optional(),
    ratesVersion: z.string().nullable().optional(),
    created: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: 'When the figures were made; default now' }),
  })
  .superRefine((book, ctx) => {
    const cells = book.sheets.reduce((n, sheet) => n + sheet.rows.length * sheet.columns.length, 0);
    if (cells > MAX_WORKBOOK_CELLS)
      ctx.addIssue({
        code: 'custom',
        path: ['sheets'],
        message: `at most ${MAX_WORKBOOK_CELLS} cells in all (rows × columns of every sheet), found ${cells}; export fewer rows or split the workbook`,
      });
  })
  .openapi('ExportRequest');

const exportRoute = createRoute({
  method: 'post',
  path: '/api/export/xlsx',
  request: { body: { content: { 'application/json': { schema: ExportSchema } }, required: true } },
  responses: {
    200: {
      content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any() } },
      description: 'The workbook',
    },
    400: errorJson('The request is malformed'),
  },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/api/invest/report',
  request: { body: { content: { 'application/json': { schema: InvestmentCaseSchema } }, required: true } },
  responses: {
    200: { content: { 'application/pdf': { schema: z.any() } }, description: 'The case as a PDF report' },
    ...dataErrorResponses,
    503: errorJson(
      'No browser to print the report with, or the report took longer than the time budget of a request (server.requestBudgetSeconds)',
    ),
  },
});

// No browser to print with is said as such when the printing runs in a worker.
registerTaskError(ReportError);

export function registerExportRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openapi(exportRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const body = c.req.valid('json');
    const bytes = await workbook({ ...body, created: body.created ?? new Date().toISOString().slice(0, 19) });
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'export.xlsx',
      resource: `${body.title} (${body.sheets.map((s) => `${s.name}: ${s.rows.length} rows`).join('; ')})`,
      persons: [],
    });
    return c.body(
      bytes,
      200,
      attachment(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body.title,
        'xlsx',
        'jobinvest',
      ),
    ) as never;
  });
  app.openapi(reportRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const admitted = await admitCase(context, principal, c.req.valid('json'));
    // The report always has the break-even effect: the screen's answer with replications has it too.
    const doc = { ...admitted.doc, breakEven: true };
    const { persons } = admitted;
    // One budget for the case and its printing.
    const signal = workSignal(c.req.raw, context.config);
    checkGroupSize(
      context,
      principal,
      (await caseGroup(context.store, doc, serverLatestStart(context))).group.length,
    );
    // In Danish whatever the request asks: the report is for the municipal council.
    const result = finiteFigures(
      await evaluateCase(context.store, doc, {
        rates: context.rates,
        latestStart: serverLatestStart(context),
        language: 'da',
        signal,
      }),
    );
    try {
      const window = await dataWindow(context.store);
      const pdf = await workPool().run(
        exportTasks,
        'exports.casePdf',
        {
          doc,
          result,
          municipalityName: await municipalityName(context.store, result.municipality),
          dataWindow: { first: toYyyyww(window.first), last: toYyyyww(window.last) },
          // Danish time, as the council reads it.
          printedAt: new Intl.DateTimeFormat('sv-SE', {
            timeZone: 'Europe/Copenhagen',
            dateStyle: 'short',
            timeStyle: 'short',
          }).format(new Date()),
        },
        { signal },
      );
      await audit(context.store, {
        username: principal.username,
        role: principal.role,
        action: 'export.pdf',
        resource: `case report: ${doc.name}`,
        persons,
      });
      return c.body(pdf, 200, attachment('application/pdf', doc.name, 'pdf', 'case')) as never;
    } catch (error) {
      if (error instanceof ReportError) return c.json({ error: error.message }, 503) as never;
      throw error;
    }
  });
}
