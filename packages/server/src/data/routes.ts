/**
 * The data foundation over HTTP: `GET /api/data/summary` (what the store holds), `GET /api/imports`
 * (the import log) and `GET /api/overview` (a municipality's persons, full-time persons and flows).
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { basename } from 'node:path';
import { isFew, may } from '@jobinvest/core';
import { requireMunicipality, requirePrincipal, suppressionFor } from '../http/principal.ts';
import type { AppContext } from '../context.ts';
import { dataErrorResponses, errorResponses, json } from '../http/schemas.ts';
import { registerImportRoutes } from './import-routes.ts';
import { overviewFor, suppressOverview } from './overview.ts';
import { dataSummary, importLog, type DataSummary, type ImportLogEntry } from './summary.ts';

const ImportSchema = z
  .object({
    importId: z.number().int(),
    kind: z.string(),
    file: z.string(),
    sha256: z.string(),
    rows: z.number().int(),
    rejectedRows: z.number().int(),
    started: z.string(),
    finished: z.string(),
    outcome: z.string(),
    message: z.string().nullable(),
  })
  .openapi('Import');

const SummarySchema = z
  .object({
    window: z
      .object({ first: z.number().int(), last: z.number().int() })
      .nullable()
      .openapi({ description: 'First and last week observed, YYYYWW' }),
    municipalities: z.array(
      z.object({ code: z.number().int(), name: z.string().nullable(), persons: z.number().int() }),
    ),
    persons: z.number().int(),
    personWeeks: z.object({ observed: z.number(), withBenefit: z.number() }),
    spells: z.array(
      z.object({
        benefit: z.string(),
        spells: z.number().int(),
        running: z.number().int(),
        leftTruncated: z.number().int(),
        medianWeeks: z.number().nullable(),
      }),
    ),
    codeMap: z.object({ verified: z.number().int(), assumed: z.number().int() }),
    lastImports: z.array(ImportSchema),
  })
  .openapi('DataSummary');

const summaryRoute = createRoute({
  method: 'get',
  path: '/api/data/summary',
  responses: { 200: json(SummarySchema, 'What the store holds') },
});

const importsRoute = createRoute({
  method: 'get',
  path: '/api/imports',
  request: {
    query: z.object({ limit: z.coerce.number().int().min(1).max(1000).optional().openapi({ example: 50 }) }),
  },
  responses: { 200: json(z.array(ImportSchema), 'The import log, newest first'), ...errorResponses },
});

const overviewRoute = createRoute({
  method: 'get',
  path: '/api/overview',
  request: { query: z.object({ municipality: z.string().regex(/^\d{3}$/, 'expected a 3-digit municipality code') }) },
  responses: {
    200: json(
      z.record(z.string(), z.unknown()),
      'Persons by benefit group week by week, full-time persons, inflow and outflow by year',
    ),
    ...dataErrorResponses,
  },
});

/** Small numbers withheld (null) at `threshold`; other municipalities than the caller's left out. */
function summaryFor(s: DataSummary, threshold: number | null, sees: (code: number) => boolean): DataSummary {
  const few = (n: number) => threshold !== null && isFew(n, threshold);
  const keep = (n: number) => (few(n) ? (null as unknown as number) : n);
  return {
    ...s,
    municipalities: s.municipalities.filter((m) => sees(m.code)).map((m) => ({ ...m, persons: keep(m.persons) })),
    spells: s.spells.map((g) => ({ ...g, spells: keep(g.spells), running: keep(g.running), leftTruncated: keep(g.leftTruncated), medianWeeks: few(g.spells) ? null : g.medianWeeks })),
  };
}

/** The import log as the caller may see it: file names only, except for an admin (whole paths). */
function logFor(entries: ImportLogEntry[], admin: boolean): ImportLogEntry[] {
  return admin ? entries : entries.map((e) => ({ ...e, file: basename(e.file) }));
}

export function registerDataRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openapi(summaryRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const summary = summaryFor(
      await dataSummary(context.store),
      suppressionFor(principal, context.config),
      (code) => principal.municipalities === null || principal.municipalities.includes(code),
    );
    return c.json({ ...summary, lastImports: logFor(summary.lastImports, may(principal.role, 'write:users')) }, 200);
  });

  app.openapi(importsRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const { limit } = c.req.valid('query');
    return c.json(logFor(await importLog(context.store, limit ?? 50), may(principal.role, 'write:users')), 200);
  });
  registerImportRoutes(app, context);

  app.openapi(overviewRoute, async (c) => {
    const principal = requirePrincipal(c.req.raw);
    const municipality = Number(c.req.valid('query').municipality);
    requireMunicipality(principal, municipality);
    const full = await overviewFor(context.store, municipality);
    const threshold = suppressionFor(principal, context.config);
    const shown = threshold === null ? full : suppressOverview(full, threshold);
    const lastImport = full.lastImport && { ...full.lastImport, file: basename(full.lastImport.file) };
    return c.json({ ...shown, lastImport }, 200) as never;
  });
}
