/**
 * The progression room over HTTP (`/api/progression/…`, and the citizen's one-time link at
 * `/api/citizen-link/…`): the shapes are core's progression/api.ts.
 *
 * Person-level routes keep to the caller's municipalities and reach (citizens.ts: a caseworker their
 * own caseload, analyst and admin everyone; 404 for a pseudonym the municipality does not have, 403
 * for another caseworker's citizen). Every person-level read and every write is recorded in the
 * audit trail with the pseudonyms. The group figures withhold small numbers for roles without
 * unsuppressed figures; departments and caseworkers need `read:levels`.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  INDICATORS,
  may,
  SEARCH_CHANNELS,
  copenhagenDateOf,
  type Answers,
  type MeasurementInput,
  type Principal,
} from '@jobinvest/core';
import { HTTPException } from 'hono/http-exception';
import type { AppContext } from '../context.ts';
import { audit } from '../data/index.ts';
import { AccessError, requireMunicipality, requirePrincipal, suppressionFor } from '../http/principal.ts';
import { dataErrorResponses, errorJson, json } from '../http/schemas.ts';
import { citizenIn, citizenProgress, citizenRows, reachOf } from './citizens.ts';
import { progressionGroups } from './groups.ts';
import { progressionQuality } from './quality.ts';
import { answerLink, DEFAULT_LINK_HOURS, issueLink, linkQuestionnaire, MAX_LINK_HOURS } from './links.ts';
import {
  addMeasurement,
  measurementHead,
  measurementsOf,
  replacePlan,
  updateMeasurement,
} from './measurements.ts';
import { knownMunicipalities, currentVersions, listQuestionnaires } from './questionnaires.ts';
import { registerOutcomeRoutes } from './outcome-routes.ts';
import { demoTruth } from './truth.ts';

const municipality = z
  .string()
  .regex(/^\d{3}$/, 'expected a 3-digit municipality code')
  .openapi({ example: '101' });
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const score = z
  .number()
  .int('expected a whole score 1-5')
  .min(1, 'expected a score 1-5')
  .max(5, 'expected a score 1-5');
const AnswersSchema = z
  .partialRecord(z.enum(INDICATORS), score.nullable())
  .openapi({ description: 'A score 1-5 per indicator key, null for an item left unanswered' });
const channels = z.array(z.enum(SEARCH_CHANNELS)).max(SEARCH_CHANNELS.length);

const MeasurementInputSchema = z
  .object({
    date,
    questionnaire: z.string().min(1).max(40),
    status: z.enum(['draft', 'final']),
    citizen: AnswersSchema,
    caseworker: AnswersSchema,
    channels,
  })
  .openapi('MeasurementInput');

const PlanSchema = z
  .object({
    items: z
      .array(
        z.object({
          indicator: z.enum(INDICATORS),
          goal: score.nullable(),
          nextStep: z.string().max(1000),
          followUp: date.nullable(),
        }),
      )
      .max(INDICATORS.length),
  })
  .openapi('ActionPlan');

const person = z.string().min(1).max(100).openapi({ description: "The citizen's pseudonym" });
const id = z.coerce.number().int().positive().openapi({ example: 1 });
const token = z.string().min(1).max(100);
const anything = (description: string) => json(z.record(z.string(), z.unknown()), description);
const personResponses = {
  ...dataErrorResponses,
  404: errorJson('No such citizen or measurement in the municipality'),
  409: errorJson('The measurement is final and is not changed'),
};

const questionnairesRoute = createRoute({
  method: 'get',
  path: '/api/progression/questionnaires',
  responses: { 200: anything('The questionnaire versions and the version each municipality uses today') },
});
const citizensRoute = createRoute({
  method: 'get',
  path: '/api/progression/citizens',
  request: { query: z.object({ municipality }) },
  responses: {
    200: anything("{ citizens: CitizenRow[] }: the caller's caseload, or everyone measured"),
    ...dataErrorResponses,
  },
});
const citizenRoute = createRoute({
  method: 'get',
  path: '/api/progression/citizens/{person}',
  request: { params: z.object({ person }), query: z.object({ municipality }) },
  responses: { 200: anything('CitizenProgress'), ...personResponses },
});
const addMeasurementRoute = createRoute({
  method: 'post',
  path: '/api/progression/citizens/{person}/measurements',
  request: {
    params: z.object({ person }),
    query: z.object({ municipality }),
    body: { content: { 'application/json': { schema: MeasurementInputSchema } }, required: true },
  },
  responses: { 201: anything('{ measurement }: as stored'), ...personResponses },
});
const updateMeasurementRoute = createRoute({
  method: 'put',
  path: '/api/progression/measurements/{id}',
  request: {
    params: z.object({ id }),
    body: { content: { 'application/json': { schema: MeasurementInputSchema } }, required: true },
  },
  responses: { 200: anything('{ measurement }: as stored'), ...personResponses },
});
const planRoute = createRoute({
  method: 'put',
  path: '/api/progression/measurements/{id}/plan',
  request: {
    params: z.object({ id }),
    body: { content: { 'application/json': { schema: PlanSchema } }, required: true },
  },
  responses: { 200: anything('{ items }: the plan as stored'), ...personResponses },
});
const linkRoute = createRoute({
  method: 'post',
  path: '/api/progression/measurements/{id}/link',
  request: {
    params: z.object({ id }),
    body: {
      content: {
        'application/json': {
          schema: z.object({
            language: z.enum(['da', 'en']),
            hours: z.number().int().min(1).max(MAX_LINK_HOURS).optional(),
          }),
        },
      },
      required: true,
    },
  },
  responses: { 201: anything('{ url, token, expiresAt }: the one-time link'), ...personResponses },
});
const linkGetRoute = createRoute({
  method: 'get',
  path: '/api/citizen-link/{token}',
  request: { params: z.object({ token }) },
  responses: {
    200: anything("{ questionnaire, language }: the citizen's part, no personal data"),
    404: errorJson('No such link'),
    410: errorJson('The link was used, expired or its measurement closed'),
  },
});
const linkPostRoute = createRoute({
  method: 'post',
  path: '/api/citizen-link/{token}',
  request: {
    params: z.object({ token }),
    body: {
      content: {
        'application/json': {
          schema: z.object({ answers: AnswersSchema, channels }).openapi('CitizenLinkInput'),
        },
      },
      required: true,
    },
  },
  responses: {
    204: { description: 'The answers are stored and the link used up' },
    ...dataErrorResponses,
    404: errorJson('No such link'),
    410: errorJson('The link was used, expired or its measurement closed'),
  },
});
const groupsRoute = createRoute({
  method: 'get',
  path: '/api/progression/groups',
  request: {
    query: z.object({
      municipality,
      by: z.enum(['benefit', 'department', 'caseworker', 'intervention']).openapi({ example: 'benefit' }),
      respondent: z.enum(['citizen', 'caseworker']).default('caseworker'),
    }),
  },
  responses: { 200: anything('GroupsAnswer'), ...dataErrorResponses },
});

const qualityRoute = createRoute({
  method: 'get',
  path: '/api/progression/quality',
  request: { query: z.object({ municipality }) },
  responses: {
    200: anything(
      'QualityAnswer: weighted kappa and ICC of citizen against caseworker per shared indicator, alpha per respondent, floor, ceiling and missing shares',
    ),
    ...dataErrorResponses,
  },
});

/** A measurement's citizen as `principal` may write it: the measurement, its person, and the reach. */
async function measurementFor(context: AppContext, principal: Principal, measurementId: number) {
  const head = await measurementHead(context.store, measurementId);
  if (!head) throw new HTTPException(404, { message: `no measurement ${measurementId}` });
  const reach = reachOf(principal, head.municipality);
  await citizenIn(context.store, head.municipality, head.pseudonym, reach);
  return head;
}

