/** Loading data from the API with the states a person sees: loading, error, result. */

import { useEffect, useState } from 'react';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'done'; readonly value: T };

/** Runs `load` whenever `key` changes; an answer to an older key is dropped. */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const [result, setResult] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setResult({ state: 'loading' });
    load(controller.signal).then(
      (value) => controller.signal.aborted || setResult({ state: 'done', value }),
      (error: unknown) =>
        controller.signal.aborted ||
        setResult({ state: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
    // `load` is a new function on every render: the key alone says when to load again.
  }, [key]);
  return result;
}
