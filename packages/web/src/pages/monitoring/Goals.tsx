/**
 * Mål: the result goals of the employment plan (GET /api/goals) followed up as KL's scorecard does
 * (Nulpunkt, Resultatmål, Konkret resultatmål, Status, Realiseret), a form for a new goal (POST
 * /api/goals) for a role that may `write:goals`, with numbers typed the Danish way (482; 8,5;
 * 1.234,5) and every refusal said in the person's language; and the cluster table that Resultater's
 * "our cluster" reads (GET/PUT /api/clusters), editable by the same roles.
 */

import { MUNICIPALITIES, formatYyyyww, fromYyyyww, yearWeekOf } from '@jobinvest/core';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, getJson, postJson, putJson, type DataSummary } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords, type Language } from '../../i18n.tsx';
import { useMay } from '../../permissions.tsx';
import { parseDanishNumber, parseWeek, type NumberProblem, type WeekProblem } from '../../ui/danish-input.ts';
import { Definition, Section, Status } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import { wordsIn } from '../../words.ts';
import { fullYears, yearPeriod } from './kpi-request.ts';
import {
  GOAL_MEASURE_IDS,
  GOAL_MEASURES,
  SCORECARD_BENEFITS,
  formatGoalChange,
  formatGoalValue,
  goalValueSent,
  groupName,
  municipalityName,
  type ClusterRow,
  type Goal,
  type GoalMeasure,
  type NewGoal,
} from './results-api.ts';

type Words = ReturnType<typeof wordsIn>;

const code3 = (code: number) => String(code).padStart(3, '0');

/** What is wrong with a number typed into a goal's field, in words. */
function numberProblemText(problem: NumberProblem, found: string, words: Words): string {
  switch (problem.kind) {
    case 'empty':
      return words('numberEmpty');
    case 'malformed':
      return words('numberMalformed', { found });
    case 'ambiguous':
      return words('numberAmbiguous', { found });
    default:
      return words('numberMalformed', { found });
  }
}

/** What is wrong with a week typed into a goal's field, in words. */
function weekProblemText(problem: WeekProblem, found: string, words: Words, example: string): string {
  switch (problem.kind) {
    case 'empty':
      return words('weekEmpty', { example });
    case 'noSuchWeek':
      return words('weekNoSuch', { ...problem });
    default:
      return words('weekMalformed', { found, example });
  }
}

export function GoalsPage({ municipality, summary }: { municipality: number; summary: DataSummary }) {
  const words = useWords();
  const mayWrite = useMay('write:goals');
  const [saved, setSaved] = useState(0);
  if (!summary.window)
    return (
      <p className="status error" role="alert">
        {words('noMunicipality')}
      </p>
    );
  const name =
    summary.municipalities.find((m) => m.code === municipality)?.name ?? municipalityName(municipality);
  const years = fullYears(summary.window);
  return (
    <>
      <h1>
        {words('goals')}: {name}
      </h1>
      <p className="lead">{words('goalsLead')}</p>
      <GoalTable municipality={municipality} name={name} reload={saved} />
      {mayWrite && (
        <GoalForm
          municipality={municipality}
          years={years}
          planYear={yearWeekOf(fromYyyyww(summary.window.last)).year + 1}
          onSaved={() => setSaved((n) => n + 1)}
        />
      )}
      <Clusters municipality={municipality} mayWrite={mayWrite} />
    </>
  );
}

