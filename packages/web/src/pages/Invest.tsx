/**
 * Investeringsberegner: build an investment case and see, live, what it does to the municipality's
 * net expenditure: with and without by year, the cumulative net with the payback point, the
 * break-even effect against the chosen one, the probability of paying back; save, reopen, duplicate
 * and compare cases.
 *
 * Live: every change sends the case to POST /api/invest without replications or break-even search
 * (expected values; the server keeps the target group and its projection without the intervention,
 * so a change of effect, cost or discount rate costs one projection); when the controls rest, a
 * second request with replications fills in the break-even effect, the probability of paying back
 * and the intervals. An answer to an older version of the case is dropped.
 */

import { useEffect, useMemo, useRef, useState } from 'react';
import { downloadPost } from '../download.ts';
import {
  getJson,
  postJson,
  type CaseDocument,
  type CaseResult,
  type DataSummary,
  type PlanVsActual,
  type SavedCase,
  type SavedCaseSummary,
} from '../api.ts';
import { useCatalogue, useStateName } from '../App.tsx';
import { cumulativeOption, effectOption, yearsOption } from '../case-charts.ts';
import { Chart } from '../Chart.tsx';
import { defaultCase } from '../default-case.ts';
import { formatKr, formatNumber, formatPercent, formatWeeks, formatYyyyww } from '../format.ts';
import { useLoad } from '../hooks.ts';
import { useLanguage, useWords } from '../i18n.tsx';
import { DataTable, ExportInfoProvider } from '../Table.tsx';
import { NumberField } from './NumberField.tsx';
import { Section, Status, Tile } from './common.tsx';

const REPLICATIONS = 100;

export function InvestPage({ municipality }: { municipality: number }) {
  const language = useLanguage();
  const summary = useLoad('summary', (signal) => getJson<DataSummary>('/api/data/summary', signal));
  return (
    <Status loaded={summary}>
      {(s) => (
        <Calculator
          initial={defaultCase(municipality, s.window?.last ?? 202552, language)}
          lastWeek={s.window?.last ?? null}
        />
      )}
    </Status>
  );
}

type Answer =
  | { state: 'idle' }
  | { state: 'computing'; previous: CaseResult | null }
  | { state: 'error'; message: string; previous: CaseResult | null }
  | { state: 'done'; result: CaseResult };

function Calculator({ initial, lastWeek }: { initial: CaseDocument; lastWeek: number | null }) {
  const words = useWords();
  const language = useLanguage();
  const [doc, setDoc] = useState<CaseDocument>(() => {
    const opened = sessionStorage.getItem('jobinvest.openCase');
    sessionStorage.removeItem('jobinvest.openCase');
    return opened ? (JSON.parse(opened) as CaseDocument) : initial;
  });
  const [answer, setAnswer] = useState<Answer>({ state: 'idle' });
  const [uncertainty, setUncertainty] = useState<{ key: string; result: CaseResult } | null>(null);
  // The answer carries the server's texts (assumptions) in the language asked for: ask again on a switch.
  const key = JSON.stringify([language, doc]);
  const latest = useRef(key);
  latest.current = key;

  // The live answer is asked for at once. While one is being computed, only the newest change waits
  // for it: the server computes one case at a time, so answers to cases already changed would queue.
  const live = useRef<{ busy: boolean; waiting: { doc: CaseDocument; key: string } | null }>({
    busy: false,
    waiting: null,
  });
  const ask = (asked: CaseDocument, askedKey: string) => {
    live.current.busy = true;
    postJson<CaseResult>('/api/invest', { ...asked, replications: 0, breakEven: false })
      .then(
        (result) => latest.current === askedKey && setAnswer({ state: 'done', result }),
        (error: unknown) =>
          latest.current === askedKey &&
          setAnswer((a) => ({
            state: 'error',
            message: error instanceof Error ? error.message : String(error),
            previous: a.state === 'done' ? a.result : 'previous' in a ? a.previous : null,
          })),
      )
      .finally(() => {
        live.current.busy = false;
        const next = live.current.waiting;
        live.current.waiting = null;
        if (next && next.key === latest.current) ask(next.doc, next.key);
      });
  };

  useEffect(() => {
    setAnswer((a) => ({
      state: 'computing',
      previous: a.state === 'done' ? a.result : 'previous' in a ? a.previous : null,
    }));
    if (live.current.busy) live.current.waiting = { doc, key };
    else ask(doc, key);
    // When the controls rest, the answer with replications: the probability, intervals and break-even.
    const controller = new AbortController();
    const slow = setTimeout(() => {
      postJson<CaseResult>('/api/invest', { ...doc, replications: REPLICATIONS }, controller.signal).then(
        (result) => latest.current === key && setUncertainty({ key, result }),
        () => undefined,
      );
    }, 900);
    return () => {
      clearTimeout(slow);
      controller.abort();
    };
  }, [key]);

  const change = (next: CaseDocument) => {
    performance.mark('control-changed');
    setDoc(next);
  };
  const shown = answer.state === 'done' ? answer.result : answer.state === 'idle' ? null : answer.previous;
  const replicated = uncertainty?.key === key ? uncertainty.result : null;

  return (
    <>
      <h1>{words('invest')}</h1>
      <div className="calculator">
        <CaseForm doc={doc} onChange={change} />
        <div className="results" aria-live="polite" aria-busy={answer.state === 'computing'}>
          {answer.state === 'computing' && <p className="status computing">{words('computing')}</p>}
          {answer.state === 'error' && (
            <p className="status error" role="alert">
              {words('error')}: {answer.message}
            </p>
          )}
          {shown && <Results doc={doc} result={shown} replicated={replicated} />}
        </div>
      </div>
      <SavedCases doc={doc} lastWeek={lastWeek} onOpen={(d) => change(d)} />
    </>
  );
}

