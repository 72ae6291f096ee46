/**
 * Borger: one citizen's progression (GET /api/progression/citizens/{person}): the indicators as a
 * radar chart, one polygon per measurement chosen (the latest emphasised), as the citizen or the
 * caseworker answered them; the change of each indicator since the last and the first measurement;
 * the dialogue guide's points; the action plan (PUT …/measurements/{id}/plan); the measurements. A
 * role that may `write:measurements` starts a new measurement or goes on with the draft
 * (#/progression/{person}/maaling, Recording.tsx).
 */

import {
  answersOf,
  finalsInOrder,
  meanScore,
  type ActionPlanItem,
  type CitizenProgress,
  type Indicator,
  type IndicatorChange,
  type Measurement,
  type Respondent,
} from '@jobinvest/core';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { getJson, putJson } from '../../api.ts';
import { useStateName } from '../../catalogue.tsx';
import { formatNumber } from '../../format.ts';
import { useKept, useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { useMay } from '../../permissions.tsx';
import { Section, Status, Tile } from '../../ui/page-parts.tsx';
import { DataTable, ExportInfoProvider, type Column, type Row } from '../../ui/Table.tsx';
import {
  citizenPath,
  formatChange,
  indicatorsOf,
  inLanguage,
  measurementPath,
  PROGRESSION,
  shortPseudonym,
  type QuestionnairesAnswer,
  useIndicatorName,
} from './progression-api.ts';
import { RadarChart } from './RadarChart.tsx';
import { Recording, recordingSaved } from './Recording.tsx';
import { StepValueSection } from './StepValue.tsx';

/** The measurements the chart shows at first: the latest three final ones. */
const FIRST_SHOWN = 3;

const one = (v: number) => formatNumber(v, 1);

export function CitizenPage({
  municipality,
  person,
  recording,
}: {
  municipality: number;
  person: string;
  /** The recording screen (#/progression/{person}/maaling) rather than the overview. */
  recording: boolean;
}) {
  const words = useWords();
  const mayWrite = useMay('write:measurements');
  const [reload, setReload] = useState(0);
  // Asked again on every change of view, once what the recording saved on leaving is stored.
  const progress = useLoad(`progression-citizen-${municipality}-${person}-${reload}-${recording}`, (signal) =>
    recordingSaved().then(() => getJson<CitizenProgress>(citizenPath(person, municipality), signal)),
  );
  const { value: shown } = useKept(progress);
  const questionnaires = useLoad('progression-questionnaires', (signal) =>
    getJson<QuestionnairesAnswer>(`${PROGRESSION}/questionnaires`, signal),
  );
  const base = `#/progression/${encodeURIComponent(person)}`;
  return (
    <>
      <p className="kpi-back">
        <a href={recording ? base : '#/progression'}>
          {recording ? words('progBackToCitizen') : words('progBackToCitizens')}
        </a>
      </p>
      <h1 title={person}>
        {recording ? words('progRecording') : words('progCitizen')}: {shortPseudonym(person)}
      </h1>
      {/* Kept while it is asked again (a plan saved, a measurement finalised), so nothing below is unmounted. */}
      {shown ? (
        <Status loaded={questionnaires}>
          {(q) => (
            <CitizenBody
              progress={shown}
              questionnaires={q}
              person={person}
              municipality={municipality}
              recording={recording}
              mayWrite={mayWrite}
              base={base}
              onChanged={() => setReload((n) => n + 1)}
            />
          )}
        </Status>
      ) : (
        <Status loaded={progress}>{() => null}</Status>
      )}
    </>
  );
}

/** The recording screen, or the overview, of the citizen's progress as last loaded. */
function CitizenBody({
  progress: p,
  questionnaires: q,
  person,
  municipality,
  recording,
  mayWrite,
  base,
  onChanged,
}: {
  progress: CitizenProgress;
  questionnaires: QuestionnairesAnswer;
  person: string;
  municipality: number;
  recording: boolean;
  mayWrite: boolean;
  base: string;
  onChanged: () => void;
}) {
  const words = useWords();
  const draft = [...p.measurements].reverse().find((m) => m.status === 'draft') ?? null;
  if (!recording)
    return (
      <Overview
        progress={p}
        questionnaires={q}
        draft={draft}
        mayWrite={mayWrite}
        base={base}
        onPlanSaved={onChanged}
      />
    );
  const version = draft?.questionnaire ?? p.questionnaire;
  const questionnaire = q.questionnaires.find((x) => x.version === version);
  if (!questionnaire)
    return (
      <p className="status error" role="alert">
        {words('progNoQuestionnaire', { version })}
      </p>
    );
  if (!mayWrite)
    return (
      <p className="status error" role="alert">
        {words('notAllowed')}
      </p>
    );
  return (
    <Recording
      key={draft?.id ?? 'new'}
      person={person}
      municipality={municipality}
      questionnaire={questionnaire}
      draft={draft}
      previous={finalsInOrder(p.measurements).at(-1) ?? null}
      onFinal={() => {
        onChanged();
        window.location.hash = base;
      }}
    />
  );
}

function Overview({
  progress,
  questionnaires,
  draft,
  mayWrite,
  base,
  onPlanSaved,
}: {
  progress: CitizenProgress;
  questionnaires: QuestionnairesAnswer;
  draft: Measurement | null;
  mayWrite: boolean;
  base: string;
  onPlanSaved: () => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const stateName = useStateName();
  const row = progress.row;
  const finals = finalsInOrder(progress.measurements);
  const questionnaire = questionnaires.questionnaires.find((x) => x.version === progress.questionnaire);
  const mayCases = useMay('read:cases');
  const mayOwn = useMay('read:own-caseload');
  const mayValue = mayCases || mayOwn;
  return (
    <ExportInfoProvider
      info={{
        title: `${words('progCitizen')} ${shortPseudonym(progress.person)}`,
        assumptions: questionnaire ? [inLanguage(questionnaire.source, language)] : [],
      }}
    >
      <div className="tiles">
        <Tile label={words('progBenefit')} value={row.benefit ? stateName(row.benefit) : '–'} />
        <Tile label={words('progMeasurements')} value={String(finals.length)} />
        <Tile label={words('progLastMeasured')} value={row.lastMeasured ?? '–'} />
        <Tile
          label={words('progLatestMean')}
          value={row.latestMean === null ? '–' : `${one(row.latestMean)} (${formatChange(row.change, one)})`}
        />
        <Tile label={words('progNextFollowUp')} value={row.nextFollowUp ?? '–'} />
      </div>
      {mayWrite && (
        <p className="prog-actions">
          <a className="button" href={`${base}/maaling`} data-new-measurement>
            {draft ? words('progContinueDraft', { date: draft.date }) : words('progNewMeasurement')}
          </a>
        </p>
      )}
      {finals.length === 0 ? (
        <p className="note" data-no-measurements>
          {words('progNoMeasurements')}
        </p>
      ) : (
        <>
          <Radar measurements={finals} />
          <Changes changes={progress.changes} />
        </>
      )}
      {mayValue && (
        <StepValueSection
          municipality={progress.municipality}
          benefit={row.benefit ?? null}
          latest={finals.at(-1) ?? null}
        />
      )}
      <Dialogue progress={progress} />
      <Plan progress={progress} finals={finals} mayWrite={mayWrite} onSaved={onPlanSaved} />
      <MeasurementList measurements={progress.measurements} />
    </ExportInfoProvider>
  );
}

/** The radar chart with its choices: whose answers, which measurements. */
function Radar({ measurements }: { measurements: readonly Measurement[] }) {
  const words = useWords();
  const indicatorName = useIndicatorName();
  const id = useId();
  const [respondent, setRespondent] = useState<Respondent>('caseworker');
  const [chosen, setChosen] = useState<ReadonlySet<number>>(
    () => new Set(measurements.slice(-FIRST_SHOWN).map((m) => m.id)),
  );
  // A measurement finalised since: shown, as the latest.
  const latest = measurements.at(-1)!;
  useEffect(() => {
    setChosen((was) => (was.has(latest.id) ? was : new Set([...was, latest.id])));
  }, [latest.id]);
  const indicators = indicatorsOf(respondent);
  const shown = measurements.filter((m) => chosen.has(m.id));
  const emphasised = shown.at(-1);
  const toggle = (mid: number) =>
    setChosen((was) => {
      const next = new Set(was);
      if (next.has(mid)) next.delete(mid);
      else next.add(mid);
      return next;
    });
  return (
    <Section title={words('progRadar')}>
      <div className="prog-radar">
        <div className="prog-radar-choices">
          <fieldset>
            <legend>{words('progView')}</legend>
            {(['citizen', 'caseworker'] as const).map((r) => (
              <label key={r} className="inline-check">
                <input
                  type="radio"
                  name={`${id}-respondent`}
                  value={r}
                  checked={respondent === r}
                  onChange={() => setRespondent(r)}
                />
                {words(r === 'citizen' ? 'progViewCitizen' : 'progViewCaseworker')}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{words('progChooseMeasurements')}</legend>
            {measurements.map((m) => (
              <label key={m.id} className="inline-check">
                <input
                  type="checkbox"
                  name="radar-measurement"
                  value={m.id}
                  checked={chosen.has(m.id)}
                  onChange={() => toggle(m.id)}
                />
                {m.date}
              </label>
            ))}
          </fieldset>
        </div>
        <RadarChart
          name={respondent}
          axes={indicators.map((k) => indicatorName(k))}
          label={words('progRadarLabel', {
            who: words(respondent === 'citizen' ? 'progViewCitizen' : 'progViewCaseworker'),
            dates: shown.map((m) => m.date).join(', ') || '–',
          })}
          series={shown.map((m) => ({
            name: m.date,
            values: indicators.map((k) => answersOf(m, respondent)[k] ?? null),
            emphasised: m === emphasised,
          }))}
        />
      </div>
    </Section>
  );
}

/** The change of each indicator, both respondents side by side. */
function Changes({ changes }: { changes: readonly IndicatorChange[] }) {
  const words = useWords();
  const indicatorName = useIndicatorName();
  const by = new Map(changes.map((c) => [`${c.respondent}:${c.indicator}`, c]));
  const indicators = indicatorsOf('caseworker');
  const columns: Column[] = [
    { key: 'indicator', header: words('progIndicator') },
    ...(['citizen', 'caseworker'] as const).flatMap((r): Column[] => {
      const who = words(r === 'citizen' ? 'progCitizenShort' : 'progCaseworkerShort');
      return [
        { key: `${r}Latest`, header: `${who}: ${words('progLatest')}`, numeric: true },
        { key: `${r}Last`, header: `${who}: ${words('progSinceLast')}`, numeric: true },
        { key: `${r}First`, header: `${who}: ${words('progSinceFirst')}`, numeric: true },
      ];
    }),
  ];
  const rows = indicators.map((k): Row => {
    const cell = (r: Respondent): Row => {
      const c = by.get(`${r}:${k}`);
      return {
        [`${r}Latest`]: c?.latest ?? null,
        [`${r}Last`]: c && c.sinceLast !== null ? formatChange(c.sinceLast, one) : null,
        [`${r}First`]: c && c.sinceFirst !== null ? formatChange(c.sinceFirst, one) : null,
      };
    };
    return { indicator: indicatorName(k), ...cell('citizen'), ...cell('caseworker') };
  });
  return (
    <Section title={words('progChanges')}>
      <DataTable name="progression-changes" title={words('progChanges')} columns={columns} rows={rows} />
    </Section>
  );
}

function Dialogue({ progress }: { progress: CitizenProgress }) {
  const words = useWords();
  const language = useLanguage();
  return (
    <Section title={words('progDialogue')}>
      <p className="note">{words('progDialogueLead')}</p>
      {progress.dialogue.length === 0 ? (
        <p className="note" data-dialogue-none>
          {words('progDialogueNone')}
        </p>
      ) : (
        <ul className="prog-dialogue" data-dialogue>
          {progress.dialogue.map((d) => (
            <li key={`${d.indicator}-${d.reason}`} data-reason={d.reason} data-indicator={d.indicator}>
              <span className={`prog-reason prog-reason-${d.reason}`}>{words(`progReason_${d.reason}`)}</span>{' '}
              {inLanguage(d.text, language)}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

type PlanText = Record<Indicator, { goal: string; nextStep: string; followUp: string }>;

function planText(items: readonly ActionPlanItem[]): PlanText {
  const by = new Map(items.map((i) => [i.indicator, i]));
  return Object.fromEntries(
    indicatorsOf('caseworker').map((k) => {
      const i = by.get(k);
      return [
        k,
        { goal: i?.goal ? String(i.goal) : '', nextStep: i?.nextStep ?? '', followUp: i?.followUp ?? '' },
      ];
    }),
  ) as PlanText;
}

/**
 * The action plan: a goal, the next step and a follow-up day per indicator, kept with the latest
 * final measurement (the latest plan, from an earlier measurement, is where it starts).
 */
function Plan({
  progress,
  finals,
  mayWrite,
  onSaved,
}: {
  progress: CitizenProgress;
  finals: readonly Measurement[];
  mayWrite: boolean;
  onSaved: () => void;
}) {
  const words = useWords();
  const indicatorName = useIndicatorName();
  const latest = finals.at(-1) ?? null;
  const [text, setText] = useState<PlanText>(() => planText(progress.plan?.items ?? []));
  const [said, setSaid] = useState<{ ok: boolean; text: string } | null>(null);
  const latestScores = useMemo(() => (latest ? latest.caseworkerAnswers : {}), [latest]);
  const set = (k: Indicator, field: keyof PlanText[Indicator], value: string) => {
    setText((was) => ({ ...was, [k]: { ...was[k], [field]: value } }));
    setSaid(null);
  };
  if (!latest)
    return (
      <Section title={words('progPlan')}>
        <p className="note">{words('progPlanNeedsMeasurement')}</p>
      </Section>
    );
  const save = (e: FormEvent) => {
    e.preventDefault();
    const items: ActionPlanItem[] = indicatorsOf('caseworker')
      .filter((k) => text[k].goal !== '' || text[k].nextStep.trim() !== '' || text[k].followUp !== '')
      .map((k) => ({
        indicator: k,
        goal: text[k].goal === '' ? null : Number(text[k].goal),
        nextStep: text[k].nextStep.trim(),
        followUp: text[k].followUp === '' ? null : text[k].followUp,
      }));
    putJson(`${measurementPath(latest.id)}/plan`, { items }).then(
      () => {
        setSaid({ ok: true, text: words('progPlanSaved', { date: latest.date }) });
        onSaved();
      },
      (error: unknown) =>
        setSaid({
          ok: false,
          text: words('serverRefused', { message: error instanceof Error ? error.message : String(error) }),
        }),
    );
  };
  return (
    <Section title={words('progPlan')}>
      <p className="note">
        {progress.plan && progress.plan.measurementId !== latest.id
          ? words('progPlanFromEarlier', { date: latest.date })
          : words('progPlanLead', { date: latest.date })}
      </p>
      <form className="prog-plan" aria-label={words('progPlan')} onSubmit={save} data-plan>
        <table>
          <thead>
            <tr>
              <th scope="col">{words('progIndicator')}</th>
              <th scope="col" className="num">
                {words('progLatest')}
              </th>
              <th scope="col">{words('progPlanGoal')}</th>
              <th scope="col">{words('progPlanNextStep')}</th>
              <th scope="col">{words('progPlanFollowUp')}</th>
            </tr>
          </thead>
          <tbody>
            {indicatorsOf('caseworker').map((k) => {
              const name = indicatorName(k);
              return (
                <tr key={k} data-plan-row={k}>
                  <th scope="row">{name}</th>
                  <td className="num">{latestScores[k] ?? '–'}</td>
                  <td>
                    <select
                      aria-label={`${words('progPlanGoal')}: ${name}`}
                      name={`goal-${k}`}
                      value={text[k].goal}
                      disabled={!mayWrite}
                      onChange={(e) => set(k, 'goal', e.target.value)}
                    >
                      <option value="">–</option>
                      {[1, 2, 3, 4, 5].map((s) => (
                        <option key={s} value={s}>
                          {s}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input
                      type="text"
                      aria-label={`${words('progPlanNextStep')}: ${name}`}
                      name={`next-${k}`}
                      value={text[k].nextStep}
                      maxLength={500}
                      readOnly={!mayWrite}
                      onChange={(e) => set(k, 'nextStep', e.target.value)}
                    />
                  </td>
                  <td>
                    <input
                      type="date"
                      aria-label={`${words('progPlanFollowUp')}: ${name}`}
                      name={`follow-${k}`}
                      value={text[k].followUp}
                      readOnly={!mayWrite}
                      onChange={(e) => set(k, 'followUp', e.target.value)}
                    />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {mayWrite && (
          <div className="goal-submit">
            <button type="submit" data-plan-save>
              {words('progPlanSave')}
            </button>
            {said && (
              <span
                className={said.ok ? 'status ok' : 'invalid'}
                role={said.ok ? 'status' : 'alert'}
                data-plan-said
              >
                {said.text}
              </span>
            )}
          </div>
        )}
      </form>
    </Section>
  );
}

function MeasurementList({ measurements }: { measurements: readonly Measurement[] }) {
  const words = useWords();
  const columns: Column[] = [
    { key: 'date', header: words('progDate') },
    { key: 'status', header: words('progStatus') },
    { key: 'source', header: words('progSource') },
    { key: 'questionnaire', header: words('progQuestionnaire') },
    { key: 'citizenMean', header: words('progCitizenMean'), numeric: true, decimals: 1 },
    { key: 'caseworkerMean', header: words('progCaseworkerMean'), numeric: true, decimals: 1 },
    { key: 'recordedBy', header: words('progRecordedBy') },
  ];
  return (
    <Section title={words('progMeasurementList')}>
      {measurements.length === 0 ? (
        <p className="note">{words('progNoMeasurements')}</p>
      ) : (
        <DataTable
          name="progression-measurements"
          title={words('progMeasurementList')}
          columns={columns}
          rows={[...measurements].reverse().map((m): Row => ({
            date: m.date,
            status: words(m.status === 'draft' ? 'progStatusDraft' : 'progStatusFinal'),
            source: words(`progSource_${m.source}`),
            questionnaire: m.questionnaire,
            citizenMean: meanScore(m.citizen),
            caseworkerMean: meanScore(m.caseworkerAnswers),
            recordedBy: m.recordedBy,
          }))}
        />
      )}
    </Section>
  );
}
