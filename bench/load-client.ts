/**
 * A bounded HTTP load benchmark of the jobinvest server: `clients` concurrent loops, each sending
 * requests back to back until `seconds` have passed, over a fixed, seeded route mix (50 % GET
 * /api/health, 35 % GET /api/overview, 15 % POST /api/invest with the calculator's live request).
 * Every request has a timeout and the whole run a hard stop at seconds + requestTimeoutMs.
 * Latencies (ms, request sent to body read) are nearest-rank percentiles of all answered requests.
 *
 * bench/load.ts runs it against a server on the demo data. Not a test: compare figures measured on
 * one machine in one run.
 */

import { Agent, request } from 'node:http';

export type RouteName = 'health' | 'overview' | 'invest';

export interface LoadOptions {
  baseUrl: string;
  clients: number;
  seconds: number;
  /** The session cookie every request sends (`name=value`). */
  cookie: string;
  /** Per-request timeout; a request that runs out counts as an error of kind 'timeout'. Default 30,000. */
  requestTimeoutMs: number;
  /** 3-digit codes, cycled through by the overview and invest requests. */
  municipalities: string[];
  /** The body of POST /api/invest for a municipality. */
  investCase: (municipality: string) => object;
  /** Seed of the route mix (default 1): client i draws from its own generator seeded with seed + i. */
  seed?: number;
  /** One overview and one invest per municipality, sequentially, before measuring (default true). */
  warmUp?: boolean;
}

export interface RouteResult {
  /** Requests started in the measured window. */
  count: number;
  /** Answered with 2xx. */
  ok: number;
  /** Keyed by HTTP status ("500") or kind ("timeout", "network:ECONNRESET"). */
  errors: Record<string, number>;
  /** Requests that got an HTTP answer, whatever its status. */
  answered: number;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null; max: number | null };
}

export interface LoadResult {
  clients: number;
  seconds: number;
  requestTimeoutMs: number;
  /** From the first measured request to the last one's end. */
  elapsedSeconds: number;
  warmUpSeconds: number;
  routes: Record<RouteName, RouteResult>;
  totalAnswered: number;
  totalErrors: number;
}

type Outcome = { kind: 'answered'; status: number; ms: number } | { kind: 'failed'; error: string };