export function registerProgressionRoutes(app: OpenAPIHono, context: AppContext): void {
  registerOutcomeRoutes(app, context);
  const now = () => context.now?.() ?? Date.now();
  const input = (body: z.infer<typeof MeasurementInputSchema>): MeasurementInput => ({
    ...body,
    citizen: body.citizen as Answers,
    caseworker: body.caseworker as Answers,
  });
  const stored = async (personId: number, municipalityCode: number, measurementId: number) =>
    (await measurementsOf(context.store, [personId], municipalityCode, now()))
      .map(({ personId: _, ...m }) => m)
      .find((m) => m.id === measurementId)!;

  app.openapi(questionnairesRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const municipalities = principal.municipalities ?? (await knownMunicipalities(context.store));
    const today = copenhagenDateOf(new Date(now()));
    return c.json(
      {
        questionnaires: await listQuestionnaires(context.store),
        current: await currentVersions(context.store, municipalities, today),
      },
      200,
    ) as never;
  });

  app.openapi(citizensRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const code = Number(c.req.valid('query').municipality);
    const reach = reachOf(principal, code);
    const citizens = await citizenRows(context.store, code, reach);
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'read.persons',
      resource: `progression citizens: municipality ${code}`,
      persons: citizens.map((r) => r.person),
    });
    return c.json({ citizens }, 200) as never;
  });

  app.openapi(citizenRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const code = Number(c.req.valid('query').municipality);
    const reach = reachOf(principal, code);
    const citizen = await citizenIn(context.store, code, c.req.valid('param').person, reach);
    const progress = await citizenProgress(context.store, code, citizen, reach, now());
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'read.persons',
      resource: `progression citizen: municipality ${code}`,
      persons: [citizen.pseudonym],
    });
    return c.json(progress, 200) as never;
  });

  app.openapi(addMeasurementRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const code = Number(c.req.valid('query').municipality);
    const reach = reachOf(principal, code);
    const citizen = await citizenIn(context.store, code, c.req.valid('param').person, reach);
    const body = input(c.req.valid('json'));
    const measurementId = await addMeasurement(context.store, citizen.personId, code, body, principal);
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'measurement.add',
      resource: `measurement ${measurementId} (${body.status}): municipality ${code}`,
      persons: [citizen.pseudonym],
    });
    return c.json({ measurement: await stored(citizen.personId, code, measurementId) }, 201) as never;
  });

  app.openapi(updateMeasurementRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const measurementId = c.req.valid('param').id;
    const head = await measurementFor(context, principal, measurementId);
    const body = input(c.req.valid('json'));
    await updateMeasurement(context.store, measurementId, body, principal);
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'measurement.update',
      resource: `measurement ${measurementId} (${body.status}): municipality ${head.municipality}`,
      persons: [head.pseudonym],
    });
    return c.json(
      { measurement: await stored(head.personId, head.municipality, measurementId) },
      200,
    ) as never;
  });

  app.openapi(planRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const measurementId = c.req.valid('param').id;
    const head = await measurementFor(context, principal, measurementId);
    const { items } = c.req.valid('json');
    await replacePlan(context.store, measurementId, items);
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'measurement.plan',
      resource: `action plan of measurement ${measurementId}: ${items.length} indicators`,
      persons: [head.pseudonym],
    });
    return c.json({ measurementId, items }, 200) as never;
  });

  app.openapi(linkRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const measurementId = c.req.valid('param').id;
    const head = await measurementFor(context, principal, measurementId);
    const body = c.req.valid('json');
    const link = await issueLink(
      context.store,
      measurementId,
      body.language,
      body.hours ?? DEFAULT_LINK_HOURS,
      principal.username,
      now(),
    );
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'measurement.link',
      resource: `one-time link to measurement ${measurementId}, until ${link.expiresAt}`,
      persons: [head.pseudonym],
    });
    return c.json(link, 201) as never;
  });

  app.openapi(linkGetRoute, async (c) => {
    return c.json(await linkQuestionnaire(context.store, c.req.valid('param').token, now()), 200) as never;
  });

  app.openapi(linkPostRoute, async (c) => {
    const body = c.req.valid('json');
    const answered = await answerLink(
      context.store,
      c.req.valid('param').token,
      { answers: body.answers as Answers, channels: body.channels },
      now(),
    );
    await audit(context.store, {
      username: 'citizen-link',
      role: null,
      action: 'measurement.link-answer',
      resource: `the citizen's answers to measurement ${answered.measurementId} through a one-time link`,
      persons: [answered.pseudonym],
    });
    return c.body(null, 204) as never;
  });

  app.openapi(groupsRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    const code = Number(q.municipality);
    requireMunicipality(principal, code);
    if ((q.by === 'department' || q.by === 'caseworker') && !may(principal.role, 'read:levels'))
      throw new AccessError(
        `your role sees groups by benefit and intervention (departments and caseworkers need read:levels)`,
        403,
      );
    const answer = await progressionGroups(context.store, {
      municipality: code,
      by: q.by,
      respondent: q.respondent,
      threshold: suppressionFor(principal, context.config),
    });
    const truth = await demoTruth(context.store);
    return c.json(truth === null ? answer : { ...answer, truth }, 200) as never;
  });

  app.openapi(qualityRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const code = Number(c.req.valid('query').municipality);
    requireMunicipality(principal, code);
    const answer = await progressionQuality(context.store, {
      municipality: code,
      threshold: suppressionFor(principal, context.config),
    });
    return c.json(answer, 200) as never;
  });
}
