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
export function Tile({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="tile">
      <div className="tile-label">{label}</div>
      <div className="tile-value" data-testid={testId}>
        {value}
      </div>
    </div>
  );
}
