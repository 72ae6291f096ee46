/**
 * The app's number and week fields: text typed the Danish way (25.000; 1.234,5; 0,035), read by
 * danish-input.ts. The value changes only when the text is a number the field takes; otherwise the
 * field says why beside it, in the user's language, and tells the form around it (FieldProblems), so
 * that a page does not show results of the last valid value as if they were of the text on screen.
 */

import { createContext, useContext, useEffect, useId, useState, type ReactNode } from 'react';
import { formatYyyyww } from '../format.ts';
import { useLanguage, useWords } from '../i18n.tsx';
import {
  formatForInput,
  parseDanishNumber,
  parseWeek,
  type NumberProblem,
  type WeekProblem,
  type WeekRange,
} from './danish-input.ts';

/** Told by each field whether its text is refused (the message) or taken (null). */
export type ReportProblem = (name: string, problem: string | null) => void;

const FieldProblems = createContext<ReportProblem | null>(null);

/** The fields inside report their refused texts to `report`. */
export const FieldProblemsProvider = FieldProblems.Provider;

/** Reports the field's problem while it lasts, and none once the field is gone. */
function useReport(name: string, problem: string | null): void {
  const report = useContext(FieldProblems);
  useEffect(() => {
    report?.(name, problem);
  }, [report, name, problem]);
  useEffect(() => () => report?.(name, null), [report, name]);
}

/** The text, the message under it (a problem or a hint) and what is beside the input. */
function FieldFrame({
  label,
  name,
  text,
  onText,
  problem,
  hint,
  suffix,
  inputMode,
}: {
  label: string;
  name: string;
  text: string;
  onText: (text: string) => void;
  problem: string | null;
  hint?: ReactNode;
  suffix?: ReactNode;
  inputMode: 'decimal' | 'numeric';
}) {
  const id = useId();
  const said = problem ?? hint;
  return (
    <label className="field">
      <span>{label}</span>
      <span className="input-row">
        <input
          type="text"
          inputMode={inputMode}
          name={name}
          value={text}
          aria-invalid={problem !== null}
          aria-describedby={said ? `${id}-said` : undefined}
          onChange={(e) => onText(e.target.value)}
        />
        {suffix && <span className="suffix">{suffix}</span>}
      </span>
      {problem !== null ? (
        <span className="invalid" id={`${id}-said`} data-field-problem={name}>
          {problem}
        </span>
      ) : (
        hint && (
          <span className="hint" id={`${id}-said`}>
            {hint}
          </span>
        )
      )}
    </label>
  );
}

export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  integer,
  unit,
  name,
  hint,
  suffix,
  aboveMax,
  problem: given,
}: {
  label: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  max?: number;
  /** Whole numbers only (persons, weeks). */
  integer?: boolean;
  /** A unit the person may type after the number ("%", "kr."). */
  unit?: string;
  name: string;
  /** A line under the field while its text is taken: what bounds it, where from. */
  hint?: ReactNode;
  /** Beside the input: e.g. "af 517 i målgruppen". */
  suffix?: ReactNode;
  /** What to say of a number above `max` instead of "at most …" (why that is the most). */
  aboveMax?: (found: string) => string;
  /** A problem the page knows of the value (the server refused it): shown while the text is taken. */
  problem?: string | null;
}) {
  const words = useWords();
  const [text, setText] = useState(() => formatForInput(value));
  // A value set from outside (a case opened, the participants brought down to the group) replaces
  // the text, unless the text already reads as that value.
  // Adjusted while rendering, not in an effect: the field never shows the old number beside the
  // new one's messages, not even for a frame.
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    const read = parseDanishNumber(text);
    if (!(read.ok && read.value === value)) setText(formatForInput(value));
  }
  const rules = { integer, min, max, unit };
  const parsed = parseDanishNumber(text, rules);
  const refused = parsed.ok ? null : say(parsed.problem, text.trim());
  useReport(name, refused);
  function say(p: NumberProblem, found: string): string {
    const n = (v: number) => formatForInput(v, 1000);
    switch (p.kind) {
      case 'empty':
        return words('numberEmpty');
      case 'malformed':
        return words('numberMalformed', { found });
      case 'ambiguous':
        return words('numberAmbiguous', { found });
      case 'notInteger':
        return words('numberNotInteger', { found: n(p.value) });
      case 'belowMin':
      case 'aboveMax':
        if (p.kind === 'aboveMax' && aboveMax) return aboveMax(n(p.value));
        return min !== undefined && max !== undefined
          ? words('numberFromTo', { min: n(min), max: n(max), found: n(p.value) })
          : p.kind === 'belowMin'
            ? words('numberAtLeast', { min: n(p.min), found: n(p.value) })
            : words('numberAtMost', { max: n(p.max), found: n(p.value) });
    }
  }
  return (
    <FieldFrame
      label={label}
      name={name}
      text={text}
      inputMode="decimal"
      problem={refused ?? given ?? null}
      hint={hint}
      suffix={suffix}
      onText={(t) => {
        setText(t);
        const read = parseDanishNumber(t, rules);
        if (read.ok && read.value !== value) onChange(read.value);
      }}
    />
  );
}

/** The example week in messages: week 1 of the last year allowed (of 2027 while the range is unknown). */
const exampleWeek = (range: WeekRange | null) => String(range?.last ?? 202701).slice(0, 4) + '01';

/** A week typed as YYYYWW, within `range` when it is known (the message then says the range). */
export function WeekField({
  label,
  value,
  onChange,
  range,
  rangeText,
  name,
  problem: given,
}: {
  label: string;
  /** YYYYWW. */
  value: string;
  onChange: (yyyyww: string) => void;
  range: WeekRange | null;
  /** Why the range is what it is, for a week outside it. */
  rangeText?: string;
  name: string;
  problem?: string | null;
}) {
  const words = useWords();
  const language = useLanguage();
  const [text, setText] = useState(value);
  const [shownValue, setShownValue] = useState(value);
  if (shownValue !== value) {
    setShownValue(value);
    const read = parseWeek(text, null);
    if (!(read.ok && String(read.value) === value)) setText(value);
  }
  const week = (yyyyww: number) => formatYyyyww(yyyyww, language);
  // The hint is short (the field is half the form wide): "2019-02", the week without its word.
  const bare = (yyyyww: number) => `${Math.floor(yyyyww / 100)}-${String(yyyyww % 100).padStart(2, '0')}`;
  const say = (p: WeekProblem, found: string): string => {
    switch (p.kind) {
      case 'empty':
        return words('weekEmpty', { example: exampleWeek(range) });
      case 'malformed':
        return words('weekMalformed', { found, example: exampleWeek(range) });
      case 'noSuchWeek':
        return words('weekNoSuch', { week: p.week, year: p.year, weeks: p.weeks });
      case 'beforeRange':
      case 'afterRange':
        return rangeText ?? words('startRangeHint', { first: week(p.range.first), last: week(p.range.last) });
    }
  };
  const parsed = parseWeek(text, range);
  const refused = parsed.ok ? null : say(parsed.problem, text.trim());
  useReport(name, refused);
  return (
    <FieldFrame
      label={label}
      name={name}
      text={text}
      inputMode="numeric"
      problem={refused ?? given ?? null}
      hint={range ? words('startRangeHint', { first: bare(range.first), last: bare(range.last) }) : undefined}
      onText={(t) => {
        setText(t);
        const read = parseWeek(t, range);
        if (read.ok && String(read.value) !== value) onChange(String(read.value));
      }}
    />
  );
}
