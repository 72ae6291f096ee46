/**
 * Nøgletal's survival curves by inflow cohort (GET /api/kpi/survival): of the spells by jobindsats'
 * month rule that started in each year, or each quarter of the page's period, the share still on
 * the benefit after each number of weeks (the statistics engine's Kaplan-Meier, on the server), as
 * step lines and as a table of spells, median and the shares after 13, 26 and 52 weeks.
 *
 * The curves are the municipality's: the route has no department or caseworker level, so the page
 * shows them beside the municipality's measures only. Cohorts of few spells come withheld for roles
 * with suppression and show as "<5"; their curves are not drawn.
 *
 * Each point drawn is the curve's value at a whole week, 0 to the curve's end: durations are whole
 * calendar weeks, so the curve only steps there, and the tooltip of a week shows each cohort's exact
 * share at it.
 */

import { fromYyyyww, JOBINDSATS_SPELL_RULE, toYyyyww, yearWeekOf } from '@jobinvest/core';
import { useMemo, useState } from 'react';
import { getJson } from '../../api.ts';
import { formatPercent, formatYyyyww } from '../../format.ts';
import { useKept, useLoad } from '../../hooks.ts';
import { useLanguage, useWords, type Language } from '../../i18n.tsx';
import { useMay } from '../../permissions.tsx';
import { Chart } from '../../ui/Chart.tsx';
import type { WeekRange } from '../../ui/danish-input.ts';
import { Definition, Section } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { withheldText } from '../../ui/withheld.ts';
import { fullYears, MAX_PERIOD_WEEKS, yearPeriod, type Period } from './kpi-request.ts';
import { groupName } from './results-api.ts';

type Cohort = 'year' | 'quarter';

/** The weeks after which the table shows the share still on the benefit (the API's survivalAt). */
const MARKS = ['13', '26', '52'] as const;

/** The chart's x axis ends here: two years, where the cohorts differ; the table holds the rest. */
const AXIS_WEEKS = 104;

/** One cohort of GET /api/kpi/survival (the server's monitoring/survival.ts). */
export interface CohortCurve {
  /** `2024`, or `2024K3` by quarter. */
  cohort: string;
  /** null: withheld. */
  spells: number | null;
  ended: number | null;
  /** null: not reached within the curve, or withheld. */
  medianWeeks: number | null;
  /** null: beyond the curve's end, or withheld. */
  survivalAt: Record<'4' | '13' | '26' | '52' | '104', number | null>;
  curve: { weeks: number; survival: number; atRisk: number }[];
}

export interface SurvivalAnswer {
  municipality: number;
  benefit: string;
  from: number;
  to: number;
  cohorts: CohortCurve[];
  dataLast: number;
  /** threshold null: the role sees figures as they are. */
  suppressed: { threshold: number | null; withheld: number };
}

/**
 * The cohorts by year: every whole ISO year the route can answer for (its longest period ends at the
 * data's last week), and the running year up to that week.
 */
export function yearCohorts(window: WeekRange): Period {
  const earliest = Math.max(window.first, toYyyyww(fromYyyyww(window.last) - MAX_PERIOD_WEEKS + 1));
  const years = fullYears({ first: earliest, last: window.last });
  return { from: years.length > 0 ? yearPeriod(years[0]!).from : earliest, to: window.last };
}

/** `2024K3` as a person reads it: "2024 K3", "2024 Q3". */
function cohortName(cohort: string, language: Language): string {
  return cohort.replace(/K(\d)$/, language === 'da' ? ' K$1' : ' Q$1');
}

/** The page's period in words: "2024" for a whole ISO year, else its weeks. */
function periodText(period: Period, language: Language): string {
  const year = yearWeekOf(fromYyyyww(period.from)).year;
  const whole = yearPeriod(year);
  return period.from === whole.from && period.to === whole.to
    ? String(year)
    : `${formatYyyyww(period.from, language)} – ${formatYyyyww(period.to, language)}`;
}