function CaseForm({ doc, onChange }: { doc: CaseDocument; onChange: (d: CaseDocument) => void }) {
  const words = useWords();
  const language = useLanguage();
  const catalogue = useCatalogue();
  const name = useStateName();
  const benefits = [...catalogue.values()].filter((b) => b.publicSupport);
  const hr = doc.effect.hazardRatio ?? 1;
  return (
    <form className="case-form" onSubmit={(e) => e.preventDefault()} aria-label={words('invest')}>
      <label className="field">
        <span>{words('caseName')}</span>
        <input
          type="text"
          name="name"
          value={doc.name}
          onChange={(e) => onChange({ ...doc, name: e.target.value || ' ' })}
        />
      </label>
      <fieldset>
        <legend>{words('target')}</legend>
        <label className="field">
          <span>{words('benefit')}</span>
          <select
            name="benefit"
            value={doc.target.benefit}
            onChange={(e) => onChange({ ...doc, target: { ...doc.target, benefit: e.target.value } })}
          >
            {benefits.map((b) => (
              <option key={b.code} value={b.code}>
                {name(b.code)}
              </option>
            ))}
          </select>
        </label>
        <NumberField
          name="minWeeks"
          label={words('minWeeks')}
          value={doc.target.minWeeks ?? 1}
          min={1}
          max={520}
          onChange={(v) => onChange({ ...doc, target: { ...doc.target, minWeeks: v } })}
        />
        <NumberField
          name="participants"
          label={words('participants')}
          value={doc.participants}
          min={1}
          max={100000}
          onChange={(v) => onChange({ ...doc, participants: v })}
        />
        <label className="field">
          <span>{words('startWeek')}</span>
          <input
            type="text"
            name="startWeek"
            value={doc.startWeek}
            pattern="\d{6}"
            onChange={(e) =>
              /^\d{4}(0[1-9]|[1-4]\d|5[0-3])$/.test(e.target.value) &&
              onChange({ ...doc, startWeek: e.target.value })
            }
          />
        </label>
      </fieldset>
      <fieldset>
        <legend>{words('expenditure')}</legend>
        <NumberField
          name="perParticipant"
          label={words('costPerParticipant')}
          value={doc.cost.perParticipant ?? 0}
          min={0}
          onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, perParticipant: v } })}
        />
        <NumberField
          name="perWeek"
          label={words('costPerWeek')}
          value={doc.cost.perWeek ?? 0}
          min={0}
          onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, perWeek: v } })}
        />
        <NumberField
          name="costWeeks"
          label={words('costWeeks')}
          value={doc.cost.weeks ?? 0}
          min={0}
          max={520}
          onChange={(v) => onChange({ ...doc, cost: { ...doc.cost, weeks: v } })}
        />
      </fieldset>
      <fieldset>
        <legend>{words('effect')}</legend>
        <label className="field">
          <span>
            {words('effect')}: <output name="hazardRatioShown">{formatNumber(hr, 2)}</output>
          </span>
          <input
            type="range"
            name="hazardRatio"
            min={0.8}
            max={3}
            step={0.01}
            value={hr}
            onChange={(e) =>
              onChange({ ...doc, effect: { ...doc.effect, hazardRatio: Number(e.target.value) } })
            }
          />
        </label>
        <NumberField
          name="lockInWeeks"
          label={words('lockInWeeks')}
          value={doc.effect.lockIn?.weeks ?? 0}
          min={0}
          max={260}
          onChange={(v) =>
            onChange({
              ...doc,
              effect: {
                ...doc.effect,
                lockIn: v > 0 ? { weeks: v, hazardRatio: doc.effect.lockIn?.hazardRatio ?? 0.7 } : undefined,
              },
            })
          }
        />
        {doc.effect.lockIn && (
          <NumberField
            name="lockInRatio"
            label={words('lockInRatio')}
            value={doc.effect.lockIn.hazardRatio}
            min={0.05}
            max={2}
            onChange={(v) =>
              onChange({
                ...doc,
                effect: { ...doc.effect, lockIn: { weeks: doc.effect.lockIn!.weeks, hazardRatio: v } },
              })
            }
          />
        )}
        <NumberField
          name="halfLife"
          label={words('halfLife')}
          value={doc.effect.halfLifeWeeks ?? 0}
          min={0}
          max={1040}
          onChange={(v) => onChange({ ...doc, effect: { ...doc.effect, halfLifeWeeks: v > 0 ? v : null } })}
        />
      </fieldset>
      <fieldset>
        <legend>{words('npv')}</legend>
        <label className="field">
          <span>{words('horizon')}</span>
          <select
            name="horizonWeeks"
            value={doc.horizonWeeks}
            onChange={(e) => onChange({ ...doc, horizonWeeks: Number(e.target.value) })}
          >
            {[52, 104, 156, 260, 520].map((w) => (
              <option key={w} value={w}>
                {w} ({formatWeeks(w, language)})
              </option>
            ))}
          </select>
        </label>
        <NumberField
          name="discountRate"
          label={words('discountRate')}
          value={Math.round(doc.discountRate * 1000) / 10}
          min={0}
          max={20}
          onChange={(v) => onChange({ ...doc, discountRate: v / 100 })}
        />
      </fieldset>
    </form>
  );
}

