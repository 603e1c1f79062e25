import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRequests } from '../../src/github/count-requests.ts';
import { createOctokit } from '../../src/github/create-octokit.ts';
import { publishCheckRun } from '../../src/github/publish-check-run.ts';
import { type GitHubServer, secondaryRateLimit, startGitHubServer } from '../support/github-server.ts';

const CREATE = 'POST /repos/{owner}/{repo}/check-runs';
const PULL = 'GET /repos/{owner}/{repo}/pulls/{pull_number}';
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const check = {
  owner: 'acme',
  repo: 'gitops',
  headSha: 'head',
  conclusion: 'success' as const,
  output: { title: 't', summary: 's' },
};

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
  server.addCommit('head', { 'a.yaml': 'x: 1\n' });
  server.addPull({ number: 1, base: 'head', head: 'head' });
});
afterEach(async () => {
  await server.close();
});
// Throttling on, as in the Action; waits shortened (1 ms per second of retry-after).
const octokit = () => createOctokit({ baseUrl: server.url, retryAfterBaseValue: 1, log: quiet });

describe('createOctokit', () => {
  it('retries a secondary rate limit answer after retry-after and completes', async () => {
    server.fault(CREATE, secondaryRateLimit);

    const result = await publishCheckRun(octokit(), check);

    expect(result.ok).toBe(true);
    expect(server.count(CREATE)).toBe(2);
    expect(server.state.checkRuns).toHaveLength(1);
  });

  it('paces writes through the write pacer once its burst is spent', async () => {
    const slept: number[] = [];
    let clock = 0;
    const client = createOctokit({
      baseUrl: server.url,
      retryAfterBaseValue: 1,
      log: quiet,
      writePacing: {
        burst: 2,
        intervalMs: 1000,
        now: () => clock,
        sleep: async (ms) => {
          slept.push(ms);
          clock += ms;
        },
      },
    });

    await client.rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: 1 }); // a read: not paced
    for (const sha of ['h1', 'h2', 'h3']) await publishCheckRun(client, { ...check, headSha: sha });

    expect(slept).toEqual([1000]);
    expect(server.count(CREATE)).toBe(3);
  });

  it('gives up on a secondary rate limit once the retries are spent and returns the 403', async () => {
    server.fault(CREATE, secondaryRateLimit, secondaryRateLimit);
    const client = createOctokit({ baseUrl: server.url, retries: 1, retryAfterBaseValue: 1, log: quiet });

    const result = await publishCheckRun(client, check);

    expect(result).toMatchObject({ ok: false, status: 403 });
    expect(result.ok === false && result.error).toContain('secondary rate limit');
    expect(server.count(CREATE)).toBe(2);
  });

  it('waits out a primary rate limit that resets soon', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 1);
    server.fault(PULL, {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded' },
    });

    const { data } = await octokit().rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: 1 });

    expect(data.number).toBe(1);
    expect(server.count(PULL)).toBe(2);
  });

  it('does not sleep through a primary rate limit that resets in an hour', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 3600);
    server.fault(PULL, {
      status: 403,
      headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      body: { message: 'API rate limit exceeded' },
    });

    await expect(
      octokit().rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: 1 }),
    ).rejects.toMatchObject({
      status: 403,
    });
    expect(server.count(PULL)).toBe(1);
  });

  it('retries a 429 once per answer, not once in each plugin', async () => {
    server.fault(PULL, { ...secondaryRateLimit, status: 429 });

    await octokit().rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: 1 });

    expect(server.count(PULL)).toBe(2);
  });
});

describe('countRequests', () => {
  it('counts logical requests (not retries) until stopped', async () => {
    const client = octokit();
    server.fault(PULL, { status: 502 });
    const counter = countRequests(client);

    await client.rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: 1 });
    await client.rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: 1 });
    counter.stop();
    await client.rest.pulls.get({ owner: 'acme', repo: 'gitops', pull_number: 1 });

    expect(counter.count).toBe(2);
    expect(server.count(PULL)).toBe(4);
  });
});
