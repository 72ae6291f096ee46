/**
 * Resultatstyring over HTTP: `GET /api/kpi` takes the parameters of `jobinvest kpi` and answers its
 * contract (kpi.ts) as the caller may see it: only their municipalities; departments and caseworkers
 * only with `read:levels`, or, for a caseworker, their own caseload alone; small numbers withheld
 * for roles without `read:unsuppressed`.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  fromYyyyww,
  JOBINDSATS_AGE_GROUPS,
  may,
  SPELL_DURATION_BANDS,
  type JobindsatsAgeGroup,
  type Principal,
  type SpellDurationBand,
} from '@jobinvest/core';
import type { AppContext } from '../context.ts';
import { withinBudget, workSignal } from '../http/budget.ts';
import { AccessError, requireMunicipality, requirePrincipal, suppressionFor } from '../http/principal.ts';
import { attachment, dataErrorResponses, errorJson, json } from '../http/schemas.ts';
import { BANDS_WAIT_SECONDS } from '../jobinvest/index.ts';
import { audit } from '../data/index.ts';
import { ReportError } from '../exports/index.ts';
import { addGoal, GOAL_MEASURES, listGoals } from './goals.ts';
import { checkPeriod, kpi, KPI_BENEFITS, type KpiRequest } from './kpi.ts';
import { fullTimeOutlook, kpiSeries, MAX_SERIES_MONTHS, SERIES_MONTHS } from './outlook.ts';
import { benchmarkOf, clusterTable, peersOf, replaceClusters, scorecardOf } from './scorecard.ts';
import { scorecardPdf } from './scorecard-report.ts';
import { survivalByCohort } from './survival.ts';
import { KPI_LEVELS, type KpiLevel } from './measures.ts';

const week = z.string().regex(/^\d{4}(0[1-9]|[1-4]\d|5[0-3])$/, 'expected a week as YYYYWW');

const kpiRoute = createRoute({
  method: 'get',
  path: '/api/kpi',
  request: {
    query: z.object({
      municipality: z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code'),
      benefit: z.enum(KPI_BENEFITS as [string, ...string[]]).openapi({ example: 'sygedagpenge' }),
      from: week.openapi({ example: '202501' }),
      to: week.openapi({ example: '202552' }),
      level: z.enum(KPI_LEVELS).default('municipality'),
      department: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: "only this department's assignments (its caseworkers); empty for none" }),
      ageGroup: z.enum(JOBINDSATS_AGE_GROUPS).optional(),
      origin: z.string().max(40).optional(),
      durationBand: z
        .enum(SPELL_DURATION_BANDS.map((b) => b.id) as [SpellDurationBand, ...SpellDurationBand[]])
        .optional(),
    }),
  },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      "jobindsats' measures: { rule, measures } at the municipality level, { rule, rows: [{ level, key, measures }] } below it",
    ),
    ...dataErrorResponses,
  },
});

const seriesRoute = createRoute({
  method: 'get',
  path: '/api/kpi/series',
  request: {
    query: kpiRoute.request.query.omit({ from: true, to: true }).extend({
      months: z.coerce.number().int().min(1).max(MAX_SERIES_MONTHS).default(SERIES_MONTHS),
      key: z
        .string()
        .max(100)
        .optional()
        .openapi({ description: 'below the municipality: the department or caseworker whose series it is' }),
      wait: z
        .enum(['none', 'bands'])
        .default('none')
        .openapi({
          description: `bands: wait up to ${BANDS_WAIT_SECONDS} s for the forecast's replications`,
        }),
    }),
  },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      "The measures in each of the last whole months, and full-time persons 12 months ahead with the forecast's bands",
    ),
    ...dataErrorResponses,
  },
});

const goalsRoute = createRoute({
  method: 'get',
  path: '/api/goals',
  request: {
    query: z.object({
      municipality: z
        .string()
        .regex(/^\d{3}$/, 'expected a 3-digit municipality code')
        .optional(),
    }),
  },
  responses: {
    200: json(
      z.array(z.record(z.string(), z.unknown())),
      "The goals of the caller's municipalities with their status now",
    ),
    ...dataErrorResponses,
  },
});

const NewGoalSchema = z
  .object({
    municipality: z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code'),
    benefit: z.enum(KPI_BENEFITS as [string, ...string[]]),
    measure: z.enum(Object.keys(GOAL_MEASURES) as [string, ...string[]]),
    name: z.string().min(1).max(200),
    baselineFrom: week,
    baselineTo: week,
    baselineValue: z.number().finite().nullable().optional(),
    targetValue: z.number().finite(),
    targetWeek: week,
  })
  .openapi('NewGoal');

const addGoalRoute = createRoute({
  method: 'post',
  path: '/api/goals',
  request: { body: { content: { 'application/json': { schema: NewGoalSchema } }, required: true } },
  responses: {
    201: json(z.record(z.string(), z.unknown()), 'The goal as stored, with its status now'),
    ...dataErrorResponses,
  },
});

const municipalityParam = z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code');
const peersParam = z.enum(['similar', 'cluster']).default('similar').openapi({
  description:
    'similar: the 10 municipalities most like it on framework conditions; cluster: its cluster in the cluster table',
});
/** Weights of the framework variables as `ageOver50:1,localJobs:2`. */
const weightsParam = z
  .string()
  .max(300)
  .regex(/^(\w+:\d+(\.\d+)?)(,\w+:\d+(\.\d+)?)*$/, 'expected weights as variable:number,variable:number')
  .optional();
