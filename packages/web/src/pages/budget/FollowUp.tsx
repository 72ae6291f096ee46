/**
 * Budgetopfølgning (#/budget/opfoelgning): budget against realised from GET /api/budget/followup
 * (the server's budget/followup.ts): per benefit group the year's budget, the budget and what was
 * paid through the last whole month (the Ydelsesrefusion lines), the year end forecast and the
 * deviation, flagged beyond the threshold; under each group its months. Without a saved budget for
 * the year the server answers 409 `no-budget`, and the page says so in its own words. Realised
 * figures on few persons come withheld (null) for roles with suppression and show as "<5".
 */

import { followUpGroupName, type FollowUpReport as FollowUpAnswer } from '@jobinvest/core';
import { useState } from 'react';
import { ApiError, getJson } from '../../api.ts';
import { formatKr, formatMonth, formatPercent, formatYyyyww } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Definition, Section, Status, Tile } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Row } from '../../ui/Table.tsx';

type Loaded = { readonly kind: 'report'; readonly report: FollowUpAnswer } | { readonly kind: 'no-budget' };

/** The follow-up of a year, or that there is no budget for it yet (409 `no-budget`). */
async function loadFollowUp(path: string, signal: AbortSignal): Promise<Loaded> {
  try {
    return { kind: 'report', report: await getJson<FollowUpAnswer>(path, signal) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'no-budget') return { kind: 'no-budget' };
    throw error;
  }
}

const kr = (x: number | null | undefined) => (x === null || x === undefined ? null : Math.round(x));

