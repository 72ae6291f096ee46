import { describe, expect, it } from 'vitest';
import { decodeText, parseCsv, requireColumns } from './csv.ts';
import { InputError } from './input-error.ts';

describe('CSV reading', () => {
  it('reads UTF-8 with a byte-order mark and CRLF line ends', () => {
    const bytes = new TextEncoder().encode('\uFEFFperson,week\r\nø1,202601\r\n');
    const { text, encoding } = decodeText(bytes);
    const table = parseCsv(text, 'f.csv', encoding);
    expect(table.header).toEqual(['person', 'week']);
    expect(table.records).toEqual([{ line: 2, values: ['ø1', '202601'] }]);
    expect(encoding).toBe('utf-8');
  });

  it('reads Windows-1252 / Latin-1 bytes as Danish text', () => {
    // "Ydelse;Beløb\nSygedagpenge;1.234,50" in Windows-1252: ø is 0xF8.
    const bytes = Uint8Array.from(
      [...'Ydelse;Bel']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0xf8, 0x62, 0x0a],
          [...'Sygedagpenge;1.234,50'].map((c) => c.charCodeAt(0)),
        ),
    );
    const { text, encoding } = decodeText(bytes);
    expect(encoding).toBe('windows-1252');
    const table = parseCsv(text, 'f.csv', encoding);
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['Ydelse', 'Beløb']);
    expect(table.records[0]?.values).toEqual(['Sygedagpenge', '1.234,50']);
  });

  it('reads quoted fields with delimiters, doubled quotes and line breaks, and counts physical lines', () => {
    const table = parseCsv('a,b\n"x, y","say ""hi"""\n"two\nlines",z\nlast,row\n', 'f.csv');
    expect(table.records).toEqual([
      { line: 2, values: ['x, y', 'say "hi"'] },
      { line: 3, values: ['two\nlines', 'z'] },
      { line: 5, values: ['last', 'row'] },
    ]);
  });

  it('skips blank lines and reads a last line without a line end', () => {
    expect(parseCsv('a\n\n1\n\n2', 'f.csv').records.map((r) => r.line)).toEqual([3, 5]);
  });

  it('names the line of a record with the wrong number of fields', () => {
    expect(() => parseCsv('a,b\n1,2\n1,2,3\n', 'f.csv')).toThrow(
      'f.csv, line 3: expected 2 fields separated by "," as in the header, found "3 fields"',
    );
  });

  it('names the line where an unclosed quote opened', () => {
    expect(() => parseCsv('a,b\n1,"2\n3,4\n', 'f.csv')).toThrow(/f.csv, line 2: expected a closing quote/);
  });

  it('finds columns by name in any case and order, and names a missing one', () => {
    const table = parseCsv('Week,PERSON,benefit\n202601,p1,job\n', 'f.csv');
    expect(requireColumns(table, ['person', 'week'] as const)[0]?.fields).toEqual({
      person: 'p1',
      week: '202601',
    });
    expect(() => requireColumns(table, ['person', 'ydelse'] as const)).toThrow(InputError);
    expect(() => requireColumns(table, ['person', 'ydelse'] as const)).toThrow(
      /line 1, column ydelse: expected a column named "ydelse"/,
    );
  });
});