const parseWeights = (text: string | undefined) =>
  text === undefined
    ? undefined
    : Object.fromEntries(text.split(',').map((pair) => [pair.split(':')[0]!, Number(pair.split(':')[1])]));

const survivalRoute = createRoute({
  method: 'get',
  path: '/api/kpi/survival',
  request: {
    query: z.object({
      municipality: z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code'),
      benefit: z.enum(KPI_BENEFITS as [string, ...string[]]).openapi({ example: 'sygedagpenge' }),
      from: week.openapi({ description: 'The first week of the first cohort', example: '202201' }),
      to: week.openapi({ description: 'The last week of the last cohort', example: '202552' }),
      cohort: z.enum(['year', 'quarter']).default('year'),
    }),
  },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      'Kaplan-Meier survival curves of the spells started in each cohort (jobindsats month rule)',
    ),
    ...dataErrorResponses,
  },
});

const scorecardRoute = createRoute({
  method: 'get',
  path: '/api/scorecard',
  request: {
    query: z.object({
      municipality: municipalityParam,
      benefit: z.enum(KPI_BENEFITS as [string, ...string[]]).openapi({ example: 'sygedagpenge' }),
      to: week.openapi({ description: "A week of the running year's last month", example: '202648' }),
      peers: peersParam,
      weights: weightsParam,
    }),
  },
  responses: {
    200: json(z.record(z.string(), z.unknown()), "KL's scorecard of the benefit group against the peers"),
    ...dataErrorResponses,
  },
});

const scorecardReportRoute = createRoute({
  method: 'get',
  path: '/api/scorecard/report',
  request: {
    query: scorecardRoute.request.query.extend({
      language: z
        .enum(['da', 'en'])
        .default('da')
        .openapi({ description: 'The language of the report; Danish, the committee’s, unless asked' }),
    }),
  },
  responses: {
    200: {
      content: { 'application/pdf': { schema: z.any() } },
      description: 'The scorecard as one A4 page for the committee (scorecard-report.ts)',
    },
    ...dataErrorResponses,
    503: errorJson(
      'No browser to print the report with, or the report took longer than the time budget of a request (server.requestBudgetSeconds)',
    ),
  },
});

const peersRoute = createRoute({
  method: 'get',
  path: '/api/peers',
  request: { query: z.object({ municipality: municipalityParam, peers: peersParam, weights: weightsParam }) },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      'The peers: the most similar municipalities with their distances, or the cluster',
    ),
    ...dataErrorResponses,
  },
});

const benchmarkRoute = createRoute({
  method: 'get',
  path: '/api/benchmark',
  request: { query: z.object({ municipality: municipalityParam, to: week }) },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      'Expected against actual full-time persons on public support, every municipality',
    ),
    ...dataErrorResponses,
  },
});

