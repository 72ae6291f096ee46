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

import { useEffect, useRef, useState } from 'react';
import { getJson, postJson, type CaseDocument, type CaseResult, type DataSummary } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { Status } from '../../ui/page-parts.tsx';
import { CaseForm, type GroupSize } from './CaseForm.tsx';
import { CaseResults } from './CaseResults.tsx';
import { CASE_REPLICATIONS, defaultCase } from './default-case.ts';
import { SavedCases } from './SavedCases.tsx';

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
  // The target group's size bounds the participants: counted when the group changes, and the
  // participants brought down to it, before the case is sent (the server refuses more).
  const groupKey = JSON.stringify([doc.municipality, doc.startWeek, doc.target]);
  const [counted, setCounted] = useState<
    { key: string; group: GroupSize } | { key: string; error: string } | null
  >(null);
  useEffect(() => {
    const controller = new AbortController();
    const { municipality, startWeek, target } = doc;
    postJson<GroupSize>(
      '/api/invest/target-group',
      { municipality, startWeek, target },
      controller.signal,
    ).then(
      (group) => {
        const most = group.persons;
        if (most !== null) setDoc((d) => (d.participants > most ? { ...d, participants: most } : d));
        setCounted({ key: groupKey, group });
      },
      (error: unknown) =>
        !controller.signal.aborted &&
        setCounted({ key: groupKey, error: error instanceof Error ? error.message : String(error) }),
    );
    return () => controller.abort();
  }, [groupKey]);
  const group = counted?.key === groupKey && 'group' in counted ? counted.group : null;
  // A group too small for the role to see figures on is refused by the server: say so, send nothing.
  const groupError =
    counted?.key === groupKey && 'error' in counted
      ? counted.error
      : group?.persons === null
        ? words('targetGroupWithheld')
        : null;
  const sendable = group !== null && group.persons !== null && doc.participants <= group.persons;
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
    const previous = (a: Answer) => (a.state === 'done' ? a.result : 'previous' in a ? a.previous : null);
    // A target group with no figures to show (empty, or withheld from the role): the figures of
    // the case before it do not stand in for them.
    if (groupError !== null) {
      setAnswer({ state: 'error', message: groupError, previous: null });
      return;
    }
    setAnswer((a) => ({ state: 'computing', previous: previous(a) }));
    // Until the group is counted (and the participants fit it), the case waits.
    if (!sendable) return;
    if (live.current.busy) live.current.waiting = { doc, key };
    else ask(doc, key);
    // When the controls rest, the answer with replications: the probability, intervals and break-even.
    const controller = new AbortController();
    const slow = setTimeout(() => {
      postJson<CaseResult>(
        '/api/invest',
        { ...doc, replications: CASE_REPLICATIONS },
        controller.signal,
      ).then(
        (result) => latest.current === key && setUncertainty({ key, result }),
        () => undefined,
      );
    }, 900);
    return () => {
      clearTimeout(slow);
      controller.abort();
    };
  }, [key, sendable, groupError]);

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
        <CaseForm doc={doc} group={group} onChange={change} />
        <div className="results" aria-live="polite" aria-busy={answer.state === 'computing'}>
          {answer.state === 'computing' && <p className="status computing">{words('computing')}</p>}
          {answer.state === 'error' && (
            <p className="status error" role="alert">
              {words('error')}: {answer.message}
            </p>
          )}
          {shown && <CaseResults doc={doc} result={shown} replicated={replicated} />}
        </div>
      </div>
      <SavedCases doc={doc} lastWeek={lastWeek} onOpen={(d) => change(d)} />
    </>
  );
}
