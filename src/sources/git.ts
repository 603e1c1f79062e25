/**
 * Reads a change between two git refs (or a ref and the working tree) through the real `git` binary.
 * Every call passes an argument array (no shell), NUL-separated output where git offers it, and reads
 * file contents for a whole side in one `git cat-file --batch` process.
 */
import { execFile } from 'node:child_process';
import { stat } from 'node:fs/promises';
import type { ChangeSet } from '../core/audit.ts';
import type { SourceFile } from '../core/manifests/document.ts';
import { parseConfig } from '../core/policy/config.ts';
import { readFiles } from './filesystem.ts';
import { makeMatcher } from './globs.ts';

export const DEFAULT_CONFIG_PATH = '.github/ingress-audit.yml';
/** Manifest repositories can be large; the output of one batch read is held in memory. */
const MAX_BUFFER = 1024 * 1024 * 1024;
const WORKING_TREE = 'working tree';

export type GitErrorKind =
  | 'git-missing'
  | 'not-a-repo'
  | 'unknown-ref'
  | 'no-default-branch'
  | 'no-merge-base'
  | 'failed';

/** One clear message for the CLI to print (exit 2); `kind` for callers that branch on it. */
export class GitSourceError extends Error {
  override name = 'GitSourceError';
  readonly kind: GitErrorKind;
  constructor(kind: GitErrorKind, message: string) {
    super(message);
    this.kind = kind;
  }
}

export interface FileChange {
  status: 'added' | 'modified' | 'deleted' | 'renamed';
  path: string;
  /** For renames: the path at the base ref. */
  previousPath?: string;
}

/** Runs git in `cwd`; rejects with a GitSourceError carrying git's own first line of complaint. */
/** Runs git with an argument list (never a shell string); errors become GitSourceError with one clear line. */
export function runGit(cwd: string, args: readonly string[], input?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      'git',
      ['-c', 'core.quotepath=off', ...args],
      // LC_ALL=C keeps git's messages in English, which toGitError recognises.
      {
        cwd,
        encoding: 'buffer',
        maxBuffer: MAX_BUFFER,
        env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
      },
      (error, stdout, stderr) =>
        error ? reject(toGitError(error, stderr.toString('utf8'), cwd, args)) : resolve(stdout),
    );
    // An early exit closes the pipe; the exit status reports the real problem.
    child.stdin?.on('error', () => {});
    child.stdin?.end(input);
  });
}

function toGitError(
  error: Error & { code?: unknown },
  stderr: string,
  cwd: string,
  args: readonly string[],
): GitSourceError {
  if (error.code === 'ENOENT')
    return new GitSourceError('git-missing', 'git is not installed or not on PATH');
  if (/not a git repository/i.test(stderr))
    return new GitSourceError('not-a-repo', `${cwd} is not inside a git repository`);
  if (error.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER') {
    return new GitSourceError('failed', `git ${args[0]} produced more than ${MAX_BUFFER} bytes`);
  }
  const detail = stderr.split('\n').find((line) => line.trim() !== '') ?? error.message;
  return new GitSourceError('failed', `git ${args[0]} failed: ${detail.replace(/^(fatal|error): /, '')}`);
}

function splitNul(output: Buffer): string[] {
  const parts = output.toString('utf8').split('\0');
  if (parts.at(-1) === '') parts.pop();
  return parts;
}

/** The top folder of the work tree containing `repoDir`: every path git prints is relative to it. */
export async function repoRoot(repoDir: string): Promise<string> {
  const info = await stat(repoDir).catch(() => null);
  if (!info?.isDirectory()) throw new GitSourceError('not-a-repo', `no such folder: ${repoDir}`);
  return (await runGit(repoDir, ['rev-parse', '--show-toplevel'])).toString('utf8').trim();
}

