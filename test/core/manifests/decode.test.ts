import { describe, expect, it } from 'vitest';
import { decodeSource, utf8Length } from '../../../src/core/manifests/decode.ts';

describe('decodeSource', () => {
  it('decodes UTF-8 bytes and drops a byte order mark', () => {
    expect(decodeSource(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa9]))).toEqual({
      ok: true,
      text: 'aé',
    });
    expect(decodeSource('\uFEFFa: 1')).toEqual({ ok: true, text: 'a: 1' });
  });

  it('refuses NUL characters in text too', () => {
    expect(decodeSource('a: 1\nb: \0')).toEqual({
      ok: false,
      line: 2,
      message: 'binary file (contains NUL characters)',
    });
  });

  it('refuses truncated multi-byte sequences', () => {
    expect(decodeSource(new Uint8Array([0x61, 0x0a, 0xe2, 0x82]))).toEqual({
      ok: false,
      line: 2,
      message: 'not valid UTF-8 text',
    });
  });
});

describe('utf8Length', () => {
  it('counts bytes, not UTF-16 units', () => {
    for (const text of ['abc', 'é', '€', '😀', 'a😀é€'])
      expect(utf8Length(text)).toBe(new TextEncoder().encode(text).length);
  });
});
