import { describe, expect, it } from 'vitest';
import { csvField, csvTable } from '../../src/core/inventory/csv.ts';
import { parseCsv } from './parse-csv.ts';

describe('CSV (RFC 4180)', () => {
  it('quotes fields with commas, quotes, CR or LF and doubles inner quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(42)).toBe('42');
  });

  it('prefixes text that a spreadsheet would run as a formula, but not numbers', () => {
    expect(csvField('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvField('@acme/team')).toBe("'@acme/team");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField(-1)).toBe('-1');
  });

  it('ends every record with CRLF and reads back to the same cells', () => {
    const cells = [
      ['a', 'b,c', 'd "e"'],
      ['multi\r\nline', '', 'x'],
    ];
    const text = csvTable(['h1', 'h2', 'h3'], cells);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(parseCsv(text)).toEqual([['h1', 'h2', 'h3'], ...cells]);
  });
});
