/**
 * Recording a measurement with the citizen: the citizen's part (their items and how they search for
 * work) and the caseworker's (all eleven, the belief question among them), every step's anchor
 * written beside its choice, the previous measurement's answer beside each item.
 *
 * Keyboard first: the digits 1-5 answer the item that has the focus and move to the next; the arrow
 * keys move within an item (the browser's radio groups); Enter saves the draft. The draft is saved
 * by its button, every 30 seconds while something changed, and when the page is left (with
 * `keepalive`, so that closing the tab does not lose it). The first save creates the measurement
 * (POST …/citizens/{person}/measurements); later ones replace it (PUT …/measurements/{id}). Finalising
 * asks for every item and says which are missing. "Send til borgerens telefon" saves the draft and
 * asks for a one-time link to the citizen's part (POST …/measurements/{id}/link).
 */

import {
  answersOf,
  SEARCH_CHANNELS,
  type Answers,
  type CitizenProgress,
  type Indicator,
  type Measurement,
  type MeasurementInput,
  type MeasurementStatus,
  type Questionnaire,
  type QuestionnaireItem,
  type Respondent,
  type SearchChannel,
} from '@jobinvest/core';
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { getJson, postJson, putJson } from '../../api.ts';
import { formatInstant } from '../../format.ts';
import { useLanguage, useWords, type Language } from '../../i18n.tsx';
import { Section } from '../../ui/page-parts.tsx';
import {
  citizenPath,
  inLanguage,
  measurementPath,
  newMeasurementPath,
  todayInCopenhagen,
  toggleChannel,
  unanswered,
  type CitizenLinkIssued,
  useIndicatorName,
} from './progression-api.ts';

const AUTOSAVE_MS = 30_000;
/** How often the page asks whether the citizen has answered on the phone. */
const PHONE_POLL_MS = 4_000;

/** The save made when the recording was last left, while it is on its way. */
let leftSave: Promise<unknown> = Promise.resolve();

/** Resolves once the save made on leaving the recording is stored (or refused): then the draft reads right. */
export function recordingSaved(): Promise<void> {
  return leftSave.then(
    () => undefined,
    () => undefined,
  );
}

interface Draft {
  readonly date: string;
  readonly citizen: Answers;
  readonly caseworker: Answers;
  readonly channels: readonly SearchChannel[];
}

type Said =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly at: string; readonly auto: boolean }
  | { readonly kind: 'missing'; readonly text: string }
  | { readonly kind: 'refused'; readonly text: string };

/** The body of a save: every item of the version, null where unanswered. */
function inputOf(questionnaire: Questionnaire, draft: Draft, status: MeasurementStatus): MeasurementInput {
  const all = (items: readonly QuestionnaireItem[], answers: Answers): Answers =>
    Object.fromEntries(items.map((i) => [i.indicator, answers[i.indicator] ?? null]));
  return {
    date: draft.date,
    questionnaire: questionnaire.version,
    status,
    citizen: all(questionnaire.citizen, draft.citizen),
    caseworker: all(questionnaire.caseworker, draft.caseworker),
    channels: draft.channels,
  };
}

