/**
 * Jobinvestering over HTTP: `GET /api/overview`, `GET /api/forecast`, `POST /api/invest`,
 * `GET /api/backtest`, `GET /api/model/diagnostics`. Malformed requests get 400 with the field; requests the data cannot
 * answer (an unknown municipality, a week outside the data, an empty target group) get 422 with the
 * reason, in the `{ error, details }` shape of the other routes.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { fromYyyyww } from '@jobinvest/core';
import { attachment, errorJson, json } from '../http/schemas.ts';
import type { AppContext } from '../http/app.ts';
import { InvestmentCaseSchema } from './case-schema.ts';
import { backtest, dataVersion, evaluateCase, forecast, DataError, modelFor } from './jobinvest.ts';
import { requestLanguage } from '../http/language.ts';
import { caseReportHtml, printPdf, ReportError } from '../exports/report.ts';
import { Recent } from './recent.ts';
import { overview } from '../data/overview.ts';

const ResultSchema = z.record(z.string(), z.unknown());
const errors = {
  400: errorJson('The request is malformed'),
  422: errorJson('The data cannot answer the request as asked'),
};
const week = z.string().regex(/^\d{4}(0[1-9]|[1-4]\d|5[0-3])$/, 'expected a week as YYYYWW');
const municipality = z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code');

const forecastRoute = createRoute({
  method: 'get',
  path: '/api/forecast',
  request: {
    query: z.object({
      municipality,
      from: week.optional(),
      horizon: z.coerce.number().int().min(1).max(520).default(260),
      replications: z.coerce.number().int().min(0).max(200).optional(),
      engine: z.enum(['microsimulation', 'expected']).default('microsimulation'),
    }),
  },
  responses: { 200: json(ResultSchema, 'Forecast by year and benefit group'), ...errors },
});

const investRoute = createRoute({
  method: 'post',
  path: '/api/invest',
  request: { body: { content: { 'application/json': { schema: InvestmentCaseSchema } }, required: true } },
  responses: { 200: json(ResultSchema, 'The investment case evaluated'), ...errors },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/api/invest/report',
  request: { body: { content: { 'application/json': { schema: InvestmentCaseSchema } }, required: true } },
  responses: {
    200: { content: { 'application/pdf': { schema: z.any() } }, description: 'The case as a PDF report' },
    ...errors,
    503: errorJson('No browser to print the report with'),
  },
});

const backtestRoute = createRoute({
  method: 'get',
  path: '/api/backtest',
  request: {
    query: z.object({
      municipality,
      at: week,
      horizon: z.coerce.number().int().min(1).max(520).default(104),
    }),
  },
  responses: { 200: json(ResultSchema, 'Predicted against actual full-time persons'), ...errors },
});

const overviewRoute = createRoute({
  method: 'get',
  path: '/api/overview',
  request: { query: z.object({ municipality }) },
  responses: {
    200: json(
      ResultSchema,
      'Persons by benefit group week by week, full-time persons, inflow and outflow by year',
    ),
    ...errors,
  },
});

const diagnosticsRoute = createRoute({
  method: 'get',
  path: '/api/model/diagnostics',
  responses: { 200: json(ResultSchema, 'Observed against predicted, per benefit group'), ...errors },
});

export function registerJobinvestRoutes(app: OpenAPIHono, context: AppContext): void {
  const answer = async <T>(
    c: { json: (body: unknown, status: 200 | 422 | 499) => Response; req: { raw: Request } },
    work: () => Promise<T>,
  ) => {
    try {
      return c.json(await work(), 200);
    } catch (error) {
      if (error instanceof DataError) return c.json({ error: error.message }, 422);
      // The client went away and the work stopped (evaluateCase's signal): nobody reads the answer.
      if (c.req.raw.signal.aborted) return c.json({ error: 'the client closed the request' }, 499);
      throw error;
    }
  };
  // A forecast of a whole municipality takes seconds: the last few are kept, per data version and
  // language (its assumptions are in the request's language).
  const forecasts = new Recent<ReturnType<typeof forecast>>(16);
  app.openapi(forecastRoute, (c) => {
    const q = c.req.valid('query');
    const language = requestLanguage(c.req.raw);
    return answer(c, async () =>
      forecasts.get(`${await dataVersion(context.store)}|${language}|${JSON.stringify(q)}`, () =>
        forecast(context.store, {
          municipality: Number(q.municipality),
          ...(q.from === undefined ? {} : { from: fromYyyyww(q.from) }),
          horizon: q.horizon,
          engine: q.engine,
          ...(q.replications === undefined ? {} : { replications: q.replications }),
          rates: context.rates,
          language,
        }),
      ),
    ) as never;
  });
  app.openapi(
    overviewRoute,
    (c) => answer(c, () => overview(context.store, Number(c.req.valid('query').municipality))) as never,
  );
  app.openapi(
    investRoute,
    (c) =>
      answer(c, () =>
        evaluateCase(context.store, c.req.valid('json'), {
          rates: context.rates,
          language: requestLanguage(c.req.raw),
          signal: c.req.raw.signal,
        }),
      ) as never,
  );
  app.openapi(reportRoute, async (c) => {
    const doc = c.req.valid('json');
    try {
      // In Danish whatever the request asks: the report is for the municipal council.
      const result = await evaluateCase(context.store, doc, { rates: context.rates, language: 'da' });
      const pdf = await printPdf(
        caseReportHtml(doc, result, new Date().toISOString().slice(0, 16).replace('T', ' ')),
      );
      return c.body(pdf, 200, attachment('application/pdf', doc.name, 'pdf', 'case')) as never;
    } catch (error) {
      if (error instanceof DataError) return c.json({ error: error.message }, 422) as never;
      if (error instanceof ReportError) return c.json({ error: error.message }, 503) as never;
      throw error;
    }
  });
  app.openapi(backtestRoute, (c) => {
    const q = c.req.valid('query');
    return answer(c, () =>
      backtest(context.store, {
        municipality: Number(q.municipality),
        at: fromYyyyww(q.at),
        horizon: q.horizon,
        language: requestLanguage(c.req.raw),
      }),
    ) as never;
  });
  app.openapi(
    diagnosticsRoute,
    (c) =>
      answer(c, async () => {
        const entry = await modelFor(context.store);
        return {
          dataVersion: entry.dataVersion,
          modelVersion: entry.model.version,
          states: await entry.diagnostics(),
        };
      }) as never,
  );
}
