/**
 * `POST /api/fleksjob`: the fleksjob case of @jobinvest/core over HTTP, priced with the server's rate
 * table. The body is checked by zod (400 with the path of a malformed field); what only the case can
 * judge (hours above the full-time hours, both or neither wage, a variant the table lacks) comes back
 * as 422 naming the field, in the `{ error, details }` shape of the other routes.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  budgetYear,
  FLEKSJOB_ALTERNATIVES,
  FLEKSJOB_DEFAULTS,
  FleksjobError,
  fleksjobCase,
} from '@jobinvest/core';
import { computable, finiteFigures } from '../http/bounds.ts';
import { errorJson } from '../http/schemas.ts';
import type { AppContext } from '../context.ts';
import { InputError } from '../input/input-error.ts';
import { requestLanguage } from '../http/language.ts';

const kr = (description: string) => z.number().openapi({ description });

const FleksjobRequestSchema = z
  .object({
    alternative: z
      .enum(FLEKSJOB_ALTERNATIVES)
      .openapi({ description: 'The path the person is on without fleksjob', example: 'ressourceforloeb' }),
    startYear: z.number().int().min(2016).max(2100).optional().openapi({
      description: 'Calendar year the case starts in (week 1); default the budget year, the year after today',
      example: 2027,
    }),
    horizonYears: z
      .number()
      .int()
      .min(1)
      .max(50)
      .optional()
      .openapi({ description: `Years of 52 weeks; default ${FLEKSJOB_DEFAULTS.horizonYears}` }),
    staircaseWeeks: z.number().int().min(0).optional().openapi({
      description: "The person's weeks on the refusion staircase at the start; default 0",
      example: 53,
    }),
    // The wage of the full-time hours is the wage of the hours times their ratio: a few minutes a
    // week would make it overflow.
    hours: computable(z.number().positive(), { min: 0.1 }, 'hours a week').openapi({
      description: 'Hours a week in the fleksjob',
      example: 20,
    }),
    hourlyWage: computable(z.number().positive(), { max: 10_000 }, 'kr an hour')
      .optional()
      .openapi({ description: 'Kroner an hour incl. pension; give this or monthlyWage' }),
    monthlyWage: computable(z.number().positive(), { max: 1_000_000 }, 'kr a month')
      .optional()
      .openapi({ description: 'Kroner a month for the hours, incl. pension', example: 18_000 }),
    fullTimeHours: z
      .number()
      .positive()
      .max(168)
      .optional()
      .openapi({ description: `Full-time hours a week; default ${FLEKSJOB_DEFAULTS.fullTimeHours}` }),
    alternativeVariant: z
      .string()
      .min(1)
      .optional()
      .openapi({ description: 'Rate variant of the alternative: forsoerger, samlevende, …' }),
    alternativeCostPerYear: computable(z.number().min(0), { max: 1e9 }, 'kr per person-year')
      .optional()
      .openapi({
        description:
          "The municipality's own gross cost of the alternative per person-year, instead of the rate",
      }),
    // Near −1 the discount factors of a long horizon overflow.
    discountRate: computable(z.number().gt(-1).lt(1), { min: -0.5 }, 'a year').openapi({
      description: 'Annual discount rate as a fraction',
      example: 0.035,
    }),
  })
  .strict()
  .openapi('FleksjobRequest');

const PathYearFields = {
  gross: kr('Public expenditure before refusion or co-financing'),
  state: kr("The state's part"),
  municipal: kr("The municipality's net cost"),
  municipalShare: z.number().nullable(),
  staircaseFrom: z.number().int().nullable(),
  staircaseTo: z.number().int().nullable(),
};

const FlexSubsidySchema = z
  .object({
    year: z.number().int(),
    maxSubsidy: z.number(),
    threshold: z.number(),
    reduction: z.number(),
    subsidyBeforeCeiling: z.number(),
    subsidy: z.number(),
    ceilingBinding: z.boolean(),
    atp: z.number(),
    sources: z.array(z.string()).readonly(),
  })
  .openapi('FlexSubsidyMonth');

const PathTotalSchema = z.object({
  gross: z.number(),
  state: z.number(),
  municipal: z.number(),
  presentValue: z.number(),
});

const FleksjobResponseSchema = z
  .object({
    input: z.object({
      alternative: z.enum(FLEKSJOB_ALTERNATIVES),
      startYear: z.number().int(),
      horizonYears: z.number().int(),
      staircaseWeeks: z.number().int(),
      hours: z.number(),
      fullTimeHours: z.number(),
      hourlyWage: z.number(),
      monthlyWage: z.number(),
      fullTimeMonthlyWage: z.number(),
      alternativeVariant: z.string().nullable(),
      alternativeCostPerYear: z.number().nullable(),
      discountRate: z.number(),
    }),
    alternativePricedAs: z.string(),
    rateTable: z.string(),
    refusionRules: z.string(),
    years: z
      .array(
        z.object({
          year: z.number().int(),
          fleksjob: z.object({
            ...PathYearFields,
            subsidy: kr('Fleksløntilskud of the year'),
            atp: kr('ATP contribution of the year, refunded in full by the state'),
            monthly: FlexSubsidySchema,
          }),
          alternative: z.object({ ...PathYearFields, weeklyAmount: z.number() }),
          difference: kr(
            'Municipal net cost of fleksjob minus the alternative; negative when fleksjob costs less',
          ),
          presentValue: kr(
            "The year's gain to the municipality, discounted: the alternative's net cost minus fleksjob's; positive when fleksjob saves",
          ),
          cumulativePresentValue: kr('The discounted gains so far; the last year is totals.npv'),
        }),
      )
      .readonly(),
    totals: z.object({
      fleksjob: PathTotalSchema,
      alternative: PathTotalSchema,
      difference: z.number(),
      npv: kr(
        "The municipality's net present value of the move into fleksjob: positive when the municipality gains (fleksjob costs it less), as the investment calculator's",
      ),
    }),
    breakEven: z.object({
      wage: z.object({
        monthlyWage: z.number().nullable(),
        hourlyWage: z.number().nullable(),
        ceilingMonthlyWage: z.number().nullable(),
        reason: z.string(),
      }),
      hours: z.object({ hours: z.number().nullable(), reason: z.string() }),
    }),
    assumptions: z.array(z.string()).readonly(),
    notices: z.array(z.string()).readonly().openapi({
      description:
        'One line for the top of the result when it rests on values regulated forward by the satsregulering or carried from another year; else empty',
    }),
    sources: z
      .array(
        z.object({
          path: z.enum(['fleksjob', 'alternative']),
          item: z.string(),
          year: z.number().int(),
          usedFor: z.array(z.number().int()).readonly(),
          amount: z.number(),
          unit: z.enum(['week', 'month', 'year']),
          priceYear: z.number().int().openapi({ description: 'The year whose prices the amount is in' }),
          basis: z.enum(['table', 'regulated', 'carried']),
          baseYear: z.number().int().nullable(),
          percentages: z
            .array(z.object({ year: z.number().int(), percent: z.number(), status: z.string() }))
            .readonly(),
          source: z.string(),
          status: z.string(),
        }),
      )
      .readonly(),
  })
  .openapi('FleksjobCase');

const fleksjobRoute = createRoute({
  method: 'post',
  path: '/api/fleksjob',
  request: { body: { content: { 'application/json': { schema: FleksjobRequestSchema } }, required: true } },
  responses: {
    200: {
      content: { 'application/json': { schema: FleksjobResponseSchema } },
      description:
        "The municipality's net cost per year of fleksjob against the alternative, the net present value of the difference and the break-even wage and hours",
    },
    400: errorJson('The request is malformed'),
    422: errorJson('The input is well-formed but wrong'),
  },
});

/** Adds `POST /api/fleksjob` to the app. */
export function registerFleksjobRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openapi(fleksjobRoute, (c) => {
    const body = c.req.valid('json');
    try {
      return c.json(
        finiteFigures(
          fleksjobCase(
            { ...body, startYear: body.startYear ?? budgetYear(new Date()), rates: context.rates },
            { language: requestLanguage(c.req.raw) },
          ),
        ),
        200,
      );
    } catch (error) {
      if (!(error instanceof FleksjobError)) throw error;
      throw new InputError({
        file: 'request body',
        column: error.field,
        expected: error.expected,
        found: error.found,
      });
    }
  });
}
