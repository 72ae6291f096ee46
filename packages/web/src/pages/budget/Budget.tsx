/**
 * Budget: the grundbudget of the chosen municipality for a budget year and three overslagsår, from
 * GET /api/budget. Per benefit group a table of lines × years (full-time persons, income support
 * gross, refusion, co-financing and net, activities, administration, the group's net), the adopted
 * figure with the model's beside it where an adjustment changed it; a summary over the groups;
 * beskæftigelsestilskud and budgetgaranti on their own lines; saved investment cases "without" and
 * "with" side by side. The economist's adjustments are typed the Danish way ("25.000", "1.234,5"),
 * and a budget is saved as a new version with a note (POST /api/budget/versions), listed with who
 * saved it. The price level is said at the top.
 */

import { interventionName, type SeparateKey, type SeparateLine } from '@jobinvest/core';
import { Fragment, useMemo, useState, type ReactNode } from 'react';
import { getJson, postJson, type SavedCaseSummary } from '../../api.ts';
import { useStateName } from '../../catalogue.tsx';
import { downloadGet } from '../../download.ts';
import { formatNumber } from '../../format.ts';
import { useKept, useLoad } from '../../hooks.ts';
import { useLanguage, useWords } from '../../i18n.tsx';
import { useMay } from '../../permissions.tsx';
import { formatForInput, parseDanishNumber } from '../../ui/danish-input.ts';
import { Notices } from '../../ui/Notices.tsx';
import { Section, Status } from '../../ui/page-parts.tsx';
import {
  adjustmentsBody,
  adjustmentsOf,
  budgetQuery,
  NO_ADJUSTMENTS,
  type Adjustments,
} from './budget-query.ts';

type Band = readonly [number, number] | null;
interface Amounts {
  gross: number;
  refusion: number;
  cofinancing: number;
  net: number;
}
interface Pair<T> {
  model: T;
  adopted: T;
}
interface GroupYear {
  year: number;
  fullTimePersons: Pair<number> & { band80: Band; band95: Band };
  incomeSupport: Pair<Amounts> & { netBand80: Band; netBand95: Band };
  activities: {
    type: string;
    weeks: Pair<number>;
    pricePerWeek: Pair<number | null>;
    kr: Pair<number | null>;
  }[];
  activitiesKr: Pair<number>;
  administration: {
    caseworkers: Pair<number | null>;
    kr: Pair<number | null>;
    caseload: Pair<number | null>;
    costPerCaseworker: Pair<number | null>;
    notEstimated: string | null;
  };
  net: Pair<number>;
}
interface SideTotals {
  fullTimePersons: number;
  incomeSupport: Amounts;
  activitiesKr: number;
  administrationKr: number;
  net: number;
}
/** The answer of GET /api/budget (the fields the page reads). */
export interface BudgetAnswer {
  municipality: number;
  budgetYear: number;
  years: number[];
  stockWeek: number;
  bands: string;
  priceLevel: { year: number; note: string };
  notices: string[];
  groups: { benefit: string; years: GroupYear[] }[];
  summary: {
    year: number;
    fullTimePersons: Pair<number>;
    incomeSupport: Pair<Amounts>;
    activitiesKr: Pair<number>;
    administrationKr: Pair<number>;
    net: Pair<number>;
  }[];
  separate: SeparateLine[];
  cases: {
    id: number;
    name: string;
    years: { year: number; net: number; activitiesKr: number; incomeSupport: Amounts }[];
  }[];
  withCases: { year: number; without: SideTotals; with: SideTotals }[];
  history: { from: number; to: number; caseload: number | null; activities: { type: string }[] };
  assumptions: string[];
  suppressed?: { threshold: number; groups: string[]; sums: boolean };
}

/** A saved version as GET /api/budget/versions lists it. */
interface SavedVersion {
  budgetId: number;
  version: number;
  note: string | null;
  savedBy: string;
  savedAt: string;
  cases: number[];
  adjustments: Parameters<typeof adjustmentsOf>[0];
}

const kr = (v: number | null) => (v === null ? '–' : formatNumber(Math.round(v)));

/** The adjustments with the announced figure of a separate line and year set (or cleared, with `null`). */
function withAnnounced(a: Adjustments, key: SeparateKey, year: number, v: number | null): Adjustments {
  const rest = Object.fromEntries(Object.entries(a.announced[key]).filter(([y]) => y !== String(year)));
  return { ...a, announced: { ...a.announced, [key]: v === null ? rest : { ...rest, [String(year)]: v } } };
}
const persons = (v: number | null) => (v === null ? '–' : formatNumber(v, 1));

