/**
 * A time budget per request: the work of a request stops when its client goes away or when it has
 * run for the configured seconds (server.requestBudgetSeconds), whichever comes first; the error
 * handler (app.ts) then answers 499 or 503.
 */

import type { Config } from '../config.ts';

export function workSignal(request: Request, config: Config): AbortSignal {
  return AbortSignal.any([request.signal, AbortSignal.timeout(config.server.requestBudgetSeconds * 1000)]);
}

/** What a request whose budget ran out is told. */
export function overBudget(config: Config): string {
  return `the computation took longer than the ${config.server.requestBudgetSeconds} s this server allows a request; ask for less (fewer replications, a shorter horizon) or raise server.requestBudgetSeconds`;
}