export function Recording({
  person,
  municipality,
  questionnaire,
  draft: stored,
  previous,
  onFinal,
}: {
  person: string;
  municipality: number;
  questionnaire: Questionnaire;
  /** The draft to go on with, or null for a new measurement. */
  draft: Measurement | null;
  /** The latest final measurement, whose answers are shown beside the items. */
  previous: Measurement | null;
  onFinal: () => void;
}) {
  const words = useWords();
  const indicatorName = useIndicatorName();
  const language = useLanguage();
  const [draft, setDraft] = useState<Draft>(() => ({
    date: stored?.date ?? todayInCopenhagen(),
    citizen: stored?.citizen ?? {},
    caseworker: stored?.caseworkerAnswers ?? {},
    channels: stored?.channels ?? [],
  }));
  const [said, setSaid] = useState<Said>({ kind: 'idle' });
  const [link, setLink] = useState<CitizenLinkIssued | null>(null);
  const [linkLanguage, setLinkLanguage] = useState<Language>(language);
  const [linkSaid, setLinkSaid] = useState<string | null>(null);
  // What the saves read: the latest draft, the measurement's id once it has one, whether it changed.
  const current = useRef({ draft, id: stored?.id ?? null, dirty: false, finished: false, pending: 0 });
  const saving = useRef<Promise<number | null>>(Promise.resolve(stored?.id ?? null));
  const form = useRef<HTMLFormElement>(null);

  const change = (next: (was: Draft) => Draft) => {
    setDraft((was) => {
      const value = next(was);
      current.current.draft = value;
      current.current.dirty = true;
      return value;
    });
    if (said.kind === 'missing') setSaid({ kind: 'idle' });
  };

  /** Saves as `status`, one save after the other; the measurement's id, or null when refused. */
  const save = useCallback(
    (status: MeasurementStatus, auto = false): Promise<number | null> => {
      current.current.pending++;
      saving.current = saving.current.then(async () => {
        const now = current.current;
        const body = inputOf(questionnaire, now.draft, status);
        now.dirty = false;
        setSaid({ kind: 'saving' });
        try {
          const answer =
            now.id === null
              ? await postJson<{ measurement: Measurement }>(newMeasurementPath(person, municipality), body)
              : await putJson<{ measurement: Measurement }>(measurementPath(now.id), body);
          now.id = answer.measurement.id;
          setSaid({ kind: 'saved', at: answer.measurement.updatedAt, auto });
          return now.id;
        } catch (error) {
          now.dirty = true;
          setSaid({
            kind: 'refused',
            text: words('serverRefused', { message: error instanceof Error ? error.message : String(error) }),
          });
          return null;
        } finally {
          now.pending--;
        }
      });
      return saving.current;
    },
    [questionnaire, person, municipality, words],
  );

  // Every 30 seconds while something changed.
  useEffect(() => {
    const timer = setInterval(() => {
      if (current.current.dirty && !current.current.finished) void save('draft', true);
    }, AUTOSAVE_MS);
    return () => clearInterval(timer);
  }, [save]);

  // When the page is left (another page of the app, the tab closed): what changed is kept.
  const leave = useRef(() => undefined as void);
  leave.current = () => {
    const now = current.current;
    if (!now.dirty || now.finished) return;
    now.dirty = false;
    const body = JSON.stringify(inputOf(questionnaire, now.draft, 'draft'));
    // The measurement's id as it is when sent: a save under way may be the one that creates it.
    const send = () =>
      fetch(now.id === null ? newMeasurementPath(person, municipality) : measurementPath(now.id), {
        method: now.id === null ? 'POST' : 'PUT',
        headers: { 'content-type': 'application/json', 'accept-language': language },
        body,
        keepalive: true,
      });
    leftSave = now.pending > 0 ? saving.current.then(send) : send();
  };
  useEffect(() => {
    const left = () => leave.current();
    window.addEventListener('pagehide', left);
    return () => {
      window.removeEventListener('pagehide', left);
      left();
    };
  }, []);

  // While a link is out: the citizen's answers from the phone, once the link is used, into the form.
  const [phone, setPhone] = useState<'none' | 'waiting' | 'answered'>('none');
  useEffect(() => {
    if (phone !== 'waiting') return;
    const timer = setInterval(() => {
      const id = current.current.id;
      if (id === null) return;
      getJson<CitizenProgress>(citizenPath(person, municipality)).then(
        (progress) => {
          const m = progress.measurements.find((x) => x.id === id);
          if (!m?.link || m.link.open) return;
          setDraft((was) => {
            const value = { ...was, citizen: m.citizen, channels: m.channels };
            current.current.draft = value;
            return value;
          });
          setPhone('answered');
        },
        () => undefined,
      );
    }, PHONE_POLL_MS);
    return () => clearInterval(timer);
  }, [phone, person, municipality]);

  const finalise = () => {
    const missing = unanswered(questionnaire, { citizen: draft.citizen, caseworker: draft.caseworker });
    const count = missing.citizen.length + missing.caseworker.length;
    if (count > 0) {
      const names = [
        ...missing.citizen.map((k) => `${words('progCitizenShort')}: ${indicatorName(k)}`),
        ...missing.caseworker.map((k) => `${words('progCaseworkerShort')}: ${indicatorName(k)}`),
      ];
      setSaid({ kind: 'missing', text: words('progMissing', { count, items: names.join('; ') }) });
      const first = missing.citizen[0]
        ? `citizen:${missing.citizen[0]}`
        : `caseworker:${missing.caseworker[0]}`;
      form.current?.querySelector<HTMLInputElement>(`fieldset[data-item="${first}"] input`)?.focus();
      return;
    }
    void save('final').then((id) => {
      if (id === null) return;
      current.current.finished = true;
      onFinal();
    });
  };

  const sendLink = () => {
    setLinkSaid(null);
    void save('draft').then((id) => {
      if (id === null) return;
      postJson<CitizenLinkIssued>(`${measurementPath(id)}/link`, { language: linkLanguage }).then(
        (issued) => {
          setLink(issued);
          setPhone('waiting');
        },
        (error: unknown) =>
          setLinkSaid(
            words('serverRefused', { message: error instanceof Error ? error.message : String(error) }),
          ),
      );
    });
  };

  /** Digits answer the focused item and move on; Enter saves the draft. */
  const keys = (e: KeyboardEvent<HTMLFormElement>) => {
    const target = e.target as HTMLElement;
    if (
      e.key === 'Enter' &&
      target.tagName !== 'BUTTON' &&
      target.tagName !== 'TEXTAREA' &&
      target.tagName !== 'A'
    ) {
      e.preventDefault();
      void save('draft');
      return;
    }
    if (!/^[1-5]$/.test(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
    const fieldset = target.closest<HTMLFieldSetElement>('fieldset[data-item]');
    if (!fieldset || target.tagName !== 'INPUT' || (target as HTMLInputElement).type !== 'radio') return;
    e.preventDefault();
    const [respondent, indicator] = fieldset.dataset.item!.split(':') as [Respondent, Indicator];
    const score = Number(e.key);
    change((was) =>
      respondent === 'citizen'
        ? { ...was, citizen: { ...was.citizen, [indicator]: score } }
        : { ...was, caseworker: { ...was.caseworker, [indicator]: score } },
    );
    const items = [...form.current!.querySelectorAll<HTMLFieldSetElement>('fieldset[data-item]')];
    const next = items[items.indexOf(fieldset) + 1];
    const focus = next
      ? (next.querySelector<HTMLInputElement>('input:checked') ??
        next.querySelector<HTMLInputElement>('input'))
      : form.current!.querySelector<HTMLElement>('[data-save-draft]');
    focus?.focus();
  };

  const part = (respondent: Respondent) => {
    const items = respondent === 'citizen' ? questionnaire.citizen : questionnaire.caseworker;
    const answers = respondent === 'citizen' ? draft.citizen : draft.caseworker;
    return items.map((item, n) => (
      <ItemChoice
        key={item.indicator}
        number={n + 1}
        respondent={respondent}
        item={item}
        value={answers[item.indicator] ?? null}
        previous={previous ? (answersOf(previous, respondent)[item.indicator] ?? null) : null}
        previousDate={previous?.date ?? null}
        onChange={(score) =>
          change((was) =>
            respondent === 'citizen'
              ? { ...was, citizen: { ...was.citizen, [item.indicator]: score } }
              : { ...was, caseworker: { ...was.caseworker, [item.indicator]: score } },
          )
        }
      />
    ));
  };

  const absoluteLink = link ? new URL(link.url, window.location.href).href : null;
  return (
    <form
      ref={form}
      className="prog-recording"
      aria-label={words('progRecording')}
      onKeyDown={keys}
      onSubmit={(e) => {
        e.preventDefault();
        void save('draft');
      }}
      data-recording
    >
      <p className="lead">{words('progRecordingLead')}</p>
      <p className="note">{inLanguage(questionnaire.source, language)}</p>
      <div className="filters">
        <label>
          {words('progDate')}{' '}
          <input
            type="date"
            name="date"
            value={draft.date}
            onChange={(e) => change((was) => ({ ...was, date: e.target.value }))}
          />
        </label>
        <span className="note">
          {words('progQuestionnaire')}: {inLanguage(questionnaire.name, language)} ({questionnaire.version})
        </span>
      </div>
      <Section title={words('progCitizenPart')}>
        <p className="note">{words('progCitizenPartLead')}</p>
        {part('citizen')}
        <fieldset className="prog-channels" data-channels>
          <legend>{inLanguage(questionnaire.channels.question, language)}</legend>
          {SEARCH_CHANNELS.map((c) => (
            <label key={c} className="inline-check">
              <input
                type="checkbox"
                name={`channel-${c}`}
                checked={draft.channels.includes(c)}
                onChange={() => change((was) => ({ ...was, channels: toggleChannel(was.channels, c) }))}
              />
              {inLanguage(questionnaire.channels.labels[c], language)}
            </label>
          ))}
          {previous && previous.channels.length > 0 && (
            <p className="prog-previous">
              {words('progPreviousAnswer', { date: previous.date })}:{' '}
              {previous.channels
                .map((c) => inLanguage(questionnaire.channels.labels[c], language))
                .join(', ')}
            </p>
          )}
        </fieldset>
        <LinkToPhone
          link={link}
          absoluteLink={absoluteLink}
          language={linkLanguage}
          onLanguage={setLinkLanguage}
          onSend={sendLink}
          said={linkSaid}
          phone={phone}
          openLink={stored?.link ?? null}
        />
      </Section>
      <Section title={words('progCaseworkerPart')}>
        <p className="note">{words('progCaseworkerPartLead')}</p>
        {part('caseworker')}
      </Section>
      <div className="goal-submit prog-save" role="group" aria-label={words('progSaveButtons')}>
        <button type="submit" className="secondary" data-save-draft>
          {words('progSaveDraft')}
        </button>
        <button type="button" onClick={finalise} data-finalise>
          {words('progFinalise')}
        </button>
        <SaveState said={said} />
      </div>
    </form>
  );
}

function SaveState({ said }: { said: Said }) {
  const words = useWords();
  switch (said.kind) {
    case 'idle':
      return <span className="note">{words('progKeysHint')}</span>;
    case 'saving':
      return (
        <span className="status" role="status">
          {words('progSaving')}
        </span>
      );
    case 'saved':
      return (
        <span className="status ok" role="status" data-draft-saved>
          {words(said.auto ? 'progAutoSaved' : 'progDraftSaved', { at: formatInstant(said.at) })}
        </span>
      );
    default:
      return (
        <span className="invalid" role="alert" data-save-refused={said.kind}>
          {said.text}
        </span>
      );
  }
}

/** One item: the question as the group's legend, a choice per step with its anchor as the label. */
function ItemChoice({
  number,
  respondent,
  item,
  value,
  previous,
  previousDate,
  onChange,
}: {
  number: number;
  respondent: Respondent;
  item: QuestionnaireItem;
  value: number | null;
  previous: number | null;
  previousDate: string | null;
  onChange: (score: number) => void;
}) {
  const words = useWords();
  const indicatorName = useIndicatorName();
  const language = useLanguage();
  const id = useId();
  return (
    <fieldset className="prog-item" data-item={`${respondent}:${item.indicator}`} data-value={value ?? ''}>
      <legend>
        <span className="prog-item-number">{number}.</span> {indicatorName(item.indicator)}:{' '}
        {inLanguage(item.question, language)}
      </legend>
      <div className="prog-steps">
        {item.anchors.map((anchor, i) => {
          const score = i + 1;
          return (
            <label key={score} className={score === previous ? 'prog-step was' : 'prog-step'}>
              <input
                type="radio"
                name={`${id}-${item.indicator}`}
                value={score}
                checked={value === score}
                onChange={() => onChange(score)}
              />
              <span className="prog-step-score">{score}</span>
              <span className="prog-step-anchor">{inLanguage(anchor, language)}</span>
            </label>
          );
        })}
      </div>
      <p className="prog-previous" data-previous={previous ?? ''}>
        {previousDate === null
          ? words('progNoPrevious')
          : `${words('progPreviousAnswer', { date: previousDate })}: ${previous ?? '–'}`}
      </p>
    </fieldset>
  );
}

function LinkToPhone({
  link,
  absoluteLink,
  language,
  onLanguage,
  onSend,
  said,
  phone,
  openLink,
}: {
  link: CitizenLinkIssued | null;
  absoluteLink: string | null;
  language: Language;
  onLanguage: (language: Language) => void;
  onSend: () => void;
  said: string | null;
  phone: 'none' | 'waiting' | 'answered';
  openLink: Measurement['link'];
}) {
  const words = useWords();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = () => {
    if (!absoluteLink) return;
    navigator.clipboard.writeText(absoluteLink).then(
      () => setCopied(words('progLinkCopied')),
      () => setCopied(words('progLinkCopyFailed')),
    );
  };
  return (
    <div className="prog-link" data-link-panel>
      <div className="goal-submit">
        <label>
          {words('progLinkLanguage')}{' '}
          <select
            name="link-language"
            value={language}
            onChange={(e) => onLanguage(e.target.value as Language)}
          >
            <option value="da">Dansk</option>
            <option value="en">English</option>
          </select>
        </label>
        <button type="button" className="secondary" onClick={onSend} data-send-link>
          {words('progSendLink')}
        </button>
      </div>
      {!link && openLink?.open && openLink.expiresAt && (
        <p className="note">{words('progLinkOpen', { at: formatInstant(openLink.expiresAt) })}</p>
      )}
      {said && (
        <p className="invalid" role="alert">
          {said}
        </p>
      )}
      {phone === 'waiting' && <p className="note">{words('progPhoneWaiting')}</p>}
      {phone === 'answered' && (
        <p className="status ok" role="status" data-phone-answered>
          {words('progPhoneAnswered')}
        </p>
      )}
      {link && absoluteLink && phone !== 'answered' && (
        <div className="prog-link-offer" role="status">
          <label className="field">
            <span>{words('progLinkShown', { at: formatInstant(link.expiresAt) })}</span>
            <span className="input-row">
              <input
                type="text"
                readOnly
                value={absoluteLink}
                name="citizen-link"
                data-citizen-link
                onFocus={(e) => e.target.select()}
              />
              <button type="button" className="secondary" onClick={copy}>
                {words('progLinkCopy')}
              </button>
            </span>
          </label>
          {copied && <span className="note">{copied}</span>}
        </div>
      )}
    </div>
  );
}
