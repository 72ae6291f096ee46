import { describe, expect, it } from 'vitest';
import { tempDir, writeTemp } from '../../cli/test-helpers.ts';
import { streamCsv, type CsvStreamHeader } from './csv-stream.ts';
import { windows1252 } from './import-test-helpers.ts';

async function read(content: string | Uint8Array, blockBytes?: number) {
  const file = writeTemp(tempDir(), 'f.csv', content);
  let header = null as CsvStreamHeader | null;
  const records: { line: number; values: string[] }[] = [];
  const result = await streamCsv(
    file,
    {
      header: (h) => {
        header = h;
      },
      record: (values, line) => {
        records.push({ line, values });
      },
    },
    blockBytes === undefined ? {} : { blockBytes },
  );
  return { file, header, records, result };
}

describe('streamed CSV', () => {
  const text = 'a;b\r\n"x; y";"say ""hi"""\r\n\r\n"two\r\nlines";z\r\nlast;row';

  it('reads quoted fields, doubled quotes, line breaks in quotes, CRLF and blank lines, counting physical lines', async () => {
    const { header, records, result } = await read(text);
    expect(header).toEqual({ columns: ['a', 'b'], delimiter: ';' });
    expect(records).toEqual([
      { line: 2, values: ['x; y', 'say "hi"'] },
      { line: 4, values: ['two\r\nlines', 'z'] },
      { line: 6, values: ['last', 'row'] },
    ]);
    expect(result).toEqual({ records: 3, encoding: 'utf-8', empty: false });
  });

  it('reads the same when blocks end inside a line or inside a quoted field', async () => {
    const whole = await read(text);
    for (const blockBytes of [24, 27, 31, 40]) {
      const small = await read(text, blockBytes);
      expect(small.records).toEqual(whole.records);
    }
  });

  it('reads Windows-1252 lines as Danish text, also after UTF-8-looking lines', async () => {
    const { header, records, result } = await read(
      windows1252('Ydelse\tKommune\nKontanthjælp\tÆrø\nA-dagpenge\tBrøndby\n'),
      20,
    );
    expect(header?.delimiter).toBe('\t');
    expect(records.map((r) => r.values)).toEqual([
      ['Kontanthjælp', 'Ærø'],
      ['A-dagpenge', 'Brøndby'],
    ]);
    expect(result.encoding).toBe('windows-1252');
  });

  it('drops a byte-order mark and says when a file has no header', async () => {
    expect((await read('\uFEFFperson,week\n1,2\n')).header?.columns).toEqual(['person', 'week']);
    expect((await read('\n \n')).result.empty).toBe(true);
  });

  it('refuses a line longer than a block', async () => {
    const { file } = await read('a\n1\n');
    await expect(
      streamCsv(file, { header: () => undefined, record: () => undefined }, { blockBytes: 1 }),
    ).rejects.toThrow(`${file}, line 1: expected lines shorter than 1 bytes, found "a longer line"`);
  });
});

describe('encodings', () => {
  it('refuses a file that mixes UTF-8 and Windows-1252, naming the line where the second begins', async () => {
    const mixed = Buffer.concat([Buffer.from('by;navn\n1;Ærø\n', 'utf8'), Buffer.from('2;Læsø\n', 'latin1')]);
    await expect(read(mixed)).rejects.toThrow(
      /line 3: expected the whole file in one encoding \(line 2 is UTF-8\), found "Windows-1252 \/ Latin-1 text on this line"/,
    );
  });

  it('notices the mixture across read blocks too', async () => {
    const mixed = Buffer.concat([Buffer.from('by;navn\n1;Læsø\n', 'latin1'), Buffer.from('2;Ærø\n', 'utf8')]);
    await expect(read(mixed, 16)).rejects.toThrow(
      /line 3: expected the whole file in one encoding \(line 2 is Windows-1252/,
    );
  });
});