/** A field that takes a Danish number or nothing (the model's value). */
function AdjustField({
  label,
  value,
  onChange,
  min,
  max,
  unit,
  name,
  placeholder,
  hideLabel,
}: {
  label: string;
  value: number | null;
  onChange: (v: number | null) => void;
  min: number;
  max: number;
  unit?: string;
  name: string;
  /** The model's figure, shown while nothing is typed. */
  placeholder?: number | null;
  /** The label for screen readers only (a field in a table cell, whose row and column say it). */
  hideLabel?: boolean;
}) {
  const words = useWords();
  const [text, setText] = useState(value === null ? '' : formatForInput(value));
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <label className="field">
      <span className={hideLabel ? 'visually-hidden' : undefined}>{label}</span>
      <span className="input-row">
        <input
          type="text"
          inputMode="decimal"
          name={name}
          value={text}
          {...(placeholder === undefined || placeholder === null
            ? {}
            : { placeholder: formatNumber(placeholder, Number.isInteger(placeholder) ? 0 : 1) })}
          aria-invalid={problem !== null}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value.trim() === '') {
              setProblem(null);
              onChange(null);
              return;
            }
            const parsed = parseDanishNumber(e.target.value, { min, max, ...(unit ? { unit } : {}) });
            if (parsed.ok) {
              setProblem(null);
              onChange(parsed.value);
            } else setProblem(words('budNumberProblem', { min: formatNumber(min), max: formatNumber(max) }));
          }}
        />
        {unit && <span className="suffix">{unit}</span>}
      </span>
      {problem && (
        <span className="invalid" data-field-problem={name}>
          {problem}
        </span>
      )}
    </label>
  );
}

/** The income support's lines (gross, refusion, co-financing, net), each with the model's beside the adopted where they differ. */
function IncomeSupportLines({ amounts }: { amounts: readonly Pair<Amounts>[] }) {
  const words = useWords();
  const line = (
    label: 'budGross' | 'budRefusion' | 'budCofinancing' | 'budSupportNet',
    key: keyof Amounts,
  ) => (
    <Line
      label={words(label)}
      figures={amounts.map((a) => ({ model: a.model[key], adopted: a.adopted[key] }))}
      format={kr}
    />
  );
  return (
    <>
      {line('budGross', 'gross')}
      {line('budRefusion', 'refusion')}
      {line('budCofinancing', 'cofinancing')}
      {line('budSupportNet', 'net')}
    </>
  );
}

/** One line of a table: label, then a figure per year with the model's beside it where it differs. */
function Line({
  label,
  figures,
  format,
  strong,
}: {
  label: string;
  figures: readonly (Pair<number | null> | number | null)[];
  format: (v: number | null) => string;
  strong?: boolean;
}) {
  const words = useWords();
  return (
    <tr className={strong ? 'total' : undefined}>
      <th scope="row">{label}</th>
      {figures.map((f, i) => {
        const pair = f !== null && typeof f === 'object' ? f : null;
        const adopted = pair ? pair.adopted : (f as number | null);
        const differs =
          pair && pair.model !== null && pair.adopted !== null && Math.abs(pair.model - pair.adopted) > 1e-6;
        return (
          <td key={i} className="num">
            {format(adopted)}
            {differs && (
              <span className="muted" title={words('budModel')}>
                {' '}
                ({words('budModel').toLowerCase()} {format(pair.model)})
              </span>
            )}
          </td>
        );
      })}
    </tr>
  );
}