/** The curve's value after each whole week from 0 to its end (at most `until`). */
function weekly(curve: CohortCurve['curve'], until: number): [number, number][] {
  const end = Math.min(curve.at(-1)?.weeks ?? 0, until);
  const points: [number, number][] = [];
  let survival = 1;
  let next = 0;
  for (let week = 0; week <= end; week++) {
    while (next < curve.length && curve[next]!.weeks <= week) survival = curve[next++]!.survival;
    points.push([week, survival * 100]);
  }
  return points;
}

export function Survival({
  municipality,
  name,
  benefit,
  period,
  window,
  targetGroup,
}: {
  municipality: number;
  name: string;
  benefit: string;
  /** The page's period, whose quarters are the cohorts by quarter; null while it is refused. */
  period: Period | null;
  window: WeekRange;
  /** The page's target group is chosen: the curves, of the whole benefit group, say so. */
  targetGroup: boolean;
}) {
  const may = useMay('read:aggregates');
  const words = useWords();
  const language = useLanguage();
  const [cohort, setCohort] = useState<Cohort>('year');
  const asked = cohort === 'year' ? yearCohorts(window) : period;
  const path =
    may && asked
      ? `/api/kpi/survival?${new URLSearchParams({
          municipality: String(municipality).padStart(3, '0'),
          benefit,
          from: String(asked.from),
          to: String(asked.to),
          cohort,
        }).toString()}`
      : null;
  const loaded = useLoad(path, (signal) =>
    getJson<SurvivalAnswer>(path!, signal).then((answer) => ({ kind: cohort, answer })),
  );
  const { value: shown, busy, error } = useKept(loaded);
  const answer = shown?.answer ?? null;
  if (!may) return null;
  const periodName = period === null ? '' : periodText(period, language);
  const title = words(`kpiSurvival_${shown?.kind ?? cohort}`);
  return (
    <Section
      title={title}
      aside={
        <span className="table-tools">
          <label>
            {words('kpiSurvivalCohort')}{' '}
            <select
              name="survivalCohort"
              value={cohort}
              onChange={(e) => setCohort(e.target.value as Cohort)}
            >
              <option value="year">{words('kpiSurvivalByYear')}</option>
              <option value="quarter" disabled={period === null}>
                {words('kpiSurvivalByQuarter', { period: periodName })}
              </option>
            </select>
          </label>
          {answer && <Definition>{definition(answer, words, language)}</Definition>}
        </span>
      }
    >
      <p className="kpi-busy" role="status" aria-live="polite">
        {busy ? (answer ? words('kpiUpdating') : words('loading')) : ''}
      </p>
      {error && (
        <p className="status error" role="alert" data-survival-error>
          {words('error')}: {error}
        </p>
      )}
      {answer && !error && (
        <div className="results" aria-busy={busy} data-survival={shown!.kind}>
          {/* Faded at once while the page's period is refused, after a moment while an answer comes. */}
          <div className={!path && !busy ? 'stale' : 'current'}>
            <SurvivalView
              answer={answer}
              kind={shown!.kind}
              name={name}
              title={title}
              targetGroup={targetGroup}
            />
          </div>
        </div>
      )}
    </Section>
  );
}

type Words = ReturnType<typeof useWords>;

/** The rule of the curves, with the role's suppression as the server applied it. */
function definition(answer: SurvivalAnswer, words: Words, language: Language): string {
  const { threshold } = answer.suppressed;
  return [
    JOBINDSATS_SPELL_RULE[language],
    words('kpiSurvivalRule', { last: formatYyyyww(answer.dataLast, language) }),
    threshold === null ? words('kpiSurvivalUnsuppressed') : words('kpiSurvivalSuppressed', { threshold }),
  ].join(' ');
}

