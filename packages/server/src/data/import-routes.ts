/**
 * Imports and the code map while the server holds the store: `POST /api/imports` (a register file
 * as a streamed multipart upload, imported as `jobinvest import` imports it: the same validation,
 * errors and outcome), `GET /api/codes` and `POST /api/codes` (the DREAM code map, and entries to
 * add from a codes CSV). The CLI goes through these when a server holds the store.
 *
 * An import answers 201 with its summary (200 when the file was imported before and nothing
 * changed). Asked with `Accept: application/x-ndjson`, it answers 200 at once with one JSON object
 * per line: `{"progress":{"bytes","rows","total"}}` now and then while the file is staged, then
 * `{"summary":…}` or `{"error","status","details","total"}` as the last line.
 */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { basename } from 'node:path';
import type { AppContext } from '../context.ts';
import { requirePrincipal } from '../http/principal.ts';
import { audit } from './audit.ts';
import { errorJson, errorResponses, json } from '../http/schemas.ts';
import { parseCsvBytes } from '../input/csv.ts';
import { InputError } from '../input/input-error.ts';
import { codeMap, codesOf, putCodes } from './codes.ts';
import { DataError } from './errors.ts';
import { auditImport, importFile } from './import.ts';
import { IMPORT_KINDS, type ImportSummary } from './importers/import-run.ts';
import { MAX_CODES_BYTES, receiveImport, UploadError } from './upload.ts';

const ImportSummarySchema = z
  .object({
    importId: z.number().int(),
    kind: z.enum(IMPORT_KINDS),
    file: z.string(),
    outcome: z.enum(['imported', 'unchanged']),
    rows: z.number().int(),
    firstWeek: z.number().int().nullable(),
    lastWeek: z.number().int().nullable(),
    notes: z.array(z.string()),
    seconds: z.number(),
  })
  .openapi('ImportSummary');

const CodeSchema = z
  .object({
    code: z.string(),
    benefit: z.string(),
    label: z.string(),
    status: z.enum(['verified', 'assumed']),
  })
  .openapi('DreamCode');

const uploadErrors = {
  ...errorResponses,
  413: errorJson('The codes file is larger than 10 MB'),
  415: errorJson('The body is not multipart/form-data'),
  507: errorJson('The disk beside the store has no room for the file'),
};

const codesRoute = createRoute({
  method: 'get',
  path: '/api/codes',
  responses: { 200: json(z.array(CodeSchema), 'The DREAM code map, by code') },
});

const putCodesRoute = createRoute({
  method: 'post',
  path: '/api/codes',
  request: {
    query: z.object({
      name: z.string().max(1000).optional().openapi({ description: 'What the file is called, for errors' }),
    }),
    body: {
      content: { 'text/csv': { schema: z.string().openapi({ example: 'code,benefit,label,status\n…' }) } },
      required: true,
    },
  },
  responses: { 200: json(z.array(CodeSchema), 'The code map with the entries added or replaced'), ...uploadErrors },
});

/** A summary's HTTP status: 201 for a new import, 200 for a file imported before. */
const statusOf = (summary: ImportSummary) => (summary.outcome === 'imported' ? 201 : 200);

/** The JSON body and status of an error an import ends with, as the error handler would answer it. */
function failure(error: unknown): { status: number; body: Record<string, unknown> } | null {
  if (error instanceof InputError)
    return {
      status: 422,
      body: { error: error.message, details: error.problems.map((p) => ({ ...p })), total: error.total ?? error.problems.length },
    };
  if (error instanceof UploadError) return { status: error.status, body: { error: error.message } };
  if (error instanceof DataError) return { status: 422, body: { error: error.message } };
  return null;
}

export function registerImportRoutes(app: OpenAPIHono, context: AppContext): void {
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/imports',
    description:
      'Import a register file into the store, as `jobinvest import` does: in one transaction, a bad row failing the whole file. Multipart fields: kind, name (optional), file, codes (optional codes CSV). With Accept: application/x-ndjson the answer is a stream of progress lines ending in the summary or the error.',
    request: {
      body: {
        content: {
          'multipart/form-data': {
            schema: z.object({
              kind: z.enum(IMPORT_KINDS),
              name: z.string().optional(),
              file: z.string().openapi({ format: 'binary' }),
              codes: z.string().optional().openapi({ format: 'binary' }),
            }),
          },
        },
        required: true,
      },
    },
    responses: {
      200: json(ImportSummarySchema, 'The file was imported before; nothing changed (or, as NDJSON, the stream)'),
      201: json(ImportSummarySchema, 'The file is imported'),
      ...uploadErrors,
    },
  });

  app.post('/api/imports', async (c) => {
    let upload;
    try {
      upload = await receiveImport(c.req.raw, context.config.db);
    } catch (error) {
      const failed = failure(error);
      if (!failed) throw error;
      return c.json(failed.body, failed.status as 400);
    }
    const { kind, path, name, bytes, codes } = upload;
    const principal = requirePrincipal(c.req.raw);
    const record = (action: string, resource: string) =>
      audit(context.store, { username: principal.username, role: principal.role, action, resource, persons: [] });
    const run = (progress?: (bytes: number, rows: number) => void) =>
      importFile(context.config, kind, path, {
        name,
        ...(codes ? { codes } : {}),
        ...(progress ? { progress } : {}),
      })
        .then(
          async (summary) => {
            await auditImport(context.store, { username: principal.username, role: principal.role }, kind, name, summary);
            return summary;
          },
          async (error: unknown) => {
            await record('import.refused', `${kind} ${basename(name)}: ${error instanceof Error ? error.message.slice(0, 200) : 'failed'}`);
            throw error;
          },
        )
        .finally(() => upload.remove());

    if (!(c.req.header('accept') ?? '').includes('application/x-ndjson')) {
      const summary = await run();
      return c.json(summary, statusOf(summary));
    }
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        // The client may go away while the import goes on (it is one job of the writer, whole or not at all).
        const send = (line: unknown) => {
          try {
            controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
          } catch {
            // The stream was cancelled: nobody reads the lines.
          }
        };
        let shown = 0;
        try {
          const summary = await run((done, rows) => {
            const now = performance.now();
            if (now - shown < 200) return;
            shown = now;
            send({ progress: { bytes: done, rows, total: bytes } });
          });
          send({ progress: { bytes, rows: summary.rows, total: bytes } });
          send({ summary });
        } catch (error) {
          const failed = failure(error);
          if (!failed) console.error(error);
          send(failed ? { ...failed.body, status: failed.status } : { error: 'internal error; the server log has the details', status: 500 });
        }
        try {
          controller.close();
        } catch {
          // Already cancelled.
        }
      },
    });
    return c.body(body, 200, { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' });
  });

  app.openapi(codesRoute, async (c) => c.json(await codeMap(context.store), 200) as never);

  app.openapi(putCodesRoute, async (c) => {
    const name = c.req.valid('query').name?.trim() || 'codes.csv';
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.length > MAX_CODES_BYTES)
      return c.json({ error: `the codes file is larger than ${MAX_CODES_BYTES / 1024 / 1024} MB` }, 413);
    const entries = codesOf(parseCsvBytes(bytes, name));
    await putCodes(context.store, entries);
    const principal = requirePrincipal(c.req.raw);
    await audit(context.store, {
      username: principal.username,
      role: principal.role,
      action: 'codes.load',
      resource: `${basename(name)}: ${entries.length} codes`,
      persons: [],
    });
    return c.json(await codeMap(context.store), 200) as never;
  });
}