/** The commit `ref` names, as a full SHA. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  // A ref is never an option: `--output=…` must not reach git as one.
  if (ref === '' || ref.startsWith('-')) throw new GitSourceError('unknown-ref', `invalid git ref "${ref}"`);
  const sha = await runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).then(
    (out) => out.toString('utf8').trim(),
    (error: GitSourceError) => {
      if (error.kind === 'failed') return '';
      throw error;
    },
  );
  if (!sha) throw new GitSourceError('unknown-ref', `unknown git ref "${ref}" (not a commit in ${root})`);
  return sha;
}

/** Whether `fullRef` names a commit (HEAD of a repository without commits does not). */
export async function refExists(root: string, fullRef: string): Promise<boolean> {
  return runGit(root, ['rev-parse', '--verify', '--quiet', `${fullRef}^{commit}`]).then(
    () => true,
    () => false,
  );
}

/** The default branch: origin/HEAD's target, else `main`, else `master` (local, then on origin). */
async function defaultBranch(root: string): Promise<string | null> {
  const originHead = await runGit(root, [
    'symbolic-ref',
    '--quiet',
    '--short',
    'refs/remotes/origin/HEAD',
  ]).then(
    (out) => out.toString('utf8').trim(),
    () => '',
  );
  if (originHead && (await refExists(root, originHead))) return originHead;
  for (const name of ['main', 'master']) {
    if (await refExists(root, `refs/heads/${name}`)) return name;
    if (await refExists(root, `refs/remotes/origin/${name}`)) return `origin/${name}`;
  }
  return null;
}

/** The merge-base of HEAD with the default branch: the point a pull request would be compared with. */
export async function defaultBase(repoDir: string): Promise<{ sha: string; branch: string }> {
  const root = await repoRoot(repoDir);
  const branch = await defaultBranch(root);
  if (!branch) {
    throw new GitSourceError(
      'no-default-branch',
      'cannot find the default branch (origin/HEAD, main or master); pass --base REF',
    );
  }
  await resolveCommit(root, 'HEAD').catch(() => {
    throw new GitSourceError('no-merge-base', 'HEAD has no commit yet; pass --base REF');
  });
  const sha = await runGit(root, ['merge-base', 'HEAD', branch]).then(
    (out) => out.toString('utf8').trim(),
    () => '',
  );
  if (!sha) {
    throw new GitSourceError(
      'no-merge-base',
      `HEAD and ${branch} share no history here (a shallow clone? fetch with full depth), or pass --base REF`,
    );
  }
  return { sha, branch };
}

/**
 * Files changed from `baseRef` to `headRef` (rename detection on), or to the working tree when
 * `headRef` is null: tracked changes (staged or not) plus untracked files that are not ignored.
 */
export async function changedFiles(
  repoDir: string,
  baseRef: string,
  headRef: string | null,
): Promise<FileChange[]> {
  const root = await repoRoot(repoDir);
  const base = await resolveCommit(root, baseRef);
  const head = headRef === null ? null : await resolveCommit(root, headRef);
  return diffCommits(root, base, head);
}

async function diffCommits(root: string, base: string, head: string | null): Promise<FileChange[]> {
  const args = ['diff', '--name-status', '-z', '-M', '--no-ext-diff', '--no-relative', base];
  if (head !== null) args.push(head);
  args.push('--');
  const changes = parseNameStatus(await runGit(root, args));
  if (head !== null) return changes;

  const untracked = splitNul(await runGit(root, ['ls-files', '--others', '--exclude-standard', '-z']));
  const byPath = new Map(changes.map((change) => [change.path, change]));
  for (const path of untracked) {
    const known = byPath.get(path);
    // Removed from the index but still on disk (`git rm --cached`): the file is there, maybe changed.
    if (known?.status === 'deleted') known.status = 'modified';
    else if (!known) changes.push({ status: 'added', path });
  }
  return changes;
}

