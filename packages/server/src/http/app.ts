/**
 * The HTTP API: web-standard Request/Response through Hono, request validation with zod and an
 * OpenAPI description generated from the same schemas at `/api/openapi.json`. Errors are JSON
 * `{ error, details }`. Tests call `app.request(...)` in-process; `serve.ts` binds it to a port.
 * Sentences for people (assumptions, notes, reasons) are in Danish when the request's
 * Accept-Language starts with Danish, else in English (language.ts).
 */

import { OpenAPIHono, createRoute, z } from '@hono/zod-openapi';
import { REFUSION_RULES } from '@jobinvest/core';
import { bodyLimit } from 'hono/body-limit';
import { HTTPException } from 'hono/http-exception';
import { accessGuard, registerAccessRoutes, Sessions } from '../access/index.ts';
import { registerBusinessCaseRoutes } from '../budget/index.ts';
import type { AppContext } from '../context.ts';
import { registerBudgetRoutes } from '../budget/index.ts';
import { DataError, registerDataRoutes } from '../data/index.ts';
import { registerExportRoutes } from '../exports/index.ts';
import { registerFleksjobRoutes } from '../fleksjob/index.ts';
import { InputError } from '../input/input-error.ts';
import { registerJobinvestRoutes } from '../jobinvest/index.ts';
import { registerMonitoringRoutes } from '../monitoring/index.ts';
import { registerProgressionRoutes } from '../progression/index.ts';
import { budgetMonths, registerFollowUpRoutes } from '../budget/index.ts';
import { registerRulesRoutes } from '../rules/index.ts';
import { VERSION } from '../version.ts';
import { outOfRange } from './bounds.ts';
import { outOfBudget, overBudget } from './budget.ts';
import { hardening } from './hardening.ts';
import { AccessError } from './principal.ts';
import { json } from './schemas.ts';

const HealthSchema = z
  .object({
    status: z.literal('ok'),
    version: z.string(),
    refusionRules: z.array(z.string()),
    rates: z.string().openapi({ description: 'Version of the rate table in use' }),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/api/health',
  responses: { 200: json(HealthSchema, 'The service is up') },
});

export const MAX_BODY_BYTES = 64 * 1024 * 1024;

/**
 * What is wrong with the percent escapes of `url`'s path or query, or null when each decodes: a
 * `%` not followed by two hex digits, or escapes that are not UTF-8 (`%C3%28`).
 */
function malformedEscape(url: string): string | null {
  const start = url.indexOf('/', url.indexOf('://') + 3);
  if (start === -1 || !url.includes('%', start)) return null;
  const hash = url.indexOf('#', start);
  const address = url.slice(start, hash === -1 ? undefined : hash);
  const queryAt = address.indexOf('?');
  const path = queryAt === -1 ? address : address.slice(0, queryAt);
  const parts = [
    { where: 'the path', text: path },
    ...(queryAt === -1 ? [] : address.slice(queryAt + 1).split(/[&=]/)).map((text) => ({
      where: 'the query',
      text,
    })),
  ];
  for (const { where, text } of parts) {
    try {
      decodeURIComponent(text);
    } catch {
      return `${where} has a broken percent escape: ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`;
    }
  }
  return null;
}

/** An error that says work was stopped by its signal: queued work (the signal's reason) or running. */
function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

export function createApp(context: AppContext): OpenAPIHono {
  const app = new OpenAPIHono({
    defaultHook: (result, c) => {
      if (!result.success) {
        // A well-formed number too large to compute with (bounds.ts) is a 422; anything else a 400.
        const beyond = outOfRange(result.error.issues);
        if (beyond) return c.json(beyond, 422);
        const details = result.error.issues.map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        }));
        const first = details[0];
        return c.json(
          { error: first ? `request ${first.path || 'body'}: ${first.message}` : 'invalid request', details },
          400,
        );
      }
    },
  });

  app.use('*', hardening(context.config));

  // Hono decodes what it can of an address and leaves a broken percent escape as it is, so a route
  // would see "%zz" as a value, and a file path would fail to decode: refuse the address first.
  app.use('*', async (c, next) => {
    const problem = malformedEscape(c.req.url);
    if (problem) return c.json({ error: `malformed URL: ${problem}` }, 400);
    await next();
  });

  // An import's upload is streamed to disk (data/upload.ts) and bounded by the room there.
  const limit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json({ error: `the request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB` }, 413),
  });
  app.use('/api/*', (c, next) =>
    c.req.method === 'POST' && c.req.path === '/api/imports' ? next() : limit(c, next),
  );

  // Who is asking, and whether their role may use the route (access/route-rules.ts).
  const access = {
    sessions: new Sessions(context.store, context.config.access, context.now),
    localToken: context.localToken ?? null,
    config: context.config,
  };
  app.use('/api/*', accessGuard(access));

  app.openapi(healthRoute, (c) =>
    c.json(
      {
        status: 'ok' as const,
        version: VERSION,
        refusionRules: REFUSION_RULES.map((r) => r.id),
        rates: context.rates.version,
      },
      200,
    ),
  );

  registerAccessRoutes(app, context, access);
  registerRulesRoutes(app, context);
  registerDataRoutes(app, context);
  registerFleksjobRoutes(app, context);
  registerJobinvestRoutes(app, context);
  registerMonitoringRoutes(app, context);
  registerProgressionRoutes(app, context);
  registerBudgetRoutes(app, context);
  registerExportRoutes(app, context);
  registerBusinessCaseRoutes(app, context);
  // Budget against realised: the budget's months are those of the latest saved version, or the model's.
  registerFollowUpRoutes(app, context, (store, municipality, year) =>
    budgetMonths(store, municipality, year, { rates: context.rates }),
  );

  app.doc('/api/openapi.json', {
    openapi: '3.0.0',
    info: {
      title: 'jobinvest API',
      version: VERSION,
      description: 'Danish job-centre economics: benefit catalogue, rates and the refusion staircase.',
    },
  });

  app.notFound((c) =>
    c.json({ error: `no such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404),
  );

  app.onError((error, c) => {
    if (error instanceof AccessError) {
      if (error.retryAfter !== undefined) c.header('Retry-After', String(error.retryAfter));
      return c.json({ error: error.message }, error.status);
    }
    if (error instanceof InputError) {
      return c.json({ error: error.message, details: error.problems.map((p) => ({ ...p })) }, 422);
    }
    if (error instanceof DataError)
      return c.json(
        {
          error: error.message,
          ...(error.code ? { code: error.code } : {}),
          ...(error.details ? { details: error.details } : {}),
        },
        422,
      );
    // The client went away and the work stopped: nobody reads the answer.
    if (c.req.raw.signal.aborted)
      return Response.json({ error: 'the client closed the request' }, { status: 499 });
    // The request's time budget ran out (budget.ts) and its work was stopped, or is no longer awaited.
    if (isAbort(error) && outOfBudget(c.req.raw)) return c.json({ error: overBudget(context.config) }, 503);
    if (error instanceof HTTPException) return c.json({ error: `${error.message}` }, error.status);
    console.error(error);
    return c.json({ error: 'internal error; the server log has the details' }, 500);
  });

  return app;
}
