/**
 * The outcome side of progression over HTTP (issue 16): `GET /api/progression/outcomes` (the
 * indicators linked to jobs, job search, interventions and the caseworker, for a municipality;
 * read:aggregates, small cells withheld) and `POST /api/progression/value` (what a step up on an
 * indicator is worth in weeks and kroner; read:cases, as an investment case, or read:own-caseload:
 * a caseworker prices a target group by benefit, weeks and age, and names only their own citizens,
 * admitCase refusing anyone else's).
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { BENEFIT_CODES, fromYyyyww, INDICATORS, toYyyyww, withholdOutcomes } from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { audit, dataWindow } from '../data/index.ts';
import { finiteFigures } from '../http/bounds.ts';
import { withinBudget, workSignal } from '../http/budget.ts';
import { requireMunicipality, requirePrincipal, suppressionFor } from '../http/principal.ts';
import { dataErrorResponses, json } from '../http/schemas.ts';
import { admitCase, caseGroup, checkGroupSize, serverLatestStart } from '../jobinvest/index.ts';
import { outcomeAnalysis, stepValue } from './outcomes.ts';
import { demoTruth } from './truth.ts';

const municipality = z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code');
const yyyyww = z.string().regex(/^\d{4}(0[1-9]|[1-4]\d|5[0-3])$/, 'expected a week as YYYYWW');

const outcomesRoute = createRoute({
  method: 'get',
  path: '/api/progression/outcomes',
  request: { query: z.object({ municipality: municipality.openapi({ example: '101' }) }) },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      "The indicators linked to outcomes (core's OutcomeAnalysis): hazard ratios per scale point with 95 % intervals beside the register-only model, discrimination of work within 26 weeks and of job search with and without the indicators, interventions → indicators within person, the caseworker's belief against work within 52 weeks, caseworker change and job orientation, validity per half-year; cells on fewer persons than the caller's threshold withheld",
    ),
    ...dataErrorResponses,
  },
});

const ValueRequestSchema = z
  .object({
    municipality,
    indicator: z.enum(INDICATORS),
    steps: z.number().int().min(1).max(4).default(1),
    share: z
      .number()
      .gt(0)
      .max(1)
      .default(1)
      .openapi({ description: 'Share of the participants whose score rises' }),
    participants: z
      .number()
      .positive()
      .optional()
      .openapi({ description: 'Default: the whole target group' }),
    target: z
      .object({
        benefit: z.enum(BENEFIT_CODES).optional(),
        minWeeks: z.number().int().min(1).optional(),
        maxWeeks: z.number().int().min(1).optional(),
        minAge: z.number().int().min(16).max(66).optional(),
        maxAge: z.number().int().min(16).max(66).optional(),
        persons: z.array(z.string().min(1)).min(1).max(100_000).optional(),
      })
      .strict(),
    startWeek: yyyyww.optional().openapi({ description: 'Default: the week after the last week of data' }),
    horizonWeeks: z.number().int().min(1).max(520).default(260),
    discountRate: z.number().gt(-0.5).max(1).default(0.035),
    hazardRatio: z
      .number()
      .positive()
      .max(20)
      .optional()
      .openapi({ description: "A hazard ratio per step instead of the municipality's outcome model's" }),
  })
  .strict()
  .openapi('StepValueRequest');

const valueRoute = createRoute({
  method: 'post',
  path: '/api/progression/value',
  request: { body: { content: { 'application/json': { schema: ValueRequestSchema } }, required: true } },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      'What the steps up are worth: expected weeks on public support and municipal net expenditure per participant over the horizon without and with, the totals for the participants, by year, and at the ends of the hazard ratio’s 95 % interval',
    ),
    ...dataErrorResponses,
  },
});

/** Register `GET /api/progression/outcomes` and `POST /api/progression/value`. */
export function registerOutcomeRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openapi(outcomesRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const code = Number(c.req.valid('query').municipality);
    requireMunicipality(principal, code);
    const { dataVersion, ...analysis } = await withinBudget(
      outcomeAnalysis(context.store, code),
      workSignal(c.req.raw, context.config),
    );
    const threshold = suppressionFor(principal, context.config);
    const answer = withholdOutcomes(analysis, threshold, { municipality: code, dataVersion });
    const truth = await demoTruth(context.store);
    return c.json(truth === null ? answer : { ...answer, truth }, 200) as never;
  });

  app.openapi(valueRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const body = c.req.valid('json');
    const signal = workSignal(c.req.raw, context.config);
    const window = await dataWindow(context.store);
    const startWeek = body.startWeek ?? String(toYyyyww(window.last + 1));
    const { doc, persons } = await admitCase(context, principal, {
      municipality: body.municipality,
      startWeek,
      target: body.target,
    });
    const { group } = await withinBudget(caseGroup(context.store, doc, serverLatestStart(context)), signal);
    checkGroupSize(context, principal, group.length);
    const value = await stepValue(
      context.store,
      {
        municipality: Number(body.municipality),
        indicator: body.indicator,
        steps: body.steps,
        share: body.share,
        ...(body.participants === undefined ? {} : { participants: body.participants }),
        target: doc.target,
        startWeek: String(toYyyyww(fromYyyyww(startWeek))),
        horizonWeeks: body.horizonWeeks,
        discountRate: body.discountRate,
        ...(body.hazardRatio === undefined ? {} : { hazardRatio: body.hazardRatio }),
      },
      { latestStart: serverLatestStart(context), rates: context.rates, signal },
    );
    if (persons.length > 0)
      await audit(context.store, {
        username: principal.username,
        role: principal.role,
        action: 'read.persons',
        resource: 'POST /api/progression/value',
        persons,
      });
    return c.json(finiteFigures(value), 200) as never;
  });
}
