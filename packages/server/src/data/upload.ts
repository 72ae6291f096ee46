/**
 * A register file uploaded to a running server (`POST /api/imports`, multipart/form-data): the
 * file is streamed to a temporary file beside the store (mode 0600: it holds CPR numbers until the
 * importer has pseudonymised them) and removed when the import is done, whatever its outcome. The
 * body is never held in memory, and a file larger than the disk can take is refused while it
 * arrives. The fields:
 *
 * - `kind`: what the file holds (an import kind);
 * - `name`: what the file is called for the person who sent it (default the part's file name);
 * - `file`: the register file;
 * - `codes`: optional, a codes CSV (code,benefit,label,status) to add to the code map with the import.
 */

import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, rm, statfs } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import busboy from 'busboy';
import { formatNumber } from '@jobinvest/core';
import { parseCsvBytes } from '../input/csv.ts';
import { InputError } from '../input/input-error.ts';
import { codesOf } from './codes.ts';
import { IMPORT_KINDS, type ImportKind } from './importers/import-run.ts';

/** A codes CSV is small (the shipped map has a few hundred lines); it is read in memory. */
export const MAX_CODES_BYTES = 10 * 1024 * 1024;
/** Room left on the disk beside the store for the import itself (DuckDB's temp files, the WAL). */
const DISK_RESERVE_BYTES = 1024 * 1024 * 1024;

export interface ImportUpload {
  readonly kind: ImportKind;
  /** The register file, as a temporary path, and what its sender calls it. */
  readonly path: string;
  readonly name: string;
  readonly bytes: number;
  readonly codes?: ReturnType<typeof codesOf>;
  /** Remove the temporary file. */
  remove(): Promise<void>;
}

/** A request that cannot be an upload (not multipart, too large): answered with its status. */
export class UploadError extends Error {
  override readonly name = 'UploadError';
  constructor(
    message: string,
    readonly status: 400 | 413 | 415 | 507,
  ) {
    super(message);
  }
}

const BODY = 'request body';

/** Where the uploads for the store at `db` are written: beside it (or in the system's temp directory). */
function uploadPlace(db: string): { directory: string; prefix: string } {
  return db === ':memory:'
    ? { directory: tmpdir(), prefix: '.jobinvest-memory.upload-' }
    : { directory: dirname(resolve(db)), prefix: `.${basename(db)}.upload-` };
}

/**
 * Remove uploads to the store at `db` that a server stopped in the middle of an import left behind
 * (they hold CPR numbers); called when a server starts to hold the store.
 */
export async function removeStaleUploads(db: string): Promise<void> {
  const { directory, prefix } = uploadPlace(db);
  const names = await readdir(directory).catch(() => [] as string[]);
  await Promise.all(
    names.filter((n) => n.startsWith(prefix)).map((n) => rm(join(directory, n), { force: true })),
  );
}

/**
 * Receive the multipart body of `request` into a temporary file beside the store at `db`. Bad fields are an
 * InputError naming the field and what was expected; the temporary file is gone when this throws.
 */
export async function receiveImport(request: Request, db: string): Promise<ImportUpload> {
  const { directory, prefix } = uploadPlace(db);
  const type = request.headers.get('content-type') ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    throw new UploadError(
      `expected a multipart/form-data body with the fields kind and file (and codes), found ${type || 'no content type'}`,
      415,
    );
  if (!request.body) throw new UploadError('the request has no body: expected the fields kind and file', 400);

  const free = await statfs(directory).then(
    (s) => s.bavail * s.bsize,
    () => Number.POSITIVE_INFINITY,
  );
  const room = Math.max(0, free - DISK_RESERVE_BYTES);
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > room)
    throw new UploadError(
      `the upload is ${formatNumber(declared)} bytes and the disk beside the store has room for ${formatNumber(room)}; free space there first`,
      507,
    );

  const path = join(directory, `${prefix}${randomUUID()}.csv`);
  const remove = () => rm(path, { force: true });
  const fields = new Map<string, string>();
  let file: { name: string; bytes: number } | null = null;
  let codes: { name: string; bytes: Buffer } | null = null;
  let tooLarge: UploadError | null = null;
  const writes: Promise<void>[] = [];

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': type },
      limits: { fields: 10, fieldSize: 4096, files: 2, fileSize: Number.isFinite(room) ? room : undefined },
    });
  } catch (error) {
    throw new UploadError(`malformed multipart/form-data: ${(error as Error).message}`, 400);
  }
  parser.on('field', (name, value) => fields.set(name, value));
  parser.on('file', (field, stream, info) => {
    if (field === 'file' && file === null) {
      const received = { name: info.filename || 'upload.csv', bytes: 0 };
      file = received;
      stream.on('data', (chunk: Buffer) => (received.bytes += chunk.length));
      stream.on('limit', () => {
        tooLarge = new UploadError(
          `the file is larger than the disk beside the store has room for (${formatNumber(room)} bytes); free space there first`,
          507,
        );
      });
      writes.push(pipeline(stream, createWriteStream(path, { mode: 0o600, flags: 'wx' })));
    } else if (field === 'codes' && codes === null) {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_CODES_BYTES) chunks.push(chunk);
        else tooLarge ??= new UploadError(`the codes file is larger than ${MAX_CODES_BYTES / 1024 / 1024} MB`, 413);
      });
      writes.push(
        new Promise((done, fail) => {
          stream.on('end', () => {
            codes = { name: info.filename || 'codes.csv', bytes: Buffer.concat(chunks) };
            done();
          });
          stream.on('error', fail);
        }),
      );
    } else {
      // A part nobody asked for is read past, and said so below.
      fields.set(`unexpected:${field}`, info.filename);
      stream.resume();
    }
  });

  try {
    await pipeline(Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>), parser);
    await Promise.all(writes);
  } catch (error) {
    await Promise.allSettled(writes);
    await remove();
    if (error instanceof UploadError) throw error;
    throw new UploadError(`the upload did not arrive whole: ${(error as Error).message}`, 400);
  }
  try {
    if (tooLarge) throw tooLarge;
    const unexpected = [...fields.keys()].find((k) => k !== 'kind' && k !== 'name');
    if (unexpected !== undefined) {
      const field = unexpected.replace(/^unexpected:/, '');
      throw new InputError({
        file: BODY,
        column: field,
        expected: 'only the fields kind, name, file and codes',
        found: `a field named ${field}`,
      });
    }
    const kind = fields.get('kind');
    if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind))
      throw new InputError({
        file: BODY,
        column: 'kind',
        expected: `what the file holds: one of ${IMPORT_KINDS.join(', ')}`,
        found: kind ?? 'no field kind',
      });
    const received = file as { name: string; bytes: number } | null;
    if (received === null)
      throw new InputError({ file: BODY, column: 'file', expected: 'the register file as a file part', found: 'no part named file' });
    const name = fields.get('name')?.trim() || received.name;
    const codesPart = codes as { name: string; bytes: Buffer } | null;
    return {
      kind: kind as ImportKind,
      path,
      name,
      bytes: received.bytes,
      ...(codesPart ? { codes: codesOf(parseCsvBytes(codesPart.bytes, codesPart.name)) } : {}),
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}
