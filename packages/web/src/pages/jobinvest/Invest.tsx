/**
 * Investeringsberegner: build an investment case and see, live, what it does to the municipality's
 * net expenditure: with and without by year, the cumulative net with the payback point, the
 * break-even effect against the chosen one, the probability of paying back; save, reopen, duplicate
 * and compare cases.
 *
 * Live: every change sends the case to POST /api/invest without replications or break-even search
 * (expected values; the server keeps the target group and its projections, so a change of effect
 * costs one projection, and one of cost, discount rate or participants none). When the controls have
 * rested for a moment, two more requests fill in the break-even effect, the probability of paying
 * back and the intervals: a first estimate from the first replications (`quickReplications`: 100
 * for the default case, fewer for a larger or longer one), then the final figures, from the case's
 * own count of replications or as many as give the probability to 2 points (the server decides, as
 * for the report, which prints the same figures); the server computes the first estimate's
 * replications once, for both. An answer to an older version of the
 * case is dropped, and a change stops the requests of the one before.
 *
 * Results are never shown as if they were of the fields on screen when they are not: while a field's
 * text is refused, or after the server refused the case, the last results are marked as not updated
 * (nothing is sent, and no tile waits); a target group the role may not see shows none.
 */

import { CASE_REPLICATIONS, quickReplications } from '@jobinvest/core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useStateName } from '../../catalogue.tsx';
import { postJson, type CaseDocument, type CaseResult, type DataSummary } from '../../api.ts';
import { formatYyyyww } from '../../format.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { caseStartRange, type WeekRange } from '../../ui/danish-input.ts';
import type { ReportProblem } from '../../ui/NumberField.tsx';
import { CaseForm, type GroupSize } from './CaseForm.tsx';
import { refusalOf, type Refusal } from './case-refusal.ts';
import { CaseResults } from './CaseResults.tsx';
import { defaultCase } from './default-case.ts';
import { SavedCases } from './SavedCases.tsx';

/** How long the controls rest before the break-even effect and the replications are asked for, ms. */
const TILES_AFTER_MS = 150;

/** Where a case to open goes while the frame switches to the case's municipality. */
const OPEN_CASE = 'jobinvest.openCase';

/** Open the calculator (#/investering) on `doc` of the frame's municipality, read once by the form. */
export function openInCalculator(doc: CaseDocument): void {
  sessionStorage.setItem(OPEN_CASE, JSON.stringify(doc));
  window.location.hash = '#/investering';
}

export function InvestPage({
  municipality,
  summary,
  onMunicipality,
}: {
  municipality: number;
  /** The frame's summary of the data (window, municipalities and their names). */
  summary: DataSummary;
  /** Choose another municipality in the frame (to open a case of it). */
  onMunicipality: (code: number) => void;
}) {
  const language = useLanguage();
  return (
    <Calculator
      initial={defaultCase(municipality, summary.window?.last ?? 202552, language)}
      window={summary.window}
      municipality={municipality}
      names={new Map(summary.municipalities.map((m) => [m.code, m.name ?? String(m.code).padStart(3, '0')]))}
      onOpenElsewhere={(doc) => {
        sessionStorage.setItem(OPEN_CASE, JSON.stringify(doc));
        onMunicipality(Number(doc.municipality));
      }}
    />
  );
}

type Live =
  | { key: string; state: 'computing' }
  | { key: string; state: 'done'; result: CaseResult }
  | { key: string; state: 'error'; refusal: Refusal };

/** The answer with replications: a first estimate (`provisional`) or the final one. */
type Slow =
  | { key: string; state: 'computing' }
  | { key: string; state: 'done'; result: CaseResult; provisional: boolean }
  | { key: string; state: 'error'; message: string };

/** The narrower of the app's start range and what the server said it takes. */
function narrowed(range: WeekRange | null, server: Partial<WeekRange>): WeekRange | null {
  if (!range) return null;
  return {
    first: Math.max(range.first, server.first ?? range.first),
    last: Math.min(range.last, server.last ?? range.last),
  };
}

