/** Overblik: persons by benefit group over time, full-time persons by year, inflow and outflow. */

import { useMemo } from 'react';
import { getJson, type Overview } from '../../api.ts';
import { groupKind, useCatalogue, useStateName } from '../../catalogue.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { formatTick, formatYyyyww } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Definition, Section, Status } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider } from '../../ui/Table.tsx';
import { shownFigure, shownTotal, tooltipFigure } from '../../ui/withheld.ts';

export function OverviewPage({ municipality }: { municipality: number }) {
  const code = String(municipality).padStart(3, '0');
  const loaded = useLoad(`overview-${code}`, (signal) =>
    getJson<Overview>(`/api/overview?municipality=${code}`, signal),
  );
  return <Status loaded={loaded}>{(overview) => <OverviewView overview={overview} />}</Status>;
}

function OverviewView({ overview }: { overview: Overview }) {
  const words = useWords();
  const language = useLanguage();
  const name = useStateName();
  const catalogue = useCatalogue();
  // Benefit groups on public support, largest first, and beside them (not in their total) the
  // subsidised employment the municipality pays for: fleksjob.
  const ofKind = (kind: 'support' | 'subsidised') =>
    Object.keys(overview.persons)
      .filter((s) => groupKind(catalogue.get(s)) === kind)
      .sort((a, b) => (overview.persons[b]!.at(-1) ?? 0) - (overview.persons[a]!.at(-1) ?? 0));
  const groups = useMemo(() => ofKind('support'), [overview, catalogue]);
  const subsidised = useMemo(() => ofKind('subsidised'), [overview, catalogue]);
  const personsOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: tooltipFigure(overview.suppressed) },
      legend: { type: 'scroll', bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 60 },
      xAxis: { type: 'category', data: overview.weeks.map((w) => formatYyyyww(w, language)), axisLabel: { interval: 51 } },
      yAxis: { type: 'value', axisLabel: { formatter: formatTick } },
      series: [
        ...groups.map((s) => ({
          name: name(s),
          type: 'line',
          stack: 'persons',
          areaStyle: {},
          symbol: 'none',
          lineStyle: { width: 1 },
          data: overview.persons[s],
        })),
        // Fleksjob on its own line, not stacked on public support.
        ...subsidised.map((s) => ({
          name: name(s),
          type: 'line',
          symbol: 'none',
          lineStyle: { width: 2, type: 'dashed' },
          data: overview.persons[s],
        })),
      ],
    }),
    [overview, groups, subsidised, name, language],
  );
  const years = overview.years.filter((y) => y.weeks >= 26);
  const fullTime = (y: Overview['years'][number]) => shownTotal(groups.map((s) => y.fullTime[s]));
  const sum = (record: Record<string, number | null>) => groups.reduce((a, s) => a + (record[s] ?? 0), 0);
  const flowOption = useMemo(
    () => ({
      tooltip: { trigger: 'axis', valueFormatter: tooltipFigure(overview.suppressed) },
      legend: { bottom: 0 },
      grid: { left: 60, right: 20, top: 20, bottom: 50 },
      xAxis: { type: 'category', data: years.map((y) => String(y.year)) },
      yAxis: { type: 'value', axisLabel: { formatter: formatTick } },
      series: [
        {
          name: words('inflow'),
          type: 'bar',
          data: years.map((y) => sum(y.inflow)),
        },
        {
          name: words('outflow'),
          type: 'bar',
          data: years.map((y) => sum(y.outflow)),
        },
      ],
    }),
    [years, groups, words, overview.suppressed],
  );
  const rowOf = (s: string) => ({
    group: name(s),
    ...Object.fromEntries(
      years.map((y) => [String(y.year), y.fullTime[s] === undefined ? 0 : shownFigure(y.fullTime[s], overview.suppressed)]),
    ),
  });
  const rows = [
    ...groups.map(rowOf),
    {
      group: words('publicSupport'),
      ...Object.fromEntries(years.map((y) => [String(y.year), fullTime(y)])),
    },
    ...subsidised.map(rowOf),
  ];

  const info = {
    title: `${words('overview')} ${overview.municipality.name ?? overview.municipality.code}`,
    assumptions: [
      `${words('dataWindow')} ${formatYyyyww(overview.window.first, language)} – ${formatYyyyww(overview.window.last, language)}.`,
      words('fullTimeDefinition'),
      words('residents'),
      ...(overview.suppressed ? [words('withheldNote', { ...overview.suppressed })] : []),
    ],
  };
  return (
    <ExportInfoProvider info={info}>
      <h1>
        {words('overview')}: {overview.municipality.name ?? overview.municipality.code}
      </h1>
      {overview.suppressed && overview.suppressed.withheld > 0 && (
        <p className="note" data-suppressed={overview.suppressed.withheld}>
          {words('withheldNote', { ...overview.suppressed })}
        </p>
      )}
      <Section title={words('personsByGroup')} aside={<Definition>{words('personsDefinition')}</Definition>}>
        <Chart name="overview-persons" option={personsOption} height={380} label={words('personsByGroup')} />
      </Section>
      <Section
        title={words('fullTimeByYear')}
        aside={
          <Definition>
            {words('fullTimeDefinition')} {words('shortYearsHidden')}
          </Definition>
        }
      >
        <DataTable
          name="overview-fulltime"
          title={words('fullTimePersons')}
          columns={[
            { key: 'group', header: words('benefit') },
            ...years.map((y) => ({
              key: String(y.year),
              header: String(y.year),
              numeric: true,
              decimals: 0,
            })),
          ]}
          rows={rows}
        />
        {subsidised.length > 0 && <p className="note">{words('wageSubsidisedNote')}</p>}
      </Section>
      <Section title={words('flows')} aside={<Definition>{words('flowsDefinition')}</Definition>}>
        <Chart name="overview-flows" option={flowOption} height={280} label={words('flows')} />
      </Section>
    </ExportInfoProvider>
  );
}
