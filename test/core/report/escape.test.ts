import { describe, expect, it } from 'vitest';
import {
  clip,
  codeBlock,
  foldLine,
  inlineCode,
  mdLink,
  mdText,
  plainText,
  WORD_JOINER,
} from '../../../src/core/report/escape.ts';

const WJ = WORD_JOINER;

describe('mdText', () => {
  it('breaks user and team mentions with a word joiner', () => {
    const out = mdText('ping @org/team and @user');
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
    expect(out).toContain(`@${WJ}org/team`);
  });

  it('breaks issue references (#123, GH-123)', () => {
    const out = mdText('fixes #123 and GH-9');
    expect(out).not.toMatch(/#\d/);
    expect(out).not.toMatch(/GH-\d/);
  });

  it('entity-encodes HTML so tags and comments are inert', () => {
    const out = mdText('<img src=x onerror=1></details><!-- x --> & "q"');
    expect(out).not.toContain('<');
    expect(out).not.toContain('>');
    expect(out).toContain('&lt;img src=x onerror=1&gt;');
    expect(out).toContain('&amp;');
  });

  it('neutralises link and emphasis syntax', () => {
    const out = mdText('[x](javascript:alert(1)) *bold* _it_ ~~s~~ `code` | cell');
    expect(out).toBe(
      '\\[x\\]\\(javascript:alert\\(1\\)\\) \\*bold\\* \\_it\\_ \\~\\~s\\~\\~ \\`code\\` \\| cell',
    );
  });

  it('folds CR/LF and strips control and bidi characters', () => {
    expect(mdText('a\r\nb\nc\rd')).toBe('a b c d');
    expect(mdText('x\u001b[31my\u202ez')).toBe('x\\[31myz');
  });

  it('escapes block syntax at the start of the text', () => {
    expect(mdText('- item')).toBe('\\- item');
    expect(mdText('1. item')).toBe('1\\. item');
    expect(mdText('# heading')).toBe('\\# heading');
  });

  it('stops URLs from autolinking', () => {
    expect(mdText('see https://github.com/o/r/issues/1')).not.toContain('://');
  });
});

describe('inlineCode', () => {
  it('wraps plain text in single backticks', () => {
    expect(inlineCode('shop.example.com')).toBe('`shop.example.com`');
  });

  it('uses a fence longer than any backtick run inside, padded when needed', () => {
    expect(inlineCode('a ``` b')).toBe('````a ``` b````');
    expect(inlineCode('`tick')).toBe('`` `tick ``');
  });

  it('never yields a raw `<!--`, `<img` or mention', () => {
    const out = inlineCode('<!-- ingress-audit:fp x --> <img src=x> @org/team');
    expect(out).not.toContain('<!--');
    expect(out).not.toContain('<img');
    expect(out).not.toMatch(/@[a-z]/);
  });

  it('escapes pipes only inside table cells', () => {
    expect(inlineCode('a|b')).toBe('`a|b`');
    expect(inlineCode('a|b', { table: true })).toBe('`a\\|b`');
  });

  it('renders empty text as a visible empty span', () => {
    expect(inlineCode('')).toBe('` `');
  });
});

describe('codeBlock', () => {
  it('chooses a fence no line inside can close, and sanitises the info string', () => {
    const out = codeBlock('a\n````\nb', 'yaml`x');
    expect(out.startsWith('`````yamlx\n')).toBe(true);
    expect(out.endsWith('\n`````')).toBe(true);
  });

  it('normalises CRLF and keeps lines', () => {
    expect(codeBlock('a\r\nb')).toBe('```\na\nb\n```');
  });

  it('breaks `<!--` inside the block', () => {
    expect(codeBlock('<!-- ingress-audit:summary -->')).not.toContain('<!--');
  });
});

describe('plainText, foldLine, clip, mdLink', () => {
  it('plainText is one line without mentions', () => {
    expect(plainText('a\nb @team')).toBe(`a b @${WJ}team`);
  });

  it('foldLine strips ANSI escapes', () => {
    expect(foldLine('\u001b[2Jx')).toBe('[2Jx');
  });

  it('clip cuts with an ellipsis and never splits a surrogate pair', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('ab😀cd', 4)).toBe('ab…');
    expect(clip('abc', 4)).toBe('abc');
  });

  it('mdLink links only http(s) URLs and encodes characters that end a destination', () => {
    expect(mdLink('x', 'javascript:alert(1)')).toBe('x');
    expect(mdLink('x', 'https://e.com/a b(c)')).toBe('[x](https://e.com/a%20b%28c%29)');
  });
});
