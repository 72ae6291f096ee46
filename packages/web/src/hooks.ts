/** Loading data from the API with the states a person sees: loading, error, result. */

import { useEffect, useState } from 'react';
import { getJson } from './api.ts';
import { useLanguage } from './i18n.tsx';

export type Loaded<T> =
  | { readonly state: 'loading' }
  | { readonly state: 'error'; readonly message: string }
  | { readonly state: 'done'; readonly value: T };

/**
 * Runs `load` whenever `key` changes, and again when the language does (the server's texts come in
 * the language asked for); an answer to an older key is dropped. A new key shows loading; a new
 * language keeps what is shown until the answer in it comes, so that nothing below is unmounted.
 */
export function useLoad<T>(key: string | null, load: (signal: AbortSignal) => Promise<T>): Loaded<T> {
  const language = useLanguage();
  const [result, setResult] = useState<{ key: string | null; loaded: Loaded<T> }>({
    key: null,
    loaded: { state: 'loading' },
  });
  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    setResult((shown) => (shown.key === key ? shown : { key, loaded: { state: 'loading' } }));
    load(controller.signal).then(
      (value) => controller.signal.aborted || setResult({ key, loaded: { state: 'done', value } }),
      (error: unknown) =>
        controller.signal.aborted ||
        setResult({
          key,
          loaded: { state: 'error', message: error instanceof Error ? error.message : String(error) },
        }),
    );
    return () => controller.abort();
    // `load` is a new function on every render: the key and the language say when to load again.
  }, [key, language]);
  return result.loaded;
}

/**
 * The last answer while the next is on its way (`busy`), so that the figures stay in place; the
 * error of a choice the server refused.
 */
export function useKept<T>(loaded: Loaded<T>): { value: T | null; busy: boolean; error: string | null } {
  const [kept, setKept] = useState<T | null>(null);
  if (loaded.state === 'done' && loaded.value !== kept) setKept(loaded.value);
  return {
    value: loaded.state === 'done' ? loaded.value : kept,
    busy: loaded.state === 'loading',
    error: loaded.state === 'error' ? loaded.message : null,
  };
}

/**
 * The answer at `path` whose forecast bands may still be on their way: the first answer at once,
 * then, while `pending(answer)`, the answer asked for again with `wait=bands` (which the server
 * holds until the bands come or for a while). Where asking again fails, `failed(first, error)` is
 * shown, or the first answer when it gives nothing.
 */
export function useBandsWhenReady<T>(
  path: string,
  pending: (value: T) => boolean,
  failed: (first: T, error: unknown) => T | null = () => null,
): Loaded<T> {
  const language = useLanguage();
  const loaded = useLoad(path, (signal) => getJson<T>(path, signal));
  const [later, setLater] = useState<{ path: string; language: string; value: T } | null>(null);
  const waiting = loaded.state === 'done' && pending(loaded.value);
  useEffect(() => {
    if (!waiting) return;
    const controller = new AbortController();
    const ask = async (): Promise<T> => {
      const value = await getJson<T>(`${path}&wait=bands`, controller.signal);
      return pending(value) ? ask() : value;
    };
    ask().then(
      (value) => controller.signal.aborted || setLater({ path, language, value }),
      (error: unknown) => {
        if (controller.signal.aborted || loaded.state !== 'done') return;
        const value = failed(loaded.value, error);
        if (value !== null) setLater({ path, language, value });
      },
    );
    return () => controller.abort();
    // `loaded` changes with `waiting`, `path` and `language`: those say when to ask again.
  }, [waiting, path, language]);
  if (loaded.state === 'done' && later && later.path === path && later.language === language)
    return { state: 'done', value: later.value };
  return loaded;
}
