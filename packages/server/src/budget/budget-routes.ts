/**
 * The budget over HTTP: `GET /api/budget` (the grundbudget of a municipality and year, with the
 * adjustments of a saved version or given as JSON, and saved investment cases "with"), the saved
 * versions (`GET /api/budget/versions`, `POST /api/budget/versions`), and the budget as a workbook
 * (`GET /api/budget/xlsx`) and the committee's PDF (`GET /api/budget/report`). Figures of groups on few persons are withheld (suppressBudget); saving
 * and exporting are audited.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { BudgetAdjustments } from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { audit } from '../access/index.ts';
import { DataError } from '../data/index.ts';
import { finiteFigures } from '../http/bounds.ts';
import { withinBudget, workSignal } from '../http/budget.ts';
import { requestLanguage } from '../http/language.ts';
import type { Principal } from '@jobinvest/core';
import { requireMunicipality, requirePrincipal, suppressionFor } from '../http/principal.ts';
import { attachment, dataErrorResponses, errorJson, json } from '../http/schemas.ts';
import { admitCase, checkGroupSize, serverLatestStart } from '../jobinvest/index.ts';
import {
  budgetFor,
  budgetVersion,
  budgetVersions,
  defaultBudgetYear,
  saveBudgetVersion,
  suppressBudget,
  type BudgetAnswer,
} from './budget.ts';
import { budgetReport } from './budget-report.ts';
import { budgetWorkbook } from './budget-xlsx.ts';

const ResultSchema = z.record(z.string(), z.unknown());
const errors = {
  ...dataErrorResponses,
  503: errorJson('The answer took longer than the time budget of a request (server.requestBudgetSeconds)'),
};
const municipality = z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code');
const year = z.coerce.number().int().min(2016).max(2100);

/** The adjustments as the API takes them (core's BudgetAdjustments). */
export const AdjustmentsSchema = z
  .object({
    fullTimePersonsChange: z.record(z.string(), z.number().min(-1).max(10)).optional(),
    activityPricePerWeek: z.record(z.string(), z.number().min(0).max(1e7)).optional(),
    caseload: z.number().positive().max(10_000).optional(),
    costPerCaseworker: z.number().min(0).max(1e8).optional(),
    announced: z
      .object({
        beskaeftigelsestilskud: z
          .record(z.string().regex(/^\d{4}$/), z.number().min(-1e11).max(1e11))
          .optional(),
        budgetgaranti: z.record(z.string().regex(/^\d{4}$/), z.number().min(-1e11).max(1e11)).optional(),
      })
      .strict()
      .optional()
      .openapi({
        description: 'The grant and the guarantee as announced by the state, kroner by year ("2027")',
      }),
  })
  .strict()
  .openapi('BudgetAdjustments');

const caseList = z
  .string()
  .regex(/^\d+(,\d+)*$/, 'expected case ids separated by commas, e.g. 3,7')
  .transform((s) => s.split(',').map(Number));

const budgetQuery = z.object({
  municipality,
  year: year.optional().openapi({ description: 'The budget year (default: next calendar year)' }),
  cases: caseList
    .optional()
    .openapi({ description: 'Saved investment cases to show "with", ids separated by commas' }),
  version: z.coerce.number().int().min(1).optional().openapi({
    description: "A saved version's id: its adjustments and cases (cases given in the request win)",
  }),
  adjustments: z
    .string()
    .max(20_000)
    .optional()
    .openapi({ description: 'Adjustments as JSON (BudgetAdjustments); instead of a saved version’s' }),
});

const budgetRoute = createRoute({
  method: 'get',
  path: '/api/budget',
  request: { query: budgetQuery },
  responses: {
    200: json(
      ResultSchema,
      "The grundbudget per benefit group and year (budget year + 3 overslagsår), model and adopted, in the budget year's prices; with cases, without and with side by side",
    ),
    ...errors,
  },
});

const xlsxRoute = createRoute({
  method: 'get',
  path: '/api/budget/xlsx',
  request: { query: budgetQuery },
  responses: {
    200: {
      description:
        'The budget as a workbook: a summary sheet and one sheet per benefit group, sums as formulas',
      content: {
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string() },
      },
    },
    ...errors,
  },
});

const reportRoute = createRoute({
  method: 'get',
  path: '/api/budget/report',
  request: { query: budgetQuery },
  responses: {
    200: {
      description: "The budget as the committee's PDF (A4)",
      content: { 'application/pdf': { schema: z.string() } },
    },
    ...errors,
  },
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/budget/versions',
  request: { query: z.object({ municipality, year: year.optional() }) },
  responses: { 200: json(z.array(ResultSchema), 'Saved budget versions, newest first'), ...errors },
});

const SaveSchema = z
  .object({
    municipality,
    year,
    adjustments: AdjustmentsSchema.default({}),
    cases: z.array(z.number().int().min(1)).max(50).default([]),
    note: z.string().max(2000).nullable().default(null),
  })
  .strict()
  .openapi('BudgetVersionRequest');

const saveRoute = createRoute({
  method: 'post',
  path: '/api/budget/versions',
  request: { body: { content: { 'application/json': { schema: SaveSchema } }, required: true } },
  responses: { 201: json(ResultSchema, 'The saved version (a new number; never overwrites)'), ...errors },
});

