/**
 * Jobinvestering over HTTP: `GET /api/forecast`, `POST /api/invest`, `GET /api/backtest`,
 * `GET /api/model/diagnostics`, and the saved cases (case-routes.ts). Malformed requests get 400 with the field; requests the data cannot
 * answer (an unknown municipality, a week outside the data, an empty target group) get 422 with the
 * reason, in the `{ error, details }` shape of the other routes.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { fromYyyyww, toYyyyww } from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { checkMunicipality } from '../data/index.ts';
import { finiteFigures } from '../http/bounds.ts';
import { withinBudget, workSignal } from '../http/budget.ts';
import { requestLanguage } from '../http/language.ts';
import { requireMunicipality, requirePrincipal, suppressionFor } from '../http/principal.ts';
import { audit } from '../access/index.ts';
import { admitCase, checkGroupSize } from './access.ts';
import { suppressBacktest, suppressDiagnostics, suppressForecast } from './suppression.ts';
import { dataErrorResponses, errorJson, json } from '../http/schemas.ts';
import { registerCaseRoutes } from './case-routes.ts';
import { InvestmentCaseSchema, TargetGroupRequestSchema } from './case-schema.ts';
import { backtestFor } from './backtest.ts';
import { caseGroup, evaluateCase, serverLatestStart } from './cases.ts';
import { BANDS_WAIT_SECONDS, forecastNow } from './forecast.ts';
import { diagnosticsFor } from './diagnostics.ts';

const ResultSchema = z.record(z.string(), z.unknown());
const errors = {
  ...dataErrorResponses,
  503: errorJson('The answer took longer than the time budget of a request (server.requestBudgetSeconds)'),
};
const week = z.string().regex(/^\d{4}(0[1-9]|[1-4]\d|5[0-3])$/, 'expected a week as YYYYWW');
const municipality = z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code');

/** How long a request for a forecast's bands waits for them before it answers without. */

const forecastRoute = createRoute({
  method: 'get',
  path: '/api/forecast',
  request: {
    query: z.object({
      municipality,
      from: week.optional(),
      horizon: z.coerce.number().int().min(1).max(520).default(260),
      replications: z.coerce.number().int().min(0).max(1000).optional().openapi({
        description:
          'Microsimulation replications for the mean and the 80/95 % bands (default 200); 0: the expected values only',
      }),
      wait: z
        .enum(['bands'])
        .optional()
        .openapi({
          description: `bands: wait up to ${BANDS_WAIT_SECONDS} s for bands still being computed before answering`,
        }),
    }),
  },
  responses: {
    200: json(
      ResultSchema,
      "Forecast by year and benefit group: the replications' mean with its bands when they are ready (bands: ready), else the expected values (bands: pending)",
    ),
    ...errors,
  },
});

const investRoute = createRoute({
  method: 'post',
  path: '/api/invest',
  request: { body: { content: { 'application/json': { schema: InvestmentCaseSchema } }, required: true } },
  responses: { 200: json(ResultSchema, 'The investment case evaluated'), ...errors },
});

