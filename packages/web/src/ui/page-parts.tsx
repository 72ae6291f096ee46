/** Pieces the pages share: the loading and error states, a definition one click away, a card, a tile. */

import { useState, type ReactNode } from 'react';
import type { Loaded } from '../hooks.ts';
import { useWords } from '../i18n.tsx';

export function Status<T>({
  loaded,
  children,
  what,
}: {
  loaded: Loaded<T>;
  children: (value: T) => ReactNode;
  what?: string;
}) {
  const words = useWords();
  if (loaded.state === 'loading')
    return (
      <p className="status" role="status" aria-live="polite">
        {what ?? words('loading')}
      </p>
    );
  if (loaded.state === 'error')
    return (
      <p className="status error" role="alert">
        {words('error')}: {loaded.message}
      </p>
    );
  return <>{children(loaded.value)}</>;
}

/** A figure's definition, shown on request. */
export function Definition({ children }: { children: ReactNode }) {
  const words = useWords();
  const [open, setOpen] = useState(false);
  return (
    <span className="definition">
      <button type="button" className="link" aria-expanded={open} onClick={() => setOpen(!open)}>
        {words('definition')}
      </button>
      {open && <span className="definition-text">{children}</span>}
    </span>
  );
}

export function Section({
  title,
  children,
  aside,
}: {
  title: string;
  children: ReactNode;
  aside?: ReactNode;
}) {
  return (
    <section className="card">
      <div className="card-head">
        <h2>{title}</h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

/** A headline figure. */
/**
 * A headline figure. A first estimate (`provisional`: what it rests on, in words) is shown muted,
 * with the words as its title, and marked data-provisional until the final figure replaces it.
 */
export function Tile({
  label,
  value,
  testId,
  provisional,
}: {
  label: string;
  value: string;
  testId?: string;
  provisional?: string;
}) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div
        className={provisional ? 'tile-value provisional' : 'tile-value'}
        data-testid={testId}
        {...(provisional ? { 'data-provisional': '', title: provisional } : {})}
      >
        {value}
      </div>
    </div>
  );
}
