/**
 * Indlæs data: a register file into the store while the server runs (POST /api/imports, the same
 * validation and errors as `jobinvest import`), with the upload's and the import's progress; the
 * problems of a refused file by file, line and column; the import log; the DREAM code map and a
 * codes CSV to add to it.
 */

import { SOURCE_STATUS_WORDS, type Sentence } from '@jobinvest/core';
import { useState } from 'react';
import { getJson } from '../../api.ts';
import { useStateName } from '../../catalogue.tsx';
import { formatNumber, formatPercent, formatYyyyww } from '../../format.ts';
import { useLoad } from '../../hooks.ts';
import { useLanguage, useWords, type Word } from '../../i18n.tsx';
import { Section, Status } from '../../ui/page-parts.tsx';
import { DataTable } from '../../ui/Table.tsx';
import { ImportRefused, uploadImport, type ImportSummary, type Problem, type UploadStep } from './upload.ts';

/** What a file can hold: the server's import kinds (data/importers/import-run.ts), in its order. */
export const IMPORT_KINDS = [
  'dream',
  'spells',
  'person-weeks',
  'ydelsesrefusion',
  'persons',
  'municipalities',
  'interventions',
  'caseworkers',
  'contacts',
  'jobindsats',
  'framework',
  'measurements',
] as const;

interface ImportRecord {
  importId: number;
  kind: string;
  file: string;
  rows: number;
  rejectedRows: number;
  finished: string;
  outcome: string;
  message: string | null;
}

interface Code {
  code: string;
  benefit: string;
  label: string;
  status: string;
}

type Run =
  | { state: 'idle' }
  | { state: 'running'; step: UploadStep | null }
  | { state: 'done'; summary: ImportSummary }
  | { state: 'refused'; message: string; problems: readonly Problem[]; total: number };

export function ImportPage({ onImported }: { onImported: () => void }) {
  const words = useWords();
  // Every import is logged, a refused one too; only one that imported changes the data.
  const [imported, setImported] = useState(0);
  const logged = (changedData: boolean) => {
    setImported((n) => n + 1);
    if (changedData) onImported();
  };
  return (
    <>
      <h1>{words('importData')}</h1>
      <p className="lead">{words('importLead')}</p>
      <ImportForm onLogged={logged} />
      <ImportLog version={imported} />
      <CodeMap version={imported} onChanged={() => logged(true)} />
    </>
  );
}

