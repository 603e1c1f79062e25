/** The client the GitHub tests talk to the local test server with. */
import { createOctokit, type PluginOctokit } from '../../src/github/create-octokit.ts';

/** A logger that drops everything: the tests assert on requests and answers, not on log lines. */
export const quietLog = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The production client (`createOctokit`) against `baseUrl`, with retries after a token wait and no
 * throttling, so that a test's faults and request counts are not paced. No token unless `auth` is given.
 */
export function testOctokit(baseUrl: string, auth?: string): PluginOctokit {
  return createOctokit({ baseUrl, auth, retryAfterBaseValue: 1, throttle: false, log: quietLog });
}