/** `git diff --name-status -z`: a status token, then one path (two for renames and copies). */
function parseNameStatus(output: Buffer): FileChange[] {
  const tokens = splitNul(output);
  const changes: FileChange[] = [];
  for (let i = 0; i < tokens.length; ) {
    const status = tokens[i++];
    const letter = status[0];
    if (letter === 'R' || letter === 'C') {
      const from = tokens[i++];
      const to = tokens[i++];
      changes.push(
        letter === 'R' ? { status: 'renamed', path: to, previousPath: from } : { status: 'added', path: to },
      );
    } else {
      const path = tokens[i++];
      if (letter === 'A') changes.push({ status: 'added', path });
      else if (letter === 'D') changes.push({ status: 'deleted', path });
      else changes.push({ status: 'modified', path }); // M, T (type change), U (unmerged)
    }
  }
  return changes;
}

/**
 * Contents of `paths` at `ref` (null = the working tree on disk). Paths absent at the ref, and
 * entries that are not files (submodules), are left out of the map.
 */
export async function readAtRef(
  repoDir: string,
  ref: string | null,
  paths: readonly string[],
): Promise<Map<string, Uint8Array>> {
  const root = await repoRoot(repoDir);
  const sha = ref === null ? null : await resolveCommit(root, ref);
  return readContents(root, sha, paths);
}

async function readContents(
  root: string,
  sha: string | null,
  paths: readonly string[],
): Promise<Map<string, Uint8Array>> {
  if (sha === null) {
    const files = await readFiles(root, paths);
    return new Map(files.map((file) => [file.path, file.content as Uint8Array]));
  }
  // The batch protocol is line-based: a path with a newline cannot be asked for (and is skipped).
  const asked = [...new Set(paths)].filter((path) => !path.includes('\n'));
  if (asked.length === 0) return new Map();
  const input = asked.map((path) => `${sha}:${path}\n`).join('');
  return parseCatFileBatch(await runGit(root, ['cat-file', '--batch'], input), asked);
}

/**
 * `git cat-file --batch` answers each request line, in order, with `<oid> <type> <size>\n<bytes>\n`
 * or `<request> missing\n` (also `ambiguous`).
 */
