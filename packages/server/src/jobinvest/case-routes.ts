/**
 * Saved investment cases over HTTP: `GET /api/cases` (the latest version of each name),
 * `GET /api/cases/{id}`, `POST /api/cases` (saves a new version; who saved it is the
 * logged-in user) and `GET /api/cases/{id}/plan-vs-actual` (the case's prediction against
 * what the data show since its start). A document that is not a valid case is refused with 400 and
 * every problem as "field: message", before anything is written.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { withinBudget, workSignal } from '../http/budget.ts';
import { errorJson } from '../http/schemas.ts';
import type { AppContext } from '../context.ts';
import { InvestmentCaseSchema, parseCase } from './case-schema.ts';
import { dataVersion, DataError } from '../data/index.ts';
import { planAgainstActual } from './plan-actual.ts';
import { getCase, listCases, saveCase } from './saved-cases.ts';
import type { Store } from '../data/index.ts';
import { seesMunicipality, type Principal } from '@jobinvest/core';
import { audit } from '../access/index.ts';
import { requirePrincipal } from '../http/principal.ts';
import { admitCase, checkGroupSize, shownDocument } from './access.ts';

const savedFields = {
  caseId: z.number().int(),
  name: z.string(),
  version: z.number().int().openapi({ description: 'Version of the name, from 1' }),
  savedBy: z.string(),
  savedAt: z.string().openapi({ description: 'Local time, ISO 8601', example: '2026-03-02T10:15:00' }),
};

const CaseSummarySchema = z
  .object({
    ...savedFields,
    versions: z.number().int().openapi({ description: 'How many versions of the name are stored' }),
    municipality: z.number().int(),
    startWeek: z.string().openapi({ description: 'YYYYWW', example: '202601' }),
  })
  .openapi('CaseSummary');

const CaseRecordSchema = z
  .object({
    ...savedFields,
    dataVersion: z
      .number()
      .int()
      .nullable()
      .openapi({ description: 'The last successful import when the case was saved' }),
    document: z.record(z.string(), z.unknown()).openapi({ description: 'The normalised case document' }),
  })
  .openapi('CaseRecord');

const PlanActualSchema = z
  .object({
    stockWeek: z.number().int().openapi({ description: 'YYYYWW' }),
    lastWeek: z.number().int().openapi({ description: 'YYYYWW' }),
    targetGroupSize: z.number().int(),
    years: z.array(
      z.object({
        year: z.number().int(),
        weeks: z.number().int(),
        predictedWithout: z.number(),
        predictedWith: z.number(),
        realised: z.number(),
        predictedGross: z.number(),
        realisedGross: z.number(),
      }),
    ),
  })
  .openapi('PlanVsActual');

const IdParams = z.object({
  id: z.coerce
    .number()
    .int()
    .min(1)
    .openapi({ param: { name: 'id', in: 'path' }, example: 1 }),
});

const listRoute = createRoute({
  method: 'get',
  path: '/api/cases',
  responses: {
    200: {
      content: { 'application/json': { schema: z.array(CaseSummarySchema) } },
      description: 'The latest version of every saved case, by name',
    },
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/api/cases/{id}',
  request: { params: IdParams },
  responses: {
    200: {
      content: { 'application/json': { schema: CaseRecordSchema } },
      description: 'One saved version with its document',
    },
    400: errorJson('The id is not a positive integer'),
    404: errorJson('No such case'),
  },
});

const saveRoute = createRoute({
  method: 'post',
  path: '/api/cases',
  request: {
    body: { content: { 'application/json': { schema: InvestmentCaseSchema } }, required: true },
  },
  responses: {
    201: {
      content: { 'application/json': { schema: CaseRecordSchema } },
      description: 'Saved as the next version of its name',
    },
    400: errorJson('The document is not a valid investment case; details list every "field: message"'),
  },
});

const planRoute = createRoute({
  method: 'get',
  path: '/api/cases/{id}/plan-vs-actual',
  request: { params: IdParams },
  responses: {
    200: {
      content: { 'application/json': { schema: PlanActualSchema } },
      description: 'Predicted against realised, per year, per 100 persons of the target group',
    },
    400: errorJson('The id is not a positive integer'),
    404: errorJson('No such case'),
    409: errorJson('The data cannot answer for this case yet (they do not reach past its start)'),
    503: errorJson('The answer took longer than the time budget of a request (server.requestBudgetSeconds)'),
  },
});

/** The data version to record with a saved case; null while the store holds no import. */
async function currentDataVersion(store: Store): Promise<number | null> {
  try {
    return await dataVersion(store);
  } catch (error) {
    if (error instanceof DataError) return null;
    throw error;
  }
}

