/**
 * `GET /api/budget/followup?municipality=CODE&year=Y`: the budget against realised of a
 * municipality's year (followup.ts), as the caller may see it: only their municipalities, small
 * numbers withheld for roles without `read:unsuppressed`.
 *
 * The budget's months come from a provider handed to `registerFollowUpRoutes` (the budget room's
 * saved budget: `budgetMonths` of budget.ts). Without a provider, or without a budget for the year,
 * the route answers 409 "no budget for YEAR yet": the follow-up never invents a budget to compare with.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { weekIndexOfInstant, yearWeekOf } from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { requireMunicipality, requirePrincipal, suppressionFor } from '../http/principal.ts';
import { dataErrorResponses, errorJson, json } from '../http/schemas.ts';
import { DEFAULT_DEVIATION_THRESHOLD, followUp, type BudgetMonthsProvider } from './followup.ts';

/** The answer when there is no budget to follow up: 409, with a code a page can say in its own words. */
export function noBudget(year: number): { error: string; code: string } {
  return { error: `no budget for ${year} yet: save a budget for ${year} first`, code: 'no-budget' };
}

const followUpRoute = createRoute({
  method: 'get',
  path: '/api/budget/followup',
  request: {
    query: z.object({
      municipality: z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code'),
      year: z.coerce
        .number()
        .int()
        .min(2016)
        .max(2100)
        .optional()
        .openapi({ description: "the budget year; default: today's year", example: 2026 }),
      threshold: z.coerce
        .number()
        .min(0)
        .max(10)
        .default(DEFAULT_DEVIATION_THRESHOLD)
        .openapi({ description: "the share of a line's budget net beyond which it is flagged" }),
    }),
  },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      'Per benefit group: the budget month by month beside what was paid (Ydelsesrefusion), the year end forecast, the deviation and whether it is flagged',
    ),
    409: errorJson('There is no budget for the year to follow up'),
    ...dataErrorResponses,
  },
});

export function registerFollowUpRoutes(
  app: OpenAPIHono,
  context: AppContext,
  budgetMonths?: BudgetMonthsProvider,
): void {
  app.openapi(followUpRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    const municipality = Number(q.municipality);
    requireMunicipality(principal, municipality);
    const today = new Date(context.now?.() ?? Date.now());
    const year = q.year ?? yearWeekOf(weekIndexOfInstant(today)).year;
    const budget = budgetMonths ? await budgetMonths(context.store, municipality, year) : null;
    if (!budget) return c.json(noBudget(year), 409) as never;
    const report = await followUp(context.store, municipality, year, budget, today, {
      threshold: q.threshold,
      suppression: suppressionFor(principal, context.config),
    });
    return c.json(report, 200) as never;
  });
}
