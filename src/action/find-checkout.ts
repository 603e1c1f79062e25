import { resolve } from 'node:path';
import { gitOutput } from './git-command.ts';

/**
 * The top of the git work tree at `workspace` when it holds every commit in `shas` (a checkout with
 * history, e.g. `actions/checkout` with `fetch-depth: 0`), else null: the caller reads through the API.
 * Detected, never required — no git, no repository, a shallow clone all just answer null.
 */
export async function findCheckout(workspace: string, shas: readonly string[]): Promise<string | null> {
  try {
    const root = (await gitOutput(resolve(workspace), ['rev-parse', '--show-toplevel'])).trim();
    if (!(await hasCommits(root, shas))) return null;
    return root;
  } catch {
    return null;
  }
}

/** Whether every SHA names a commit present in the repository (`git cat-file -e SHA^{commit}`). */
export async function hasCommits(root: string, shas: readonly string[]): Promise<boolean> {
  for (const sha of shas) {
    // A SHA from the event payload is data: it must look like one before it reaches git.
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/i.test(sha)) return false;
    const present = await gitOutput(root, ['cat-file', '-e', `${sha}^{commit}`]).then(
      () => true,
      () => false,
    );
    if (!present) return false;
  }
  return true;
}
