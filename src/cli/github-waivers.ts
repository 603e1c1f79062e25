/**
 * `--github OWNER/REPO` for inventory and log: the `/audit waive` waivers recorded in pull request
 * summary comments, read with the user's token. A PR that cannot be read is a warning on stderr, not
 * an error: the git record stands without it, and the warning says what is missing.
 */
import type { Waiver } from '../core/findings.ts';
import { createOctokit } from '../github/create-octokit.ts';
import { readPullRequestWaivers } from '../github/read-pull-request-waivers.ts';
import { type CliOptions, UsageError } from './args.ts';
import type { CliIo } from './main.ts';

export type PullRequestWaiverSource = (pullNumbers: Iterable<number>) => Promise<Map<number, Waiver[]>>;

/** Null without `--github`. */
export function pullRequestWaiverSource(opts: CliOptions, io: CliIo): PullRequestWaiverSource | null {
  if (!opts.github) return null;
  const token = io.env.GITHUB_TOKEN || io.env.GH_TOKEN;
  if (!token)
    throw new UsageError(
      '--github needs a token in GITHUB_TOKEN or GH_TOKEN (read access to pull requests is enough)',
    );
  const [owner, repo] = opts.github.split('/');
  const quiet = () => {};
  const octokit = createOctokit({
    auth: token,
    baseUrl: io.env.GITHUB_API_URL || undefined,
    userAgent: 'ingress-audit-cli',
    // Failures are reported below, one line per PR; Octokit's own request logging would repeat them.
    log: { debug: quiet, info: quiet, warn: quiet, error: quiet },
  });
  return async (pullNumbers) => {
    const read = await readPullRequestWaivers(octokit, {
      owner,
      repo,
      pullNumbers,
      botLogin: opts.githubBot,
    });
    for (const problem of read.problems)
      io.stderr(`ingress-audit: warning: /audit waive waivers of ${opts.github}${problem} not shown\n`);
    return read.waivers;
  };
}
