import { structuredPatch } from 'diff';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGitPatches } from '../../src/action/read-git-patches.ts';
import { commentableLines } from '../../src/github/diff-hunks.ts';
import { ScriptedRepo } from '../support/scripted-repo.ts';

const AUTHOR = { name: 'Dev', email: 'dev@example.com' };
const lines = (n: number, tag = '') =>
  Array.from({ length: n }, (_, i) => `line ${i + 1}${tag}`).join('\n') + '\n';
const edit = (text: string, at: number, replacement: string) => {
  const all = text.split('\n');
  all[at - 1] = replacement;
  return all.join('\n');
};

let repo: ScriptedRepo;
beforeEach(() => {
  repo = new ScriptedRepo();
});
afterEach(() => repo.remove());

/** The lines GitHub's own patch (3 lines of context) would make commentable. */
function githubLines(before: string, after: string): number[] {
  const out: number[] = [];
  for (const hunk of structuredPatch('', '', before, after, '', '', { context: 3 }).hunks) {
    let line = hunk.newStart;
    for (const l of hunk.lines) if (l[0] === '+' || l[0] === ' ') out.push(line++);
  }
  return out;
}

describe('readGitPatches', () => {
  it('gives each changed file the commentable lines a PR files list would, under odd names too', async () => {
    const long = lines(40);
    const base = {
      'plain.yaml': long,
      'with space.yaml': long,
      'ünïcode.yaml': long,
      'quote"d.yaml': long,
      'gone.yaml': long,
      'old/place.yaml': lines(20, ' moved'),
    };
    const baseSha = repo.commit(base, 'base', AUTHOR, '2026-01-01T00:00:00Z');
    const changed = edit(edit(long, 5, 'changed five'), 30, 'changed thirty');
    const headSha = repo.commit(
      {
        'plain.yaml': changed,
        'with space.yaml': changed,
        'ünïcode.yaml': changed,
        'quote"d.yaml': changed,
        'gone.yaml': null,
        'old/place.yaml': null,
        'new/place.yaml': edit(lines(20, ' moved'), 10, 'edited while moving'),
        'added.yaml': 'a: 1\nb: 2\n',
        'blob.bin': '\u0000\u0001binary',
      },
      'head',
      AUTHOR,
      '2026-01-02T00:00:00Z',
    );

    const patches = await readGitPatches(repo.dir, baseSha, headSha);

    expect([...patches.keys()].sort()).toEqual(
      [
        'added.yaml',
        'new/place.yaml',
        'plain.yaml',
        'quote"d.yaml',
        'with space.yaml',
        'ünïcode.yaml',
      ].sort(),
    );
    for (const path of ['plain.yaml', 'with space.yaml', 'ünïcode.yaml', 'quote"d.yaml'])
      expect([...commentableLines(patches.get(path))]).toEqual(githubLines(long, changed));
    expect([...commentableLines(patches.get('new/place.yaml'))]).toEqual(
      githubLines(lines(20, ' moved'), edit(lines(20, ' moved'), 10, 'edited while moving')),
    );
    expect([...commentableLines(patches.get('added.yaml'))]).toEqual([1, 2]);
    expect(patches.get('plain.yaml')?.startsWith('@@ ')).toBe(true);
  });
});
