/**
 * Grupper: progression of groups of citizens (GET /api/progression/groups) by benefit, department,
 * caseworker (for a role that may `read:levels`) or intervention: the mean score of each indicator
 * per quarter as small line charts, one per indicator with a line per group, the same figures as a
 * table, and the share whose mean score moved up, stayed or moved down between their last two final
 * measurements. Figures on fewer persons than the threshold come withheld (null) for roles with
 * suppression and show as "<5" (ui/withheld.ts); their points are not drawn.
 */

import {
  INDICATORS,
  interventionName,
  type DemoTruth,
  type GroupBy,
  type GroupsAnswer,
  type Indicator,
  type Respondent,
} from '@jobinvest/core';
import { useCallback, useMemo, useState } from 'react';
import { getJson, type Suppressed } from '../../api.ts';
import { useStateName } from '../../catalogue.tsx';
import { formatNumber, formatPercent } from '../../format.ts';
import { useKept, useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { useMay } from '../../permissions.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { PALETTE } from '../../ui/palette.ts';
import { Definition, Section } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { shownFigure, tooltipFigure, withheldText } from '../../ui/withheld.ts';
import { truthComparison } from './groups-truth.ts';
import { code3, PROGRESSION, useIndicatorName } from './progression-api.ts';

const GROUP_BYS: readonly GroupBy[] = ['benefit', 'department', 'caseworker', 'intervention'];

/** The answer's withheld figures as the tables count them, when suppression was applied. */
function suppressedOf(answer: GroupsAnswer): Suppressed | undefined {
  if (!answer.suppression.applied) return undefined;
  const withheld = answer.groups.reduce(
    (n, g) =>
      n +
      g.quarters.reduce((m, q) => m + Object.values(q.means).filter((v) => v === null).length, 0) +
      (g.movement.persons === null ? 1 : 0),
    0,
  );
  return { threshold: answer.suppression.threshold, withheld };
}

export function GroupsPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const mayLevels = useMay('read:levels');
  const [by, setBy] = useState<GroupBy>('benefit');
  const [respondent, setRespondent] = useState<Respondent>('caseworker');
  const path = `${PROGRESSION}/groups?municipality=${code3(municipality)}&by=${by}&respondent=${respondent}`;
  const loaded = useLoad(path, (signal) => getJson<GroupsAnswer>(path, signal));
  const { value, busy, error } = useKept(loaded);
  const choices = GROUP_BYS.filter((b) => b !== 'caseworker' || mayLevels);
  return (
    <>
      <h1>{words('progGroups')}</h1>
      <p className="lead">{words('progGroupsLead')}</p>
      <div className="filters">
        <label>
          {words('progGroupBy')}{' '}
          <select name="by" value={by} onChange={(e) => setBy(e.target.value as GroupBy)}>
            {choices.map((b) => (
              <option key={b} value={b}>
                {words(`progBy_${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {words('progView')}{' '}
          <select
            name="respondent"
            value={respondent}
            onChange={(e) => setRespondent(e.target.value as Respondent)}
          >
            <option value="caseworker">{words('progViewCaseworker')}</option>
            <option value="citizen">{words('progViewCitizen')}</option>
          </select>
        </label>
        {busy && (
          <span className="status" role="status">
            {words('loading')}
          </span>
        )}
      </div>
      {error && (
        <p className="status error" role="alert">
          {words('error')}: {error}
        </p>
      )}
      {value && <GroupFigures answer={value} />}
    </>
  );
}

function GroupFigures({ answer }: { answer: GroupsAnswer }) {
  const words = useWords();
  const indicatorName = useIndicatorName();
  const stateName = useStateName();
  const language = useLanguage();
  const suppressed = suppressedOf(answer);
  // A benefit group's code reads as its name; other groups come labelled by the server; `none`
  // gathers the measurements with no group (no benefit, department or intervention that week).
  const label = useCallback(
    (g: { group: string; label: string }) =>
      g.group === 'none'
        ? words(`progNoGroup_${answer.by}`)
        : answer.by === 'benefit'
          ? stateName(g.group)
          : answer.by === 'intervention'
            ? interventionName(g.group, language)
            : g.label || g.group,
    [answer.by, stateName, words, language],
  );
  const quarters = useMemo(
    () => [...new Set(answer.groups.flatMap((g) => g.quarters.map((q) => q.quarter)))].sort(),
    [answer],
  );
  const indicators = INDICATORS.filter((k) =>
    answer.groups.some((g) => g.quarters.some((q) => k in q.means)),
  );
  const allWithheld = answer.groups.every((g) =>
    g.quarters.every((q) => Object.values(q.means).every((v) => v === null)),
  );
  const who = words(answer.respondent === 'citizen' ? 'progViewCitizen' : 'progViewCaseworker');
  const notes = [
    words('progGroupsLead'),
    words('progGroupsRespondent', { who }),
    ...(suppressed ? [words('progGroupsSuppressed', { threshold: suppressed.threshold })] : []),
  ];
  if (answer.groups.length === 0)
    return (
      <p className="note" data-groups-none>
        {words('progGroupsNone')}
      </p>
    );
  const movementColumns: Column[] = [
    { key: 'group', header: words(`progBy_${answer.by}`) },
    { key: 'persons', header: words('progPersons'), numeric: true },
    { key: 'up', header: words('progUp'), numeric: true },
    { key: 'same', header: words('progSame'), numeric: true },
    { key: 'down', header: words('progDown'), numeric: true },
  ];
  const share = (v: number | null) =>
    v === null ? (suppressed ? withheldText(suppressed) : null) : formatPercent(v);
  // One row per group and indicator, a column per quarter: the quarters are few, the indicators many.
  const meansColumns: Column[] = [
    { key: 'group', header: words(`progBy_${answer.by}`) },
    { key: 'indicator', header: words('progIndicator') },
    ...quarters.map((q): Column => ({ key: q, header: q, numeric: true, decimals: 2 })),
  ];
  const meansRows = answer.groups.flatMap((g) => {
    const by = new Map(g.quarters.map((q) => [q.quarter, q]));
    const persons: Row = {
      group: label(g),
      indicator: words('progPersons'),
      ...Object.fromEntries(quarters.map((q) => [q, shownFigure(by.get(q)?.persons, suppressed)])),
    };
    return [
      persons,
      ...indicators.map((k): Row => ({
        group: label(g),
        indicator: indicatorName(k),
        ...Object.fromEntries(quarters.map((q) => [q, shownFigure(by.get(q)?.means[k], suppressed)])),
      })),
    ];
  });
  return (
    <ExportInfoProvider info={{ title: words('progGroups'), assumptions: notes }}>
      <p className="note" data-groups-respondent={answer.respondent}>
        {words('progGroupsRespondent', { who })}
        {suppressed && ` ${words('progGroupsSuppressed', { threshold: suppressed.threshold })}`}
      </p>
      {answer.truth && <GroupTruth answer={answer} truth={answer.truth} label={label} />}
      <Section
        title={words('progMovement')}
        aside={<Definition>{words('progMovementDefinition')}</Definition>}
      >
        <DataTable
          name="progression-movement"
          title={words('progMovement')}
          columns={movementColumns}
          rows={answer.groups.map((g): Row => ({
            group: label(g),
            persons: shownFigure(g.movement.persons, suppressed),
            up: share(g.movement.up),
            same: share(g.movement.same),
            down: share(g.movement.down),
          }))}
        />
      </Section>
      <Section title={words('progMeans')}>
        {allWithheld && suppressed && (
          <p className="note" data-groups-withheld>
            {words('progGroupsAllWithheld', { threshold: suppressed.threshold })}
          </p>
        )}
        {!allWithheld && (
          <>
            <ul className="radar-legend" aria-label={words('progLegend')}>
              {answer.groups.map((g, i) => (
                <li key={g.group}>
                  <svg width="28" height="10" aria-hidden="true">
                    <line x1="0" y1="5" x2="28" y2="5" stroke={PALETTE[i % PALETTE.length]} strokeWidth={2} />
                  </svg>
                  {label(g)}
                </li>
              ))}
            </ul>
            <div className="prog-small-multiples">
              {indicators.map((k) => (
                <IndicatorChart
                  key={k}
                  indicator={k}
                  quarters={quarters}
                  answer={answer}
                  label={label}
                  suppressed={suppressed}
                />
              ))}
            </div>
          </>
        )}
        <DataTable
          name="progression-group-means"
          title={words('progMeans')}
          columns={meansColumns}
          rows={meansRows}
        />
      </Section>
    </ExportInfoProvider>
  );
}

function IndicatorChart({
  indicator,
  quarters,
  answer,
  label,
  suppressed,
}: {
  indicator: Indicator;
  quarters: readonly string[];
  answer: GroupsAnswer;
  label: (g: { group: string; label: string }) => string;
  suppressed: Suppressed | undefined;
}) {
  const words = useWords();
  const indicatorName = useIndicatorName();
  const name = indicatorName(indicator);
  const option = useMemo(
    () => ({
      grid: { left: 32, right: 8, top: 8, bottom: 24 },
      tooltip: {
        trigger: 'axis',
        valueFormatter: tooltipFigure(suppressed, 2),
      },
      xAxis: { type: 'category', data: quarters, axisLabel: { fontSize: 10 } },
      yAxis: {
        type: 'value',
        min: 1,
        max: 5,
        interval: 1,
        axisLabel: { formatter: (v: number) => formatNumber(v) },
      },
      series: answer.groups.map((g) => {
        const by = new Map(g.quarters.map((q) => [q.quarter, q.means[indicator] ?? null]));
        return {
          type: 'line',
          name: label(g),
          data: quarters.map((q) => by.get(q) ?? null),
          connectNulls: false,
          symbolSize: 4,
        };
      }),
    }),
    [quarters, answer, indicator, label, suppressed],
  );
  return (
    <div className="prog-small-chart">
      <h3>{name}</h3>
      <Chart
        option={option}
        name={`progression-group-${indicator}`}
        height={170}
        label={words('progMeansChartLabel', { indicator: name })}
      />
    </div>
  );
}

function GroupTruth({
  answer,
  truth,
  label,
}: {
  answer: GroupsAnswer;
  truth: DemoTruth;
  label: (g: { group: string; label: string }) => string;
}) {
  const words = useWords();
  const rows = truthComparison(answer, truth);
  if (!rows || rows.length === 0) return null;
  const same = rows.every((r) => r.measuredRank === r.trueRank);
  const by = answer.by === 'benefit' ? 'benefit' : 'intervention';
  return (
    <Section title={words('progGroupsTruth')}>
      <p className="notice" data-groups-truth={same ? 'same-order' : 'other-order'}>
        {words(`progGroupsTruthLead_${by}`, { version: truth.modelVersion })}{' '}
        {words(same ? 'progGroupsTruthSame' : 'progGroupsTruthOther')}
      </p>
      <DataTable
        name="progression-groups-truth"
        title={words('progGroupsTruth')}
        columns={[
          { key: 'group', header: words(`progBy_${answer.by}`) },
          { key: 'measured', header: words(`progGroupsTruthMeasured_${by}`), numeric: true, decimals: 2 },
          { key: 'measuredRank', header: words('progGroupsTruthRank'), numeric: true },
          { key: 'truth', header: words(`progGroupsTruthValue_${by}`), numeric: true, decimals: 3 },
          { key: 'trueRank', header: words('progGroupsTruthTrueRank'), numeric: true },
        ]}
        rows={rows.map((r): Row => ({
          group: label(answer.groups.find((g) => g.group === r.group)!),
          measured: r.measured,
          measuredRank: r.measuredRank,
          truth: r.truth,
          trueRank: r.trueRank,
        }))}
      />
    </Section>
  );
}
