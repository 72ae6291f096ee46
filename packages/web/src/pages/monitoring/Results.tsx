/**
 * Resultater: KL's scorecard of one benefit group against its peers (GET /api/scorecard), laid out
 * as KL's Excel scorecard: the five dimensions as columns, level and development as rows, each
 * cell marked better or worse than the cluster with a symbol and a word as well as its colour, the
 * own and the cluster's figures under it; the background table of Flere i job (exported to .xlsx);
 * the peers by name, with their distance on framework conditions or the cluster's name. The person
 * chooses the group, similar municipalities or the cluster table, and the weights of the framework
 * conditions; the scorecard prints on one A4 page (the print stylesheet hides the frame).
 *
 * One group at a time: a scorecard takes a forecast to price its savings, and eight at once would
 * keep a person waiting for the seven they are not reading.
 */

import {
  FRAMEWORK_VARIABLES,
  formatYyyyww,
  type FrameworkVariable,
  type ScorecardDimension,
} from '@jobinvest/core';
import { useCallback, useState } from 'react';
import { ApiError, getJson, type DataSummary } from '../../api.ts';
import { formatKr, formatNumber, formatPercent } from '../../format.ts';
import { useKept, useLoad } from '../../hooks.ts';
import { useLanguage, useWords, type Language } from '../../i18n.tsx';
import { FieldProblemsProvider, NumberField } from '../../ui/NumberField.tsx';
import { Definition, Section } from '../../ui/page-parts.tsx';
import { ExportButton, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { withheldText } from '../../ui/withheld.ts';
import { wordsIn } from '../../words.ts';
import {
  ASSESSMENT_SYMBOL,
  EQUAL_WEIGHTS,
  SCORECARD_BENEFITS,
  formatScorecardFigure,
  groupName,
  municipalityName,
  scorecardPath,
  type PeerKind,
  type ScorecardAnswer,
} from './results-api.ts';

/** A refusal of /api/scorecard in the person's words; the server's own words inside a sentence otherwise. */
function refusalText(error: unknown, benefit: string, municipality: string, language: Language): string {
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof ApiError) || error.status !== 422) return error.message;
  const words = wordsIn(language);
  if (/^no peer of municipality \d+ has jobindsats figures/.test(error.message))
    return words('resultsRefusedNoPeers', { benefit: groupName(benefit, language) });
  if (/is in no cluster/.test(error.message)) return words('resultsRefusedNoCluster', { municipality });
  if (/^to: the scorecard compares two running years/.test(error.message))
    return words('resultsRefusedTooEarly');
  return words('serverRefused', { message: error.message });
}

export function ResultsPage({ municipality, summary }: { municipality: number; summary: DataSummary }) {
  const words = useWords();
  if (!summary.window)
    return (
      <p className="status error" role="alert">
        {words('noMunicipality')}
      </p>
    );
  const name =
    summary.municipalities.find((m) => m.code === municipality)?.name ?? municipalityName(municipality);
  return <Results municipality={municipality} name={name} last={summary.window.last} />;
}