function YearsTable({
  years,
  caption,
  children,
}: {
  years: readonly number[];
  caption: string;
  children: ReactNode;
}) {
  const words = useWords();
  // A table wider than the page scrolls in its frame: the frame takes the keyboard's focus (its
  // figures have nothing else to focus), so the arrow keys scroll it (WCAG 2.1.1).
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table data-table={caption}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{words('budLine')}</th>
            {years.map((y) => (
              <th key={y} scope="col" className="num">
                {y}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

export function BudgetPage({ municipality }: { municipality: number }) {
  const words = useWords();
  const language = useLanguage();
  const name = useStateName();
  const maySave = useMay('write:cases');
  const mayExport = useMay('export');
  const [year, setYear] = useState(() => new Date().getFullYear() + 1);
  const [adjustments, setAdjustments] = useState<Adjustments>(NO_ADJUSTMENTS);
  const [cases, setCases] = useState<number[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [note, setNote] = useState('');
  // Counts the saves (the list of versions is asked again) and the versions taken up (the fields start again from them).
  const [saves, setSaves] = useState(0);
  const [generation, setGeneration] = useState(0);
  const code = String(municipality).padStart(3, '0');
  const versions = useLoad(`budget-versions-${code}-${year}-${saves}`, (signal) =>
    getJson<SavedVersion[]>(`/api/budget/versions?municipality=${code}&year=${year}`, signal),
  );
  const query = budgetQuery(municipality, year, adjustments, cases);
  const loaded = useLoad(`budget?${query}`, (signal) =>
    getJson<BudgetAnswer>(`/api/budget?${query}`, signal),
  );
  // The last budget stays on the page (and its fields keep their focus) while the next is computed.
  const kept = useKept(loaded);
  // The model's caseload and cost per caseworker, shown in their fields while nothing is typed.
  const modelAdmin = kept.value?.groups[0]?.years[0]?.administration;
  const savedCases = useLoad('cases', (signal) => getJson<SavedCaseSummary[]>('/api/cases', signal));
  const ownCases = useMemo(
    () =>
      savedCases.state === 'done' ? savedCases.value.filter((c) => c.municipality === municipality) : [],
    [savedCases, municipality],
  );

  const save = async () => {
    setSaved(null);
    try {
      const v = await postJson<{ version: number }>('/api/budget/versions', {
        municipality: String(municipality).padStart(3, '0'),
        year,
        adjustments: adjustmentsBody(adjustments),
        cases,
        note: note.trim() === '' ? null : note.trim(),
      });
      setSaved(words('budSaved', { version: v.version }));
      setNote('');
      setSaves((n) => n + 1);
    } catch (error) {
      setSaved(`${words('error')}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <div className="page">
      <h1>{words('budTitle')}</h1>
      <p className="lead">{words('budLead')}</p>
      <Section title={words('budAdjustments')}>
        <div className="form-row">
          <label className="field">
            <span>{words('budYear')}</span>
            <select value={year} onChange={(e) => setYear(Number(e.target.value))} name="year">
              {[1, 2, 3].map((i) => {
                const y = new Date().getFullYear() + i;
                return (
                  <option key={y} value={y}>
                    {y}
                  </option>
                );
              })}
            </select>
          </label>
          {versions.state === 'done' && versions.value.length > 0 && (
            <label className="field">
              <span>{words('budVersions')}</span>
              <select
                name="version"
                value=""
                onChange={(e) => {
                  const v = versions.value.find((x) => x.budgetId === Number(e.target.value));
                  if (!v) return;
                  setAdjustments(adjustmentsOf(v.adjustments));
                  setCases(v.cases);
                  setGeneration((g) => g + 1);
                }}
              >
                <option value="">{words('budVersionPick')}</option>
                {versions.value.map((v) => (
                  <option key={v.budgetId} value={v.budgetId}>
                    {words('budVersionLine', {
                      version: v.version,
                      by: v.savedBy,
                      at: v.savedAt.replace('T', ' '),
                    })}
                    {v.note ? `: ${v.note}` : ''}
                  </option>
                ))}
              </select>
            </label>
          )}
          <AdjustField
            key={`caseload-${generation}`}
            label={words('budCaseload')}
            name="caseload"
            value={adjustments.caseload}
            placeholder={modelAdmin?.caseload.model ?? null}
            min={1}
            max={10_000}
            onChange={(v) => setAdjustments({ ...adjustments, caseload: v })}
          />
          <AdjustField
            key={`cost-${generation}`}
            label={words('budCostPerCaseworker')}
            name="costPerCaseworker"
            value={adjustments.costPerCaseworker}
            placeholder={modelAdmin?.costPerCaseworker.model ?? null}
            min={0}
            max={100_000_000}
            unit="kr."
            onChange={(v) => setAdjustments({ ...adjustments, costPerCaseworker: v })}
          />
        </div>
        {ownCases.length > 0 && (
          <fieldset>
            <legend>{words('budCases')}</legend>
            {ownCases.map((c) => (
              <label key={c.caseId} className="check">
                <input
                  type="checkbox"
                  checked={cases.includes(c.caseId)}
                  onChange={(e) =>
                    setCases(e.target.checked ? [...cases, c.caseId] : cases.filter((id) => id !== c.caseId))
                  }
                />{' '}
                {c.name} (v{c.version})
              </label>
            ))}
          </fieldset>
        )}
      </Section>
      {kept.busy && kept.value && (
        <p className="status" role="status" aria-live="polite">
          {words('budComputing')}
        </p>
      )}
      {kept.error && kept.value && (
        <p className="status error" role="alert">
          {words('error')}: {kept.error}
        </p>
      )}
      <Status
        loaded={kept.value ? { state: 'done', value: kept.value } : loaded}
        what={words('budComputing')}
      >
        {(b) => (
          <>
            <p className="price-level" data-price-level={b.priceLevel.year}>
              <strong>{words('budPriceLevel', { year: b.priceLevel.year })}</strong> {b.priceLevel.note}
            </p>
            <Notices notices={b.notices} />
            {b.history.activities.length > 0 && (
              <Section title={words('budActivityPrices', { from: b.history.from, to: b.history.to })}>
                <div className="form-row">
                  {[...new Set(b.history.activities.map((a) => a.type))].sort().map((type) => (
                    <AdjustField
                      key={`${type}-${generation}`}
                      label={interventionName(type, language)}
                      name={`price-${type}`}
                      value={adjustments.activityPricePerWeek[type] ?? null}
                      min={0}
                      max={10_000_000}
                      unit="kr."
                      onChange={(v) => {
                        const prices = { ...adjustments.activityPricePerWeek };
                        if (v === null) delete prices[type];
                        else prices[type] = v;
                        setAdjustments({ ...adjustments, activityPricePerWeek: prices });
                      }}
                    />
                  ))}
                </div>
              </Section>
            )}
            {b.suppressed && b.suppressed.groups.length > 0 && (
              <p className="muted">{words('budSuppressed', { threshold: b.suppressed.threshold })}</p>
            )}
            <div className="actions">
              {maySave && (
                <label className="field">
                  <span>{words('budNote')}</span>
                  <input
                    type="text"
                    name="note"
                    maxLength={2000}
                    value={note}
                    onChange={(e) => setNote(e.target.value)}
                  />
                </label>
              )}
              {maySave && (
                <button type="button" onClick={() => void save()}>
                  {words('budSave')}
                </button>
              )}
              {mayExport && (
                <button
                  type="button"
                  onClick={() =>
                    void downloadGet(
                      `/api/budget/xlsx?${query}`,
                      `budget-${b.municipality}-${b.budgetYear}.xlsx`,
                    ).catch((error: unknown) =>
                      setSaved(
                        `${words('error')}: ${error instanceof Error ? error.message : String(error)}`,
                      ),
                    )
                  }
                >
                  {words('excel')}
                </button>
              )}
              {saved && <span role="status">{saved}</span>}
            </div>
            {b.summary.length > 0 && (
              <Section title={words('budSummary')}>
                <YearsTable years={b.years} caption={words('budSummary')}>
                  <Line
                    label={words('budFullTime')}
                    figures={b.summary.map((y) => y.fullTimePersons)}
                    format={persons}
                  />
                  <IncomeSupportLines amounts={b.summary.map((y) => y.incomeSupport)} />
                  <Line
                    label={words('budActivities')}
                    figures={b.summary.map((y) => y.activitiesKr)}
                    format={kr}
                  />
                  <Line
                    label={words('budAdministration')}
                    figures={b.summary.map((y) => y.administrationKr)}
                    format={kr}
                  />
                  <Line label={words('budNet')} figures={b.summary.map((y) => y.net)} format={kr} strong />
                </YearsTable>
              </Section>
            )}
            {b.separate.length > 0 && (
              <Section title={words('budSeparate')}>
                <p className="muted">{words('budSeparateIntro')}</p>
                <YearsTable years={b.years} caption={words('budSeparate')}>
                  {b.separate.map((s) => (
                    <Fragment key={s.key}>
                      <tr className="group-head">
                        <th scope="rowgroup" colSpan={b.years.length + 1}>
                          {s.label}
                        </th>
                      </tr>
                      <Line
                        label={words('budSepCovered')}
                        figures={s.years.map((y) => y.covered)}
                        format={kr}
                      />
                      <tr className="separate">
                        <th scope="row">{words('budSepAnnouncedRow')}</th>
                        {s.years.map((y) => (
                          <td key={y.year} className="num">
                            <AdjustField
                              key={`${s.key}-${y.year}-${generation}`}
                              label={words('budSepAnnounced', { label: s.label, year: y.year })}
                              hideLabel
                              name={`announced-${s.key}-${y.year}`}
                              value={adjustments.announced[s.key][String(y.year)] ?? null}
                              placeholder={Math.round(y.grant.model)}
                              min={-1e11}
                              max={1e11}
                              unit="kr."
                              onChange={(v) => setAdjustments(withAnnounced(adjustments, s.key, y.year, v))}
                            />
                          </td>
                        ))}
                      </tr>
                      <Line label={words('budSepGrant')} figures={s.years.map((y) => y.grant)} format={kr} />
                      <tr className="total" data-separate-balance={s.key}>
                        <th scope="row">{words('budSepBalance')}</th>
                        {s.years.map((y) => (
                          <td key={y.year} className="num">
                            {kr(y.balance)}
                            {y.balanceBand80 && (
                              <>
                                <br />
                                <span className="muted">
                                  {words('budSepBand', {
                                    from: kr(y.balanceBand80[0]),
                                    to: kr(y.balanceBand80[1]),
                                  })}
                                </span>
                              </>
                            )}
                          </td>
                        ))}
                      </tr>
                      <tr>
                        <td colSpan={b.years.length + 1} className="muted">
                          {s.basis} {s.uncertainty}
                          {s.years.every((y) => y.balanceBand80 === null) && ` ${words('budSepNoBands')}`}
                        </td>
                      </tr>
                    </Fragment>
                  ))}
                </YearsTable>
              </Section>
            )}
            {b.cases.length > 0 && b.withCases.length > 0 && (
              <Section title={words('budWithout')}>
                <YearsTable years={b.years} caption={words('budWithout')}>
                  <Line
                    label={words('budWithoutNet')}
                    figures={b.withCases.map((y) => y.without.net)}
                    format={kr}
                  />
                  {b.cases.map((c) => (
                    <Line
                      key={c.id}
                      label={`${words('budCase')}: ${c.name}`}
                      figures={c.years.map((y) => y.net)}
                      format={kr}
                    />
                  ))}
                  <Line
                    label={words('budWithNet')}
                    figures={b.withCases.map((y) => y.with.net)}
                    format={kr}
                    strong
                  />
                  <Line
                    label={words('budWithoutFullTime')}
                    figures={b.withCases.map((y) => y.without.fullTimePersons)}
                    format={persons}
                  />
                  <Line
                    label={words('budWithFullTime')}
                    figures={b.withCases.map((y) => y.with.fullTimePersons)}
                    format={persons}
                  />
                </YearsTable>
              </Section>
            )}
            {b.groups.map((g) => (
              <Section key={g.benefit} title={name(g.benefit)}>
                <AdjustField
                  key={`change-${g.benefit}-${generation}`}
                  label={words('budChange')}
                  name={`change-${g.benefit}`}
                  value={
                    adjustments.fullTimePersonsChange[g.benefit] === undefined
                      ? null
                      : adjustments.fullTimePersonsChange[g.benefit]! * 100
                  }
                  min={-100}
                  max={1000}
                  unit="%"
                  onChange={(v) =>
                    setAdjustments({
                      ...adjustments,
                      fullTimePersonsChange: {
                        ...adjustments.fullTimePersonsChange,
                        [g.benefit]: (v ?? 0) / 100,
                      },
                    })
                  }
                />
                <YearsTable years={b.years} caption={name(g.benefit)}>
                  <Line
                    label={words('budFullTime')}
                    figures={g.years.map((y) => y.fullTimePersons)}
                    format={persons}
                  />
                  <tr>
                    <th scope="row">{words('budBand95')}</th>
                    {g.years.map((y) => (
                      <td key={y.year} className="num">
                        {y.fullTimePersons.band95
                          ? `${persons(y.fullTimePersons.band95[0])}–${persons(y.fullTimePersons.band95[1])}`
                          : '–'}
                      </td>
                    ))}
                  </tr>
                  <IncomeSupportLines amounts={g.years.map((y) => y.incomeSupport)} />
                  <Line
                    label={words('budActivities')}
                    figures={g.years.map((y) => y.activitiesKr)}
                    format={kr}
                  />
                  <Line
                    label={words('budCaseworkers')}
                    figures={g.years.map((y) => y.administration.caseworkers)}
                    format={persons}
                  />
                  <Line
                    label={words('budAdministration')}
                    figures={g.years.map((y) => y.administration.kr)}
                    format={kr}
                  />
                  <Line label={words('budNet')} figures={g.years.map((y) => y.net)} format={kr} strong />
                </YearsTable>
                {g.years[0]?.administration.notEstimated && (
                  <p className="muted">{g.years[0].administration.notEstimated}</p>
                )}
              </Section>
            ))}
            <Section title={words('budAssumptions')}>
              <ul>
                {b.assumptions.map((a) => (
                  <li key={a}>{a}</li>
                ))}
              </ul>
            </Section>
          </>
        )}
      </Status>
    </div>
  );
}
