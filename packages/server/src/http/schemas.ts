/** Schemas every route of the HTTP API shares: the error body and the JSON response wrapper. */

import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z
      .string()
      .openapi({ example: 'request body, column history.3.week: expected an ISO week as YYYYWW' }),
    code: z.string().optional().openapi({
      description: 'what kind of refusal it is, e.g. no-peer-figures',
      example: 'no-peer-figures',
    }),
    details: z.array(z.record(z.string(), z.unknown())).optional(),
  })
  .openapi('Error');

/** A JSON response of `schema` for the OpenAPI description. */
export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { 'application/json': { schema } },
  description,
});

/** An error response. */
export const errorJson = (description: string) => json(ErrorSchema, description);

/**
 * Headers of a file to download: its type, and a file name made from `title` (letters, digits,
 * spaces as dashes) with `extension`, or `fallback` when nothing of the title is left.
 */
export function attachment(
  contentType: string,
  title: string,
  extension: string,
  fallback: string,
): Record<string, string> {
  const base =
    title
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .trim()
      .replace(/\s+/g, '-') || fallback;
  const file = encodeURIComponent(`${base}.${extension}`);
  return {
    'content-type': contentType,
    'content-disposition': `attachment; filename="${file}"; filename*=UTF-8''${file}`,
  };
}

/** The error responses of a route that validates its input. */
export const errorResponses = {
  400: errorJson('The request is malformed'),
  422: errorJson('The input is well-formed but wrong'),
};

/** The error responses of a route that asks the data (DataError answers 422). */
export const dataErrorResponses = {
  400: errorJson('The request is malformed'),
  422: errorJson('The data cannot answer the request as asked'),
};
