/**
 * The `/audit waive` waivers of merged pull requests, for the CLI's inventory and log: each PR's
 * summary comment holds them (the comment is the record). Only comments written by a bot account
 * count — a person can paste the marker and a forged state into a comment, but cannot post as a bot.
 */
import type { Waiver } from '../core/findings.ts';
import { mapWithLimit } from '../sources/map-with-limit.ts';
import { findStickyComment } from './find-sticky-comment.ts';
import type { GitHubClient } from './github-client.ts';
import { readCommandWaivers, toCoreWaiver } from './waiver-state.ts';

export interface PullRequestWaivers {
  /** By pull request number; a PR without waivers (or without our comment) is absent. */
  waivers: Map<number, Waiver[]>;
  /** One line per pull request whose comments could not be read. */
  problems: string[];
}

/** Pull requests read at once: a few, so a long history does not trip GitHub's secondary limits. */
const CONCURRENCY = 4;

export async function readPullRequestWaivers(
  octokit: GitHubClient,
  params: {
    owner: string;
    repo: string;
    pullNumbers: Iterable<number>;
    /** Only this bot's comments count (e.g. `ingress-audit[bot]`); default: any bot account. */
    botLogin?: string;
  },
): Promise<PullRequestWaivers> {
  const numbers = [...new Set(params.pullNumbers)].sort((a, b) => a - b);
  const found = await mapWithLimit(numbers, CONCURRENCY, (pr) =>
    findStickyComment(octokit, {
      owner: params.owner,
      repo: params.repo,
      issue_number: pr,
      botLogin: params.botLogin,
    }),
  );
  const waivers = new Map<number, Waiver[]>();
  const problems: string[] = [];
  numbers.forEach((pr, i) => {
    const sticky = found[i];
    if (!sticky.ok) {
      problems.push(`#${pr}: ${sticky.error}`);
      return;
    }
    const list = readCommandWaivers(sticky.comment?.state).map((w) => ({
      ...toCoreWaiver(w),
      pullRequest: pr,
    }));
    if (list.length > 0) waivers.set(pr, list);
  });
  return { waivers, problems };
}
