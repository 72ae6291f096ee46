/**
 * The HTTP API: web-standard Request/Response through Hono, request validation with zod and an
 * OpenAPI description generated from the same schemas at `/api/openapi.json`. Errors are JSON
 * `{ error, details }`. Tests call `app.request(...)` in-process; `serve.ts` binds it to a port.
 * Sentences for people (assumptions, notes, reasons) are in Danish when the request's
 * Accept-Language starts with Danish, else in English (language.ts).
 */

import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { BENEFITS, REFUSION_RULES, rateYears, sayIn, weeklyAmount, type RateTable } from '@jobinvest/core';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import type { Config } from '../config.ts';
import type { Store } from '../data/db.ts';
import { dataSummary, importLog } from '../data/summary.ts';
import { registerExportRoute } from '../exports/routes.ts';
import { registerFleksjobRoute } from '../fleksjob/routes.ts';
import { registerJobinvestRoutes } from '../jobinvest/routes.ts';
import { registerCasesRoutes } from '../jobinvest/case-routes.ts';
import { ErrorSchema, json } from './schemas.ts';
import { InputError } from '../input/input-error.ts';
import { requestLanguage } from './language.ts';
import { refusionWeeks } from '../rules/refusion-report.ts';
import { VERSION } from '../version.ts';

export interface AppContext {
  readonly config: Config;
  readonly rates: RateTable;
  readonly store: Store;
}

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    refusionRules: z.array(z.string()),
    rates: z.string().openapi({ description: 'Version of the rate table in use' }),
  })
  .openapi('Health');

const FinancingSchema = z.union([
  z.object({ kind: z.literal('refusion') }),
  z.object({ kind: z.literal('cofinancing') }),
  z.object({ kind: z.literal('fixed'), municipalShare: z.number() }),
  z.object({ kind: z.literal('none'), paidByMunicipality: z.boolean() }),
]);

const BenefitSchema = z
  .object({
    code: z.string(),
    nameDa: z.string(),
    nameEn: z.string(),
    jobindsatsGroup: z.string(),
    publicSupport: z.boolean(),
    wageSubsidised: z.boolean(),
    selfSupport: z.boolean(),
    financing: FinancingSchema,
    rateBenefit: z.string().nullable(),
    source: z.string(),
    status: z.string(),
    note: z.string().optional(),
  })
  .openapi('Benefit');

const RateSchema = z
  .object({
    year: z.number().int(),
    benefit: z.string(),
    variant: z.string(),
    amount: z.number(),
    unit: z.enum(['week', 'month', 'year']),
    weeklyAmount: z.number().openapi({ description: 'Kroner per week (a month is 52/12 weeks)' }),
    source: z.string(),
    status: z.string(),
  })
  .openapi('Rate');

const HistoryRecordSchema = z
  .object({
    person: z.union([z.string(), z.number()]).transform(String).openapi({ example: 'p001' }),
    week: z.union([z.string(), z.number().int()]).transform(String).openapi({ example: 202601 }),
    benefit: z
      .string()
      .openapi({ example: 'kontanthjaelp_jobparat', description: 'A catalogue code, or "none"' }),
  })
  .openapi('HistoryRecord');

const RefusionRequestSchema = z
  .object({ history: z.array(HistoryRecordSchema).min(1) })
  .openapi('RefusionRequest');

const RefusionWeekSchema = z
  .object({
    person: z.string(),
    week: z.number().int().openapi({ description: 'ISO week as YYYYWW' }),
    benefit: z.string(),
    count: z.number().int().nullable(),
    municipalShare: z.number().nullable(),
    selfSupportWeeks: z.number().int().nullable(),
    restarted: z.boolean(),
    rules: z.string().nullable(),
  })
  .openapi('RefusionWeek');

const RefusionResponseSchema = z
  .object({
    rules: z.array(z.string()),
    assumptions: z.array(z.string()),
    weeks: z.array(RefusionWeekSchema),
  })
  .openapi('RefusionResponse');

const errorResponses = {
  400: json(ErrorSchema, 'The request is malformed'),
  422: json(ErrorSchema, 'The input is well-formed but wrong'),
};

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  responses: { 200: json(HealthSchema, 'The service is up') },
});

const benefitsRoute = createRoute({
  method: 'get',
  path: '/api/benefits',
  responses: { 200: json(z.array(BenefitSchema), 'The benefit catalogue') },
});

const ratesRoute = createRoute({
  method: 'get',
  path: '/api/rates',
  request: {
    query: z.object({
      year: z.coerce.number().int().min(1900).max(2200).optional().openapi({ example: 2025 }),
    }),
  },
  responses: {
    200: json(
      z.object({ version: z.string(), years: z.array(z.number().int()), rates: z.array(RateSchema) }),
      'The benefit rates in use',
    ),
    ...errorResponses,
  },
});

