/**
 * An analysis answer shown as the server sends it, for the progression pages whose answers are
 * still growing (Sammenhænge, Målekvalitet): a list of records becomes a table (a column per field),
 * a record a list of its figures, nested records their own sections. Numbers in Danish format,
 * indicator keys by their names, `null` (withheld or not estimable) as "–". The pages name the
 * sections they know; anything new the server adds is shown too rather than dropped.
 */

import { INDICATORS, type Indicator } from '@jobinvest/core';
import { formatNumber } from '../../format.ts';
import { useWords, type Word } from '../../i18n.tsx';
import { Section } from '../../ui/page-parts.tsx';
import { DataTable, type Column, type Row } from '../../ui/Table.tsx';
import { WORDS } from '../../words.ts';
import { useIndicatorName } from './progression-api.ts';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

const isRecord = (v: Json): v is { readonly [key: string]: Json } =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

const isIndicator = (k: string): k is Indicator => (INDICATORS as readonly string[]).includes(k);

/** "hazardRatio" → "hazard ratio": a field's key as words where the page has no name for it. */
export function keyWords(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** A figure's decimals: shares and ratios with three, counts with none. */
function cell(v: Json): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return Number.isInteger(v) ? v : Number(v.toFixed(3));
  if (typeof v === 'boolean') return v ? '✓' : '–';
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.length === 2 && v.every((x) => typeof x === 'number'))
    return `${formatNumber(v[0] as number, 3)} – ${formatNumber(v[1] as number, 3)}`;
  return JSON.stringify(v);
}

export function AnswerView({
  answer,
  name,
  names = {},
  skip = [],
}: {
  answer: Json;
  /** The tables' names (data-table, the export's sheet), prefixed. */
  name: string;
  /** The page's words for the keys it knows. */
  names?: Readonly<Record<string, string>>;
  skip?: readonly string[];
}) {
  const indicatorName = useIndicatorName();
  const title = (key: string) => names[key] ?? (isIndicator(key) ? indicatorName(key) : keyWords(key));
  if (Array.isArray(answer)) {
    const records = answer.filter(isRecord);
    if (records.length === 0)
      return <p className="note">{answer.map((v) => String(cell(v) ?? '–')).join(', ')}</p>;
    const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => !skip.includes(k));
    const columns: Column[] = keys.map((k) => ({
      key: k,
      header: title(k),
      numeric: records.some((r) => typeof r[k] === 'number'),
      decimals: records.some((r) => typeof r[k] === 'number' && !Number.isInteger(r[k])) ? 3 : 0,
    }));
    const rows = records.map((r): Row =>
      Object.fromEntries(
        keys.map((k) => {
          const v = r[k] ?? null;
          return [k, typeof v === 'string' && isIndicator(v) ? indicatorName(v) : cell(v)];
        }),
      ),
    );
    return <DataTable name={name} columns={columns} rows={rows} />;
  }
  if (!isRecord(answer)) return <p className="note">{String(cell(answer) ?? '–')}</p>;
  const keys = Object.keys(answer).filter((k) => !skip.includes(k));
  const plain = keys.filter((k) => !isRecord(answer[k]!) && !Array.isArray(answer[k]));
  const nested = keys.filter((k) => !plain.includes(k));
  return (
    <div className="answer-view" data-answer={name}>
      {plain.length > 0 && (
        <dl className="answer-figures">
          {plain.map((k) => {
            const v = cell(answer[k]!);
            return (
              <div key={k}>
                <dt>{title(k)}</dt>
                <dd data-figure={k}>
                  {typeof v === 'number' ? formatNumber(v, Number.isInteger(v) ? 0 : 3) : (v ?? '–')}
                </dd>
              </div>
            );
          })}
        </dl>
      )}
      {nested.map((k) => (
        <div key={k} className="answer-part">
          <h3>{title(k)}</h3>
          <AnswerView answer={answer[k]!} name={`${name}-${k}`} names={names} skip={skip} />
        </div>
      ))}
    </div>
  );
}

/** Each top-level part of an answer in its own card; its plain figures together first. */
export function AnswerSections({ answer, name }: { answer: Json; name: string }) {
  const words = useWords();
  const partTitle = (k: string) => {
    const word = `progPart_${k}`;
    return word in WORDS ? words(word as Word) : keyWords(k);
  };
  if (answer === null || typeof answer !== 'object' || Array.isArray(answer))
    return <AnswerView answer={answer} name={name} />;
  const record = answer as { readonly [key: string]: Json };
  const plain = Object.keys(record).filter((k) => record[k] === null || typeof record[k] !== 'object');
  const parts = Object.keys(record).filter((k) => !plain.includes(k));
  return (
    <>
      {plain.length > 0 && (
        <Section title={words('progAbout')}>
          <AnswerView answer={Object.fromEntries(plain.map((k) => [k, record[k]!]))} name={name} />
        </Section>
      )}
      {parts.map((k) => (
        <Section key={k} title={partTitle(k)}>
          <AnswerView answer={record[k]!} name={`${name}-${k}`} />
        </Section>
      ))}
    </>
  );
}

export type { Json };
