import { describe, expect, it } from 'vitest';
import { commentableLine, commentableLines } from '../../src/github/diff-hunks.ts';

// Two hunks: head lines 1-4 (3 added or context, 1 removed line not on the head side) and 11-12.
const patch = [
  '@@ -1,3 +1,4 @@',
  ' a',
  '-b',
  '+c',
  '+d',
  ' e',
  '@@ -10,2 +11,2 @@ spec:',
  ' x',
  '-y',
  '+z',
  '\\ No newline at end of file',
].join('\n');

describe('commentableLines', () => {
  it('gives the head-side lines of every hunk: added and context, never removed', () => {
    expect([...commentableLines(patch)].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 11, 12]);
  });

  it('gives the whole file for a new file', () => {
    expect([...commentableLines('@@ -0,0 +1,3 @@\n+a\n+b\n+c')]).toEqual([1, 2, 3]);
  });

  it('gives nothing for a deleted file, a missing patch (binary or too large) or an unreadable patch', () => {
    expect(commentableLines('@@ -1,2 +0,0 @@\n-a\n-b').size).toBe(0);
    expect(commentableLines(undefined).size).toBe(0);
    expect(commentableLines('@@ -1,1 +1,1 @@\n-a\n+b\n+c\n+d').size).toBe(0); // counts disagree with the header
  });
});

describe('commentableLine', () => {
  const patches = new Map([['apps/shop.yaml', patch]]);

  it('accepts a line inside a hunk of that file', () => {
    expect(commentableLine(patches, 'apps/shop.yaml', 3)).toBe(true);
    expect(commentableLine(patches, 'apps/shop.yaml', 12)).toBe(true);
  });

  it('refuses a line between hunks, past the end, or in a file without a patch', () => {
    expect(commentableLine(patches, 'apps/shop.yaml', 7)).toBe(false);
    expect(commentableLine(patches, 'apps/shop.yaml', 13)).toBe(false);
    expect(commentableLine(patches, 'apps/other.yaml', 1)).toBe(false);
  });
});