function GoalTable({ municipality, name, reload }: { municipality: number; name: string; reload: number }) {
  const words = useWords();
  const language = useLanguage();
  // While a goal's forecast is being made, the table asks again every 15 seconds.
  const [again, setAgain] = useState(0);
  const goals = useLoad(`goals-${municipality}-${reload}-${again}`, (signal) =>
    getJson<Goal[]>(`/api/goals?municipality=${code3(municipality)}`, signal),
  );
  const pending = goals.state === 'done' && goals.value.some((g) => g.forecast?.state === 'pending');
  useEffect(() => {
    if (!pending) return;
    const timer = setTimeout(() => setAgain((n) => n + 1), 15_000);
    return () => clearTimeout(timer);
  }, [pending, goals]);
  const outlookRow = (g: Goal): Row => {
    const f = g.forecast;
    const value = (x: number) => formatGoalValue(g.measure, x, language);
    return {
      name: g.name,
      targetWeek: week(g.target.week),
      target: value(g.target.value),
      forecast: !f ? null : f.state === 'ready' ? value(f.median) : words(`goalForecast_${f.state}`),
      band80: f?.state === 'ready' ? `${value(f.band80[0])} – ${value(f.band80[1])}` : null,
      probability: f?.state === 'ready' ? Math.round(f.probabilityOfReaching * 100) : null,
    };
  };
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  const columns: Column[] = [
    { key: 'name', header: words('goalName') },
    { key: 'benefit', header: words('goalBenefit') },
    { key: 'measure', header: words('goalMeasure') },
    { key: 'baselinePeriod', header: words('goalBaselinePeriod') },
    { key: 'baseline', header: words('goalBaseline'), numeric: true },
    { key: 'targetWeek', header: words('goalTargetWeek') },
    { key: 'target', header: words('goalTarget'), numeric: true },
    { key: 'concrete', header: words('goalConcrete'), numeric: true },
    { key: 'latestPeriod', header: words('goalLatestPeriod') },
    { key: 'status', header: words('goalStatus'), numeric: true },
    { key: 'realised', header: words('goalRealised'), numeric: true, unit: '%' },
  ];
  const outlookColumns: Column[] = [
    { key: 'name', header: words('goalName') },
    { key: 'targetWeek', header: words('goalTargetWeek') },
    { key: 'target', header: words('goalTarget'), numeric: true },
    { key: 'forecast', header: words('goalForecast'), numeric: true },
    { key: 'band80', header: words('band80'), numeric: true },
    { key: 'probability', header: words('goalProbability'), numeric: true, unit: '%' },
  ];
  return (
    <ExportInfoProvider
      info={{
        title: `${words('goals')} ${name}`,
        assumptions: [words('goalsLead'), words('goalForecastDefinition')],
      }}
    >
      <Section title={words('goalsTable')}>
        <Status loaded={goals}>
          {(list) =>
            list.length === 0 ? (
              <p className="note" data-goals-none>
                {words('goalsNone')}
              </p>
            ) : (
              <DataTable
                name="goals"
                title={words('goalsTable')}
                columns={columns}
                rows={list.map((g): Row => ({
                  name: g.name,
                  benefit: groupName(g.benefit, language),
                  measure: words(`goalMeasure_${g.measure}`),
                  baselinePeriod: `${week(g.baseline.from)} – ${week(g.baseline.to)}`,
                  baseline: formatGoalValue(g.measure, g.baseline.value, language),
                  targetWeek: week(g.target.week),
                  target: formatGoalValue(g.measure, g.target.value, language),
                  concrete: formatGoalChange(g.measure, g.concreteGoal, language),
                  latestPeriod: `${week(g.latest.from)} – ${week(g.latest.to)}`,
                  status: g.status === null ? null : formatGoalChange(g.measure, g.status, language),
                  realised: g.realised === null ? null : Math.round(g.realised * 100),
                }))}
              />
            )
          }
        </Status>
      </Section>
      <Section
        title={words('goalOutlook')}
        aside={<Definition>{words('goalForecastDefinition')}</Definition>}
      >
        <Status loaded={goals}>
          {(list) =>
            list.length === 0 ? null : (
              <DataTable
                name="goal-outlook"
                title={words('goalOutlook')}
                columns={outlookColumns}
                rows={list.map(outlookRow)}
              />
            )
          }
        </Status>
      </Section>
    </ExportInfoProvider>
  );
}