const clustersRoute = createRoute({
  method: 'get',
  path: '/api/clusters',
  responses: { 200: json(z.array(z.record(z.string(), z.unknown())), 'The cluster table') },
});

const ClustersSchema = z
  .array(z.object({ municipality: municipalityParam, cluster: z.string().min(1).max(60) }))
  .max(98)
  .openapi('Clusters');

const putClustersRoute = createRoute({
  method: 'put',
  path: '/api/clusters',
  request: { body: { content: { 'application/json': { schema: ClustersSchema } }, required: true } },
  responses: {
    200: json(z.array(z.record(z.string(), z.unknown())), 'The cluster table as stored'),
    ...dataErrorResponses,
  },
});

/**
 * The request of /api/kpi and its series as the caller may ask it: only their municipalities; a
 * caseworker their own caseload below the municipality, others `read:levels` there.
 */
function kpiRequestOf(
  principal: Principal,
  q: {
    municipality: string;
    benefit: string;
    level: KpiLevel;
    department?: string | undefined;
    ageGroup?: JobindsatsAgeGroup | undefined;
    origin?: string | undefined;
    durationBand?: SpellDurationBand | undefined;
  },
  context: AppContext,
): Omit<KpiRequest, 'from' | 'to'> {
  const municipality = Number(q.municipality);
  requireMunicipality(principal, municipality);
  let caseworker: string | null = null;
  if (q.level !== 'municipality' && !may(principal.role, 'read:levels')) {
    if (
      !may(principal.role, 'read:own-caseload') ||
      principal.caseworker === null ||
      q.level !== 'caseworker'
    )
      throw new AccessError(
        'your role sees the municipality level only (departments and caseworkers need read:levels)',
        403,
      );
    caseworker = principal.caseworker;
  }
  return {
    municipality,
    benefit: q.benefit,
    level: q.level,
    caseworker,
    department: q.department ?? null,
    ageGroup: q.ageGroup ?? null,
    origin: q.origin ?? null,
    durationBand: q.durationBand ?? null,
    threshold: suppressionFor(principal, context.config),
  };
}