function ImportForm({ onLogged }: { onLogged: (changedData: boolean) => void }) {
  const words = useWords();
  const language = useLanguage();
  const [kind, setKind] = useState<string>('dream');
  const [file, setFile] = useState<File | null>(null);
  const [codes, setCodes] = useState<File | null>(null);
  const [run, setRun] = useState<Run>({ state: 'idle' });
  const start = () => {
    if (!file) return setRun({ state: 'refused', message: words('importChooseFile'), problems: [], total: 0 });
    setRun({ state: 'running', step: null });
    uploadImport(
      { kind, file, codes: kind === 'dream' ? codes : null, language },
      (step) => setRun({ state: 'running', step }),
      { silent: words('serverSilent'), broken: (status) => words('serverStatus', { status }) },
    ).then(
      (summary) => {
        setRun({ state: 'done', summary });
        onLogged(summary.outcome === 'imported');
      },
      (error: unknown) => {
        if (error instanceof ImportRefused) onLogged(false);
        setRun(
          error instanceof ImportRefused
            ? { state: 'refused', message: error.message, problems: error.problems, total: error.total }
            : { state: 'refused', message: error instanceof Error ? error.message : String(error), problems: [], total: 0 },
        );
      },
    );
  };
  const running = run.state === 'running';
  return (
    <Section title={words('importData')}>
      <form
        className="import-form"
        aria-label={words('importData')}
        onSubmit={(e) => {
          e.preventDefault();
          start();
        }}
      >
        <label className="field">
          <span>{words('importKind')}</span>
          <select name="kind" value={kind} onChange={(e) => setKind(e.target.value)} disabled={running}>
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {words(`kind_${k}` as Word)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{words('importFile')}</span>
          <input
            type="file"
            name="file"
            accept={kind === 'jobindsats' ? '.csv,.txt,.xlsx,.json,text/csv' : '.csv,.txt,text/csv'}
            disabled={running}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </label>
        {kind === 'dream' && (
          <label className="field">
            <span>{words('importCodes')}</span>
            <input
              type="file"
              name="codes"
              accept=".csv,text/csv"
              disabled={running}
              onChange={(e) => setCodes(e.target.files?.[0] ?? null)}
            />
          </label>
        )}
        <button type="submit" disabled={running}>
          {words('importStart')}
        </button>
      </form>
      <div aria-live="polite">
        {running && <Progress step={run.step} />}
        {run.state === 'done' && <Outcome summary={run.summary} />}
        {run.state === 'refused' && (
          <div role="alert">
            <p className="status error">
              {words('error')}: {run.message}
            </p>
            {run.problems.length > 0 && <Problems problems={run.problems} total={run.total} />}
          </div>
        )}
      </div>
    </Section>
  );
}

function Progress({ step }: { step: UploadStep | null }) {
  const words = useWords();
  const share = step && step.total > 0 ? Math.min(step.done / step.total, 1) : 0;
  const percent = formatPercent(share, 0);
  const text =
    step?.step === 'importing'
      ? words('importImporting', { percent, rows: formatNumber(step.rows) })
      : words('importSending', { percent });
  return (
    <p className="status computing" data-import-progress>
      <progress value={share} max={1} aria-label={text} /> {text}
    </p>
  );
}

function Outcome({ summary }: { summary: ImportSummary }) {
  const words = useWords();
  const language = useLanguage();
  if (summary.outcome === 'unchanged')
    return (
      <p className="status" data-import-outcome="unchanged">
        {words('importUnchanged', { id: summary.importId })}
      </p>
    );
  return (
    <div className="status" data-import-outcome="imported">
      <p>
        {words('importDone', {
          id: summary.importId,
          rows: formatNumber(summary.rows),
          seconds: formatNumber(summary.seconds, 1),
        })}{' '}
        {summary.firstWeek !== null &&
          summary.lastWeek !== null &&
          words('importWeeks', {
            first: formatYyyyww(summary.firstWeek, language),
            last: formatYyyyww(summary.lastWeek, language),
          })}
      </p>
      {summary.notes.length > 0 && (
        <ul>
          {summary.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function Problems({ problems, total }: { problems: readonly Problem[]; total: number }) {
  const words = useWords();
  return (
    <>
      <DataTable
        name="import-problems"
        columns={[
          { key: 'file', header: words('problemFile') },
          { key: 'line', header: words('problemLine'), numeric: true },
          { key: 'column', header: words('problemColumn') },
          { key: 'expected', header: words('problemExpected') },
          { key: 'found', header: words('problemFound') },
        ]}
        rows={problems.map((p) => ({
          file: p.file,
          line: p.line ?? null,
          column: p.column ?? null,
          expected: p.expected,
          found: p.found ?? null,
        }))}
      />
      {total > problems.length && <p>{words('importRefusedMore', { count: formatNumber(total - problems.length) })}</p>}
    </>
  );
}

function ImportLog({ version }: { version: number }) {
  const words = useWords();
  const log = useLoad(`imports-${version}`, (signal) => getJson<ImportRecord[]>('/api/imports?limit=20', signal));
  return (
    <Section title={words('importLog')}>
      <Status loaded={log}>
        {(records) => (
          <DataTable
            name="import-log"
            columns={[
              { key: 'importId', header: 'Import', numeric: true },
              { key: 'kind', header: words('importKind') },
              { key: 'file', header: words('problemFile') },
              { key: 'outcome', header: words('importOutcome') },
              { key: 'rows', header: words('importRows'), numeric: true },
              { key: 'finished', header: words('importFinished') },
              // The importer's own record of the file, written in English when it was imported.
              { key: 'message', header: words('importMessage'), lang: 'en' },
            ]}
            rows={records.map((r) => ({
              importId: r.importId,
              kind: (IMPORT_KINDS as readonly string[]).includes(r.kind) ? words(`kind_${r.kind}` as Word) : r.kind,
              file: r.file,
              outcome: r.outcome === 'ok' ? words('importOk') : r.outcome === 'failed' ? words('importFailed') : r.outcome,
              rows: r.outcome === 'failed' ? r.rejectedRows : r.rows,
              finished: r.finished.replace('T', ' ').slice(0, 19),
              message: r.message,
            }))}
          />
        )}
      </Status>
    </Section>
  );
}

function CodeMap({ version, onChanged }: { version: number; onChanged: () => void }) {
  const words = useWords();
  const language = useLanguage();
  const name = useStateName();
  const codes = useLoad(`codes-${version}`, (signal) => getJson<Code[]>('/api/codes', signal));
  const [loaded, setLoaded] = useState<{ ok: true; count: number } | { ok: false; message: string } | null>(null);
  const load = async (file: File) => {
    const answer = await fetch(`/api/codes?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', 'accept-language': language },
      body: file,
    }).catch(() => null);
    if (!answer) return setLoaded({ ok: false, message: words('serverSilent') });
    const body = (await answer.json().catch(() => null)) as Code[] | { error?: string } | null;
    if (answer.ok && Array.isArray(body)) {
      setLoaded({ ok: true, count: body.length });
      onChanged();
    } else
      setLoaded({
        ok: false,
        message: (body && !Array.isArray(body) && body.error) || words('serverStatus', { status: answer.status }),
      });
  };
  return (
    <Section title={words('codeMap')}>
      <p className="lead">{words('codeMapLead')}</p>
      <label className="field">
        <span>{words('codeLoad')}</span>
        <input
          type="file"
          name="code-map"
          accept=".csv,text/csv"
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) void load(file);
          }}
        />
      </label>
      {loaded?.ok === true && <p className="status">{words('codeLoaded', { count: formatNumber(loaded.count) })}</p>}
      {loaded?.ok === false && (
        <p className="status error" role="alert">
          {words('error')}: {loaded.message}
        </p>
      )}
      <Status loaded={codes}>
        {(list) => (
          <DataTable
            name="code-map"
            columns={[
              { key: 'code', header: words('code') },
              { key: 'benefit', header: words('benefit') },
              { key: 'label', header: words('codeLabel'), lang: 'da' },
              { key: 'status', header: words('codeStatus') },
            ]}
            rows={list.map((c) => ({
              ...c,
              benefit: name(c.benefit),
              status: (SOURCE_STATUS_WORDS as Readonly<Record<string, Sentence | undefined>>)[c.status]?.[language] ?? c.status,
            }))}
          />
        )}
      </Status>
    </Section>
  );
}