interface GoalFormText {
  name: string;
  benefit: string;
  measure: GoalMeasure;
  baselineFrom: string;
  baselineTo: string;
  baselineValue: string;
  targetValue: string;
  targetWeek: string;
}

type GoalField = keyof GoalFormText;

/** The goal the texts describe, or what is wrong with each field. */
function readGoal(
  text: GoalFormText,
  municipality: number,
  words: Words,
): { goal: NewGoal; problems: null } | { goal: null; problems: Partial<Record<GoalField, string>> } {
  const problems: Partial<Record<GoalField, string>> = {};
  if (text.name.trim() === '') problems.name = words('goalNameEmpty');
  const example = String(text.targetWeek).slice(0, 4) || '2026';
  const week = (field: 'baselineFrom' | 'baselineTo' | 'targetWeek') => {
    const read = parseWeek(text[field], null);
    if (read.ok) return read.value;
    problems[field] = weekProblemText(read.problem, text[field].trim(), words, `${example}01`);
    return null;
  };
  const from = week('baselineFrom');
  const to = week('baselineTo');
  const target = week('targetWeek');
  if (from !== null && to !== null && from > to) problems.baselineTo = words('goalBaselineOrder');
  if (to !== null && target !== null && target <= to)
    problems.targetWeek = words('goalTargetAfterBaseline', { week: formatYyyyww(to, 'da') });
  const number = (field: 'baselineValue' | 'targetValue') => {
    const read = parseDanishNumber(
      text[field],
      GOAL_MEASURES[text.measure].unit === 'share' ? { unit: '%' } : {},
    );
    if (read.ok) return goalValueSent(text.measure, read.value);
    problems[field] = numberProblemText(read.problem, text[field].trim(), words);
    return null;
  };
  const baselineValue = text.baselineValue.trim() === '' ? null : number('baselineValue');
  const targetValue = number('targetValue');
  if (
    Object.keys(problems).length > 0 ||
    from === null ||
    to === null ||
    target === null ||
    targetValue === null
  )
    return { goal: null, problems };
  return {
    goal: {
      municipality: code3(municipality),
      benefit: text.benefit,
      measure: text.measure,
      name: text.name.trim(),
      baselineFrom: String(from),
      baselineTo: String(to),
      baselineValue,
      targetValue,
      targetWeek: String(target),
    },
    problems: null,
  };
}

/** The server's refusal of a goal in the person's words where it is one they can meet here. */
function goalRefusal(error: unknown, language: Language): string {
  const words = wordsIn(language);
  if (!(error instanceof Error)) return String(error);
  if (!(error instanceof ApiError) || error.status !== 422) return error.message;
  if (error.code === 'baseline-not-counted') return words('goalRefusedBaseline');
  return words('goalRefused', { message: error.message });
}

