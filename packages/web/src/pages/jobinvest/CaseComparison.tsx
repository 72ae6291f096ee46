/** Saved cases compared: each chosen case evaluated live, its settings and results side by side. */

import { useState } from 'react';
import { getJson, postJson, type CaseResult, type SavedCase } from '../../api.ts';
import { formatKr, formatNumber } from '../../format.ts';
import { useWords } from '../../i18n.tsx';

/** The button that compares the chosen saved cases (two or more), and the comparison it asks for. */
export function CaseComparison({ chosen }: { chosen: readonly number[] }) {
  const words = useWords();
  const [comparison, setComparison] = useState<
    { state: 'computing' } | { state: 'error'; message: string } | { state: 'done'; rows: Compared[] } | null
  >(null);
  const compare = async () => {
    setComparison({ state: 'computing' });
    try {
      const rows = await Promise.all(
        chosen.map(async (id) => {
          const saved = await getJson<SavedCase>(`/api/cases/${id}`);
          const withheld = (saved.document.target as { personsWithheld?: number } | undefined)
            ?.personsWithheld;
          if (withheld !== undefined)
            throw new Error(`${saved.name}: ${words('personsWithheldCase', { n: withheld })}`);
          const result = await postJson<CaseResult>('/api/invest', { ...saved.document, replications: 0 });
          return { saved, result };
        }),
      );
      setComparison({ state: 'done', rows });
    } catch (error) {
      setComparison({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <>
      <div className="row">
        <button
          type="button"
          className="secondary"
          disabled={chosen.length < 2}
          onClick={() => void compare()}
        >
          {words('compare')} ({chosen.length})
        </button>
      </div>
      {comparison?.state === 'computing' && <p className="status computing">{words('computing')}</p>}
      {comparison?.state === 'error' && (
        <p className="status error" role="alert">
          {words('error')}: {comparison.message}
        </p>
      )}
      {comparison?.state === 'done' && <Comparison rows={comparison.rows} />}
    </>
  );
}

interface Compared {
  readonly saved: SavedCase;
  readonly result: CaseResult;
}

/** Saved cases side by side: their settings and their results. */
function Comparison({ rows }: { rows: readonly Compared[] }) {
  const words = useWords();
  const line = (label: string, value: (c: Compared) => string) => (
    <tr key={label}>
      <th>{label}</th>
      {rows.map((c) => (
        <td key={c.saved.caseId} className="num">
          {value(c)}
        </td>
      ))}
    </tr>
  );
  const payback = (w: number | null) => (w === null ? words('never') : words('weeksCount', { weeks: w }));
  return (
    <div className="table-wrap">
      <table data-table="comparison">
        <thead>
          <tr>
            <th />
            {rows.map((c) => (
              <th key={c.saved.caseId} className="num">
                {c.saved.name} (v{c.saved.version})
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {line(words('participants'), (c) => formatNumber(c.saved.document.participants))}
          {line(words('costPerParticipant'), (c) => formatKr(c.saved.document.cost.perParticipant ?? 0))}
          {line(words('effect'), (c) => formatNumber(c.result.hazardRatio, 2))}
          {line(words('horizon'), (c) => String(c.saved.document.horizonWeeks))}
          {line(words('npv'), (c) => formatKr(c.result.npv))}
          {line(words('payback'), (c) => payback(c.result.paybackWeek))}
          {line(words('discountedPayback'), (c) => payback(c.result.discountedPaybackWeek))}
          {line(words('breakEven'), (c) =>
            c.result.breakEvenEffect === null ? '–' : formatNumber(c.result.breakEvenEffect, 3),
          )}
          {line(words('movedFullTime'), (c) => formatNumber(c.result.fullTimePersonsMoved, 1))}
        </tbody>
      </table>
    </div>
  );
}
