/**
 * Sammenligning: expected against actual support across the municipalities (GET /api/benchmark,
 * the idea of STAR/VIVE's Y30R21): a scatter of each municipality's expected share of the residents
 * aged 16-66 on public support against its actual share, with the diagonal where they are equal,
 * the own municipality and its most similar peers (GET /api/peers) marked; and the ranking with the
 * differences in persons and kroner, to .xlsx. Until the store holds the figures for enough
 * municipalities the server refuses (422), and the page says why in the person's language.
 */

import { formatYyyyww } from '@jobinvest/core';
import { useMemo } from 'react';
import { ApiError, getJson, type DataSummary } from '../../api.ts';
import { formatNumber, formatTick } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Chart } from '../../ui/Chart.tsx';
import { Definition, Section, Status } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { wordsIn } from '../../words.ts';
import { municipalityName, type BenchmarkAnswer, type PeersAnswer } from './results-api.ts';

export function ComparisonPage({ municipality, summary }: { municipality: number; summary: DataSummary }) {
  const words = useWords();
  const language = useLanguage();
  const last = summary.window?.last ?? null;
  const code = String(municipality).padStart(3, '0');
  const benchmark = useLoad(last === null ? null : `benchmark-${municipality}-${last}`, (signal) =>
    getJson<BenchmarkAnswer>(`/api/benchmark?municipality=${code}&to=${last}`, signal).catch(
      (error: unknown) => {
        if (signal.aborted || !(error instanceof ApiError) || error.status !== 422) throw error;
        throw new Error(wordsIn(language)('comparisonRefused', { message: error.message }));
      },
    ),
  );
  // The peers only mark points: without them the chart is still whole.
  const peers = useLoad(`peers-${municipality}`, (signal) =>
    getJson<PeersAnswer>(`/api/peers?municipality=${code}&peers=similar`, signal).catch(() => null),
  );
  const name =
    summary.municipalities.find((m) => m.code === municipality)?.name ?? municipalityName(municipality);
  if (last === null)
    return (
      <p className="status error" role="alert">
        {words('noMunicipality')}
      </p>
    );
  return (
    <>
      <h1>
        {words('comparison')}: {name}
      </h1>
      <Status loaded={benchmark}>
        {(answer) => (
          <Benchmark
            answer={answer}
            municipality={municipality}
            peers={peers.state === 'done' && peers.value ? peers.value.codes : []}
          />
        )}
      </Status>
    </>
  );
}

function Benchmark({
  answer,
  municipality,
  peers,
}: {
  answer: BenchmarkAnswer;
  municipality: number;
  peers: readonly number[];
}) {
  const words = useWords();
  const language = useLanguage();
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  const lead = words('comparisonLead', {
    from: week(answer.period.from),
    to: week(answer.period.to),
    year: answer.year,
  });
  const rows = answer.benchmark.rows;
  const peerSet = useMemo(() => new Set(peers), [peers]);
  const option = useMemo(() => {
    const point = (r: (typeof rows)[number]) => ({
      value: [r.expectedShare * 100, r.actualShare * 100],
      name: municipalityName(r.code),
    });
    const shares = rows.flatMap((r) => [r.expectedShare * 100, r.actualShare * 100]);
    const low = Math.floor(Math.min(...shares) - 0.5);
    const high = Math.ceil(Math.max(...shares) + 0.5);
    const own = rows.filter((r) => r.code === municipality);
    return {
      tooltip: {
        trigger: 'item',
        formatter: (p: { name: string; value: [number, number]; seriesName: string }) =>
          p.seriesName === words('comparisonDiagonal')
            ? p.seriesName
            : `${p.name}<br/>${words('comparisonExpectedShare')}: ${formatNumber(p.value[0], 1)}<br/>${words('comparisonActualShare')}: ${formatNumber(p.value[1], 1)}`,
      },
      legend: { bottom: 0 },
      grid: { left: 56, right: 24, top: 16, bottom: 72 },
      xAxis: {
        type: 'value',
        name: words('comparisonExpectedShare'),
        nameLocation: 'middle',
        nameGap: 28,
        min: low,
        max: high,
        axisLabel: { formatter: formatTick },
      },
      yAxis: {
        type: 'value',
        name: words('comparisonActualShare'),
        nameLocation: 'middle',
        nameGap: 40,
        min: low,
        max: high,
        axisLabel: { formatter: formatTick },
      },
      series: [
        {
          name: words('comparisonDiagonal'),
          type: 'line',
          data: [
            [low, low],
            [high, high],
          ],
          symbol: 'none',
          lineStyle: { type: 'dashed', color: '#475569', width: 1 },
          color: '#475569',
        },
        {
          name: words('comparisonOthers'),
          type: 'scatter',
          data: rows.filter((r) => r.code !== municipality && !peerSet.has(r.code)).map(point),
          symbolSize: 7,
          color: '#94a3b8',
        },
        {
          name: words('comparisonPeers'),
          type: 'scatter',
          data: rows.filter((r) => peerSet.has(r.code) && r.code !== municipality).map(point),
          symbolSize: 10,
          symbol: 'diamond',
          color: '#c2410c',
        },
        {
          name: words('comparisonOwn'),
          type: 'scatter',
          data: own.map(point),
          symbolSize: 16,
          symbol: 'triangle',
          color: '#1f5fa8',
          label: { show: true, position: 'right', formatter: '{b}', color: '#14213d', fontWeight: 'bold' },
        },
      ],
    };
  }, [rows, municipality, peerSet, words]);
  const columns: Column[] = [
    { key: 'rank', header: words('comparisonRank'), numeric: true },
    { key: 'name', header: words('comparisonMunicipality') },
    { key: 'mark', header: words('comparisonMark') },
    { key: 'actual', header: words('comparisonActual'), numeric: true, decimals: 1 },
    { key: 'expected', header: words('comparisonExpected'), numeric: true, decimals: 1 },
    { key: 'difference', header: words('comparisonDifference'), numeric: true, decimals: 1 },
    { key: 'differenceKr', header: words('comparisonDifferenceKr'), numeric: true, unit: 'kr.' },
  ];
  const tableRows: Row[] = rows.map((r) => ({
    rank: r.rank,
    name: municipalityName(r.code),
    mark:
      r.code === municipality ? words('comparisonOwn') : peerSet.has(r.code) ? words('comparisonPeers') : '',
    actual: r.actualFullTimePersons,
    expected: r.expectedFullTimePersons,
    difference: r.differencePersons,
    differenceKr: r.differenceKroner,
  }));
  return (
    <ExportInfoProvider info={{ title: words('comparison'), assumptions: [lead] }}>
      <p className="lead" data-comparison-lead>
        {lead}
      </p>
      <Section title={words('comparisonScatter')}>
        <Chart
          name="benchmark-scatter"
          option={option}
          height={460}
          label={words('comparisonScatterLabel')}
        />
      </Section>
      <Section
        title={words('comparisonRanking')}
        aside={<Definition>{words('comparisonRankDefinition')}</Definition>}
      >
        <DataTable name="benchmark" title={words('comparisonRanking')} columns={columns} rows={tableRows} />
      </Section>
    </ExportInfoProvider>
  );
}