/** Parse the `adjustments` query parameter: JSON of BudgetAdjustments. */
function parseAdjustments(text: string): BudgetAdjustments {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new DataError(`adjustments: expected JSON, found ${JSON.stringify(text.slice(0, 80))}`);
  }
  const parsed = AdjustmentsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataError(`adjustments.${issue.path.join('.')}: ${issue.message}`, {
      details: [{ field: `adjustments.${issue.path.join('.')}` }],
    });
  }
  return parsed.data as BudgetAdjustments;
}

type BudgetQuery = z.infer<typeof budgetQuery>;

/** The budget a query asks for, as the caller may see it. */
async function answerFor(context: AppContext, request: Request, principal: Principal, q: BudgetQuery) {
  const code = Number(q.municipality);
  requireMunicipality(principal, code);
  const now = (context.now ?? Date.now)();
  const saved = q.version === undefined ? null : await budgetVersion(context.store, q.version);
  if (q.version !== undefined && (!saved || saved.municipality !== code))
    throw new DataError(`version: no saved budget ${q.version} of municipality ${q.municipality}`);
  const adjustments =
    q.adjustments !== undefined ? parseAdjustments(q.adjustments) : (saved?.adjustments ?? {});
  // The cases' person lists as the caller may read them, audited as jobinvest's routes audit them.
  const persons: string[] = [];
  const budget = await withinBudget(
    budgetFor(
      context.store,
      {
        municipality: code,
        year: q.year ?? saved?.year ?? defaultBudgetYear(new Date(now)),
        rates: context.rates,
        adjustments,
        cases: q.cases ?? saved?.cases ?? [],
        latestStart: serverLatestStart(context),
        language: requestLanguage(request),
        guard: {
          admit: async (doc) => {
            const admitted = await admitCase(context, principal, doc);
            persons.push(...admitted.persons);
            return admitted.doc;
          },
          groupSize: (n) => checkGroupSize(context, principal, n),
        },
      },
      {},
    ),
    workSignal(request, context.config),
  );
  if (persons.length > 0)
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'read.persons',
      resource: `GET /api/budget (cases ${(q.cases ?? saved?.cases ?? []).join(', ')})`,
      persons: [...new Set(persons)],
    });
  const threshold = suppressionFor(principal, context.config);
  const shown: BudgetAnswer & { suppressed?: unknown } =
    threshold === null ? budget : (suppressBudget(budget, threshold) as BudgetAnswer);
  return { budget: finiteFigures(shown), version: saved };
}

export function registerBudgetRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openapi(budgetRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const { budget, version } = await answerFor(context, c.req.raw, principal, c.req.valid('query'));
    return c.json({ ...budget, savedVersion: version }, 200) as never;
  });

  app.openapi(xlsxRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const { budget } = await answerFor(context, c.req.raw, principal, c.req.valid('query'));
    const language = requestLanguage(c.req.raw);
    const bytes = await budgetWorkbook(budget, language);
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'export.xlsx',
      resource: `budget ${budget.municipality} ${budget.budgetYear}`,
      persons: [],
    });
    return c.body(new Uint8Array(bytes), 200, {
      ...attachment(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        `budget ${budget.municipality} ${budget.budgetYear}`,
        'xlsx',
        'budget',
      ),
    }) as never;
  });

  app.openapi(reportRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const { budget } = await answerFor(context, c.req.raw, principal, c.req.valid('query'));
    const signal = workSignal(c.req.raw, context.config);
    const bytes = await withinBudget(budgetReport(budget, requestLanguage(c.req.raw), signal), signal);
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'export.pdf',
      resource: `budget ${budget.municipality} ${budget.budgetYear}`,
      persons: [],
    });
    return c.body(new Uint8Array(bytes), 200, {
      ...attachment('application/pdf', `budget ${budget.municipality} ${budget.budgetYear}`, 'pdf', 'budget'),
    }) as never;
  });

  app.openapi(listRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    requireMunicipality(principal, Number(q.municipality));
    const list = await budgetVersions(context.store, {
      municipality: Number(q.municipality),
      ...(q.year === undefined ? {} : { year: q.year }),
    });
    return c.json(list as unknown as Record<string, unknown>[], 200);
  });

  app.openapi(saveRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const body = c.req.valid('json');
    const code = Number(body.municipality);
    requireMunicipality(principal, code);
    const adjustments = body.adjustments as BudgetAdjustments;
    // Built first: a version that is saved always builds (the cases exist, the adjustments are in range).
    await withinBudget(
      budgetFor(context.store, {
        municipality: code,
        year: body.year,
        rates: context.rates,
        adjustments,
        cases: body.cases,
        latestStart: serverLatestStart(context),
        // The cases as the caller may compute them; nothing of them is answered, so nothing read.
        guard: {
          admit: async (doc) => (await admitCase(context, principal, doc)).doc,
          groupSize: (n) => checkGroupSize(context, principal, n),
        },
      }),
      workSignal(c.req.raw, context.config),
    );
    const saved = await saveBudgetVersion(context.store, {
      municipality: code,
      year: body.year,
      adjustments,
      cases: body.cases,
      note: body.note,
      savedBy: principal.username,
      ratesVersion: context.rates.version,
    });
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'budget.save',
      resource: `budget ${code} ${body.year} version ${saved.version} (id ${saved.budgetId}): ${JSON.stringify(adjustments)}; cases ${JSON.stringify(body.cases)}`,
      persons: [],
    });
    return c.json(saved as unknown as Record<string, unknown>, 201);
  });
}
