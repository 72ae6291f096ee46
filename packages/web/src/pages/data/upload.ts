/**
 * A register file sent to `POST /api/imports` as the CLI sends it: multipart (kind, name, file,
 * codes), the answer as NDJSON lines. XMLHttpRequest rather than fetch, for the upload's progress;
 * the answer's lines are read as they arrive.
 */

export interface ImportSummary {
  importId: number;
  kind: string;
  file: string;
  outcome: 'imported' | 'unchanged';
  rows: number;
  firstWeek: number | null;
  lastWeek: number | null;
  notes: string[];
  seconds: number;
}

export interface Problem {
  file: string;
  line?: number;
  column?: string;
  expected: string;
  found?: string;
}

/** An import the server refused: its message, and the problems with file, line and column. */
export class ImportRefused extends Error {
  override readonly name = 'ImportRefused';
  constructor(
    message: string,
    readonly problems: readonly Problem[],
    readonly total: number,
  ) {
    super(message);
  }
}

export type UploadStep =
  | { step: 'sending'; done: number; total: number }
  | { step: 'importing'; done: number; total: number; rows: number };

/** Upload `file` as `kind`; `onStep` hears the upload's and then the import's progress. */
export function uploadImport(
  form: { kind: string; file: File; codes?: File | null; language: string },
  onStep: (step: UploadStep) => void,
  messages: { silent: string; broken: (status: number) => string },
): Promise<ImportSummary> {
  const body = new FormData();
  body.append('kind', form.kind);
  body.append('name', form.file.name);
  body.append('file', form.file);
  if (form.codes) body.append('codes', form.codes);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    let read = 0;
    let last: Record<string, unknown> | null = null;
    const lines = () => {
      const text = xhr.responseText;
      let end: number;
      while ((end = text.indexOf('\n', read)) >= 0) {
        const line = text.slice(read, end).trim();
        read = end + 1;
        if (line === '') continue;
        const message = JSON.parse(line) as Record<string, unknown>;
        const progress = message.progress as { bytes: number; rows: number; total: number } | undefined;
        if (progress)
          onStep({ step: 'importing', done: progress.bytes, total: progress.total, rows: progress.rows });
        else last = message;
      }
    };
    xhr.open('POST', '/api/imports');
    xhr.setRequestHeader('accept', 'application/x-ndjson');
    xhr.setRequestHeader('accept-language', form.language);
    xhr.upload.onprogress = (e) => onStep({ step: 'sending', done: e.loaded, total: e.total || form.file.size });
    xhr.onprogress = () => xhr.status === 200 && lines();
    xhr.onerror = () => reject(new Error(messages.silent));
    xhr.onload = () => {
      try {
        if (xhr.status === 200) lines();
        const answer = (xhr.status === 200 ? last : JSON.parse(xhr.responseText || 'null')) as Record<
          string,
          unknown
        > | null;
        if (answer?.summary) return resolve(answer.summary as ImportSummary);
        const problems = Array.isArray(answer?.details) ? (answer.details as Problem[]) : [];
        const message = typeof answer?.error === 'string' ? answer.error : messages.broken(xhr.status);
        reject(new ImportRefused(message, problems, Number(answer?.total ?? problems.length)));
      } catch {
        reject(new Error(messages.broken(xhr.status)));
      }
    };
    xhr.send(body);
  });
}