interface Sent {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

/** The mix: cumulative shares of health and overview; the rest is invest. */
const MIX: readonly [number, RouteName][] = [
  [0.5, 'health'],
  [0.85, 'overview'],
  [1, 'invest'],
];

/** Mulberry32: a small seeded generator, uniform on [0, 1). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pickRoute(u: number): RouteName {
  for (const [upTo, route] of MIX) if (u < upTo) return route;
  return 'invest';
}

/** Nearest rank: the smallest value with at least p % of the values at or below it. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p * sorted.length) / 100));
  return sorted[Math.min(rank, sorted.length) - 1] ?? null;
}

/** One request over `agent`, its body read to the end; never rejects. */
function send(
  agent: Agent,
  baseUrl: string,
  cookie: string,
  sent: Sent,
  signal: AbortSignal,
): Promise<Outcome> {
  const started = performance.now();
  return new Promise((resolve) => {
    const failed = (error: unknown) => {
      const timedOut = signal.aborted;
      const code = (error as { code?: unknown } | null)?.code;
      resolve({
        kind: 'failed',
        error: timedOut ? 'timeout' : `network:${typeof code === 'string' ? code : 'error'}`,
      });
    };
    const req = request(
      new URL(sent.path, baseUrl),
      {
        method: sent.method,
        agent,
        signal,
        headers: {
          cookie,
          ...(sent.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        res.on('data', () => {});
        res.on('end', () =>
          resolve({ kind: 'answered', status: res.statusCode ?? 0, ms: performance.now() - started }),
        );
        res.on('error', failed);
        res.on('close', () => {
          if (!res.complete) failed(new Error('closed before the end of the body'));
        });
      },
    );
    req.on('error', failed);
    req.end(sent.body);
  });
}

function emptyRoute(): { count: number; ok: number; errors: Record<string, number>; latencies: number[] } {
  return { count: 0, ok: 0, errors: {}, latencies: [] };
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const { baseUrl, clients, seconds, municipalities, investCase } = options;
  const timeoutMs = options.requestTimeoutMs > 0 ? options.requestTimeoutMs : 30_000;
  const seed = options.seed ?? 1;
  if (municipalities.length === 0) throw new Error('no municipalities to ask about');
  if (!(clients >= 1 && seconds > 0)) throw new Error('clients must be at least 1 and seconds above 0');

  const agent = new Agent({ keepAlive: true, maxSockets: Math.max(50, clients) });
  const requestFor = (route: RouteName, municipality: string): Sent =>
    route === 'health'
      ? { method: 'GET', path: '/api/health' }
      : route === 'overview'
        ? { method: 'GET', path: `/api/overview?municipality=${municipality}` }
        : { method: 'POST', path: '/api/invest', body: JSON.stringify(investCase(municipality)) };

  try {
    // Warm-up, not counted: the server's first overview and invest per municipality fill its caches.
    const warmStarted = performance.now();
    if (options.warmUp ?? true) {
      for (const route of ['overview', 'invest'] as const) {
        for (const m of municipalities) {
          const outcome = await send(
            agent,
            baseUrl,
            options.cookie,
            requestFor(route, m),
            AbortSignal.timeout(timeoutMs),
          );
          if (outcome.kind === 'failed' || outcome.status < 200 || outcome.status > 299) {
            const what = outcome.kind === 'failed' ? outcome.error : `status ${outcome.status}`;
            throw new Error(`warm-up ${route} ${m}: ${what}`);
          }
        }
      }
    }
    const warmUpSeconds = (performance.now() - warmStarted) / 1000;

    const stats: Record<RouteName, ReturnType<typeof emptyRoute>> = {
      health: emptyRoute(),
      overview: emptyRoute(),
      invest: emptyRoute(),
    };
    const started = performance.now();
    const deadline = started + seconds * 1000;
    // The hard stop: whatever still runs at seconds + timeout is aborted (and counts as a timeout).
    const hardStop = new AbortController();
    const hardStopTimer = setTimeout(() => hardStop.abort(), seconds * 1000 + timeoutMs);

    const loop = async (client: number) => {
      const random = generator(seed + client);
      const cursor: Record<'overview' | 'invest', number> = { overview: client, invest: client };
      while (performance.now() < deadline) {
        const route = pickRoute(random());
        let municipality = '';
        if (route !== 'health') {
          municipality = municipalities[cursor[route] % municipalities.length] ?? '';
          cursor[route] += 1;
        }
        const s = stats[route];
        s.count += 1;
        const signal = AbortSignal.any([AbortSignal.timeout(timeoutMs), hardStop.signal]);
        const outcome = await send(agent, baseUrl, options.cookie, requestFor(route, municipality), signal);
        if (outcome.kind === 'answered') {
          s.latencies.push(outcome.ms);
          if (outcome.status >= 200 && outcome.status <= 299) s.ok += 1;
          else s.errors[String(outcome.status)] = (s.errors[String(outcome.status)] ?? 0) + 1;
        } else {
          s.errors[outcome.error] = (s.errors[outcome.error] ?? 0) + 1;
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, (_, i) => loop(i)));
    clearTimeout(hardStopTimer);
    const elapsedSeconds = (performance.now() - started) / 1000;

    const round = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);
    const summarise = (s: ReturnType<typeof emptyRoute>): RouteResult => {
      const sorted = [...s.latencies].sort((a, b) => a - b);
      return {
        count: s.count,
        ok: s.ok,
        errors: s.errors,
        answered: sorted.length,
        latencyMs: {
          p50: round(percentile(sorted, 50)),
          p95: round(percentile(sorted, 95)),
          p99: round(percentile(sorted, 99)),
          max: round(sorted.at(-1) ?? null),
        },
      };
    };
    const routes = {
      health: summarise(stats.health),
      overview: summarise(stats.overview),
      invest: summarise(stats.invest),
    };
    const all = Object.values(routes);
    return {
      clients,
      seconds,
      requestTimeoutMs: timeoutMs,
      elapsedSeconds: Math.round(elapsedSeconds * 1000) / 1000,
      warmUpSeconds: Math.round(warmUpSeconds * 1000) / 1000,
      routes,
      totalAnswered: all.reduce((n, r) => n + r.answered, 0),
      totalErrors: all.reduce((n, r) => n + (r.count - r.ok), 0),
    };
  } finally {
    agent.destroy();
  }
}
