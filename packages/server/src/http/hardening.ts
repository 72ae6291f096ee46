/**
 * What every response carries and every request must show, whatever the route: the Host header
 * must name this server (an allow-list, loopback by default, so a page of another site cannot reach
 * it through DNS rebinding), and the security headers: a strict Content-Security-Policy (scripts and
 * styles from this server only, no inline script, no framing), no type sniffing, no referrer to
 * other sites.
 */

import type { MiddlewareHandler } from 'hono';
import { allowedHost } from '../access/index.ts';
import type { Config } from '../config.ts';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function hardening(config: Config): MiddlewareHandler {
  return async (c, next) => {
    const host = c.req.header('host') ?? new URL(c.req.url).host;
    if (!allowedHost(config, host))
      return c.json(
        { error: `this server does not answer to the host ${host.slice(0, 100)} (server.allowedHosts)` },
        421,
      );
    await next();
    c.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('X-Frame-Options', 'DENY');
    c.header('Referrer-Policy', 'same-origin');
    c.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (config.server.tls) c.header('Strict-Transport-Security', 'max-age=31536000');
    if (c.req.path.startsWith('/api/')) c.header('Cache-Control', 'no-store');
  };
}