function GoalForm({
  municipality,
  years,
  planYear,
  onSaved,
}: {
  municipality: number;
  years: number[];
  /** The year the goal is for by default: the one after the data's last week's. */
  planYear: number;
  onSaved: () => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const id = useId();
  // The baseline: the data's last whole year; the target: the end of the plan's year, the one after
  // the year the data end in (beskæftigelsesplanen is made for the coming year).
  const baseline = yearPeriod(years.at(-1) ?? planYear - 1);
  const targetWeek = yearPeriod(planYear).to;
  const empty: GoalFormText = {
    name: '',
    benefit: 'sygedagpenge',
    measure: 'fullTimePersons',
    baselineFrom: String(baseline.from),
    baselineTo: String(baseline.to),
    baselineValue: '',
    targetValue: '',
    targetWeek: String(targetWeek),
  };
  const [text, setText] = useState<GoalFormText>(empty);
  const [problems, setProblems] = useState<Partial<Record<GoalField, string>>>({});
  const [state, setState] = useState<
    | { kind: 'idle' }
    | { kind: 'saving' }
    | { kind: 'saved'; name: string }
    | { kind: 'refused'; message: string }
  >({ kind: 'idle' });
  const set = (field: GoalField) => (value: string) => {
    setText((was) => ({ ...was, [field]: value }));
    setProblems((was) => ({ ...was, [field]: undefined }));
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const read = readGoal(text, municipality, wordsIn(language));
    if (read.problems) {
      setProblems(read.problems);
      setState({ kind: 'refused', message: words('goalFixFields') });
      return;
    }
    setProblems({});
    setState({ kind: 'saving' });
    postJson<Goal>('/api/goals', read.goal).then(
      (goal) => {
        setState({ kind: 'saved', name: goal.name });
        setText({ ...text, name: '', baselineValue: '', targetValue: '' });
        onSaved();
      },
      (error: unknown) => setState({ kind: 'refused', message: goalRefusal(error, language) }),
    );
  };
  const share = GOAL_MEASURES[text.measure].unit === 'share';
  const field = (name: GoalField, label: string, hint?: string) => {
    const problem = problems[name];
    const said = problem ?? hint;
    return (
      <label className="field">
        <span>{label}</span>
        <span className="input-row">
          <input
            type="text"
            name={name}
            inputMode={name === 'name' ? 'text' : name.endsWith('Value') ? 'decimal' : 'numeric'}
            value={text[name]}
            aria-invalid={problem !== undefined}
            aria-describedby={said ? `${id}-${name}` : undefined}
            onChange={(e) => set(name)(e.target.value)}
          />
          {share && name.endsWith('Value') && <span className="suffix">%</span>}
        </span>
        {said && (
          <span
            className={problem ? 'invalid' : 'hint'}
            id={`${id}-${name}`}
            data-field-problem={problem ? name : undefined}
          >
            {said}
          </span>
        )}
      </label>
    );
  };
  return (
    <Section title={words('goalAdd')}>
      <form className="goal-form" aria-label={words('goalAdd')} onSubmit={submit} noValidate>
        {field('name', words('goalNameLabel'))}
        <label className="field">
          <span>{words('goalBenefit')}</span>
          <select name="benefit" value={text.benefit} onChange={(e) => set('benefit')(e.target.value)}>
            {SCORECARD_BENEFITS.map((code) => (
              <option key={code} value={code}>
                {groupName(code, language)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{words('goalMeasure')}</span>
          <select name="measure" value={text.measure} onChange={(e) => set('measure')(e.target.value)}>
            {GOAL_MEASURE_IDS.map((m) => (
              <option key={m} value={m}>
                {words(`goalMeasure_${m}`)}
              </option>
            ))}
          </select>
        </label>
        {field('baselineFrom', words('goalBaselineFrom'))}
        {field('baselineTo', words('goalBaselineTo'))}
        {field('baselineValue', words('goalBaselineValue'), words('goalBaselineValueHint'))}
        {field('targetValue', words('goalTargetValue'))}
        {field('targetWeek', words('goalTargetWeek'))}
        <div className="goal-submit">
          <button type="submit" disabled={state.kind === 'saving'}>
            {state.kind === 'saving' ? words('goalSaving') : words('goalSave')}
          </button>
          {state.kind === 'saved' && (
            <span className="status ok" role="status" data-goal-saved>
              {words('goalSaved', { name: state.name })}
            </span>
          )}
          {state.kind === 'refused' && (
            <span className="invalid" role="alert" data-goal-refused>
              {state.message}
            </span>
          )}
        </div>
      </form>
    </Section>
  );
}

/** The cluster table: read by every role, edited (rows added and removed, saved as a whole) with write:goals. */
function Clusters({ municipality, mayWrite }: { municipality: number; mayWrite: boolean }) {
  const words = useWords();
  const table = useLoad('clusters', (signal) => getJson<ClusterRow[]>('/api/clusters', signal));
  return (
    <Section title={words('clusters')}>
      <p className="note">{words('clustersLead')}</p>
      <Status loaded={table}>
        {(rows) =>
          mayWrite ? (
            <ClusterEditor initial={rows} municipality={municipality} />
          ) : rows.length === 0 ? (
            <p className="note">{words('clustersNone')}</p>
          ) : (
            <DataTable
              name="clusters"
              title={words('clusters')}
              columns={[
                { key: 'municipality', header: words('municipality') },
                { key: 'cluster', header: words('clusterName') },
              ]}
              rows={rows.map((r) => ({ municipality: municipalityName(r.municipality), cluster: r.cluster }))}
            />
          )
        }
      </Status>
    </Section>
  );
}

/** The rows as the person edits them; saved as a whole, and then shown as the server stored them. */
function ClusterEditor({ initial, municipality }: { initial: ClusterRow[]; municipality: number }) {
  const words = useWords();
  const language = useLanguage();
  const [rows, setRows] = useState<ClusterRow[]>(initial);
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const change = (i: number, row: Partial<ClusterRow>) =>
    setRows((was) => was.map((r, j) => (j === i ? { ...r, ...row } : r)));
  const add = () => {
    const used = new Set(rows.map((r) => r.municipality));
    const next = used.has(municipality) ? MUNICIPALITIES.find((m) => !used.has(m.code))?.code : municipality;
    if (next !== undefined) setRows([...rows, { municipality: next, cluster: rows.at(-1)?.cluster ?? '' }]);
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const w = wordsIn(language);
    const seen = new Set<number>();
    for (const r of rows) {
      if (r.cluster.trim() === '')
        return setSaid({
          ok: false,
          text: w('clusterNameEmpty', { municipality: municipalityName(r.municipality) }),
        });
      if (seen.has(r.municipality))
        return setSaid({
          ok: false,
          text: w('clusterTwice', { municipality: municipalityName(r.municipality) }),
        });
      seen.add(r.municipality);
    }
    putJson<ClusterRow[]>(
      '/api/clusters',
      rows.map((r) => ({ municipality: code3(r.municipality), cluster: r.cluster.trim() })),
    ).then(
      (stored) => {
        setRows(stored);
        setSaid({ ok: true, text: w('clusterSaved', { count: stored.length }) });
      },
      (error: unknown) =>
        setSaid({
          ok: false,
          text: w('serverRefused', { message: error instanceof Error ? error.message : String(error) }),
        }),
    );
  };
  return (
    <form className="cluster-editor" aria-label={words('clusters')} onSubmit={save}>
      {rows.length === 0 && <p className="note">{words('clustersNone')}</p>}
      {rows.length > 0 && (
        <table data-table="clusters">
          <thead>
            <tr>
              <th scope="col">{words('municipality')}</th>
              <th scope="col">{words('clusterName')}</th>
              <td />
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <select
                    aria-label={`${words('municipality')} ${i + 1}`}
                    name={`cluster-municipality-${i}`}
                    value={r.municipality}
                    onChange={(e) => change(i, { municipality: Number(e.target.value) })}
                  >
                    {MUNICIPALITIES.map((m) => (
                      <option key={m.code} value={m.code}>
                        {m.name} ({code3(m.code)})
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="text"
                    aria-label={`${words('clusterName')} ${i + 1}`}
                    name={`cluster-name-${i}`}
                    value={r.cluster}
                    maxLength={60}
                    onChange={(e) => change(i, { cluster: e.target.value })}
                  />
                </td>
                <td>
                  <button
                    type="button"
                    className="link"
                    onClick={() => setRows(rows.filter((_, j) => j !== i))}
                  >
                    {words('clusterRemove', { municipality: municipalityName(r.municipality) })}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="goal-submit">
        <button type="button" className="secondary" onClick={add} data-cluster-add>
          {words('clusterAdd')}
        </button>
        <button type="submit" data-cluster-save>
          {words('clusterSave')}
        </button>
        {said && (
          <span
            className={said.ok ? 'status ok' : 'invalid'}
            role={said.ok ? 'status' : 'alert'}
            data-cluster-said
          >
            {said.text}
          </span>
        )}
      </div>
    </form>
  );
}
