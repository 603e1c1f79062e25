/**
 * Reads the first-parent history of manifest files through the real `git`: one `git log --raw` for the
 * commits and the blob ids each one changed (merges diffed against their first parent), one
 * `git ls-tree` for the tree before `--since`, and one `git cat-file --batch` for every blob involved.
 * Argument arrays only (no shell); refs and dates can never reach git as options.
 */
import type { HistoryCommit, HistoryFileChange } from '../core/history/timeline.ts';
import { GitSourceError, parseCatFileBatch, refExists, repoRoot, resolveCommit, runGit } from './git.ts';

const NO_BLOB = /^0+$/;
/** Regular files only: symlinks (120000) and submodules (160000) hold no manifest. */
const FILE_MODES = new Set(['100644', '100755']);

export interface GitHistoryOptions {
  repoDir: string;
  /** Where the first-parent walk starts (default HEAD). */
  ref?: string;
  /** Anything `git log --since/--until` accepts (committer date). */
  since?: string;
  until?: string;
  /** Git pathspecs limiting the walk (e.g. `:(top)apps/`); none = every path. */
  pathspecs?: readonly string[];
  /** Which changed paths are kept (the config's include/exclude and the user's paths). */
  matches: (path: string) => boolean;
  /** Also follow this file (the config), whether or not it matches. */
  configPath?: string;
}

export interface GitHistory {
  /** Oldest first. */
  commits: HistoryCommit[];
  /** Content of every blob a commit, or the tree before the first commit, refers to. */
  blobs: Map<string, Uint8Array>;
  /** Matching files (and the config) before the first commit, path → blob id; empty when history starts at the root. */
  initial: Map<string, string>;
}

export async function readGitHistory(options: GitHistoryOptions): Promise<GitHistory> {
  const root = await repoRoot(options.repoDir);
  if (options.ref === undefined && !(await refExists(root, 'HEAD')))
    throw new GitSourceError('unknown-ref', `${root} has no commit yet`);
  const start = await resolveCommit(root, options.ref ?? 'HEAD');

  const keep = (path: string) => path === options.configPath || options.matches(path);
  const args = [
    'log',
    '--first-parent',
    '--diff-merges=first-parent',
    '--raw',
    '--no-abbrev',
    '-z',
    '-M',
    '--format=%x1e%H%x1f%P%x1f%an%x1f%ae%x1f%cI%x1f%B%x1f',
  ];
  if (options.since !== undefined) args.push(`--since=${options.since}`);
  if (options.until !== undefined) args.push(`--until=${options.until}`);
  args.push(start, '--', ...(options.pathspecs ?? []));
  const commits = parseLog(await runGit(root, args))
    .map((c) => ({
      ...c,
      changes: c.changes.filter((ch) => keep(ch.path) || (ch.previousPath != null && keep(ch.previousPath))),
    }))
    .filter((c) => c.changes.length > 0)
    .reverse();

  // With --since the walk starts mid-history: the tree before its first commit sets the starting posture.
  const initial = new Map<string, string>();
  const firstParent = commits[0]?.parents?.[0];
  if (options.since !== undefined && firstParent) {
    for (const entry of splitNul(await runGit(root, ['ls-tree', '-r', '-z', '--full-tree', firstParent]))) {
      const tab = entry.indexOf('\t');
      const [mode, type, id] = entry.slice(0, tab).split(' ');
      const path = entry.slice(tab + 1);
      if (type === 'blob' && FILE_MODES.has(mode) && keep(path)) initial.set(path, id);
    }
  }

  const ids = new Set<string>(initial.values());
  for (const c of commits)
    for (const ch of c.changes) {
      if (ch.blob) ids.add(ch.blob);
      if (ch.previousBlob) ids.add(ch.previousBlob);
    }
  const asked = [...ids];
  const blobs =
    asked.length > 0
      ? parseCatFileBatch(await runGit(root, ['cat-file', '--batch'], `${asked.join('\n')}\n`), asked)
      : new Map();
  return { commits, blobs, initial };
}

function splitNul(output: Buffer): string[] {
  const parts = output.toString('utf8').split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/**
 * `git log -z --raw` with the format above: per commit `\x1e` + fields separated by `\x1f`, a NUL, then
 * raw entries `:oldmode newmode oldblob newblob STATUS\0path\0` (two paths for renames and copies).
 * Newest first, as git prints it.
 */
export function parseLog(output: Buffer | string): HistoryCommit[] {
  const text = typeof output === 'string' ? output : output.toString('utf8');
  const commits: HistoryCommit[] = [];
  for (const chunk of text.split('\x1e')) {
    if (chunk === '') continue;
    const end = chunk.indexOf('\x1f\0');
    if (end === -1) continue;
    const [sha, parents, author, email, date, ...message] = chunk.slice(0, end).split('\x1f');
    const changes: HistoryFileChange[] = [];
    const tokens = chunk
      .slice(end + 2)
      .replace(/^\n/, '')
      .split('\0');
    for (let i = 0; i < tokens.length; ) {
      const meta = tokens[i++];
      if (!meta.startsWith(':')) continue;
      const [oldMode, newMode, oldBlob, newBlob, status] = meta.slice(1).split(' ');
      const letter = status?.[0];
      const first = tokens[i++];
      const second = letter === 'R' || letter === 'C' ? tokens[i++] : undefined;
      const before = NO_BLOB.test(oldBlob) || !FILE_MODES.has(oldMode) ? null : oldBlob;
      const after = NO_BLOB.test(newBlob) || !FILE_MODES.has(newMode) ? null : newBlob;
      if (before === null && after === null) continue;
      if (letter === 'R')
        changes.push({ path: second!, previousPath: first, blob: after, previousBlob: before });
      // A copy leaves its source untouched: only the new path changed.
      else if (letter === 'C') changes.push({ path: second!, blob: after, previousBlob: null });
      else changes.push({ path: first, blob: after, previousBlob: before });
    }
    commits.push({
      sha,
      parents: parents ? parents.split(' ') : [],
      author,
      authorEmail: email || null,
      date,
      message: message.join('\x1f').replace(/\n+$/, ''),
      changes,
    });
  }
  return commits;
}
