/**
 * The rules and money over HTTP: `GET /api/benefits` (the benefit catalogue), `GET /api/rates`
 * (the rate table in use) and `POST /api/refusion` (the staircase count and municipal share of
 * every week of a history).
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  datedBenefits,
  formatNumber,
  fromYyyyww,
  REFUSION_RULES,
  rateYears,
  sayIn,
  weeklyAmount,
} from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { errorResponses, json } from '../http/schemas.ts';
import { requestLanguage } from '../http/language.ts';
import { InputError } from '../input/input-error.ts';
import { refusionWeeks } from './refusion-report.ts';

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
    rate: z.object({ benefit: z.string(), variant: z.string() }).nullable(),
    validFrom: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'First ISO week (YYYYWW) the group applies to; null: no start' }),
    validTo: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'Last ISO week (YYYYWW) the group applies to; null: still in force' }),
    closedToNewFrom: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'First ISO week (YYYYWW) with no new cases; running cases run out' }),
    successor: z
      .string()
      .nullable()
      .openapi({ description: 'The group its persons continue on after validTo' }),
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

/**
 * The weeks one refusion request may answer: a row for every person and week from the person's
 * first week to their last, so that two records decades apart ask for thousands of rows. A million
 * rows are about 170 MB of JSON, made on the request thread.
 */
export const MAX_REFUSION_WEEKS = 500_000;

/** The weeks a history spans, each person from their first week to their last (malformed weeks left out). */
function personWeeks(history: readonly { person: string; week: string }[]): number {
  const spans = new Map<string, { first: number; last: number }>();
  for (const { person, week } of history) {
    let index: number;
    try {
      index = fromYyyyww(week);
    } catch {
      continue;
    }
    const span = spans.get(person.trim());
    if (!span) spans.set(person.trim(), { first: index, last: index });
    else {
      span.first = Math.min(span.first, index);
      span.last = Math.max(span.last, index);
    }
  }
  let weeks = 0;
  for (const { first, last } of spans.values()) weeks += last - first + 1;
  return weeks;
}

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

export function registerRulesRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openapi(benefitsRoute, (c) => {
    const say = sayIn(requestLanguage(c.req.raw));
    return c.json(
      datedBenefits().map((b) => ({ ...b, note: b.note && say(b.note) })),
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
    const spanned = personWeeks(history);
    if (spanned > MAX_REFUSION_WEEKS)
      throw new InputError({
        file: 'request body',
        column: 'history',
        expected: `at most ${formatNumber(MAX_REFUSION_WEEKS)} person-weeks, each person counted from their first week to their last; send fewer persons or a shorter span at a time`,
        found: `${formatNumber(spanned)} person-weeks`,
      });
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
}
