/**
 * Who is told when a store's data change: every successful import calls `dataChanged` once its
 * derived facts are rebuilt, and a running server listens to prepare the answers of the new data
 * version before anyone asks (http/serve.ts).
 */

import type { Store } from './db.ts';

type Listener = (store: Store) => void;

const listeners = new Set<Listener>();

/** Call `listener` after each successful import into any store of this process; answers the way to stop. */
export function onDataChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The data of `store` changed (a new data version). */
export function dataChanged(store: Store): void {
  for (const listener of listeners) listener(store);
}
