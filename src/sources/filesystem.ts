/** Reads manifests from folders or single files on disk (the CLI's `--base-dir`/`--head-dir` and `scan`). */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { ChangeSet } from '../core/audit.ts';
import type { SourceFile } from '../core/manifests/document.ts';
import { makeMatcher } from './globs.ts';
import { mapWithLimit } from './map-with-limit.ts';

/** Folders that never hold the repository's manifests and can be huge. */
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** Enough parallel reads to hide latency without running out of file descriptors. */
const READ_CONCURRENCY = 32;

export class FilesystemSourceError extends Error {
  override name = 'FilesystemSourceError';
}

/**
 * Every file under `dirOrFile` that matches include/exclude, with paths relative to it (forward
 * slashes, sorted). A single file is read whatever the globs say (it was named explicitly) and gets
 * its basename as path. Symlinked folders are not followed, so a link loop cannot hang the walk.
 */
export async function readTree(
  dirOrFile: string,
  include: readonly string[],
  exclude: readonly string[],
): Promise<SourceFile[]> {
  const info = await stat(dirOrFile).catch((error: NodeJS.ErrnoException) => {
    throw new FilesystemSourceError(
      error.code === 'ENOENT'
        ? `no such file or folder: ${dirOrFile}`
        : `cannot read ${dirOrFile}: ${error.message}`,
    );
  });
  if (info.isFile()) {
    return [{ path: basename(dirOrFile), content: new Uint8Array(await readFile(dirOrFile)) }];
  }
  if (!info.isDirectory()) throw new FilesystemSourceError(`not a file or folder: ${dirOrFile}`);
  const matches = makeMatcher(include, exclude);
  const paths = (await listFiles(dirOrFile)).filter(matches).sort();
  return readFiles(dirOrFile, paths);
}

/**
 * Reads `paths` (relative to `root`, forward slashes) from disk. Files that do not exist or are not
 * regular files are left out: a path git still lists may have been deleted in the working tree.
 */
export async function readFiles(root: string, paths: readonly string[]): Promise<SourceFile[]> {
  const files = await mapWithLimit(paths, READ_CONCURRENCY, async (path): Promise<SourceFile | null> => {
    try {
      return { path, content: new Uint8Array(await readFile(join(root, ...path.split('/')))) };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'EISDIR' && code !== 'ENOTDIR') {
        throw new FilesystemSourceError(`cannot read ${path}: ${(error as Error).message}`);
      }
      return null;
    }
  });
  return files.filter((file) => file !== null);
}

/**
 * Both sides in full: the core pairs objects by identity, so files that moved between the folders
 * (or a repository folder against a `kubectl get -o yaml` export) compare correctly.
 */
export async function buildDirChangeSet(
  baseDir: string,
  headDir: string,
  options: { include: readonly string[]; exclude: readonly string[] },
): Promise<ChangeSet> {
  const [base, head] = await Promise.all([
    readTree(baseDir, options.include, options.exclude),
    readTree(headDir, options.include, options.exclude),
  ]);
  return { base, head, baseRef: baseDir, headRef: headDir };
}

async function listFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch((error: Error) => {
      throw new FilesystemSourceError(`cannot list ${dir}: ${error.message}`);
    });
    for (const entry of entries) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await walk(full);
      } else if (entry.isFile() || (entry.isSymbolicLink() && (await isFile(full)))) {
        found.push(relative(root, full).split(sep).join('/'));
      }
    }
  };
  await walk(root);
  return found;
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}