const targetGroupRoute = createRoute({
  method: 'post',
  path: '/api/invest/target-group',
  request: {
    body: { content: { 'application/json': { schema: TargetGroupRequestSchema } }, required: true },
  },
  responses: {
    200: json(
      z
        .object({
          persons: z.number().int().nullable().openapi({
            description:
              "Persons in the target group: the most participants a case can have; null when fewer than the suppression threshold for the caller's role",
          }),
          stockWeek: z.number().int().openapi({ description: 'The week the group is counted in (YYYYWW)' }),
          suppressed: z.boolean().openapi({ description: 'The count is withheld (diskretionering)' }),
          startWeeks: z.object({ first: z.number().int(), last: z.number().int() }).openapi({
            description:
              'The weeks a case may start in (YYYYWW): from the week after the first week of data to the last week of the budget year (the weeks after the data projected)',
          }),
        })
        .openapi('TargetGroup'),
      'The size of the target group in its stock week',
    ),
    ...errors,
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
  request: { query: z.object({ municipality }) },
  responses: {
    200: json(
      ResultSchema,
      "Per benefit group: the Kaplan-Meier survival of the municipality's own spells (with its 95 % limits and the spells at risk) against the model's survival for the municipality's own person-weeks",
    ),
    ...errors,
  },
});

export function registerJobinvestRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openapi(forecastRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    requireMunicipality(principal, Number(q.municipality));
    // Shared with the requests that ask for the same forecast, and with the preparation after a
    // start or an import (forecast.ts): the budget ends the wait, not the work.
    const signal = workSignal(c.req.raw, context.config);
    const result = await forecastNow(
      context.store,
      {
        municipality: Number(q.municipality),
        ...(q.from === undefined ? {} : { from: fromYyyyww(q.from) }),
        horizon: q.horizon,
        ...(q.replications === undefined ? {} : { replications: q.replications }),
        rates: context.rates,
        language: requestLanguage(c.req.raw),
      },
      {
        waitForBandsMs: q.wait === 'bands' ? BANDS_WAIT_SECONDS * 1000 : 0,
        within: (work) => withinBudget(work, signal),
      },
    );
    const threshold = suppressionFor(principal, context.config);
    return c.json(threshold === null ? result : suppressForecast(result, threshold), 200) as never;
  });
  app.openapi(investRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const signal = workSignal(c.req.raw, context.config);
    const { doc, persons } = await admitCase(context, principal, c.req.valid('json'));
    const { group } = await withinBudget(caseGroup(context.store, doc, serverLatestStart(context)), signal);
    checkGroupSize(context, principal, group.length);
    const result = await evaluateCase(context.store, doc, {
      rates: context.rates,
      latestStart: serverLatestStart(context),
      language: requestLanguage(c.req.raw),
      signal,
    });
    if (persons.length > 0)
      await audit(context.store, {
        username: principal.username,
        role: principal.role,
        action: 'read.persons',
        resource: 'POST /api/invest',
        persons,
      });
    return c.json(finiteFigures(result), 200) as never;
  });
  app.openapi(targetGroupRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const { doc, persons } = await admitCase(context, principal, c.req.valid('json'));
    const { group, stockWeek, startWeeks } = await withinBudget(
      caseGroup(context.store, doc, serverLatestStart(context)),
      workSignal(c.req.raw, context.config),
    );
    if (persons.length > 0)
      await audit(context.store, {
        username: principal.username,
        role: principal.role,
        action: 'read.persons',
        resource: 'POST /api/invest/target-group',
        persons,
      });
    const threshold = suppressionFor(principal, context.config);
    const withheld = threshold !== null && group.length < threshold;
    return c.json(
      {
        persons: withheld ? null : group.length,
        stockWeek: toYyyyww(stockWeek),
        suppressed: withheld,
        startWeeks,
      },
      200,
    );
  });
  app.openapi(backtestRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    requireMunicipality(principal, Number(q.municipality));
    // Shared with the requests that ask for the same backtest: the budget ends the wait for it.
    const result = await withinBudget(
      backtestFor(context.store, {
        municipality: Number(q.municipality),
        at: fromYyyyww(q.at),
        horizon: q.horizon,
        language: requestLanguage(c.req.raw),
      }),
      workSignal(c.req.raw, context.config),
    );
    const threshold = suppressionFor(principal, context.config);
    return c.json(threshold === null ? result : suppressBacktest(result, threshold), 200) as never;
  });
  app.openapi(diagnosticsRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const municipality = Number(c.req.valid('query').municipality);
    requireMunicipality(principal, municipality);
    await checkMunicipality(context.store, municipality);
    // Made once for every municipality and shared: the budget ends the wait for them.
    const result = await withinBudget(
      diagnosticsFor(context.store, municipality),
      workSignal(c.req.raw, context.config),
    );
    const threshold = suppressionFor(principal, context.config);
    return c.json(threshold === null ? result : suppressDiagnostics(result, threshold), 200) as never;
  });
  registerCaseRoutes(app, context);
}
