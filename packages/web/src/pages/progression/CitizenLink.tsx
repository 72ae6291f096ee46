/**
 * The citizen's own page (#/borger/{token}): the citizen's part of a measurement on their phone,
 * through a one-time link the caseworker sent, with no login and outside the app's frame. It shows
 * the citizen's items with every step's anchor and the job-search channels (GET
 * /api/citizen-link/{token}: the questionnaire only, nothing about the person), sends the answers
 * once (POST, 204) and then only thanks. A used or expired link (410) and an unknown one (404) say
 * so in plain words and what to do: ask the caseworker for a new link.
 */

import type { Indicator, SearchChannel } from '@jobinvest/core';
import { SEARCH_CHANNELS } from '@jobinvest/core';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { ApiError, getJson, request } from '../../api.ts';
import { useLoad } from '../../hooks.ts';
import { LanguageProvider, useWords, type Language } from '../../i18n.tsx';
import { citizenLinkPath, inLanguage, toggleChannel, type CitizenLinkAnswer } from './progression-api.ts';

/** The page in the link's language (the caseworker chose it), Danish until the link answers. */
export function CitizenLinkApp({ token }: { token: string }) {
  const [language, setLanguage] = useState<Language>('da');
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <LanguageProvider language={language}>
      <main className="citizen-phone">
        <CitizenLinkPage token={token} onLanguage={setLanguage} />
      </main>
    </LanguageProvider>
  );
}

type Sent = { kind: 'idle' } | { kind: 'sending' } | { kind: 'sent' } | { kind: 'refused'; text: string };

function CitizenLinkPage({ token, onLanguage }: { token: string; onLanguage: (l: Language) => void }) {
  const words = useWords();
  const loaded = useLoad(`citizen-link-${token}`, (signal) =>
    getJson<CitizenLinkAnswer>(citizenLinkPath(token), signal).then(
      (form) => ({ ok: true as const, form }),
      (error: unknown) => {
        if (signal.aborted) throw error;
        return { ok: false as const, status: error instanceof ApiError ? error.status : 0, error };
      },
    ),
  );
  useEffect(() => {
    if (loaded.state === 'done' && loaded.value.ok) onLanguage(loaded.value.form.language);
  }, [loaded, onLanguage]);
  if (loaded.state === 'loading')
    return (
      <p className="status" role="status">
        {words('loading')}
      </p>
    );
  if (loaded.state === 'error' || !loaded.value.ok) {
    const status = loaded.state === 'done' && !loaded.value.ok ? loaded.value.status : 0;
    return <LinkRefused status={status} />;
  }
  return <CitizenForm token={token} form={loaded.value.form} />;
}

function LinkRefused({ status }: { status: number }) {
  const words = useWords();
  const text =
    status === 410 ? words('phoneGone') : status === 404 ? words('phoneUnknown') : words('phoneError');
  return (
    <section className="card" data-link-refused={status}>
      <h1>{words('phoneTitle')}</h1>
      <p role="alert">{text}</p>
      <p>{words('phoneAskCaseworker')}</p>
    </section>
  );
}

function CitizenForm({ token, form }: { token: string; form: CitizenLinkAnswer }) {
  const words = useWords();
  const language = form.language;
  const id = useId();
  const [answers, setAnswers] = useState<Partial<Record<Indicator, number>>>({});
  const [channels, setChannels] = useState<SearchChannel[]>([]);
  const [sent, setSent] = useState<Sent>({ kind: 'idle' });
  const items = form.questionnaire.citizen;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const missing = items.filter((i) => answers[i.indicator] === undefined);
    if (missing.length > 0) {
      setSent({ kind: 'refused', text: words('phoneMissing', { count: missing.length }) });
      document
        .querySelector<HTMLInputElement>(`fieldset[data-item="citizen:${missing[0]!.indicator}"] input`)
        ?.focus();
      return;
    }
    setSent({ kind: 'sending' });
    request(citizenLinkPath(token), { answers, channels }).then(
      (response) => {
        if (response.ok) setSent({ kind: 'sent' });
        else
          setSent({
            kind: 'refused',
            text: response.status === 410 ? words('phoneGone') : words('phoneError'),
          });
      },
      () => setSent({ kind: 'refused', text: words('phoneError') }),
    );
  };
  if (sent.kind === 'sent')
    return (
      <section className="card" data-phone-sent>
        <h1>{words('phoneThanks')}</h1>
        <p role="status">{words('phoneThanksMore')}</p>
      </section>
    );
  return (
    <form
      className="phone-form"
      onSubmit={submit}
      aria-label={words('phoneTitle')}
      noValidate
      data-phone-form
    >
      <h1>{words('phoneTitle')}</h1>
      <p className="lead">{words('phoneLead')}</p>
      {items.map((item, n) => (
        <fieldset key={item.indicator} className="prog-item" data-item={`citizen:${item.indicator}`}>
          <legend>
            <span className="prog-item-number">{n + 1}.</span> {inLanguage(item.question, language)}
          </legend>
          <div className="prog-steps">
            {item.anchors.map((anchor, i) => (
              <label key={i} className="prog-step">
                <input
                  type="radio"
                  name={`${id}-${item.indicator}`}
                  value={i + 1}
                  checked={answers[item.indicator] === i + 1}
                  onChange={() => setAnswers((was) => ({ ...was, [item.indicator]: i + 1 }))}
                />
                <span className="prog-step-score">{i + 1}</span>
                <span className="prog-step-anchor">{inLanguage(anchor, language)}</span>
              </label>
            ))}
          </div>
        </fieldset>
      ))}
      <fieldset className="prog-channels" data-channels>
        <legend>{inLanguage(form.questionnaire.channels.question, language)}</legend>
        {SEARCH_CHANNELS.map((c) => (
          <label key={c} className="inline-check">
            <input
              type="checkbox"
              name={`channel-${c}`}
              checked={channels.includes(c)}
              onChange={() => setChannels((was) => toggleChannel(was, c))}
            />
            {inLanguage(form.questionnaire.channels.labels[c], language)}
          </label>
        ))}
      </fieldset>
      <p className="note">{words('phoneOnce')}</p>
      <div className="goal-submit">
        <button type="submit" disabled={sent.kind === 'sending'} data-phone-submit>
          {words('phoneSubmit')}
        </button>
        {sent.kind === 'refused' && (
          <span className="invalid" role="alert">
            {sent.text}
          </span>
        )}
      </div>
    </form>
  );
}
