import type { GitHubClient } from './github-client.ts';

export interface RequestCount {
  /** Requests issued since counting began (each page and each GraphQL query; retries not included). */
  readonly count: number;
  stop(): void;
}

/**
 * Counts the requests made through `octokit` until `stop()`. The hook is added after the retry and
 * throttling plugins, so it sees logical requests, not retry attempts.
 */
export function countRequests(octokit: GitHubClient): RequestCount {
  let count = 0;
  const hook = () => {
    count += 1;
  };
  octokit.hook.before('request', hook);
  return {
    get count() {
      return count;
    },
    stop() {
      octokit.hook.remove('request', hook);
    },
  };
}
