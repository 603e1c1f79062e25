/**
 * Read-only tokens (fork PRs under `pull_request`, Dependabot, a workflow with `permissions: read-all`):
 * GitHub answers every write with 403 "Resource not accessible by integration". We learn that once —
 * from the event, or from the first refused write — and from then on no write leaves the process, so a
 * run never tries failed writes in a loop; the report goes to the job summary and annotations instead.
 */
import type { GitHubClient } from '../github/github-client.ts';

const READ_ONLY_MESSAGE = /Resource not accessible by (integration|personal access token)/i;

export interface WriteGuard {
  /** Why writes are off (null while they are on). */
  readonly reason: string | null;
  /** Writes that were refused by GitHub (at most one) or stopped here without a request. */
  readonly refused: number;
  readonly skipped: number;
  disable(reason: string): void;
}

interface RequestOptionsLike {
  method?: string;
  url?: string;
  query?: unknown;
  data?: { query?: unknown } | unknown;
}

/** GET/HEAD and GraphQL queries read; everything else (and GraphQL mutations) writes. */
export function isWrite(options: RequestOptionsLike): boolean {
  const method = (options.method ?? 'GET').toUpperCase();
  if (method === 'GET' || method === 'HEAD') return false;
  if (/\/graphql$/.test(options.url ?? '')) {
    const data = options.data as { query?: unknown } | undefined;
    const query = String(options.query ?? data?.query ?? '');
    return /^\s*mutation\b/.test(query);
  }
  return true;
}

/** An error shaped like Octokit's RequestError, so publishers report it as a 403 like any other. */
class WriteSkipped extends Error {
  override name = 'HttpError';
  readonly status = 403;
  readonly request: { method: string; url: string };
  constructor(reason: string, method: string, url: string) {
    super(`not attempted: ${reason}`);
    this.request = { method, url };
  }
}

/**
 * Wraps `octokit`'s requests: after a write is refused as read-only (or after `disable`), later writes
 * throw a 403 without a request. `initialReason` starts the guard closed (known fork PR).
 */
export function guardWrites(octokit: GitHubClient, initialReason: string | null = null): WriteGuard {
  let reason = initialReason;
  let refused = 0;
  let skipped = 0;
  octokit.hook.wrap('request', async (request, options) => {
    const opts = options as RequestOptionsLike;
    if (!isWrite(opts)) return request(options);
    if (reason !== null) {
      skipped += 1;
      throw new WriteSkipped(reason, opts.method ?? 'POST', opts.url ?? '');
    }
    try {
      return await request(options);
    } catch (error) {
      const e = error as { status?: unknown; message?: unknown };
      if (e.status === 403 && READ_ONLY_MESSAGE.test(String(e.message))) {
        refused += 1;
        reason = `the token is read-only (GitHub answered 403 to ${opts.method} ${opts.url})`;
      }
      throw error;
    }
  });
  return {
    get reason() {
      return reason;
    },
    get refused() {
      return refused;
    },
    get skipped() {
      return skipped;
    },
    disable(why) {
      reason ??= why;
    },
  };
}
