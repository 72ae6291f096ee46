/**
 * CSV read as a stream, for register files too large to hold in memory (a municipality's
 * person-weeks run to 50 million lines). It reads what `csv.ts` reads: UTF-8 with or without a
 * byte-order mark, or Windows-1252; CRLF or LF; `,`, `;` or tab between fields (chosen from the
 * header line); quoted fields with doubled quotes and line breaks inside; blank lines skipped.
 *
 * The file is read in blocks cut at line ends, so a character is never split between blocks. A
 * block is decoded as UTF-8 when it is valid UTF-8, otherwise line by line, each line as UTF-8 if
 * it is valid and as Windows-1252 if not: a Latin-1 line with "æøå" is never valid UTF-8, so
 * Danish text is read right whichever encoding the system wrote. Lines without a quote are split
 * with `String.split` (the fast path); a line with a quote goes through a small state machine that
 * may run on over the following lines. Memory is bounded by the block size and by one open quoted
 * record.
 */

import { open, type FileHandle } from 'node:fs/promises';
import { EncodingGuard, decodeText, detectDelimiter, parseRecord } from '../../input/csv.ts';
import { InputError } from '../../input/input-error.ts';

const BLOCK_BYTES = 8 << 20;
/** An open quote that runs on for more than this many characters is taken as never closed. */
const MAX_QUOTED_RECORD = 1 << 20;

export interface CsvStreamHeader {
  /** Column names as written, trimmed, without a byte-order mark. */
  readonly columns: readonly string[];
  readonly delimiter: string;
}

export interface CsvStreamHandlers {
  /** The header line (the first line that is not blank). */
  header(header: CsvStreamHeader): void;
  /** One data record and the physical line it starts on; return `false` to stop reading. */
  record(values: string[], line: number): boolean | void;
  /** Called after every block with the bytes read and data records seen so far. */
  progress?(bytesRead: number, records: number): void;
}

export interface CsvStreamResult {
  /** Data records seen (the header and blank lines not counted). */
  readonly records: number;
  /** `windows-1252` when any line had to be read so. */
  readonly encoding: 'utf-8' | 'windows-1252';
  /** True when no header was found: the file holds nothing but blank lines. */
  readonly empty: boolean;
}

async function openFile(file: string): Promise<FileHandle> {
  try {
    return await open(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError({
      file,
      expected: 'a readable CSV file',
      found: code === 'ENOENT' ? 'no such file' : String(code ?? error),
    });
  }
}

/**
 * Read `file` record by record; see the module comment for what is read. `blockBytes` (8 MB unless
 * given) is the read size, and so also the longest line read.
 */
export async function streamCsv(
  file: string,
  handlers: CsvStreamHandlers,
  options: { readonly blockBytes?: number } = {},
): Promise<CsvStreamResult> {
  const blockBytes = options.blockBytes ?? BLOCK_BYTES;
  const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let encoding: CsvStreamResult['encoding'] = 'utf-8';
  let delimiter: string | null = null;
  let records = 0;
  let stopped = false;
  /** Text of a quoted record still open at the end of the previous block; it starts on `nextLine`. */
  let pending = '';
  /** Physical line number of the next line to be read. */
  let nextLine = 1;

  const guard = new EncodingGuard(file);
  const decode = (bytes: Buffer): string => {
    guard.noteBlock(bytes, nextLine);
    try {
      return utf8.decode(bytes);
    } catch {
      const lines: string[] = [];
      let start = 0;
      while (start <= bytes.length) {
        let end = bytes.indexOf(0x0a, start);
        if (end < 0) end = bytes.length;
        const decoded = decodeText(bytes.subarray(start, end));
        if (decoded.encoding === 'windows-1252') encoding = 'windows-1252';
        lines.push(decoded.text);
        start = end + 1;
      }
      return lines.join('\n');
    }
  };

  let headerSeen = false;
  const emit = (values: string[], line: number, separator: string): void => {
    if (values.length === 1 && (values[0] ?? '').trim() === '') return;
    if (!headerSeen) {
      headerSeen = true;
      handlers.header({
        columns: values.map((v, k) => (k === 0 ? v.replace(/^\uFEFF/, '') : v).trim()),
        delimiter: separator,
      });
      return;
    }
    records++;
    if (handlers.record(values, line) === false) stopped = true;
  };

  /** Read the records in `text`; a quoted record left open at its end is kept for the next block. */
  const readText = (block: string, final: boolean): void => {
    const text = pending + block;
    pending = '';
    let pos = 0;
    while (pos < text.length && !stopped) {
      const nl = text.indexOf('\n', pos);
      const lineEnd = nl < 0 ? text.length : nl;
      let line = text.slice(pos, text.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
      if (delimiter === null) {
        if (line.trim() === '') {
          nextLine++;
          pos = lineEnd + 1;
          continue;
        }
        line = line.replace(/^\uFEFF/, '');
        delimiter = detectDelimiter(line);
      }
      if (!line.includes('"')) {
        emit(line.split(delimiter), nextLine, delimiter);
        nextLine++;
        pos = lineEnd + 1;
        continue;
      }
      const record = parseRecord(text, pos, delimiter);
      if (record === null) {
        if (final || text.length - pos > MAX_QUOTED_RECORD) {
          throw new InputError({
            file,
            line: nextLine,
            expected: 'a closing quote (") for the quoted field opened on this line',
          });
        }
        pending = text.slice(pos);
        return;
      }
      emit(record.values, nextLine, delimiter);
      nextLine += record.lines;
      pos = record.next;
    }
  };

  const handle = await openFile(file);
  try {
    const buffer = Buffer.allocUnsafe(blockBytes);
    let carried = 0;
    let bytesRead = 0;
    for (;;) {
      if (carried === buffer.length) {
        throw new InputError({
          file,
          line: nextLine,
          expected: `lines shorter than ${blockBytes} bytes`,
          found: 'a longer line',
        });
      }
      const { bytesRead: got } = await handle.read(buffer, carried, buffer.length - carried, null);
      bytesRead += got;
      const end = carried + got;
      const final = got === 0;
      const cut = final ? end : buffer.lastIndexOf(0x0a, end - 1) + 1;
      if (cut > 0 || final) readText(decode(buffer.subarray(0, cut)), final);
      if (stopped || final) break;
      buffer.copy(buffer, 0, cut, end);
      carried = end - cut;
      handlers.progress?.(bytesRead, records);
    }
    handlers.progress?.(bytesRead, records);
  } finally {
    await handle.close();
  }
  return { records, encoding, empty: !headerSeen };
}
