/** `POST /api/export/xlsx`: the tables the web app shows, as an Excel workbook (xlsx.ts). */

import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { attachment, errorJson } from '../http/schemas.ts';
import { workbook } from './xlsx.ts';

const cell = z.union([z.string(), z.number(), z.null()]);

const ExportSchema = z
  .object({
    title: z.string().min(1).max(200),
    sheets: z
      .array(
        z.object({
          name: z.string().min(1).max(100),
          columns: z
            .array(
              z.object({
                key: z.string().min(1),
                header: z.string(),
                numeric: z.boolean().optional(),
                decimals: z.number().int().min(0).max(6).optional(),
                unit: z.string().max(20).optional(),
              }),
            )
            .min(1)
            .max(200),
          rows: z.array(z.record(z.string(), cell)).max(100_000),
        }),
      )
      .min(1)
      .max(20),
    assumptions: z.array(z.string()).max(500).default([]),
    dataVersion: z.number().int().nullable().optional(),
    ratesVersion: z.string().nullable().optional(),
    created: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: 'When the figures were made; default now' }),
  })
  .openapi('ExportRequest');

const exportRoute = createRoute({
  method: 'post',
  path: '/api/export/xlsx',
  request: { body: { content: { 'application/json': { schema: ExportSchema } }, required: true } },
  responses: {
    200: {
      content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.any() } },
      description: 'The workbook',
    },
    400: errorJson('The request is malformed'),
  },
});

export function registerExportRoute(app: OpenAPIHono): void {
  app.openapi(exportRoute, async (c) => {
    const body = c.req.valid('json');
    const bytes = await workbook({ ...body, created: body.created ?? new Date().toISOString().slice(0, 19) });
    return c.body(
      bytes,
      200,
      attachment(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        body.title,
        'xlsx',
        'jobinvest',
      ),
    ) as never;
  });
}
