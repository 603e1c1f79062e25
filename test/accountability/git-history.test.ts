import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGitHistory } from '../../src/sources/git-history.ts';
import { ScriptedRepo } from '../support/scripted-repo.ts';

const me = { name: 'Ann Example', email: 'ann@example.com' };
const text = (b: Uint8Array | undefined) => (b ? new TextDecoder().decode(b) : undefined);

describe('reading git history', () => {
  let repo: ScriptedRepo;
  const c: Record<string, string> = {};
  beforeAll(() => {
    repo = new ScriptedRepo();
    c.one = repo.commit({ 'a.yaml': 'one\n', 'notes.txt': 'x\n' }, 'One (#1)', me, '2026-01-01T00:00:00Z');
    c.two = repo.commit({ 'a.yaml': 'two\n' }, 'Two', me, '2026-01-02T00:00:00Z');
    repo.git(['checkout', '-q', '-b', 'side']);
    c.side = repo.commit({ 'b.yaml': 'side\n' }, 'Side', me, '2026-01-03T00:00:00Z');
    repo.git(['checkout', '-q', 'main']);
    c.merge = repo.merge('side', 'Merge pull request #9 from me/side', me, '2026-01-04T00:00:00Z');
    repo.git(['mv', 'a.yaml', 'moved.yaml']);
    c.move = repo.commit({}, 'Move', me, '2026-01-05T00:00:00Z');
    c.drop = repo.commit({ 'b.yaml': null }, 'Drop b', me, '2026-01-06T00:00:00Z');
  });
  afterAll(() => repo.remove());

  const yamlOnly = (p: string) => p.endsWith('.yaml');

  it('walks the first parent, oldest first, with the merge carrying its branch changes', async () => {
    const h = await readGitHistory({ repoDir: repo.dir, matches: yamlOnly });
    expect(h.commits.map((x) => x.sha)).toEqual([c.one, c.two, c.merge, c.move, c.drop]);
    const merge = h.commits[2];
    expect(merge.parents).toEqual([c.two, c.side]);
    expect(merge.changes).toEqual([
      { path: 'b.yaml', blob: expect.stringMatching(/^[0-9a-f]{40}$/), previousBlob: null },
    ]);
    expect(merge.message).toBe('Merge pull request #9 from me/side');
    expect(h.commits[0]).toMatchObject({
      author: 'Ann Example',
      authorEmail: 'ann@example.com',
      date: '2026-01-01T00:00:00+00:00',
    });
  });

  it('gives old and new blob ids, renames with both paths, deletions with a null blob, and every blob content', async () => {
    const h = await readGitHistory({ repoDir: repo.dir, matches: yamlOnly });
    const [one, two, , move, drop] = h.commits;
    expect(one.changes.map((x) => x.path)).toEqual(['a.yaml']);
    expect(text(h.blobs.get(two.changes[0].previousBlob!))).toBe('one\n');
    expect(text(h.blobs.get(two.changes[0].blob!))).toBe('two\n');
    expect(move.changes).toEqual([
      {
        path: 'moved.yaml',
        previousPath: 'a.yaml',
        blob: two.changes[0].blob,
        previousBlob: two.changes[0].blob,
      },
    ]);
    expect(drop.changes).toEqual([{ path: 'b.yaml', blob: null, previousBlob: expect.any(String) }]);
    expect(h.initial.size).toBe(0);
  });

  it('with --since, reads the tree before the first commit as the starting state', async () => {
    const h = await readGitHistory({ repoDir: repo.dir, matches: yamlOnly, since: '2026-01-04T00:00:00Z' });
    expect(h.commits.map((x) => x.sha)).toEqual([c.merge, c.move, c.drop]);
    expect([...h.initial.keys()]).toEqual(['a.yaml']);
    expect(text(h.blobs.get(h.initial.get('a.yaml')!))).toBe('two\n');
  });

  it('limits the walk by pathspec and still follows the config file', async () => {
    const h = await readGitHistory({
      repoDir: repo.dir,
      matches: () => true,
      pathspecs: [':(top)notes.txt'],
      configPath: 'notes.txt',
    });
    expect(h.commits.map((x) => x.sha)).toEqual([c.one]);
  });
});

describe('reading git history: errors', () => {
  it('names a missing folder and a repository without commits', async () => {
    await expect(readGitHistory({ repoDir: '/nonexistent/repo', matches: () => true })).rejects.toThrow(
      'no such folder: /nonexistent/repo',
    );
    const empty = new ScriptedRepo();
    try {
      await expect(readGitHistory({ repoDir: empty.dir, matches: () => true })).rejects.toThrow(
        /has no commit yet/,
      );
    } finally {
      empty.remove();
    }
  });
});
