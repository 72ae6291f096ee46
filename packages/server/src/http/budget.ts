/**
 * A time budget per request: the work of a heavy request (an investment case, a report, a forecast,
 * a backtest) stops when its client goes away or when it has run for the configured seconds
 * (server.requestBudgetSeconds), whichever comes first; the error handler (app.ts) then answers 499
 * or 503. A request has one budget, started when its work first asks for it, so that a report's
 * case and its printing share it rather than get one each.
 */

import type { Config } from '../config.ts';

interface Budget {
  /** Aborts when the client goes away or the time runs out. */
  readonly signal: AbortSignal;
  /** Aborts when the time runs out. */
  readonly timeout: AbortSignal;
}

const budgets = new WeakMap<Request, Budget>();

/** The signal the work of `request` runs under: the client's, and the time budget. */
export function workSignal(request: Request, config: Config): AbortSignal {
  let budget = budgets.get(request);
  if (!budget) {
    const timeout = AbortSignal.timeout(config.server.requestBudgetSeconds * 1000);
    budget = { signal: AbortSignal.any([request.signal, timeout]), timeout };
    budgets.set(request, budget);
  }
  return budget.signal;
}

/** Whether the time budget of `request` has run out (and its work was stopped for that). */
export function outOfBudget(request: Request): boolean {
  return budgets.get(request)?.timeout.aborted ?? false;
}

/**
 * `work` that other requests share (a cached forecast, the model's diagnostics, the model itself),
 * awaited no longer than `signal` allows. When the signal aborts, this request gets its answer (the
 * signal's reason, a 503 or 499) and the work goes on for the others: one client's budget does not
 * cancel what another waits for.
 */
export function withinBudget<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    // Nobody else may be waiting for the work: its failure is then nobody's to report.
    work.catch(() => {});
    return Promise.reject(signal.reason);
  }
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', stop);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', stop);
        reject(error);
      },
    );
  });
}

/** What a request whose budget ran out is told. */
export function overBudget(config: Config): string {
  return `the computation took longer than the ${config.server.requestBudgetSeconds} s this server allows a request; ask for less (fewer replications, a shorter horizon) or raise server.requestBudgetSeconds`;
}
