/**
 * Jobinvestering over HTTP: `GET /api/forecast`, `POST /api/invest`, `GET /api/backtest`,
 * `GET /api/model/diagnostics`, and the saved cases (case-routes.ts). Malformed requests get 400 with the field; requests the data cannot
 * answer (an unknown municipality, a week outside the data, an empty target group) get 422 with the
 * reason, in the `{ error, details }` shape of the other routes.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { fromYyyyww } from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { dataVersion, Recent } from '../data/index.ts';
import { workSignal } from '../http/budget.ts';
import { requestLanguage } from '../http/language.ts';
import { dataErrorResponses, errorJson, json } from '../http/schemas.ts';
import { registerCaseRoutes } from './case-routes.ts';
import { InvestmentCaseSchema } from './case-schema.ts';
import { backtest } from './backtest.ts';
import { evaluateCase } from './cases.ts';
import { forecast } from './forecast.ts';
import { modelFor } from './models.ts';

const ResultSchema = z.record(z.string(), z.unknown());
const errors = dataErrorResponses;
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
  responses: {
    200: json(ResultSchema, 'The investment case evaluated'),
    ...errors,
    503: errorJson('The case took longer than the time budget of a request (server.requestBudgetSeconds)'),
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

const diagnosticsRoute = createRoute({
  method: 'get',
  path: '/api/model/diagnostics',
  responses: { 200: json(ResultSchema, 'Observed against predicted, per benefit group'), ...errors },
});

export function registerJobinvestRoutes(app: OpenAPIHono, context: AppContext): void {
  // A forecast of a whole municipality takes seconds: the last few are kept, per data version and
  // language (its assumptions are in the request's language).
  const forecasts = new Recent<ReturnType<typeof forecast>>(16);
  app.openapi(forecastRoute, async (c) => {
    const q = c.req.valid('query');
    const language = requestLanguage(c.req.raw);
    const key = `${await dataVersion(context.store)}|${language}|${JSON.stringify(q)}`;
    const result = await forecasts.get(key, () =>
      forecast(context.store, {
        municipality: Number(q.municipality),
        ...(q.from === undefined ? {} : { from: fromYyyyww(q.from) }),
        horizon: q.horizon,
        engine: q.engine,
        ...(q.replications === undefined ? {} : { replications: q.replications }),
        rates: context.rates,
        language,
      }),
    );
    return c.json(result, 200) as never;
  });
  app.openapi(investRoute, async (c) => {
    const result = await evaluateCase(context.store, c.req.valid('json'), {
      rates: context.rates,
      language: requestLanguage(c.req.raw),
      signal: workSignal(c.req.raw, context.config),
    });
    return c.json(result, 200) as never;
  });
  app.openapi(backtestRoute, async (c) => {
    const q = c.req.valid('query');
    const result = await backtest(context.store, {
      municipality: Number(q.municipality),
      at: fromYyyyww(q.at),
      horizon: q.horizon,
      language: requestLanguage(c.req.raw),
    });
    return c.json(result, 200) as never;
  });
  app.openapi(diagnosticsRoute, async (c) => {
    const entry = await modelFor(context.store);
    return c.json(
      {
        dataVersion: entry.dataVersion,
        modelVersion: entry.model.version,
        states: await entry.diagnostics(),
      },
      200,
    ) as never;
  });
  registerCaseRoutes(app, context);
}