export function parseCatFileBatch(output: Uint8Array, asked: readonly string[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const decoder = new TextDecoder();
  let pos = 0;
  for (const path of asked) {
    const eol = output.indexOf(0x0a, pos);
    if (eol === -1) break;
    const header = decoder.decode(output.subarray(pos, eol));
    pos = eol + 1;
    const found = /^[0-9a-f]{40,64} (\S+) (\d+)$/.exec(header);
    if (!found) continue;
    const size = Number(found[2]);
    // A copy, so each file does not keep the whole batch output alive.
    if (found[1] === 'blob') files.set(path, new Uint8Array(output.subarray(pos, pos + size)));
    pos += size + 1;
  }
  return files;
}

/**
 * Every file path at `ref`. null = the working tree: tracked plus untracked files that are not ignored
 * (a tracked file deleted on disk is still listed; readAtRef then leaves it out).
 */
export async function listTree(repoDir: string, ref: string | null): Promise<string[]> {
  const root = await repoRoot(repoDir);
  return listPaths(root, ref === null ? null : await resolveCommit(root, ref));
}

async function listPaths(root: string, sha: string | null): Promise<string[]> {
  if (sha === null) {
    const listed = splitNul(
      await runGit(root, ['ls-files', '-z', '--cached', '--others', '--exclude-standard']),
    );
    return [...new Set(listed)];
  }
  // Without --name-only each entry carries its type, so submodules (commit entries) can be dropped.
  const entries = splitNul(await runGit(root, ['ls-tree', '-r', '-z', '--full-tree', sha]));
  const paths: string[] = [];
  for (const entry of entries) {
    const tab = entry.indexOf('\t');
    if (entry.split(' ')[1] === 'blob') paths.push(entry.slice(tab + 1));
  }
  return paths;
}

export interface GitChangeSetOptions {
  repoDir: string;
  /** Default: the merge-base of HEAD with the default branch. */
  base?: string | null;
  /** Default (null): the working tree. */
  head?: string | null;
  /** Default: the config's include/exclude, read from the base ref. */
  include?: readonly string[];
  exclude?: readonly string[];
  /** Repository-relative files or folders to limit the changed files to. */
  paths?: readonly string[];
  /** Also read the unchanged manifests at head, for repo-wide rules. */
  withContext?: boolean;
  /** Where the config lives in the repository. Default `.github/ingress-audit.yml`. */
  configPath?: string;
}

export interface GitChange {
  changeSet: ChangeSet;
  /** The config file as it is at the BASE ref (null when absent): a PR cannot relax its own gate. */
  configText: string | null;
  configFile: string;
  baseSha: string;
  /** null for the working tree. */
  headSha: string | null;
  changes: FileChange[];
}

/**
 * The ChangeSet between two refs: changed files as they were at base (renamed files under their
 * previous path) and as they are at head, plus, with `withContext`, every other matching file at head.
 * One `git cat-file --batch` per side.
 */
export async function buildGitChangeSet(options: GitChangeSetOptions): Promise<GitChange> {
  const root = await repoRoot(options.repoDir);
  const base = options.base ? { sha: await resolveCommit(root, options.base), label: options.base } : null;
  const baseSha = base?.sha ?? (await defaultBase(root)).sha;
  const headSha = options.head ? await resolveCommit(root, options.head) : null;
  const configFile = options.configPath ?? DEFAULT_CONFIG_PATH;

  const configBytes = (await readContents(root, baseSha, [configFile])).get(configFile);
  const configText = configBytes ? new TextDecoder().decode(configBytes) : null;
  // Problems in the config are the caller's to report (it parses the same text); only the globs matter here.
  const fromConfig = options.include && options.exclude ? null : parseConfig(configText, configFile).config;
  const matches = makeMatcher(options.include ?? fromConfig!.include, options.exclude ?? fromConfig!.exclude);
  const inScope = (path: string) => matches(path) && withinPaths(path, options.paths);

  const changes = await diffCommits(root, baseSha, headSha);
  const basePaths: string[] = [];
  const headPaths: string[] = [];
  for (const change of changes) {
    const before = change.previousPath ?? change.path;
    if (change.status !== 'added' && inScope(before)) basePaths.push(before);
    if (change.status !== 'deleted' && inScope(change.path)) headPaths.push(change.path);
  }
  let contextPaths: string[] = [];
  if (options.withContext) {
    const changed = new Set(changes.flatMap((change) => [change.path, change.previousPath ?? change.path]));
    contextPaths = (await listPaths(root, headSha)).filter((path) => !changed.has(path) && matches(path));
  }

  const [baseContents, headContents] = await Promise.all([
    readContents(root, baseSha, basePaths),
    readContents(root, headSha, [...headPaths, ...contextPaths]),
  ]);
  const pick = (paths: string[], contents: Map<string, Uint8Array>): SourceFile[] =>
    paths.flatMap((path) => {
      const content = contents.get(path);
      return content ? [{ path, content }] : [];
    });

  const changeSet: ChangeSet = {
    base: pick(basePaths, baseContents),
    head: pick(headPaths, headContents),
    baseRef: base?.label ?? baseSha,
    headRef: options.head ?? WORKING_TREE,
  };
  if (options.withContext) changeSet.unchanged = pick(contextPaths, headContents);
  return { changeSet, configText, configFile, baseSha, headSha, changes };
}

/** True when no paths are given, or `path` is one of them or lies under one of them. */
function withinPaths(path: string, paths: readonly string[] | undefined): boolean {
  if (!paths || paths.length === 0) return true;
  return paths.some((raw) => {
    const prefix = raw
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '')
      .replace(/\/+$/, '');
    return prefix === '' || prefix === '.' || path === prefix || path.startsWith(`${prefix}/`);
  });
}
