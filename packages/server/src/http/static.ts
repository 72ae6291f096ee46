/**
 * The web app (packages/web, built by Vite into packages/web/dist) served at `/`: files as they are,
 * and index.html for any other path outside /api, so that the app's own routes load. A missing build
 * gets a page that says how to make it.
 */

import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { OpenAPIHono } from '@hono/zod-openapi';

/** Where `npm run build -w packages/web` writes the app. */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The path of the address as a file path; a percent escape that is not one is a malformed URL. */
function decodedPath(path: string): string | null {
  try {
    return decodeURIComponent(path);
  } catch {
    return null;
  }
}

async function fileAt(root: string, path: string): Promise<string | null> {
  const full = normalize(join(root, path));
  if (full !== root && !full.startsWith(root + sep)) return null;
  try {
    return (await stat(full)).isFile() ? full : null;
  } catch {
    return null;
  }
}

export function registerWebApp(app: OpenAPIHono, root: string = WEB_DIST): void {
  app.get('*', async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/api/') || path === '/api') return next();
    const decoded = decodedPath(path);
    if (decoded === null) return c.json({ error: `malformed URL: ${path} has a broken percent escape` }, 400);
    const file = (await fileAt(root, decoded)) ?? (await fileAt(root, 'index.html'));
    if (!file)
      return c.html(
        '<!doctype html><html lang="da"><meta charset="utf-8"><title>jobinvest</title>' +
          '<p>The web app is not built. Run <code>npm run build -w packages/web</code> (or <code>npm start</code>, which builds it) and reload.</p></html>',
        503,
      );
    const body = await readFile(file);
    const immutable = file.includes(`${sep}assets${sep}`);
    return c.body(body, 200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  });
}
