/**
 * The business case per citizen over HTTP: `POST /api/budget/businesscase` takes the case of
 * `jobinvest businesscase --file` as JSON and answers its result; `POST /api/budget/businesscase/report`
 * prints the same as the committee's PDF (audited as an export). The body is checked by core's
 * validateBusinessCase, not by zod, so that a refusal names the field's path (`after[1].refusionRate`)
 * in the request's language, as the page shows it beside the field: 422 `{ error, details: [{ field,
 * expected, found }] }`. Today is read here: the rules of its week price the lines naming a benefit.
 * The case holds no register data, so no municipality and no suppression is involved.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { BusinessCaseError, type Language } from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { audit } from '../data/index.ts';
import { ReportError } from '../exports/index.ts';
import { workSignal } from '../http/budget.ts';
import { requestLanguage } from '../http/language.ts';
import { requirePrincipal } from '../http/principal.ts';
import { attachment, errorJson, errorResponses, json } from '../http/schemas.ts';
import { businessCaseAt } from './businesscase.ts';
import { businessCasePdf } from './businesscase-report.ts';

const LINE =
  'lines of { label, monthlyGross (kroner per citizen per month: a number, or Danish text "12.326", "1.234,5"), refusionRate (the share of the gross the municipality does not pay, 0-1) } or, instead of refusionRate, { benefit (a code of /api/benefits), step (the staircase step 1-4) }: the rate then comes from the refusion rules of today';

const BusinessCaseSchema = z
  .object({
    name: z.unknown().openapi({ type: 'string', example: 'Kontanthjælpsmodtagere i småjobs' }),
    before: z.unknown().openapi({
      description: `Before the intervention: ${LINE}`,
      example: [{ label: 'Kontanthjælp', monthlyGross: 12_326, benefit: 'kontanthjaelp_forhoejet', step: 4 }],
    }),
    after: z.unknown().openapi({
      description: `After: what is still paid, the intervention's cost and its own financing; ${LINE}`,
      example: [{ label: 'Mentor', monthlyGross: 1_500, refusionRate: 0 }],
    }),
    oneOffCost: z.unknown().openapi({ description: 'Kroner, once, for all the citizens', example: 100_000 }),
    citizens: z.unknown().openapi({ type: 'integer', example: 10 }),
  })
  .openapi('BusinessCase', {
    description:
      'The business case per citizen (core budget/businesscase.ts); checked by the case itself, each problem named by its path',
  });

const body = {
  body: { content: { 'application/json': { schema: BusinessCaseSchema } }, required: true },
};

const businessCaseRoute = createRoute({
  method: 'post',
  path: '/api/budget/businesscase',
  request: body,
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      'Per citizen per month before and after (gross, refusion, net), savingPerMonth, savingPerYear, paybackMonths (null without a saving), citizensToPayBackIn12Months, the lines with their rates and sources, the rules, the date',
    ),
    ...errorResponses,
  },
});

const reportRoute = createRoute({
  method: 'post',
  path: '/api/budget/businesscase/report',
  request: {
    ...body,
    query: z.object({
      language: z
        .enum(['da', 'en'])
        .default('da')
        .openapi({ description: 'The language of the report; Danish, the committee’s, unless asked' }),
    }),
  },
  responses: {
    200: {
      content: { 'application/pdf': { schema: z.any() } },
      description: 'The business case as an A4 PDF for the committee (businesscase-report.ts)',
    },
    ...errorResponses,
    503: errorJson(
      'No browser to print the report with, or the report took longer than the time budget of a request (server.requestBudgetSeconds)',
    ),
  },
});

/** A refused case as the 422 body: the problems in `language`, each by its field. */
function refusal(error: BusinessCaseError, language: Language) {
  return {
    error: error.messageIn(language),
    details: error.problems.map((p) => ({ field: p.path, expected: p.expected[language], found: p.found })),
  };
}

export function registerBusinessCaseRoutes(app: OpenAPIHono, context: AppContext): void {
  const now = () => new Date(context.now?.() ?? Date.now());

  app.openapi(businessCaseRoute, async (c) => {
    requirePrincipal(c.req.raw);
    try {
      // The body as sent: core checks it whole (zod above only describes it).
      const { result, date } = businessCaseAt(c.req.valid('json'), now());
      return c.json({ ...result, date }, 200) as never;
    } catch (error) {
      if (error instanceof BusinessCaseError)
        return c.json(refusal(error, requestLanguage(c.req.raw)), 422) as never;
      throw error;
    }
  });

  app.openapi(reportRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const { language } = c.req.valid('query');
    const signal = workSignal(c.req.raw, context.config);
    try {
      const answer = businessCaseAt(c.req.valid('json'), now());
      const pdf = await businessCasePdf(answer, language, now(), signal);
      await audit(context.store, {
        username: principal.username,
        role: principal.role,
        action: 'export.pdf',
        resource: `business case report: ${answer.input.name}`,
        persons: [],
      });
      return c.body(
        pdf,
        200,
        attachment('application/pdf', `businesscase ${answer.input.name}`, 'pdf', 'businesscase'),
      ) as never;
    } catch (error) {
      if (error instanceof BusinessCaseError) return c.json(refusal(error, language), 422) as never;
      if (error instanceof ReportError) return c.json({ error: error.message }, 503) as never;
      throw error;
    }
  });
}
