/**
 * A DREAM-shaped file for benchmarks: `persons` rows, one column per week of the given years, cells
 * drawn from a few codes with spells of realistic length (a week changes state with probability 3 %).
 * Deterministic; written in large chunks. Not the synthetic population (see `jobinvest generate`),
 * only a file of the right shape and density.
 */

import { createWriteStream } from 'node:fs';
import { fromYyyyww, toDreamColumn } from '@jobinvest/core';

export async function writeDreamFile(
  path: string,
  persons: number,
  fromYear: number,
  toYear: number,
): Promise<number> {
  const first = fromYyyyww(fromYear * 100 + 1);
  const last = fromYyyyww((toYear + 1) * 100 + 1) - 1;
  const columns: string[] = [];
  for (let w = first; w <= last; w++) columns.push(toDreamColumn(w));
  const out = createWriteStream(path, { highWaterMark: 1 << 22 });
  out.write(['PNR', 'kommune', 'koen', 'foedselsaar', ...columns].join(',') + '\n');
  const codes = ['111', '130', '131', '890', '651', '612', '661', '663', '671'];
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
  let batch: string[] = [];
  for (let p = 0; p < persons; p++) {
    const day = String(1 + (p % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(p / 28) % 12)).padStart(2, '0');
    const yy = 50 + (Math.floor(p / 336) % 50);
    const pnr = `${day}${month}${String(yy).padStart(2, '0')}${String(Math.floor(p / 16800) % 10000).padStart(4, '0')}`;
    const cells: string[] = new Array<string>(columns.length);
    let state = '';
    for (let i = 0; i < columns.length; i++) {
      if (random() < 0.03) state = random() < 0.55 ? '' : (codes[Math.floor(random() * codes.length)] ?? '');
      cells[i] = state;
    }
    batch.push(`${pnr},101,${p % 2 ? 'M' : 'K'},${1900 + yy},${cells.join(',')}`);
    if (batch.length === 1000) {
      if (!out.write(batch.join('\n') + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
      batch = [];
    }
  }
  if (batch.length > 0) out.write(batch.join('\n') + '\n');
  out.end();
  await new Promise<void>((r) => out.on('finish', () => r()));
  return persons * columns.length;
}