export function registerMonitoringRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openapi(survivalRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    const municipality = Number(q.municipality);
    requireMunicipality(principal, municipality);
    const from = fromYyyyww(q.from);
    const to = fromYyyyww(q.to);
    // The same checks as the measures': a municipality with persons, a period inside the data.
    await checkPeriod(context.store, municipality, from, to);
    const answer = await survivalByCohort(context.store, {
      municipality,
      benefit: q.benefit,
      from,
      to,
      cohort: q.cohort,
      threshold: suppressionFor(principal, context.config),
    });
    return c.json(
      { municipality, benefit: q.benefit, from: Number(q.from), to: Number(q.to), ...answer },
      200,
    ) as never;
  });

  /** The scorecard of `q` as the principal may see it: their municipalities, small numbers withheld. */
  const scorecardFor = (principal: Principal, q: z.infer<typeof scorecardRoute.request.query>) => {
    const municipality = Number(q.municipality);
    requireMunicipality(principal, municipality);
    const weights = parseWeights(q.weights);
    return scorecardOf(context.store, {
      municipality,
      benefit: q.benefit,
      to: fromYyyyww(q.to),
      peers: { kind: q.peers, ...(weights ? { weights } : {}) },
      rates: context.rates,
      threshold: suppressionFor(principal, context.config),
    });
  };

  app.openapi(scorecardRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    return c.json(await scorecardFor(principal, c.req.valid('query')), 200) as never;
  });

  app.openapi(scorecardReportRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    // One budget for the scorecard and its printing.
    const signal = workSignal(c.req.raw, context.config);
    const answer = await scorecardFor(principal, q);
    try {
      const pdf = await scorecardPdf(context.store, answer, q.language, signal);
      await audit(context.store, {
        username: principal.username,
        role: principal.role,
        action: 'export.pdf',
        resource: `scorecard report: ${q.municipality} ${q.benefit} ${answer.period.from}-${answer.period.to} (${q.peers})`,
        persons: [],
      });
      return c.body(
        pdf,
        200,
        attachment(
          'application/pdf',
          `scorecard ${q.municipality} ${q.benefit} ${answer.period.from}-${answer.period.to}`,
          'pdf',
          'scorecard',
        ),
      ) as never;
    } catch (error) {
      if (error instanceof ReportError) return c.json({ error: error.message }, 503) as never;
      throw error;
    }
  });

  app.openapi(peersRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    const municipality = Number(q.municipality);
    requireMunicipality(principal, municipality);
    const weights = parseWeights(q.weights);
    const peers = await peersOf(context.store, municipality, {
      kind: q.peers,
      ...(weights ? { weights } : {}),
    });
    return c.json(peers, 200) as never;
  });

  app.openapi(benchmarkRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    const municipality = Number(q.municipality);
    requireMunicipality(principal, municipality);
    const answer = await benchmarkOf(context.store, {
      municipality,
      to: fromYyyyww(q.to),
      rates: context.rates,
    });
    return c.json(answer, 200) as never;
  });

  app.openapi(clustersRoute, async (c) => {
    requirePrincipal(c.req.raw);
    return c.json(await clusterTable(context.store), 200) as never;
  });

  app.openapi(putClustersRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const rows = c.req.valid('json');
    await replaceClusters(
      context.store,
      rows.map((r) => ({ municipality: Number(r.municipality), cluster: r.cluster.trim() })),
      principal.username,
    );
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'clusters.replace',
      resource: `cluster table: ${rows.length} municipalities`,
      persons: [],
    });
    return c.json(await clusterTable(context.store), 200) as never;
  });

  app.openapi(goalsRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    const asked = q.municipality === undefined ? null : Number(q.municipality);
    if (asked !== null) requireMunicipality(principal, asked);
    const municipalities = asked !== null ? [asked] : principal.municipalities;
    return c.json(
      await listGoals(context.store, municipalities, suppressionFor(principal, context.config), {
        rates: context.rates,
      }),
      200,
    ) as never;
  });

  app.openapi(addGoalRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const body = c.req.valid('json');
    const municipality = Number(body.municipality);
    requireMunicipality(principal, municipality);
    const threshold = suppressionFor(principal, context.config);
    const id = await addGoal(
      context.store,
      {
        municipality,
        benefit: body.benefit,
        measure: body.measure,
        name: body.name,
        baselineFrom: fromYyyyww(body.baselineFrom),
        baselineTo: fromYyyyww(body.baselineTo),
        baselineValue: body.baselineValue ?? null,
        targetValue: body.targetValue,
        targetWeek: fromYyyyww(body.targetWeek),
      },
      principal.username,
      threshold,
    );
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'goal.add',
      resource: `goal ${id}: ${body.name}`,
      persons: [],
    });
    const added = (await listGoals(context.store, [municipality], threshold, { rates: context.rates })).find(
      (g) => g.goalId === id,
    );
    return c.json(added ?? { goalId: id }, 201) as never;
  });

  app.openapi(kpiRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    const answer = await kpi(context.store, {
      ...kpiRequestOf(principal, q, context),
      from: fromYyyyww(q.from),
      to: fromYyyyww(q.to),
    });
    return c.json(answer, 200) as never;
  });

  app.openapi(seriesRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const q = c.req.valid('query');
    const request = kpiRequestOf(principal, q, context);
    const series = await kpiSeries(context.store, request, q.key ?? null, q.months);
    // The forecast is of the whole municipality's groups: not of a unit below it, nor of a target group.
    const whole =
      request.level === 'municipality' && !request.ageGroup && !request.origin && !request.durationBand;
    const signal = workSignal(c.req.raw, context.config);
    const forecast = whole
      ? await fullTimeOutlook(
          context.store,
          {
            municipality: request.municipality,
            benefit: request.benefit,
            rates: context.rates,
            threshold: request.threshold,
          },
          {
            waitForBandsMs: q.wait === 'bands' ? BANDS_WAIT_SECONDS * 1000 : 0,
            within: (work) => withinBudget(work, signal),
          },
        )
      : null;
    return c.json(
      {
        municipality: request.municipality,
        benefit: request.benefit,
        level: request.level,
        key: q.key ?? null,
        ...series,
        suppressed: { threshold: request.threshold, withheld: series.withheld },
        forecast,
      },
      200,
    ) as never;
  });
}
