import { useEffect, useState } from 'react';
import { useWords } from '../i18n.tsx';

/** A number typed the Danish way (decimal comma); the case changes only when the text is a valid number. */
export function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  name,
  hint,
}: {
  label: string;
  /** A line under the field: what bounds it, where from. */
  hint?: string;
  value: number;
  onChange: (v: number) => void;
  min?: number;
  max?: number;
  name: string;
}) {
  const words = useWords();
  const shown = (v: number) => String(v).replace('.', ',');
  const [text, setText] = useState(shown(value));
  useEffect(() => setText((t) => (Number(t.replace(',', '.')) === value ? t : shown(value))), [value]);
  const parsed = Number(text.trim().replace(',', '.'));
  const valid =
    text.trim() !== '' &&
    Number.isFinite(parsed) &&
    (min === undefined || parsed >= min) &&
    (max === undefined || parsed <= max);
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type="text"
        inputMode="decimal"
        name={name}
        value={text}
        aria-invalid={!valid}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value.trim().replace(',', '.'));
          if (
            e.target.value.trim() !== '' &&
            Number.isFinite(v) &&
            (min === undefined || v >= min) &&
            (max === undefined || v <= max)
          )
            onChange(v);
        }}
      />
      {hint && valid && <span className="hint">{hint}</span>}
      {!valid && (
        <span className="invalid">
          {min !== undefined && max !== undefined
            ? words('aNumberFromTo', { min: shown(min), max: shown(max) })
            : words('aNumber')}
        </span>
      )}
    </label>
  );
}
