/**
 * The rules and money over HTTP: `GET /api/benefits` (the benefit catalogue), `GET /api/rates`
 * (the rate table in use) and `POST /api/refusion` (the staircase count and municipal share of
 * every week of a history).
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { datedBenefits, formatNumber, fromYyyyww, REFUSION_RULES, sayIn } from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { errorResponses, json } from '../http/schemas.ts';
import { requestLanguage } from '../http/language.ts';
import { InputError } from '../input/input-error.ts';
import { NoRatesError, ratesAnswer } from './rates-answer.ts';
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
    amount: z.number().openapi({ description: 'Kroner per unit, in the prices of priceYear' }),
    unit: z.enum(['week', 'month', 'year']),
    weeklyAmount: z.number().openapi({ description: 'Kroner per week (a month is 52/12 weeks)' }),
    priceYear: z.number().int().openapi({ description: 'The year whose prices the amounts are in' }),
    source: z.string(),
    status: z.string(),
    basis: z.enum(['table', 'regulated', 'carried']).openapi({
      description:
        "table: the table's own amount; regulated: the baseYear amount regulated forward by the percentages; carried: another year's amount as it is (priceYear)",
    }),
    baseYear: z.number().int().nullable(),
    baseAmount: z.number().nullable(),
    baseStatus: z.string().nullable(),
    baseSource: z.string().nullable(),
    percentages: z.array(z.object({ year: z.number().int(), percent: z.number(), status: z.string() })),
  })
  .openapi('Rate');

const RatesSchema = z
  .object({
    version: z.string(),
    years: z.array(z.number().int()).openapi({ description: 'The years the table has amounts for' }),
    year: z.number().int().nullable(),
    rates: z.array(RateSchema),
    groups: z
      .array(
        z.object({
          code: z.string(),
          nameDa: z.string(),
          nameEn: z.string(),
          benefit: z.string(),
          variant: z.string(),
          like: z.string().nullable(),
          successor: z.string().nullable(),
          rate: RateSchema.nullable(),
          gap: z.string().nullable(),
        }),
      )
      .openapi({
        description: 'For a year: every catalogue group with a rate, priced as the costing prices it',
      }),
    gaps: z.array(
      z.object({
        benefit: z.string(),
        variant: z.string(),
        reason: z.string(),
        boundYear: z.number().int().nullable(),
      }),
    ),
    regulation: z.array(
      z.object({
        year: z.number().int(),
        percent: z.number(),
        source: z.string(),
        status: z.string(),
        carriedFrom: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('Rates');

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
      RatesSchema,
      'The benefit rates in use: the table, or every rate of a year with its price year (regulated forward where the table lacks the year)',
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
    try {
      return c.json(ratesAnswer(context.rates, year), 200);
    } catch (error) {
      if (error instanceof NoRatesError) return c.json({ error: error.message }, 422);
      throw error;
    }
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
