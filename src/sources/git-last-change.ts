/**
 * The commits that last changed each of some files, along the first parent (so a merged pull request is
 * its merge commit, whose message names the PR): one `git log --name-only` over just those paths.
 */
import { refExists, repoRoot, resolveCommit, runGit } from './git.ts';

export interface LastChange {
  sha: string;
  /** Full commit message. */
  message: string;
}

/**
 * Path → the newest `perFile` first-parent commits at `ref` (default HEAD) that changed it, newest
 * first. Paths git has no commit for (untracked, or a repository without commits) are absent. Throws
 * GitSourceError for an unknown ref or a folder that is not a repository.
 */
export async function lastChanges(
  repoDir: string,
  ref: string | null,
  paths: readonly string[],
  perFile = 1,
): Promise<Map<string, LastChange[]>> {
  const out = new Map<string, LastChange[]>();
  if (paths.length === 0) return out;
  const root = await repoRoot(repoDir);
  if (ref === null && !(await refExists(root, 'HEAD'))) return out;
  const start = await resolveCommit(root, ref ?? 'HEAD');
  const args = [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--name-only',
    '-z',
    '--format=%x1e%H%x1f%B%x1f',
    '--stdin',
    start,
  ];
  // Paths on stdin after `--` (`git log --stdin`), so thousands of files never meet the argument-length
  // limit; literal pathspecs from the root, so a file name is never read as a glob or an option. A
  // path with a newline cannot be passed this way and is left out.
  const listed = paths.filter((p) => !p.includes('\n'));
  const stdin = `--\n${listed.map((p) => `:(top,literal)${p}`).join('\n')}\n`;
  const text = (await runGit(root, args, stdin)).toString('utf8');
  const wanted = new Set(paths);
  let complete = 0;
  for (const record of text.split('\x1e')) {
    if (record === '') continue;
    const [sha, message, names = ''] = record.split('\x1f');
    for (const name of names.split('\0')) {
      const path = name.replace(/^\n+/, '');
      if (!wanted.has(path)) continue;
      const list = out.get(path) ?? [];
      if (list.length >= perFile) continue;
      list.push({ sha, message: message.trimEnd() });
      out.set(path, list);
      if (list.length === perFile) complete++;
    }
    if (complete === wanted.size) break;
  }
  return out;
}
