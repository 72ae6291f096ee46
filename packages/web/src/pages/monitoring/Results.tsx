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

import { FRAMEWORK_VARIABLES, type FrameworkVariable, type ScorecardDimension } from '@jobinvest/core';
import { useCallback, useState } from 'react';
import { ApiError, getJson, type DataSummary } from '../../api.ts';
import { downloadGet } from '../../download.ts';
import { formatMonth, formatNumber } from '../../format.ts';
import { useKept, useLoad } from '../../hooks.ts';
import { useLanguage, useWords, type Language } from '../../i18n.tsx';
import { useMay } from '../../permissions.tsx';
import { FieldProblemsProvider, NumberField } from '../../ui/NumberField.tsx';
import { Definition, Section } from '../../ui/page-parts.tsx';
import { ExportButton, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { wordsIn } from '../../words.ts';
import {
  ASSESSMENT_SYMBOL,
  EQUAL_WEIGHTS,
  SCORECARD_BENEFITS,
  backgroundLines,
  groupName,
  mostApart,
  municipalityName,
  scorecardCellText,
  monthOfWeek,
  scorecardPath,
  scorecardReportPath,
  scorecardSentences,
  type PeerKind,
  type ScorecardAnswer,
} from './results-api.ts';

/** A refusal of /api/scorecard in the person's words; the server's own words inside a sentence otherwise. */
function refusalText(error: unknown, benefit: string, municipality: string, language: Language): string {
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof ApiError) || error.status !== 422) return error.message;
  const words = wordsIn(language);
  if (error.code === 'no-peer-figures')
    return words('resultsRefusedNoPeers', { benefit: groupName(benefit, language) });
  if (error.code === 'no-cluster') return words('resultsRefusedNoCluster', { municipality });
  if (error.code === 'too-early') return words('resultsRefusedTooEarly');
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
  // The month the running year ends with: the latest whole one until another is chosen among those
  // the answer says the extract can compare.
  const [to, setTo] = useState<number | null>(null);
  const [peers, setPeers] = useState<PeerKind>('similar');
  const [weights, setWeights] = useState<Record<FrameworkVariable, number>>(EQUAL_WEIGHTS);
  const [refused, setRefused] = useState<Readonly<Record<string, string | null>>>({});
  const report = useCallback(
    (field: string, problem: string | null) =>
      setRefused((was) => (was[field] === problem ? was : { ...was, [field]: problem })),
    [],
  );
  const fieldProblem = peers === 'similar' && Object.values(refused).some((p) => p !== null);
  const choice = { municipality, benefit, to: to ?? last, peers, weights };
  const path = fieldProblem ? null : scorecardPath(choice);
  const reportPath = fieldProblem ? null : scorecardReportPath(choice, language);
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
        {answer && answer.endWeeks.length > 1 && (
          <label>
            {words('resultsTo')}
            <select
              name="to"
              value={String(answer.period.to)}
              onChange={(e) => setTo(Number(e.target.value))}
            >
              {answer.endWeeks.map((week) => {
                const { year, month } = monthOfWeek(week);
                return (
                  <option key={week} value={week}>
                    {formatMonth(year, month, language)}
                  </option>
                );
              })}
            </select>
          </label>
        )}
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
            <ScorecardView answer={answer} name={name} reportPath={busy ? null : reportPath} />
          </div>
        </div>
      )}
    </>
  );
}

function ScorecardView({
  answer,
  name,
  reportPath,
}: {
  answer: ScorecardAnswer;
  name: string;
  /** The PDF of the scorecard shown; null while another is on its way or the fields are wrong. */
  reportPath: string | null;
}) {
  const words = useWords();
  const language = useLanguage();
  const sentences = scorecardSentences(answer, name, language);
  const info = {
    title: `${words('results')} ${name} ${groupName(answer.benefit, language)} ${answer.period.from}-${answer.period.to}`,
    assumptions: [sentences.lead, sentences.cost, ...(sentences.withheld ? [sentences.withheld] : [])],
  };
  return (
    <ExportInfoProvider info={info}>
      <div className="scorecard-sheet">
        <p className="lead" data-results-lead>
          {sentences.lead}
        </p>
        <ScorecardTable answer={answer} sentences={sentences} name={name} reportPath={reportPath} />
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
  sentences,
  name,
  reportPath,
}: {
  answer: ScorecardAnswer;
  sentences: ReturnType<typeof scorecardSentences>;
  name: string;
  reportPath: string | null;
}) {
  const words = useWords();
  const language = useLanguage();
  const mayExport = useMay('export');
  const [pdfBusy, setPdfBusy] = useState(false);
  const [pdfMessage, setPdfMessage] = useState<string | null>(null);
  const downloadPdf = async (path: string) => {
    setPdfBusy(true);
    setPdfMessage(words('resultsPdfBusy'));
    try {
      await downloadGet(
        path,
        `Scorecard ${name} ${groupName(answer.benefit, language)} ${answer.period.from}-${answer.period.to}.pdf`,
      );
      setPdfMessage(null);
    } catch (error) {
      setPdfMessage(`${words('error')}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      setPdfBusy(false);
    }
  };
  const figure = (
    dimension: ScorecardDimension,
    row: 'level' | 'development',
    value: number | null,
    own: boolean,
  ) => scorecardCellText(answer, dimension, row, value, own, language);
  const rows = [
    { row: 'level' as const, word: words('resultsLevel'), note: words('resultsLevelNote') },
    { row: 'development' as const, word: words('resultsDevelopment'), note: words('resultsDevelopmentNote') },
  ];
  return (
    <Section
      title={`${words('resultsScorecard')}: ${groupName(answer.benefit, language)}`}
      aside={
        <span className="table-tools no-print">
          <button type="button" className="secondary" data-print onClick={() => window.print()}>
            {words('resultsPrint')}
          </button>
          {mayExport && (
            <button
              type="button"
              className="secondary"
              data-pdf
              disabled={reportPath === null || pdfBusy}
              onClick={() => reportPath && void downloadPdf(reportPath)}
            >
              {words('resultsPdf')}
            </button>
          )}
          {pdfMessage && (
            <span role="status" className="note" data-pdf-message>
              {pdfMessage}
            </span>
          )}
        </span>
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
        <li data-net-cost>{sentences.cost}</li>
        {sentences.unknown && <li>{sentences.unknown}</li>}
        {sentences.withheld && <li data-suppressed={answer.suppressed.withheld}>{sentences.withheld}</li>}
      </ul>
    </Section>
  );
}

/** KL's baggrundstal for Flere i job: the share and the full-time persons now and a year before, own and cluster. */
function Background({ answer, name }: { answer: ScorecardAnswer; name: string }) {
  const words = useWords();
  const language = useLanguage();
  const lines = backgroundLines(answer, language);
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
                  <td>{mostApart(s.contributions, language)}</td>
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
