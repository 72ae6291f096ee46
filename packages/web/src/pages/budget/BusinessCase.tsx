/**
 * Businesscase pr. borger (`#/budget/businesscase`): the case a committee reads, per citizen per
 * month before and after an intervention. The form holds the name, the lines before and after
 * (label, monthly gross typed the Danish way, and a refusion rate or a benefit and the citizen's
 * step on the staircase), the one-off cost and the citizens; the result table follows every
 * change, computed in the browser by the same core function the server's route and command run
 * (today's week read from the browser's clock prices the benefit lines). A problem is said beside
 * its field: a text that is not a number by the field itself, what the case refuses by its path.
 * "Hent PDF" asks the server for the committee's PDF of the case on screen.
 */

import { useCallback, useMemo, useState } from 'react';
import {
  BENEFITS,
  BusinessCaseError,
  businessCase,
  isOnStaircase,
  isValidIn,
  validateBusinessCase,
  weekIndexOfInstant,
  copenhagenDateOf,
  type BenefitCode,
  type BusinessCaseLine,
  type BusinessCaseResult,
} from '@jobinvest/core';
import { downloadPost } from '../../download.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { FieldProblemsProvider, NumberField, type ReportProblem } from '../../ui/NumberField.tsx';
import { Section, Tile } from '../../ui/page-parts.tsx';
import {
  citizensIn12Text,
  dateText,
  formatAmount,
  formatShare,
  paybackText,
  rateSourceText,
  rulesText,
  STEP_WEEKS,
} from './businesscase-text.ts';

interface FormLine {
  readonly id: number;
  readonly label: string;
  readonly monthlyGross: number;
  readonly mode: 'rate' | 'benefit';
  /** Percent, as typed: 20 for 0,2. */
  readonly ratePercent: number;
  readonly benefit: BenefitCode;
  readonly step: number;
}

interface Form {
  readonly name: string;
  readonly before: readonly FormLine[];
  readonly after: readonly FormLine[];
  readonly oneOffCost: number;
  readonly citizens: number;
}

type Side = 'before' | 'after';

let nextId = 1;
const line = (patch: Partial<FormLine>): FormLine => ({
  id: nextId++,
  label: '',
  monthlyGross: 0,
  mode: 'rate',
  ratePercent: 0,
  benefit: 'kontanthjaelp_forhoejet',
  step: 4,
  ...patch,
});

/** The committee's example: a citizen on kontanthjælp helped into a small job with a mentor. */
const START: Form = {
  name: 'Kontanthjælpsmodtagere i småjobs',
  before: [line({ label: 'Kontanthjælp', monthlyGross: 12_326, mode: 'benefit' })],
  after: [
    line({ label: 'Kontanthjælp, nedsat', monthlyGross: 6_000, mode: 'benefit' }),
    line({ label: 'Mentor', monthlyGross: 1_500, ratePercent: 0 }),
  ],
  oneOffCost: 100_000,
  citizens: 10,
};

/** The form as the contract's case: a rate as a share, or the benefit with its step where it has one. */
function caseOf(form: Form) {
  const lines = (side: Side) =>
    form[side].map((l) =>
      l.mode === 'rate'
        ? { label: l.label, monthlyGross: l.monthlyGross, refusionRate: l.ratePercent / 100 }
        : {
            label: l.label,
            monthlyGross: l.monthlyGross,
            benefit: l.benefit,
            ...(isOnStaircase(BENEFITS.find((b) => b.code === l.benefit)!) ? { step: l.step } : {}),
          },
    );
  return {
    name: form.name,
    before: lines('before'),
    after: lines('after'),
    oneOffCost: form.oneOffCost,
    citizens: form.citizens,
  };
}