function SurvivalView({
  answer,
  kind,
  name,
  title,
  targetGroup,
}: {
  answer: SurvivalAnswer;
  kind: Cohort;
  name: string;
  title: string;
  targetGroup: boolean;
}) {
  const words = useWords();
  const language = useLanguage();
  const { threshold, withheld } = answer.suppressed;
  const suppressed = threshold === null ? undefined : { threshold, withheld };
  const drawn = answer.cohorts.filter((c) => c.spells !== null && c.curve.length > 0);
  const option = useMemo(
    () => ({
      tooltip: {
        trigger: 'axis',
        valueFormatter: (v: number | null | undefined) =>
          v === null || v === undefined ? '–' : formatPercent(v / 100, 1),
      },
      legend: { bottom: 0, type: 'scroll' },
      grid: { left: 56, right: 20, top: 16, bottom: 64 },
      xAxis: {
        type: 'value',
        name: words('kpiSurvivalAxis'),
        nameLocation: 'middle',
        nameGap: 26,
        min: 0,
        max: AXIS_WEEKS,
        interval: 13,
      },
      yAxis: {
        type: 'value',
        min: 0,
        max: 100,
        name: words('kpiSurvivalShare'),
        nameLocation: 'middle',
        nameGap: 40,
        axisLabel: { formatter: (v: number) => `${v} %` },
      },
      series: drawn.map((c) => ({
        name: cohortName(c.cohort, language),
        type: 'line',
        step: 'end',
        symbol: 'none',
        data: weekly(c.curve, AXIS_WEEKS),
      })),
    }),
    [drawn, words, language],
  );
  const percent = (share: number | null) => (share === null ? null : Number((share * 100).toFixed(1)));
  const columns: Column[] = [
    { key: 'cohort', header: words(`kpiSurvivalCohort_${kind}`) },
    { key: 'spells', header: words('kpiSurvivalSpells'), numeric: true },
    // A median can lie halfway between two weeks (R's rule where the curve lies at exactly 50 %).
    { key: 'median', header: words('kpiSurvivalMedian'), numeric: true, decimals: 1 },
    ...MARKS.map((weeks) => ({
      key: `after${weeks}`,
      header: words('kpiSurvivalAfter', { weeks }),
      numeric: true,
      decimals: 1,
      unit: '%',
    })),
  ];
  const rows: Row[] = answer.cohorts.map((c) => {
    // A withheld cohort: every figure "<5"; otherwise null is "–" (not reached, beyond the curve).
    const figure = (value: number | null) =>
      c.spells === null && suppressed ? withheldText(suppressed) : value;
    return {
      cohort: cohortName(c.cohort, language),
      spells: figure(c.spells),
      median: figure(c.medianWeeks),
      ...Object.fromEntries(MARKS.map((weeks) => [`after${weeks}`, figure(percent(c.survivalAt[weeks]))])),
    };
  });
  const benefitName = groupName(answer.benefit, language);
  const lead = words(`kpiSurvivalLead_${kind}`, {
    benefit: benefitName,
    municipality: name,
    from: formatYyyyww(answer.from, language),
    to: formatYyyyww(answer.to, language),
  });
  const withheldNote =
    suppressed && withheld > 0
      ? words('kpiSurvivalWithheld', { withheld, threshold: suppressed.threshold })
      : null;
  const info = {
    title: `${title} ${name} ${answer.from}-${answer.to}`,
    assumptions: [
      lead,
      definition(answer, words, language),
      words('kpiSurvivalDash'),
      ...(withheldNote ? [withheldNote] : []),
    ],
  };
  return (
    <ExportInfoProvider info={info}>
      <p className="lead">
        {lead}
        {targetGroup && ` ${words('kpiSurvivalWholeGroup')}`}
      </p>
      {withheldNote && (
        <p className="note" data-survival-withheld={withheld}>
          {withheldNote}
        </p>
      )}
      {answer.cohorts.length === 0 ? (
        <p className="note">{words('kpiSurvivalNone')}</p>
      ) : (
        <>
          {drawn.length > 0 && <Chart name="kpi-survival" option={option} height={320} label={title} />}
          <DataTable name="kpi-survival" title={title} columns={columns} rows={rows} />
          <p className="note">{words('kpiSurvivalDash')}</p>
        </>
      )}
    </ExportInfoProvider>
  );
}