export function FollowUpPage({ municipality, today = new Date() }: { municipality: number; today?: Date }) {
  const words = useWords();
  const thisYear = today.getFullYear();
  const [year, setYear] = useState(thisYear);
  const path = `/api/budget/followup?municipality=${String(municipality).padStart(3, '0')}&year=${year}`;
  const loaded = useLoad(path, (signal) => loadFollowUp(path, signal));
  return (
    <>
      <h1>{words('fuTitle')}</h1>
      <p className="lead">{words('fuLead')}</p>
      <div className="controls">
        <label>
          {words('fuYear')}{' '}
          <select value={year} onChange={(e) => setYear(Number(e.target.value))} data-fu-year>
            {[thisYear + 1, thisYear, thisYear - 1].map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ExportInfoProvider info={{ title: words('fuTitle'), assumptions: [words('fuRule')] }}>
        <Status loaded={loaded} what={words('fuLoading')}>
          {(answer) =>
            answer.kind === 'no-budget' ? (
              <p className="note" data-fu-no-budget>
                {words('fuNoBudget', { year })}
              </p>
            ) : (
              <Report report={answer.report} />
            )
          }
        </Status>
      </ExportInfoProvider>
    </>
  );
}

function Report({ report }: { report: FollowUpAnswer }) {
  const words = useWords();
  const language = useLanguage();
  const [y, m] = report.throughMonth.split('-').map(Number) as [number, number];
  const through = report.throughMonth < `${report.year}-01` ? null : formatMonth(y, m, language);
  const sum = (pick: (l: FollowUpAnswer['lines'][number]) => number | null) =>
    report.lines.some((l) => pick(l) === null) ? null : report.lines.reduce((s, l) => s + pick(l)!, 0);
  const withheld = report.suppressed.threshold === null ? '–' : `<${report.suppressed.threshold}`;
  const figure = (x: number | null, hidden: boolean) => (hidden ? withheld : kr(x));
  const flagged = report.lines.filter((l) => l.flagged);
  return (
    <div data-fu-report>
      <p className="note">
        {through === null ? words('fuNothingYet') : words('fuThrough', { month: through })}{' '}
        {report.lastWeek === null
          ? words('fuNoLines')
          : words('fuLastWeek', { week: formatYyyyww(report.lastWeek, language) })}{' '}
        <Definition>{words('fuRule')}</Definition>
      </p>
      <div className="tiles">
        <Tile label={words('fuBudgetYear')} value={formatKr(sum((l) => l.budget.net) ?? 0)} />
        <Tile label={words('fuBudgetToDate')} value={formatKr(sum((l) => l.budgetToDate.net) ?? 0)} />
        <Tile label={words('fuRealisedToDate')} value={total(sum((l) => l.realisedToDate?.net ?? null))} />
        <Tile label={words('fuProjected')} value={total(sum((l) => l.projectedYearEnd?.net ?? null))} />
      </div>
      {flagged.length > 0 && (
        <p className="status error" role="status" data-fu-flagged>
          {words('fuFlaggedLines', {
            threshold: formatPercent(report.threshold),
            lines: flagged.map((l) => followUpGroupName(l.benefit)).join(', '),
          })}
        </p>
      )}
      <Section title={words('fuSummary')}>
        <DataTable
          name="budget-followup"
          title={words('fuTitle')}
          columns={[
            // jobindsats' names of the groups, in Danish as jobindsats writes them.
            { key: 'benefit', header: words('fuBenefit'), lang: 'da' },
            { key: 'budget', header: words('fuBudgetYear'), numeric: true, unit: 'kr.' },
            { key: 'budgetToDate', header: words('fuBudgetToDate'), numeric: true, unit: 'kr.' },
            { key: 'realised', header: words('fuRealisedToDate'), numeric: true, unit: 'kr.' },
            { key: 'projected', header: words('fuProjected'), numeric: true, unit: 'kr.' },
            { key: 'deviation', header: words('fuDeviation'), numeric: true, unit: 'kr.' },
            { key: 'share', header: words('fuDeviationShare'), numeric: true },
            { key: 'flag', header: words('fuFlag') },
          ]}
          rows={report.lines.map((l): Row => ({
            benefit: followUpGroupName(l.benefit),
            budget: kr(l.budget.net),
            budgetToDate: kr(l.budgetToDate.net),
            realised: figure(l.realisedToDate?.net ?? null, l.withheld),
            projected: figure(l.projectedYearEnd?.net ?? null, l.withheld),
            deviation: figure(l.deviation, l.withheld),
            share: l.withheld ? withheld : l.deviationShare === null ? null : formatPercent(l.deviationShare),
            flag: l.flagged ? words('fuFlagged') : null,
          }))}
        />
      </Section>
      {report.lines.map((l) => (
        <details key={l.benefit} className="card" data-fu-line={l.benefit} open={l.flagged === true}>
          <summary>
            <span lang="da">{followUpGroupName(l.benefit)}</span>
            {l.flagged ? ` · ${words('fuFlagged')}` : ''}
          </summary>
          <DataTable
            name={`budget-followup-${l.benefit}`}
            columns={[
              { key: 'month', header: words('fuMonth') },
              { key: 'budgetGross', header: words('fuBudgetGross'), numeric: true, unit: 'kr.' },
              { key: 'budgetNet', header: words('fuBudgetNet'), numeric: true, unit: 'kr.' },
              { key: 'gross', header: words('fuRealisedGross'), numeric: true, unit: 'kr.' },
              { key: 'refusion', header: words('fuRefusion'), numeric: true, unit: 'kr.' },
              { key: 'cofinancing', header: words('fuCofinancing'), numeric: true, unit: 'kr.' },
              { key: 'net', header: words('fuRealisedNet'), numeric: true, unit: 'kr.' },
            ]}
            rows={l.months.map((month): Row => {
              const [my, mm] = month.month.split('-').map(Number) as [number, number];
              const r = month.realised;
              return {
                month: formatMonth(my, mm, language),
                budgetGross: kr(month.budget.gross),
                budgetNet: kr(month.budget.net),
                gross: figure(r?.gross ?? null, month.withheld),
                refusion: figure(r?.refusion ?? null, month.withheld),
                cofinancing: figure(r?.cofinancing ?? null, month.withheld),
                net: figure(r?.net ?? null, month.withheld),
              };
            })}
          />
        </details>
      ))}
      {report.outside.length > 0 && (
        <p className="note" data-fu-outside>
          {words('fuOutside', {
            lines: report.outside
              .map((o) => `${followUpGroupName(o.benefit)} (${formatKr(o.budget.net)})`)
              .join(', '),
          })}
        </p>
      )}
      {report.unmapped.length > 0 && (
        <p className="note" data-fu-unmapped>
          {words('fuUnmapped', { names: report.unmapped.map((u) => `${u.name} (${u.lines})`).join(', ') })}
        </p>
      )}
    </div>
  );
}

/** A total as a tile shows it: none where a part of it is withheld (it would give the part away). */
function total(x: number | null): string {
  return x === null ? '–' : formatKr(x);
}
