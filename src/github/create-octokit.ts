import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { clientThrottle, throttleGroups, type WritePacerOptions } from './throttle-groups.ts';

// Same plugin order as Probot's own Octokit: throttling sits inside, so retries pass through it again.
const PluginOctokit = Octokit.plugin(throttling, retry);
export type PluginOctokit = InstanceType<typeof PluginOctokit>;

export interface CreateOctokitOptions {
  auth?: string;
  /** e.g. https://ghe.example.com/api/v3 (GraphQL then goes to /api/graphql). Default: api.github.com. */
  baseUrl?: string;
  /** Retries after a server error and after a (secondary) rate-limit answer. Default 3. */
  retries?: number;
  /** Milliseconds per second of `retry-after` and of the 5xx backoff. Default 1000; tests use 1. */
  retryAfterBaseValue?: number;
  /** Longest rate-limit wait worth sleeping through, in seconds; a longer one fails the request. Default 120. */
  maxRateLimitWait?: number;
  /** Throttle writes and honour rate-limit answers (plugin-throttling). Default true. */
  throttle?: boolean;
  /** Write pacing when throttling is on (default: a burst of 8, then one a second). */
  writePacing?: WritePacerOptions;
  userAgent?: string;
  log?: {
    debug: (m: string) => void;
    info: (m: string) => void;
    warn: (m: string) => void;
    error: (m: string) => void;
  };
}

/** The Action's Octokit: retries 5xx with backoff, waits out rate limits a bounded number of times. */
export function createOctokit(options: CreateOctokitOptions = {}): PluginOctokit {
  const retries = options.retries ?? 3;
  const retryAfterBaseValue = options.retryAfterBaseValue ?? 1000;
  const maxWait = options.maxRateLimitWait ?? 120;
  const throttle = options.throttle ?? true;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      octokit: { log: { warn: (m: string) => void } },
      retryCount: number,
    ) => {
      const retrying = retryCount < retries && retryAfter <= maxWait;
      octokit.log.warn(
        `${kind} on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter}s` : 'giving up'}`,
      );
      return retrying;
    };
  return new PluginOctokit({
    auth: options.auth,
    baseUrl: options.baseUrl,
    userAgent: options.userAgent ?? 'ingress-audit',
    log: options.log,
    retry: {
      retries,
      retryAfterBaseValue,
      // With throttling on, 429s belong to it (it reads retry-after); retrying them here too would double up.
      doNotRetry: throttle ? [400, 401, 403, 404, 410, 422, 429, 451] : [400, 401, 403, 404, 410, 422, 451],
    },
    throttle: throttle
      ? {
          retryAfterBaseValue,
          ...throttleGroups(options.writePacing),
          ...clientThrottle(),
          onRateLimit: onLimit('rate limit'),
          onSecondaryRateLimit: onLimit('secondary rate limit'),
        }
      : { enabled: false },
  });
}