function Calculator({
  initial,
  window: data,
  municipality,
  names,
  onOpenElsewhere,
}: {
  initial: CaseDocument;
  window: WeekRange | null;
  municipality: number;
  names: ReadonlyMap<number, string>;
  onOpenElsewhere: (doc: CaseDocument) => void;
}) {
  const words = useWords();
  const language = useLanguage();
  const name = useStateName();
  const [doc, setDoc] = useState<CaseDocument>(() => {
    const opened = sessionStorage.getItem(OPEN_CASE);
    sessionStorage.removeItem(OPEN_CASE);
    return opened ? (JSON.parse(opened) as CaseDocument) : initial;
  });
  const current = useRef(doc);
  current.current = doc;

  // The fields whose text is refused: while there is one, nothing is sent and the results are old.
  const [refused, setRefused] = useState<Readonly<Record<string, string>>>({});
  const report = useCallback<ReportProblem>(
    (name, problem) =>
      setRefused((p) => {
        if ((p[name] ?? null) === problem) return p;
        const next = { ...p };
        if (problem === null) delete next[name];
        else next[name] = problem;
        return next;
      }),
    [],
  );
  const invalid = Object.keys(refused).length > 0;

  // The weeks a case may start in: as the server says them with the target group's count and in
  // a refusal's details; until it has, by the app's own rule on the data's weeks; narrowed by what
  // an older server's refusal says in words (it gave no range).
  const [serverRange, setServerRange] = useState<WeekRange | null>(null);
  const [narrowing, setNarrowing] = useState<Partial<WeekRange>>({});
  const startRange = narrowed(serverRange ?? (data ? caseStartRange(data) : null), narrowing);
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  const startRangeText =
    startRange && data
      ? words('startRange', {
          first: week(startRange.first),
          last: week(startRange.last),
          dataLast: week(data.last),
        })
      : undefined;
  const learn = (refusal: Refusal) => {
    const range = refusal.startRange;
    if (range?.first !== undefined && range.last !== undefined)
      setServerRange({ first: range.first, last: range.last });
    else if (range) setNarrowing((s) => ({ ...s, ...range }));
  };

  // The target group's size bounds the participants: counted when the group changes, and the
  // participants brought down to it, before the case is sent (the server refuses more).
  const groupKey = JSON.stringify([doc.municipality, doc.startWeek, doc.target]);
  const [groupCount, setGroupCount] = useState<
    { key: string; group: GroupSize } | { key: string; refusal: Refusal } | null
  >(null);
  const [capped, setCapped] = useState<{ from: number; to: number } | null>(null);
  const countsDone = useRef(0);
  useEffect(() => {
    const controller = new AbortController();
    const asked = current.current;
    const { municipality: m, startWeek, target } = asked;
    setCapped(null);
    postJson<GroupSize>(
      '/api/invest/target-group',
      { municipality: m, startWeek, target },
      controller.signal,
    ).then(
      (group) => {
        const most = group.persons;
        const participants = current.current.participants;
        if (most !== null && participants > most) {
          // Said beside the field when a change of the group brought them down, not for the case
          // the page opened with.
          if (countsDone.current > 0) setCapped({ from: participants, to: most });
          setDoc((d) => ({ ...d, participants: Math.min(d.participants, most) }));
        }
        countsDone.current++;
        if (group.startWeeks) setServerRange(group.startWeeks);
        setGroupCount({ key: groupKey, group });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const refusal = refusalOf(
          error instanceof Error ? error : { message: String(error) },
          asked,
          language,
          name,
        );
        learn(refusal);
        setGroupCount({ key: groupKey, refusal });
      },
    );
    return () => controller.abort();
  }, [groupKey]);
  const group = groupCount?.key === groupKey && 'group' in groupCount ? groupCount.group : null;
  // A group the server refused, or too small for the role to see figures on: no figures at all,
  // not even those of the case before it.
  const groupRefusal: Refusal | null =
    groupCount?.key === groupKey && 'refusal' in groupCount
      ? groupCount.refusal
      : group?.persons === null
        ? { field: null, message: words('targetGroupWithheld') }
        : null;
  const sendable = group !== null && group.persons !== null && doc.participants <= group.persons;

  // The answer carries the server's texts (assumptions) in the language asked for: ask again on a switch.
  const key = JSON.stringify([language, doc]);
  const latest = useRef(key);
  latest.current = key;
  const [live, setLive] = useState<Live | null>(null);
  const [last, setLast] = useState<CaseResult | null>(null);
  const [slow, setSlow] = useState<Slow | null>(null);

  // The live answer is asked for at once. While one is being computed, only the newest change waits
  // for it: the server computes one case at a time, so answers to cases already changed would queue.
  const queue = useRef<{ busy: boolean; waiting: { doc: CaseDocument; key: string } | null }>({
    busy: false,
    waiting: null,
  });
  const ask = (asked: CaseDocument, askedKey: string) => {
    queue.current.busy = true;
    postJson<CaseResult>('/api/invest', { ...asked, replications: 0, breakEven: false })
      .then(
        (result) => {
          if (latest.current !== askedKey) return;
          setLive({ key: askedKey, state: 'done', result });
          setLast(result);
        },
        (error: unknown) => {
          if (latest.current !== askedKey) return;
          const refusal = refusalOf(
            error instanceof Error ? error : { message: String(error) },
            asked,
            language,
            name,
          );
          learn(refusal);
          setLive({ key: askedKey, state: 'error', refusal });
        },
      )
      .finally(() => {
        queue.current.busy = false;
        const next = queue.current.waiting;
        queue.current.waiting = null;
        if (next && next.key === latest.current) ask(next.doc, next.key);
      });
  };

  useEffect(() => {
    // Nothing to send: a refused field, a refused group, or the group not counted yet.
    if (invalid || groupRefusal !== null || !sendable) return;
    setLive({ key, state: 'computing' });
    if (queue.current.busy) queue.current.waiting = { doc, key };
    else ask(doc, key);
    // When the controls rest, the answers with replications: the probability, intervals and
    // break-even, first estimated, then final (an estimate that comes after the final is dropped; a
    // failed estimate leaves the tiles waiting for the final answer, which says what failed).
    const controller = new AbortController();
    const first = quickReplications(
      doc.replications ?? CASE_REPLICATIONS,
      doc.participants,
      doc.horizonWeeks,
    );
    // The final answer is for the case as it is, as the report is.
    const askTiles = (replications?: number) =>
      postJson<CaseResult>(
        '/api/invest',
        replications === undefined ? doc : { ...doc, replications },
        controller.signal,
      );
    const timer = setTimeout(() => {
      setSlow({ key, state: 'computing' });
      if (first < (doc.replications ?? CASE_REPLICATIONS))
        askTiles(first).then(
          (result) =>
            latest.current === key &&
            setSlow((s) =>
              s?.key === key && s.state !== 'computing'
                ? s
                : { key, state: 'done', result, provisional: true },
            ),
          () => undefined,
        );
      askTiles().then(
        (result) => latest.current === key && setSlow({ key, state: 'done', result, provisional: false }),
        (error: unknown) =>
          controller.signal.aborted ||
          (latest.current === key &&
            setSlow({
              key,
              state: 'error',
              message: refusalOf(
                error instanceof Error ? error : { message: String(error) },
                doc,
                language,
                name,
              ).message,
            })),
      );
    }, TILES_AFTER_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, sendable, groupRefusal === null, invalid]);

  const change = (next: CaseDocument) => {
    performance.mark('control-changed');
    setDoc(next);
  };
  const open = (opened: CaseDocument) =>
    Number(opened.municipality) === municipality ? change(opened) : onOpenElsewhere(opened);

  const fresh = live?.key === key && live.state === 'done' ? live.result : null;
  const liveRefusal = live?.key === key && live.state === 'error' ? live.refusal : null;
  const stale = invalid || liveRefusal !== null;
  const shown = groupRefusal ? null : (fresh ?? last);
  const computing = !stale && groupRefusal === null && fresh === null;
  const answered = !stale && slow?.key === key && slow.state === 'done' ? slow : null;
  const replicated = answered?.result ?? null;
  const uncertaintyError = !stale && slow?.key === key && slow.state === 'error' ? slow.message : null;
  const pending = !stale && groupRefusal === null && replicated === null && uncertaintyError === null;
  // A start the server refused is said with the weeks it takes, as far as the app knows them.
  const said = (r: Refusal) => (r.field === 'startWeek' && r.startRange && startRangeText) || r.message;
  // What the server refused, on the field it names.
  const problems: Record<string, string> = {};
  for (const r of [groupRefusal, liveRefusal]) if (r?.field) problems[r.field] ??= said(r);

  return (
    <>
      <h1>{words('invest')}</h1>
      <div className="calculator">
        <CaseForm
          doc={doc}
          group={group}
          groupRefused={groupCount?.key === groupKey && 'refusal' in groupCount}
          capped={capped}
          startRange={startRange}
          {...(startRangeText ? { startRangeText } : {})}
          problems={problems}
          convertedHazardRatio={fresh && doc.effect.extraPointsInWork ? fresh.hazardRatio : null}
          onProblem={report}
          onChange={change}
        />
        <div
          className="results"
          aria-live="polite"
          aria-busy={computing}
          data-stale={stale || undefined}
          data-state={groupRefusal ? 'refused' : stale ? 'stale' : computing ? 'computing' : 'done'}
        >
          {computing && (
            <p className="status computing" role="status">
              {words('computing')}
            </p>
          )}
          {groupRefusal && (
            <p className="status error" role="alert">
              {words('error')}: {said(groupRefusal)}
            </p>
          )}
          {!groupRefusal && liveRefusal && (
            <p className="status error" role="alert">
              {words('error')}: {said(liveRefusal)}
              {shown && ` ${words('staleAfterError')}`}
            </p>
          )}
          {!groupRefusal && !liveRefusal && invalid && (
            <p className="status error" role="alert" data-stale-note>
              {words('staleResults')}
            </p>
          )}
          {uncertaintyError && (
            <p className="status error" role="alert">
              {words('uncertaintyFailed', { message: uncertaintyError })}
            </p>
          )}
          {shown && (
            <div className={stale ? 'stale' : 'current'}>
              <CaseResults
                doc={doc}
                result={shown}
                replicated={replicated}
                provisional={answered?.provisional ?? false}
                pending={pending}
              />
            </div>
          )}
        </div>
      </div>
      <SavedCases
        doc={doc}
        ready={!invalid && (groupRefusal !== null || sendable)}
        lastWeek={data?.last ?? null}
        municipality={municipality}
        names={names}
        onOpen={open}
      />
    </>
  );
}
