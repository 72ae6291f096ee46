/**
 * The data commands against a store a running server holds (`jobinvest serve` writes
 * `<db>.server.json` beside it): `status`, `import` and `codes` go through that server's API rather
 * than open the locked store, with the same validation, errors and progress as when they run alone.
 */

import { randomUUID } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { basename } from 'node:path';
import type { DreamCode } from '@jobinvest/core';
import { InputError, type InputProblem } from '../input/input-error.ts';
import { serverFileOf } from './db.ts';
import { DataError } from './errors.ts';
import type { ImportKind, ImportSummary } from './importers/import-run.ts';
import type { DataSummary } from './summary.ts';

// The token each running server gave the command line, by address (read from its server file).
const tokens = new Map<string, string>();

/** The headers that say a request comes from the command line on this machine. */
function local(server: string): Record<string, string> {
  const token = tokens.get(server);
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

/**
 * The address of the jobinvest server that holds the store at `db`, if one runs. Its server file
 * (owner-only) also holds the token the requests below send, so they act as the local admin.
 */
export function runningServer(db: string): string | null {
  try {
    const { url, pid, token } = JSON.parse(readFileSync(serverFileOf(db), 'utf8')) as {
      url: string;
      pid: number;
      token?: string;
    };
    process.kill(pid, 0);
    if (token !== undefined) tokens.set(url, token);
    return url;
  } catch {
    // No server file, or its process has gone: nobody serves the store.
    return null;
  }
}

/** The error a server answered, as the error the command would have thrown on its own. */
function answeredError(server: string, route: string, status: number, body: unknown): Error {
  const { error, details, total } = (body ?? {}) as {
    error?: string;
    details?: InputProblem[];
    total?: number;
  };
  if (status === 422 && Array.isArray(details) && details.every((d) => typeof d?.expected === 'string'))
    return new InputError(details, total);
  return new DataError(`jobinvest serve at ${server} answered ${status} to ${route}: ${error ?? 'no message'}`);
}

/** `route` of the running server as the local admin; its JSON, or the error it answered. */
export async function jsonFrom<T>(server: string, route: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${server}${route}`, {
      signal: AbortSignal.timeout(60_000),
      ...init,
      headers: { ...local(server), ...(init.headers as Record<string, string> | undefined) },
    });
  } catch (error) {
    throw new DataError(
      `jobinvest serve at ${server} holds the store but did not answer ${route} (${(error as Error).message}); is it still running?`,
    );
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw answeredError(server, route, response.status, body);
  return body as T;
}

export const summaryFrom = (server: string) => jsonFrom<DataSummary>(server, '/api/data/summary');

export const codesFrom = (server: string) => jsonFrom<DreamCode[]>(server, '/api/codes');

/** Add the entries of codes CSV `file` to the code map through the server; the map afterwards. */
export async function loadCodesThrough(server: string, file: string): Promise<DreamCode[]> {
  const bytes = readCodes(file);
  return jsonFrom<DreamCode[]>(server, `/api/codes?name=${encodeURIComponent(file)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: bytes,
  });
}

export interface UploadProgress {
  /** Bytes of the file sent so far, of `total`. */
  sent(bytes: number, total: number): void;
  /** The server's staging: bytes of the file read and rows so far. */
  staged(bytes: number, rows: number, total: number): void;
}

/**
 * Import `file` through the server: the file is streamed as a multipart upload (never read whole
 * into memory) and the server's progress lines are passed to `progress`. Resolves to the summary;
 * a file the server refuses rejects with the same InputError an import on its own would.
 */
export async function importThrough(
  server: string,
  kind: ImportKind,
  file: string,
  progress: UploadProgress,
  options: { codesFile?: string } = {},
): Promise<ImportSummary> {
  const size = await stat(file).then(
    (s) => s.size,
    (error: NodeJS.ErrnoException) => {
      throw new InputError({
        file,
        expected: 'a readable file',
        found: error.code === 'ENOENT' ? 'no such file' : String(error.code),
      });
    },
  );
  const codes = options.codesFile === undefined ? null : readCodes(options.codesFile);
  const boundary = `jobinvest-${randomUUID()}`;
  const field = (name: string, value: string) =>
    `--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const filePart = (name: string, filename: string) =>
    `--${boundary}\r\ncontent-disposition: form-data; name="${name}"; filename="${encodeURIComponent(filename)}"\r\ncontent-type: text/csv\r\n\r\n`;
  const head = Buffer.from(
    field('kind', kind) +
      field('name', file) +
      (codes ? `${filePart('codes', options.codesFile!)}` : ''),
  );
  const codesTail = codes ? Buffer.concat([codes, Buffer.from('\r\n')]) : Buffer.alloc(0);
  const fileHead = Buffer.from(filePart('file', basename(file)));
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + codesTail.length + fileHead.length + size + tail.length;

  const url = new URL('/api/imports', server);
  return new Promise<ImportSummary>((resolve, reject) => {
    const request = httpRequest(url, {
      method: 'POST',
      headers: {
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(length),
        accept: 'application/x-ndjson',
        ...local(server),
      },
    });
    request.on('error', (error) =>
      reject(
        new DataError(
          `jobinvest serve at ${server} holds the store but the upload failed (${error.message}); is it still running?`,
        ),
      ),
    );
    request.on('response', (response) => readLines(server, response, progress, resolve, reject));
    request.write(head);
    request.write(codesTail);
    request.write(fileHead);
    let sent = 0;
    const stream = createReadStream(file, { highWaterMark: 1 << 20 });
    stream.on('data', (chunk) => {
      sent += chunk.length;
      progress.sent(sent, size);
    });
    stream.on('error', (error) => {
      request.destroy(error);
    });
    stream.pipe(request, { end: false });
    stream.on('end', () => request.end(tail));
  });
}

function readCodes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError({ file, expected: 'a readable CSV file', found: code === 'ENOENT' ? 'no such file' : String(code) });
  }
}

/** The answer to an upload: NDJSON progress lines and the last line, or one JSON error. */
function readLines(
  server: string,
  response: IncomingMessage,
  progress: UploadProgress,
  resolve: (summary: ImportSummary) => void,
  reject: (error: Error) => void,
): void {
  const status = response.statusCode ?? 0;
  let text = '';
  let last: Record<string, unknown> | null = null;
  response.setEncoding('utf8');
  response.on('data', (chunk: string) => {
    text += chunk;
    if (status !== 200 || !(response.headers['content-type'] ?? '').includes('ndjson')) return;
    let end: number;
    while ((end = text.indexOf('\n')) >= 0) {
      const line = text.slice(0, end).trim();
      text = text.slice(end + 1);
      if (line === '') continue;
      const message = JSON.parse(line) as Record<string, unknown>;
      const p = message.progress as { bytes: number; rows: number; total: number } | undefined;
      if (p) progress.staged(p.bytes, p.rows, p.total);
      else last = message;
    }
  });
  response.on('error', (error) => reject(new DataError(`the answer of jobinvest serve at ${server} broke off: ${error.message}`)));
  response.on('end', () => {
    try {
      if (status !== 200 || last === null) {
        const body: unknown = last ?? (text.trim() === '' ? null : JSON.parse(text));
        return reject(answeredError(server, '/api/imports', status === 200 ? 500 : status, body));
      }
      const done: Record<string, unknown> = last;
      if (done.summary) return resolve(done.summary as ImportSummary);
      reject(answeredError(server, '/api/imports', Number(done.status ?? 500), done));
    } catch (error) {
      reject(new DataError(`jobinvest serve at ${server} answered something that is not JSON: ${(error as Error).message}`));
    }
  });
}