const refusionRoute = createRoute({
  method: 'post',
  path: '/api/refusion',
  request: { body: { content: { 'application/json': { schema: RefusionRequestSchema } }, required: true } },
  responses: {
    200: json(RefusionResponseSchema, 'Staircase count and municipal share for every week of every person'),
    ...errorResponses,
  },
});

const ImportSchema = z
  .object({
    importId: z.number().int(),
    kind: z.string(),
    file: z.string(),
    sha256: z.string(),
    rows: z.number().int(),
    rejectedRows: z.number().int(),
    started: z.string(),
    finished: z.string(),
    outcome: z.string(),
    message: z.string().nullable(),
  })
  .openapi('Import');

const SummarySchema = z
  .object({
    window: z
      .object({ first: z.number().int(), last: z.number().int() })
      .nullable()
      .openapi({ description: 'First and last week observed, YYYYWW' }),
    municipalities: z.array(
      z.object({ code: z.number().int(), name: z.string().nullable(), persons: z.number().int() }),
    ),
    persons: z.number().int(),
    personWeeks: z.object({ observed: z.number(), withBenefit: z.number() }),
    spells: z.array(
      z.object({
        benefit: z.string(),
        spells: z.number().int(),
        running: z.number().int(),
        leftTruncated: z.number().int(),
        medianWeeks: z.number().nullable(),
      }),
    ),
    codeMap: z.object({ verified: z.number().int(), assumed: z.number().int() }),
    lastImports: z.array(ImportSchema),
  })
  .openapi('DataSummary');

const summaryRoute = createRoute({
  method: 'get',
  path: '/api/data/summary',
  responses: { 200: json(SummarySchema, 'What the store holds') },
});

const importsRoute = createRoute({
  method: 'get',
  path: '/api/imports',
  request: {
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ example: 50 }) }),
  },
  responses: { 200: json(z.array(ImportSchema), 'The import log, newest first'), ...errorResponses },
});

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

export function createApp(context: AppContext): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        const details = result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }));
        const first = details[0];
        return c.json(
          { error: first ? `request ${first.path || 'body'}: ${first.message}` : 'invalid request', details },
          400,
        );
      }
    },
  });

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        c.json({ error: `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` }, 413),
    }),
  );

  app.openapi(healthRoute, (c) =>
    c.json(
      {
        status: 'ok' as const,
        version: VERSION,
        refusionRules: REFUSION_RULES.map((r) => r.id),
        rates: context.rates.version,
      },
      200,
    ),
  );

  app.openapi(benefitsRoute, (c) => {
    const say = sayIn(requestLanguage(c.req.raw));
    return c.json(
      BENEFITS.map((b) => ({ ...b, note: b.note && say(b.note) })),
      200,
    );
  });

  app.openapi(ratesRoute, (c) => {
    const { year } = c.req.valid('query');
    const years = rateYears(context.rates);
    if (year !== undefined && !years.includes(year)) {
      return c.json(
        { error: `no rates for ${year} in rate table ${context.rates.version}; it has ${years.join(', ')}` },
        422,
      );
    }
    const rates = context.rates.rates
      .filter((r) => year === undefined || r.year === year)
      .map((r) => ({ ...r, weeklyAmount: weeklyAmount(r) }));
    return c.json({ version: context.rates.version, years, rates }, 200);
  });

  app.openapi(refusionRoute, (c) => {
    const { history } = c.req.valid('json');
    const weeks = refusionWeeks(
      history.map((record, i) => ({ location: { file: 'request body', prefix: `history.${i}` }, record })),
    );
    return c.json(
      {
        rules: REFUSION_RULES.map((r) => r.id),
        assumptions: REFUSION_RULES.flatMap((r) => r.assumptions).map(sayIn(requestLanguage(c.req.raw))),
        weeks,
      },
      200,
    );
  });

  app.openapi(summaryRoute, async (c) => c.json(await dataSummary(context.store), 200));

  app.openapi(importsRoute, async (c) => {
    const { limit } = c.req.valid('query');
    return c.json(await importLog(context.store, limit ?? 50), 200);
  });

  registerFleksjobRoute(app, context);
  registerJobinvestRoutes(app, context);
  registerCasesRoutes(app, context);
  registerExportRoute(app);

  app.doc('/api/openapi.json', {
    openapi: '3.0.0',
    info: {
      title: 'jobinvest API',
      version: VERSION,
      description: 'Danish job-centre economics: benefit catalogue, rates and the refusion staircase.',
    },
  });

  app.notFound((c) =>
    c.json({ error: `no such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404),
  );

  app.onError((error, c) => {
    if (error instanceof InputError) {
      return c.json({ error: error.message, details: error.problems.map((p) => ({ ...p })) }, 422);
    }
    if (error instanceof HTTPException) return c.json({ error: `${error.message}` }, error.status);
    console.error(error);
    return c.json({ error: 'internal error; the server log has the details' }, 500);
  });

  return app;
}
