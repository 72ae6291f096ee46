/**
 * Reading a printed PDF back in the tests of every room, with poppler's pdfinfo and pdftotext
 * (Debian's poppler-utils): its page count and its text, runs of white space made one space.
 */

import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';

/** Refuse to run without the tools the PDF is read back with. */
export function requirePdfTools(): void {
  for (const tool of ['pdfinfo', 'pdftotext'])
    if (!existsSync(`/usr/bin/${tool}`))
      throw new Error(`the report tests read the PDF back with ${tool}: apt-get install poppler-utils`);
}

/**
 * The PDF at `path` (written there first when `bytes` are given): its page count, its text in
 * reading order (a table's label, then its value; a scorecard cell's lines together), and as laid
 * out (a table's row on one line).
 */
export function readPdf(path: string, bytes?: Uint8Array): { pages: number; text: string; rows: string } {
  if (bytes) writeFileSync(path, bytes);
  const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
  const read = (...args: string[]) =>
    execFileSync('pdftotext', [...args, path, '-'], { encoding: 'utf8' })
      .replace(/\s+/g, ' ')
      // pdftotext may drop the narrow space of "9 %" in a right-aligned cell: write it back.
      .replace(/(\d) ?%/g, '$1 %');
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]), text: read(), rows: read('-layout') };
}