export function BusinessCasePage() {
  const words = useWords();
  const language = useLanguage();
  const [form, setForm] = useState<Form>(START);
  const [refused, setRefused] = useState<Readonly<Record<string, string>>>({});
  const [download, setDownload] = useState<{ state: 'idle' | 'busy' } | { state: 'error'; message: string }>({
    state: 'idle',
  });
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
  // Today, read once: the week whose refusion rules price the benefit lines.
  const [now] = useState(() => new Date());
  const week = weekIndexOfInstant(now);
  const benefits = useMemo(
    () => BENEFITS.filter((b) => (b.publicSupport || b.wageSubsidised) && isValidIn(b.code, week)),
    [week],
  );
  const input = caseOf(form);
  const key = JSON.stringify([input, week, language]);
  const computed = useMemo((): { result: BusinessCaseResult } | { problems: Record<string, string> } => {
    try {
      return { result: businessCase(validateBusinessCase(input), week) };
    } catch (error) {
      if (!(error instanceof BusinessCaseError)) throw error;
      const problems: Record<string, string> = {};
      for (const p of error.problems) problems[p.path] ??= `${words('bcExpected')} ${p.expected[language]}`;
      return { problems };
    }
    // The case as JSON, the week and the language say when to compute again.
  }, [key]);
  const problems = 'problems' in computed ? computed.problems : {};
  const result = 'result' in computed && Object.keys(refused).length === 0 ? computed.result : null;

  const setLine = (side: Side, id: number, patch: Partial<FormLine>) =>
    setForm((f) => ({ ...f, [side]: f[side].map((l) => (l.id === id ? { ...l, ...patch } : l)) }));

  const lineFields = (side: Side) => (
    <fieldset>
      <legend>{words(side === 'before' ? 'bcBeforeLines' : 'bcAfterLines')}</legend>
      {form[side].map((l, i) => {
        const at = `${side}[${i}]`;
        return (
          <div className="bc-line" key={l.id} data-line={at}>
            <label className="field">
              <span>{words('bcLabel')}</span>
              <input
                name={`${at}.label`}
                value={l.label}
                aria-invalid={problems[`${at}.label`] !== undefined}
                onChange={(e) => setLine(side, l.id, { label: e.target.value })}
              />
              {problems[`${at}.label`] && (
                <span className="invalid" data-field-problem={`${at}.label`}>
                  {problems[`${at}.label`]}
                </span>
              )}
            </label>
            <NumberField
              name={`${at}.monthlyGross`}
              label={words('bcMonthlyGross')}
              value={l.monthlyGross}
              min={0}
              max={1e9}
              unit="kr."
              suffix="kr."
              problem={problems[`${at}.monthlyGross`] ?? null}
              onChange={(v) => setLine(side, l.id, { monthlyGross: v })}
            />
            <div className="choice" role="radiogroup" aria-label={words('bcRateKind')}>
              {(['rate', 'benefit'] as const).map((mode) => (
                <label key={mode}>
                  <input
                    type="radio"
                    name={`${at}.mode`}
                    value={mode}
                    checked={l.mode === mode}
                    onChange={() => setLine(side, l.id, { mode })}
                  />
                  {words(mode === 'rate' ? 'bcRateGiven' : 'bcRateBenefit')}
                </label>
              ))}
            </div>
            {l.mode === 'rate' ? (
              <NumberField
                name={`${at}.refusionRate`}
                label={words('bcRefusionRate')}
                value={l.ratePercent}
                min={0}
                max={100}
                unit="%"
                suffix="%"
                problem={problems[`${at}.refusionRate`] ?? null}
                onChange={(v) => setLine(side, l.id, { ratePercent: v })}
              />
            ) : (
              <>
                <label className="field">
                  <span>{words('bcBenefit')}</span>
                  <select
                    name={`${at}.benefit`}
                    value={l.benefit}
                    onChange={(e) => setLine(side, l.id, { benefit: e.target.value as BenefitCode })}
                  >
                    {benefits.map((b) => (
                      <option key={b.code} value={b.code}>
                        {language === 'da' ? b.nameDa : b.nameEn}
                      </option>
                    ))}
                  </select>
                  {problems[`${at}.benefit`] && <span className="invalid">{problems[`${at}.benefit`]}</span>}
                </label>
                {isOnStaircase(BENEFITS.find((b) => b.code === l.benefit)!) && (
                  <label className="field">
                    <span>{words('bcStep')}</span>
                    <select
                      name={`${at}.step`}
                      value={l.step}
                      onChange={(e) => setLine(side, l.id, { step: Number(e.target.value) })}
                    >
                      {[1, 2, 3, 4].map((s) => (
                        <option key={s} value={s}>
                          {words('bcStepOption', { step: s, weeks: STEP_WEEKS[s]! })}
                        </option>
                      ))}
                    </select>
                  </label>
                )}
              </>
            )}
            {problems[at] && <span className="invalid">{problems[at]}</span>}
            {(side === 'after' || form[side].length > 1) && (
              <button
                type="button"
                className="link"
                onClick={() => setForm((f) => ({ ...f, [side]: f[side].filter((x) => x.id !== l.id) }))}
              >
                {words('bcRemoveLine', { label: l.label || String(i + 1) })}
              </button>
            )}
          </div>
        );
      })}
      {problems[side] && <span className="invalid">{problems[side]}</span>}
      <button
        type="button"
        className="secondary"
        name={`${side}.add`}
        onClick={() => setForm((f) => ({ ...f, [side]: [...f[side], line({})] }))}
      >
        {words('bcAddLine')}
      </button>
    </fieldset>
  );

  const rows = (lines: readonly BusinessCaseLine[]) =>
    lines.map((l, i) => (
      <tr key={i}>
        <th scope="row" className="bc-indent">
          {l.label}
        </th>
        <td className="num">{formatAmount(l.gross)}</td>
        <td className="num">{formatShare(l.refusionRate)}</td>
        <td className="num">{formatAmount(l.refusion)}</td>
        <td className="num">{formatAmount(l.net)}</td>
      </tr>
    ));
  const total = (t: BusinessCaseResult['before'], side: Side) => (
    <tr className="bc-total" data-total={side}>
      <th scope="row">{words('bcTotal')}</th>
      <td className="num">{formatAmount(t.gross)}</td>
      <td />
      <td className="num">{formatAmount(t.refusion)}</td>
      <td className="num">{formatAmount(t.net)}</td>
    </tr>
  );

  return (
    <>
      <h1>{words('bcTitle')}</h1>
      <p className="lead">{words('bcLead')}</p>
      <div className="calculator">
        <FieldProblemsProvider value={report}>
          <form className="case-form" onSubmit={(e) => e.preventDefault()} aria-label={words('bcTitle')}>
            <label className="field">
              <span>{words('bcName')}</span>
              <input
                name="name"
                value={form.name}
                aria-invalid={problems.name !== undefined}
                onChange={(e) => setForm({ ...form, name: e.target.value })}
              />
              {problems.name && (
                <span className="invalid" data-field-problem="name">
                  {problems.name}
                </span>
              )}
            </label>
            {lineFields('before')}
            {lineFields('after')}
            <div className="pair">
              <NumberField
                name="oneOffCost"
                label={words('bcOneOffCost')}
                value={form.oneOffCost}
                min={0}
                max={1e12}
                unit="kr."
                problem={problems.oneOffCost ?? null}
                onChange={(v) => setForm((f) => ({ ...f, oneOffCost: v }))}
              />
              <NumberField
                name="citizens"
                label={words('bcCitizens')}
                value={form.citizens}
                min={1}
                max={1_000_000}
                integer
                problem={problems.citizens ?? null}
                onChange={(v) => setForm((f) => ({ ...f, citizens: v }))}
              />
            </div>
          </form>
        </FieldProblemsProvider>
        <div className="results" aria-live="polite" data-state={result ? 'done' : 'refused'}>
          {result ? (
            <>
              <div className="tiles">
                <Tile
                  label={words('bcSavingPerMonth')}
                  value={formatAmount(result.savingPerMonth)}
                  testId="bc-saving-month"
                />
                <Tile
                  label={words('bcSavingPerYear')}
                  value={formatAmount(result.savingPerYear)}
                  testId="bc-saving-year"
                />
                <Tile
                  label={words('bcPayback')}
                  value={paybackText(result, form.citizens, language)}
                  testId="bc-payback"
                />
                <Tile
                  label={words('bcCitizensIn12')}
                  value={citizensIn12Text(result)}
                  testId="bc-citizens-12"
                />
              </div>
              <Section
                title={words('bcResult')}
                aside={
                  <button
                    type="button"
                    className="secondary"
                    disabled={download.state === 'busy'}
                    onClick={() => {
                      setDownload({ state: 'busy' });
                      downloadPost(
                        `/api/budget/businesscase/report?language=${language}`,
                        input,
                        `businesscase ${form.name}.pdf`,
                      ).then(
                        () => setDownload({ state: 'idle' }),
                        (error: unknown) =>
                          setDownload({
                            state: 'error',
                            message: error instanceof Error ? error.message : String(error),
                          }),
                      );
                    }}
                  >
                    {words('bcDownloadPdf')}
                  </button>
                }
              >
                {download.state === 'error' && (
                  <p className="status error" role="alert">
                    {words('error')}: {download.message}
                  </p>
                )}
                <table className="bc-table">
                  <thead>
                    <tr>
                      <th scope="col">{words('bcLabel')}</th>
                      <th scope="col" className="num">
                        {words('bcGross')}
                      </th>
                      <th scope="col" className="num">
                        {words('bcRefusionRate')}
                      </th>
                      <th scope="col" className="num">
                        {words('bcRefusion')}
                      </th>
                      <th scope="col" className="num">
                        {words('bcNet')}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <tr className="bc-section">
                      <th scope="rowgroup" colSpan={5}>
                        {words('bcBefore')}
                      </th>
                    </tr>
                    {rows(result.lines.before)}
                    {total(result.before, 'before')}
                    <tr className="bc-section">
                      <th scope="rowgroup" colSpan={5}>
                        {words('bcAfter')}
                      </th>
                    </tr>
                    {rows(result.lines.after)}
                    {total(result.after, 'after')}
                  </tbody>
                </table>
              </Section>
              <Section title={words('bcRates')}>
                <ul className="assumptions">
                  {[...result.lines.before, ...result.lines.after].map((l, i) => (
                    <li key={i}>
                      <b>{l.label}</b>: {formatShare(l.refusionRate)} · {rateSourceText(l, language)}
                    </li>
                  ))}
                </ul>
                {rulesText(result, language) && <p className="hint">{rulesText(result, language)}</p>}
                <p className="hint">{dateText(copenhagenDateOf(now), result.asOfWeek, language)}.</p>
              </Section>
            </>
          ) : (
            <p className="status error" role="alert">
              {words('bcFixFields')}
            </p>
          )}
        </div>
      </div>
    </>
  );
}
