/** A pull request as the checkout-reading Action tests stage it: the same two commits in git and on the server. */
import type { GitHubServer } from '../support/github-server.ts';
import type { ScriptedRepo } from '../support/scripted-repo.ts';

/** Who commits in the workspace repository. */
export const AUTHOR = { name: 'Dev', email: 'dev@example.com' };

/**
 * Commits `base` and then `head` (changed files only; null deletes) in the workspace repository, adds the
 * same trees to the test server and opens PR #7 from head to base.
 */
export function seedPull(
  repo: ScriptedRepo,
  server: GitHubServer,
  base: Record<string, string>,
  head: Record<string, string | null>,
): { baseSha: string; headSha: string } {
  const baseSha = repo.commit(base, 'base', AUTHOR, '2026-01-01T00:00:00Z');
  const headSha = repo.commit(head, 'head', AUTHOR, '2026-01-02T00:00:00Z');
  const headTree = Object.fromEntries(
    Object.entries({ ...base, ...head }).filter((e): e is [string, string] => e[1] !== null),
  );
  server.addCommit(baseSha, base);
  server.addCommit(headSha, headTree, [baseSha]);
  server.addPull({ number: 7, base: baseSha, head: headSha });
  return { baseSha, headSha };
}
