import { describe, expect, it } from 'vitest';
import { hiddenMarker, readHiddenMarker } from '../../../src/core/report/markdown.ts';

describe('hiddenMarker / readHiddenMarker', () => {
  it('writes an HTML comment with base64url JSON data and reads it back', () => {
    const marker = hiddenMarker('summary', { head: 'abc', n: 1 });
    expect(marker).toMatch(/^<!-- ingress-audit:summary [A-Za-z0-9_-]+ -->$/);
    expect(readHiddenMarker(`hello\n${marker}\nbye`, 'summary')).toEqual({ data: { head: 'abc', n: 1 } });
  });

  it('data can never close the comment, whatever it holds', () => {
    const marker = hiddenMarker('summary', { evil: '--> <!-- ingress-audit:summary x -->' });
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(readHiddenMarker(marker, 'summary')).toEqual({
      data: { evil: '--> <!-- ingress-audit:summary x -->' },
    });
  });

  it('a marker without data reads as { data: undefined }', () => {
    expect(readHiddenMarker(hiddenMarker('summary'), 'summary')).toEqual({ data: undefined });
  });

  it('returns null when absent, for another name, or when the data does not decode', () => {
    expect(readHiddenMarker('no marker', 'summary')).toBeNull();
    expect(readHiddenMarker(hiddenMarker('other', 1), 'summary')).toBeNull();
    expect(readHiddenMarker('<!-- ingress-audit:summary !!! -->', 'summary')).toBeNull();
    expect(readHiddenMarker('<!-- ingress-audit:summary bm90IGpzb24 -->', 'summary')).toBeNull();
  });

  it('rejects names that are not simple identifiers', () => {
    expect(() => hiddenMarker('a -->')).toThrow();
    expect(() => readHiddenMarker('', '.*')).toThrow();
  });
});