function Results({ municipality, name, last }: { municipality: number; name: string; last: number }) {
  const words = useWords();
  const language = useLanguage();
  const [benefit, setBenefit] = useState('sygedagpenge');
  const [peers, setPeers] = useState<PeerKind>('similar');
  const [weights, setWeights] = useState<Record<FrameworkVariable, number>>(EQUAL_WEIGHTS);
  const [refused, setRefused] = useState<Readonly<Record<string, string | null>>>({});
  const report = useCallback(
    (field: string, problem: string | null) =>
      setRefused((was) => (was[field] === problem ? was : { ...was, [field]: problem })),
    [],
  );
  const fieldProblem = peers === 'similar' && Object.values(refused).some((p) => p !== null);
  const path = fieldProblem ? null : scorecardPath({ municipality, benefit, to: last, peers, weights });
  const loaded = useLoad(path, (signal) =>
    getJson<ScorecardAnswer>(path!, signal).catch((error: unknown) => {
      if (signal.aborted) throw error;
      throw new Error(refusalText(error, benefit, name, language));
    }),
  );
  const { value: answer, busy, error } = useKept(loaded);

  return (
    <>
      <h1>
        {words('results')}: {name}
      </h1>
      <form
        className="filters results-controls no-print"
        aria-label={words('resultsControls')}
        onSubmit={(e) => e.preventDefault()}
      >
        <label>
          {words('benefit')}
          <select name="benefit" value={benefit} onChange={(e) => setBenefit(e.target.value)}>
            {SCORECARD_BENEFITS.map((code) => (
              <option key={code} value={code}>
                {groupName(code, language)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {words('resultsPeers')}
          <select name="peers" value={peers} onChange={(e) => setPeers(e.target.value as PeerKind)}>
            <option value="similar">{words('resultsPeers_similar')}</option>
            <option value="cluster">{words('resultsPeers_cluster')}</option>
          </select>
        </label>
        {peers === 'similar' && (
          <fieldset className="weights">
            <legend>{words('resultsWeights')}</legend>
            <FieldProblemsProvider value={report}>
              {FRAMEWORK_VARIABLES.map((v) => (
                <NumberField
                  key={v.id}
                  label={v.name[language]}
                  name={`weight-${v.id}`}
                  value={weights[v.id]}
                  min={0}
                  max={100}
                  onChange={(value) => setWeights((was) => ({ ...was, [v.id]: value }))}
                />
              ))}
            </FieldProblemsProvider>
            <p className="hint">
              {words('resultsWeightsHint')}{' '}
              <button type="button" className="link" onClick={() => setWeights(EQUAL_WEIGHTS)}>
                {words('resultsWeightsReset')}
              </button>
            </p>
          </fieldset>
        )}
      </form>
      {error && (
        <p className="status error" role="alert" data-results-error>
          {words('error')}: {error}
        </p>
      )}
      <p className="kpi-busy no-print" role="status" aria-live="polite">
        {busy ? (answer ? words('resultsUpdating') : words('resultsComputing')) : ''}
      </p>
      {answer && !error && (
        <div className="results" aria-busy={busy} data-scorecard={answer.benefit}>
          <div className={fieldProblem && !busy ? 'stale' : 'current'}>
            <ScorecardView answer={answer} name={name} />
          </div>
        </div>
      )}
    </>
  );
}

function ScorecardView({ answer, name }: { answer: ScorecardAnswer; name: string }) {
  const words = useWords();
  const language = useLanguage();
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  const benefit = groupName(answer.benefit, language);
  const peersText =
    answer.peers.kind === 'cluster'
      ? words('resultsPeersCluster', { cluster: answer.peers.cluster ?? '' })
      : words('resultsPeersSimilar', { count: answer.peers.codes.length, year: answer.peers.year ?? '' });
  const lead = words('resultsLead', {
    benefit,
    municipality: name,
    from: week(answer.period.from),
    to: week(answer.period.to),
    beforeFrom: week(answer.yearBefore.from),
    beforeTo: week(answer.yearBefore.to),
    peers: peersText,
  });
  const { threshold, withheld } = answer.suppressed;
  const withheldNote =
    threshold !== null && withheld > 0 ? words('withheldNote', { threshold, withheld }) : null;
  const cost = answer.netCostPerFullTimePerson;
  const costNote = cost
    ? words('resultsNetCost', { kroner: formatKr(cost.kroner), year: cost.year })
    : words('resultsNoNetCost', { reason: answer.netCostError ?? '' });
  const info = {
    title: `${words('results')} ${name} ${benefit} ${answer.period.from}-${answer.period.to}`,
    assumptions: [lead, costNote, ...(withheldNote ? [withheldNote] : [])],
  };
  return (
    <ExportInfoProvider info={info}>
      <div className="scorecard-sheet">
        <p className="lead" data-results-lead>
          {lead}
        </p>
        <ScorecardTable answer={answer} costNote={costNote} withheldNote={withheldNote} />
        <div className="results-pair">
          <Background answer={answer} name={name} />
          <PeerList answer={answer} />
        </div>
      </div>
    </ExportInfoProvider>
  );
}

function ScorecardTable({
  answer,
  costNote,
  withheldNote,
}: {
  answer: ScorecardAnswer;
  costNote: string;
  withheldNote: string | null;
}) {
  const words = useWords();
  const language = useLanguage();
  const suppressed = answer.suppressed.threshold !== null;
  // Only the own figures are ever withheld (the peers' are published aggregates): a missing
  // cluster figure is missing from the extract.
  const figure = (
    dimension: ScorecardDimension,
    row: 'level' | 'development',
    value: number | null,
    own: boolean,
  ) =>
    value !== null
      ? formatScorecardFigure(dimension, row, value, language)
      : own && suppressed && answer.suppressed.withheld > 0
        ? withheldText({ threshold: answer.suppressed.threshold!, withheld: answer.suppressed.withheld })
        : '–';
  const unknown = answer.dimensions.some(
    (d) =>
      answer.scorecard.dimensions[d.id].level.assessment === null ||
      answer.scorecard.dimensions[d.id].development.assessment === null,
  );
  const rows = [
    { row: 'level' as const, word: words('resultsLevel'), note: words('resultsLevelNote') },
    { row: 'development' as const, word: words('resultsDevelopment'), note: words('resultsDevelopmentNote') },
  ];
  return (
    <Section
      title={`${words('resultsScorecard')}: ${groupName(answer.benefit, language)}`}
      aside={
        <button type="button" className="secondary no-print" data-print onClick={() => window.print()}>
          {words('resultsPrint')}
        </button>
      }
    >
      <div className="table-wrap">
        <table className="scorecard" data-table="scorecard">
          <thead>
            <tr>
              <td />
              {answer.dimensions.map((d) => (
                <th key={d.id} scope="col" data-dimension={d.id}>
                  <span className="dimension-name">{d.name[language]}</span>
                  <span className="dimension-definition">{d.level[language]}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ row, word, note }) => (
              <tr key={row}>
                <th scope="row">
                  {word}
                  <span className="dimension-definition">{note}</span>
                </th>
                {answer.dimensions.map((d) => {
                  const c = answer.scorecard.dimensions[d.id][row];
                  const assessment = c.assessment ?? 'unknown';
                  return (
                    <td
                      key={d.id}
                      className={`assessment assessment-${assessment}`}
                      data-dimension={d.id}
                      data-row={row}
                      data-assessment={assessment}
                    >
                      <span className="mark">
                        <span aria-hidden="true" className="symbol">
                          {ASSESSMENT_SYMBOL[assessment]}
                        </span>{' '}
                        {words(`assessment_${assessment}`)}
                      </span>
                      <span className="figures">
                        <span data-figure="own">
                          {words('resultsOwn')}: {figure(d.id, row, c.own, true)}
                        </span>
                        <span data-figure="cluster">
                          {words('resultsCluster')}: {figure(d.id, row, c.cluster, false)}
                        </span>
                      </span>
                      {row === 'development' && (
                        <span className="dimension-definition">{d.development[language]}</span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <ul className="scorecard-notes">
        <li data-net-cost>{costNote}</li>
        {unknown && <li>{words('resultsUnknownWhy')}</li>}
        {withheldNote && <li data-suppressed={answer.suppressed.withheld}>{withheldNote}</li>}
      </ul>
    </Section>
  );
}

/** KL's baggrundstal for Flere i job: the share and the full-time persons now and a year before, own and cluster. */
function Background({ answer, name }: { answer: ScorecardAnswer; name: string }) {
  const words = useWords();
  const language = useLanguage();
  const b = answer.scorecard.background;
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  const now = `${week(answer.period.from)} – ${week(answer.period.to)}`;
  const before = `${week(answer.yearBefore.from)} – ${week(answer.yearBefore.to)}`;
  const share = (v: number | null) => (v === null ? '–' : formatPercent(v));
  const persons = (v: number | null) => (v === null ? '–' : formatNumber(v, 1));
  const change = (v: number | null) => (v === null ? '–' : formatPercent(v));
  const lines: {
    measure: string;
    period: string;
    own: string;
    cluster: string;
    unit: string;
    values: [number | null, number | null];
    key: string;
  }[] = [
    {
      key: 'share-now',
      measure: words('resultsShareRow'),
      period: `${words('resultsNow')} (${now})`,
      own: share(b.share.own.now),
      cluster: share(b.share.cluster.now),
      unit: '%',
      values: [b.share.own.now, b.share.cluster.now],
    },
    {
      key: 'share-before',
      measure: '',
      period: `${words('resultsYearBefore')} (${before})`,
      own: share(b.share.own.yearBefore),
      cluster: share(b.share.cluster.yearBefore),
      unit: '%',
      values: [b.share.own.yearBefore, b.share.cluster.yearBefore],
    },
    {
      key: 'persons-now',
      measure: words('resultsFullTimeRow'),
      period: `${words('resultsNow')} (${now})`,
      own: persons(b.fullTimePersons.own.now),
      cluster: persons(b.fullTimePersons.cluster.now),
      unit: '',
      values: [b.fullTimePersons.own.now, b.fullTimePersons.cluster.now],
    },
    {
      key: 'persons-before',
      measure: '',
      period: `${words('resultsYearBefore')} (${before})`,
      own: persons(b.fullTimePersons.own.yearBefore),
      cluster: persons(b.fullTimePersons.cluster.yearBefore),
      unit: '',
      values: [b.fullTimePersons.own.yearBefore, b.fullTimePersons.cluster.yearBefore],
    },
    {
      key: 'change',
      measure: '',
      period: words('resultsChange'),
      own: change(b.development.own),
      cluster: change(b.development.cluster),
      unit: '%',
      values: [b.development.own, b.development.cluster],
    },
  ];
  // The workbook holds numbers: shares and changes in per cent, with one decimal as on the screen.
  const columns: Column[] = [
    { key: 'measure', header: words('resultsMeasure') },
    { key: 'period', header: words('resultsPeriod') },
    { key: 'own', header: name, numeric: true, decimals: 1 },
    { key: 'cluster', header: words('resultsCluster'), numeric: true, decimals: 1 },
    { key: 'unit', header: words('kpiUnit') },
  ];
  let lastMeasure = '';
  const rows: Row[] = lines.map((l) => {
    lastMeasure = l.measure || lastMeasure;
    const number = (v: number | null) =>
      v === null ? null : Number((l.unit === '%' ? v * 100 : v).toFixed(1));
    return {
      measure: lastMeasure,
      period: l.period,
      own: number(l.values[0]),
      cluster: number(l.values[1]),
      unit: l.unit,
    };
  });
  return (
    <Section
      title={words('resultsBackground')}
      aside={
        <span className="table-tools no-print">
          <ExportButton
            name="scorecard-background"
            title={words('resultsBackground')}
            columns={columns}
            rows={rows}
          />
        </span>
      }
    >
      <table className="background" data-table="scorecard-background">
        <thead>
          <tr>
            <th scope="col">{words('resultsMeasure')}</th>
            <th scope="col" className="num">
              {name}
            </th>
            <th scope="col" className="num">
              {words('resultsCluster')}
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.key} data-line={l.key}>
              <th scope="row">
                {l.measure && <span className="background-measure">{l.measure}</span>}
                <span className="background-period">{l.period}</span>
              </th>
              <td className="num" data-figure="own">
                {l.own}
              </td>
              <td className="num" data-figure="cluster">
                {l.cluster}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Section>
  );
}

/** The peers by name: their distance and what sets each apart (similar), or the cluster's members. */
function PeerList({ answer }: { answer: ScorecardAnswer }) {
  const words = useWords();
  const language = useLanguage();
  const withFigures = new Set(answer.peers.withFigures);
  const title =
    answer.peers.kind === 'cluster'
      ? `${words('resultsPeerList')}: ${answer.peers.cluster ?? ''}`
      : words('resultsPeerList');
  const mostApart = (contributions: Readonly<Record<FrameworkVariable, number>>) => {
    const top = FRAMEWORK_VARIABLES.reduce((a, b) => (contributions[b.id] > contributions[a.id] ? b : a));
    return top.name[language];
  };
  return (
    <Section title={title} aside={<Definition>{words('resultsDistanceDefinition')}</Definition>}>
      <table className="peers" data-table="scorecard-peers">
        <thead>
          <tr>
            <th scope="col">{words('municipality')}</th>
            {answer.peers.kind === 'similar' && (
              <>
                <th scope="col" className="num">
                  {words('resultsDistance')}
                </th>
                <th scope="col">{words('resultsMostApart')}</th>
              </>
            )}
            <th scope="col">{words('resultsWithFigures')}</th>
          </tr>
        </thead>
        <tbody>
          {answer.peers.kind === 'similar'
            ? answer.peers.similar.map((s) => (
                <tr key={s.code} data-peer={s.code}>
                  <td>{municipalityName(s.code)}</td>
                  <td className="num">{formatNumber(s.distance, 2)}</td>
                  <td>{mostApart(s.contributions)}</td>
                  <td>{withFigures.has(s.code) ? words('yes') : words('no')}</td>
                </tr>
              ))
            : answer.peers.codes.map((code) => (
                <tr key={code} data-peer={code}>
                  <td>{municipalityName(code)}</td>
                  <td>{withFigures.has(code) ? words('yes') : words('no')}</td>
                </tr>
              ))}
        </tbody>
      </table>
    </Section>
  );
}