const issueProblems = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  issues.map((i) => `${i.path.map(String).join('.') || '(request)'}: ${i.message}`);

const noCase = (id: number) => ({ error: `no saved case with id ${id}` });

/** Adds the `/api/cases` routes to the app. */
export function registerCaseRoutes(app: OpenAPIHono, context: AppContext): void {
  // A case of a municipality the caller does not belong to is as if it did not exist.
  const visible = (principal: Principal, municipality: number | string) =>
    seesMunicipality(principal, Number(municipality));

  app.openapi(listRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    return c.json(
      (await listCases(context.store)).filter((k) => visible(principal, k.municipality)),
      200,
    );
  });

  app.openapi(getRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const { id } = c.req.valid('param');
    const found = await getCase(context.store, id);
    const municipality = (found?.document as { municipality?: string } | undefined)?.municipality;
    if (!found || municipality === undefined || !visible(principal, municipality))
      return c.json(noCase(id), 404);
    const document = shownDocument(principal, found.document as { target?: { persons?: string[] } });
    const persons = document === found.document ? (document.target?.persons ?? []) : [];
    if (persons.length > 0)
      await audit(context.store, {
        username: principal.username,
        role: principal.role,
        action: 'read.persons',
        resource: `GET /api/cases/${id}`,
        persons,
      });
    return c.json({ ...found, document: document as Record<string, unknown> }, 200);
  });

  app.openapi(
    saveRoute,
    async (c) => {
      const principal = requirePrincipal(c.req.raw);
      // CPR numbers in the person list become pseudonyms before anything is stored.
      const { doc, persons } = await admitCase(context, principal, c.req.valid('json'));
      const saved = await saveCase(
        context.store,
        doc,
        principal.username,
        await currentDataVersion(context.store),
      );
      await audit(context.store, {
        username: principal.username,
        role: principal.role,
        action: 'case.save',
        resource: `case ${saved.caseId}: ${doc.name}`,
        persons,
      });
      const record = await getCase(context.store, saved.caseId);
      if (!record) throw new Error(`case ${saved.caseId} was saved but cannot be read back`);
      return c.json(record, 201);
    },
    (result, c) => {
      if (result.success) return;
      // Read the body as sent again (Hono caches it), so that the problems read as parseCase words them.
      const problems: Promise<string[]> =
        result.target === 'json'
          ? c.req.json().then((body: unknown) => {
              const parsed = parseCase(body);
              return parsed.ok ? issueProblems(result.error.issues) : parsed.problems;
            })
          : Promise.resolve(issueProblems(result.error.issues));
      return problems.then((list) =>
        c.json(
          {
            error: `invalid case: ${list[0] ?? 'unreadable'}${list.length > 1 ? ` (and ${list.length - 1} more)` : ''}`,
            details: list.map((problem) => ({ problem })),
          },
          400,
        ),
      );
    },
  );

  app.openapi(planRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const { id } = c.req.valid('param');
    const found = await getCase(context.store, id);
    const municipality = (found?.document as { municipality?: string } | undefined)?.municipality;
    if (!found || municipality === undefined || !visible(principal, municipality))
      return c.json(noCase(id), 404);
    const parsed = parseCase(found.document);
    if (!parsed.ok) throw new Error(`saved case ${id} no longer parses: ${parsed.problems.join('; ')}`);
    const { persons } = await admitCase(context, principal, parsed.value);
    try {
      // planAgainstActual takes no signal (its model is shared): the budget ends the wait for it.
      const plan = await withinBudget(
        planAgainstActual(context.store, parsed.value, { rates: context.rates }),
        workSignal(c.req.raw, context.config),
      );
      checkGroupSize(context, principal, plan.targetGroupSize);
      if (persons.length > 0)
        await audit(context.store, {
          username: principal.username,
          role: principal.role,
          action: 'read.persons',
          resource: `GET /api/cases/${id}/plan-vs-actual`,
          persons,
        });
      return c.json(plan, 200);
    } catch (error) {
      if (error instanceof DataError) return c.json({ error: error.message }, 409);
      throw error;
    }
  });
}