function Results({
  doc,
  result,
  replicated,
}: {
  doc: CaseDocument;
  result: CaseResult;
  replicated: CaseResult | null;
}) {
  const words = useWords();
  const language = useLanguage();
  const payback = (w: number | null) =>
    w === null ? words('never') : `${formatWeeks(w, language)} (${words('weeksCount', { weeks: w })})`;
  const labels = useMemo(
    () => ({
      without: words('withoutIntervention'),
      with: words('withIntervention'),
      cumulative: words('cumulative'),
      paybackPoint: words('paybackPoint'),
      breakEven: words('breakEven'),
      chosenEffect: words('chosenEffect'),
      weeks: words('weeksAxis'),
      week: words('week'),
    }),
    [words],
  );
  const yearsChart = useMemo(() => yearsOption(result, labels), [result, labels]);
  const cumulativeChart = useMemo(() => cumulativeOption(result, labels), [result, labels]);
  // The live answer skips the break-even search; the answer with replications brings it.
  const breakEven = replicated ? replicated.breakEvenEffect : undefined;
  const effectChart = useMemo(
    () => (breakEven === undefined ? null : effectOption({ ...result, breakEvenEffect: breakEven }, labels)),
    [result, breakEven, labels],
  );
  const breakEvenText =
    breakEven === undefined ? '…' : breakEven === null ? words('breakEvenNone') : formatNumber(breakEven, 3);
  const info = {
    title: doc.name,
    assumptions: [
      words('caseAssumption', {
        hazardRatio: formatNumber(result.hazardRatio, 3),
        participants: doc.participants,
        horizon: doc.horizonWeeks,
        rate: formatPercent(doc.discountRate, 1),
      }),
      `${words('npv')}: ${formatKr(result.npv)}; ${words('breakEven')}: ${breakEvenText}.`,
      ...result.assumptions,
    ],
    dataVersion: result.dataVersion,
    ratesVersion: result.ratesVersion,
  };
  return (
    <ExportInfoProvider info={info}>
      <div className="tiles">
        <Tile label={words('npv')} value={formatKr(result.npv)} testId="npv" />
        <Tile label={words('payback')} value={payback(result.paybackWeek)} testId="payback" />
        <Tile
          label={words('discountedPayback')}
          value={payback(result.discountedPaybackWeek)}
          testId="discounted-payback"
        />
        <Tile label={words('breakEven')} value={breakEvenText} testId="break-even" />
        <Tile
          label={words('probability')}
          value={
            replicated?.probabilityOfPayback == null ? '…' : formatPercent(replicated.probabilityOfPayback, 0)
          }
          testId="probability"
        />
        <Tile
          label={words('movedFullTime')}
          value={formatNumber(result.fullTimePersonsMoved, 1)}
          testId="moved"
        />
      </div>
      <p className="lead">
        {words('caseLead', {
          persons: formatNumber(result.targetGroupSize),
          stockWeek: formatYyyyww(result.stockWeek),
          startWeek: formatYyyyww(result.startWeek),
          participants: doc.participants,
        })}
        {replicated?.npvInterval80 &&
          ` ${words('npvInterval80', {
            low: formatKr(replicated.npvInterval80[0]),
            high: formatKr(replicated.npvInterval80[1]),
            replications: replicated.replications,
          })}`}
      </p>
      <Section title={words('cumulative')}>
        <Chart name="invest-cumulative" option={cumulativeChart} height={300} label={words('cumulative')} />
      </Section>
      <Section
        title={`${words('municipalNet')}: ${words('withIntervention').toLowerCase()} / ${words('withoutIntervention').toLowerCase()}`}
      >
        <Chart name="invest-years" option={yearsChart} height={260} label={words('municipalNet')} />
        <DataTable
          name="invest-years"
          title={words('netByYear')}
          columns={[
            { key: 'year', header: words('year') },
            { key: 'without', header: words('withoutIntervention'), numeric: true, unit: 'kr.' },
            { key: 'with', header: words('withIntervention'), numeric: true, unit: 'kr.' },
            { key: 'difference', header: words('difference'), numeric: true, unit: 'kr.' },
            { key: 'moved', header: words('movedFullTime'), numeric: true, decimals: 1 },
          ]}
          rows={result.years.map((y) => ({
            year: String(y.year),
            without: y.without,
            with: y.with,
            difference: y.difference,
            moved: y.fullTimePersonsMoved,
          }))}
        />
      </Section>
      <Section title={`${words('breakEven')} / ${words('chosenEffect')}`}>
        {effectChart ? (
          <Chart name="invest-effect" option={effectChart} height={120} label={words('breakEven')} />
        ) : (
          <p className="status computing">{words('computing')}</p>
        )}
      </Section>
      <Section title={words('assumptions')}>
        <ul className="assumptions">
          {result.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
          <li>{words('versions', { data: result.dataVersion, rates: result.ratesVersion })}</li>
        </ul>
      </Section>
    </ExportInfoProvider>
  );
}

function SavedCases({
  doc,
  lastWeek,
  onOpen,
}: {
  doc: CaseDocument;
  /** The last week of data (YYYYWW): a case starting then or later cannot be followed up yet. */
  lastWeek: number | null;
  onOpen: (d: CaseDocument) => void;
}) {
  const words = useWords();
  const [version, setVersion] = useState(0);
  const [message, setMessage] = useState<string | null>(null);
  const list = useLoad(`cases-${version}`, (signal) => getJson<SavedCaseSummary[]>('/api/cases', signal));
  const [chosen, setChosen] = useState<number[]>([]);
  const [comparison, setComparison] = useState<
    { state: 'computing' } | { state: 'error'; message: string } | { state: 'done'; rows: Compared[] } | null
  >(null);
  const [plan, setPlan] = useState<
    | { name: string; state: 'computing' }
    | { name: string; state: 'error'; message: string }
    | { name: string; state: 'done'; value: PlanVsActual }
    | null
  >(null);
  const compare = async () => {
    setComparison({ state: 'computing' });
    try {
      const rows = await Promise.all(
        chosen.map(async (id) => {
          const saved = await getJson<SavedCase>(`/api/cases/${id}`);
          const result = await postJson<CaseResult>('/api/invest', { ...saved.document, replications: 0 });
          return { saved, result };
        }),
      );
      setComparison({ state: 'done', rows });
    } catch (error) {
      setComparison({ state: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  };
  const planAgainstActual = async (c: SavedCaseSummary) => {
    setPlan({ name: c.name, state: 'computing' });
    try {
      setPlan({
        name: c.name,
        state: 'done',
        value: await getJson<PlanVsActual>(`/api/cases/${c.caseId}/plan-vs-actual`),
      });
    } catch (error) {
      setPlan({
        name: c.name,
        state: 'error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  };
  const report = async () => {
    setMessage(words('computing'));
    try {
      await downloadPost('/api/invest/report', doc, `${doc.name}.pdf`);
      setMessage(null);
    } catch (error) {
      setMessage(`${words('error')}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  const open = async (id: number, copy: boolean) => {
    const saved = await getJson<SavedCase>(`/api/cases/${id}`);
    const document = { ...saved.document };
    delete document.replications;
    onOpen(copy ? { ...document, name: words('copyOf', { name: document.name }) } : document);
  };
  return (
    <Section title={words('saved')}>
      <div className="row">
        <button
          type="button"
          onClick={async () => {
            try {
              const saved = await postJson<SavedCase>('/api/cases', doc);
              setMessage(words('savedAs', { name: saved.name, version: saved.version }));
              setVersion(version + 1);
            } catch (error) {
              setMessage(error instanceof Error ? error.message : String(error));
            }
          }}
        >
          {words('save')}
        </button>
        <button type="button" className="secondary" data-report onClick={() => void report()}>
          {words('report')}
        </button>
        {message && (
          <span role="status" className="note">
            {message}
          </span>
        )}
      </div>
      <Status loaded={list}>
        {(cases) =>
          cases.length === 0 ? (
            <p>{words('none')}</p>
          ) : (
            <table className="saved" data-table="saved-cases">
              <thead>
                <tr>
                  <th>
                    <span className="visually-hidden">{words('compare')}</span>
                  </th>
                  <th>{words('caseName')}</th>
                  <th>{words('version')}</th>
                  <th>{words('savedAt')}</th>
                  <th>{words('savedBy')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => (
                  <tr key={c.caseId}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`${words('compare')}: ${c.name}`}
                        checked={chosen.includes(c.caseId)}
                        onChange={(e) =>
                          setChosen(
                            e.target.checked ? [...chosen, c.caseId] : chosen.filter((x) => x !== c.caseId),
                          )
                        }
                      />
                    </td>
                    <td>{c.name}</td>
                    <td className="num">{c.version}</td>
                    <td>{c.savedAt.replace('T', ' ')}</td>
                    <td>{c.savedBy}</td>
                    <td>
                      <button type="button" className="link" onClick={() => void open(c.caseId, false)}>
                        {words('open')}
                      </button>{' '}
                      <button type="button" className="link" onClick={() => void open(c.caseId, true)}>
                        {words('duplicate')}
                      </button>{' '}
                      {lastWeek !== null && Number(c.startWeek) >= lastWeek ? (
                        <span className="note" data-plan-waits>
                          {words('planActual')}: {words('planWaits')} {formatYyyyww(lastWeek)}
                        </span>
                      ) : (
                        <button type="button" className="link" onClick={() => void planAgainstActual(c)}>
                          {words('planActual')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Status>
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
      {plan && (
        <div className="plan">
          <h3>
            {words('planActual')}: {plan.name}
          </h3>
          {plan.state === 'computing' && <p className="status computing">{words('computing')}</p>}
          {plan.state === 'error' && (
            <p className="status error" role="alert">
              {plan.message}
            </p>
          )}
          {plan.state === 'done' && (
            <DataTable
              name="plan-vs-actual"
              title={words('planActual')}
              columns={[
                { key: 'year', header: words('year') },
                { key: 'predictedWithout', header: words('predictedWithout'), numeric: true, decimals: 1 },
                { key: 'predictedWith', header: words('predictedWith'), numeric: true, decimals: 1 },
                { key: 'realised', header: words('actual'), numeric: true, decimals: 1 },
              ]}
              rows={plan.value.years.map((y) => ({
                year: String(y.year),
                predictedWithout: y.predictedWithout,
                predictedWith: y.predictedWith,
                realised: y.realised,
              }))}
            />
          )}
        </div>
      )}
    </Section>
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
