/**
 * End to end: the real App server on 127.0.0.1 receives signed webhooks over HTTP and talks to the local
 * GitHub test server through GHE_HOST; the assertions read what arrived on "GitHub".
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readStickyState } from '../../src/github/sticky-state.ts';
import { type Harness, startHarness } from './support/e2e-harness.ts';
import { checkRunRerequested, pullRequestEvent } from './support/payloads.ts';
import { ingress, SHOP, seedWildcardPull } from './support/scenario.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.close();
});

const opened = () => pullRequestEvent('opened', { number: 1, head: 'head', base: 'base' });
const summaries = (x: Harness = h) =>
  x.gh.state.comments.filter((c) => c.body.startsWith('<!-- ingress-audit:summary -->'));
const checkRunWrites = (x: Harness = h) =>
  x.gh.requests
    .filter((r) => r.path.endsWith('/check-runs') || /\/check-runs\/\d+$/.test(r.path))
    .filter((r) => r.method !== 'GET');

describe('a pull request is opened', () => {
  let opened1: Harness;
  beforeAll(async () => {
    // Marked in progress at once, whatever this machine's speed (the default waits 1 s for that).
    opened1 = await startHarness({}, { inProgressAfterMs: 0 });
    seedWildcardPull(opened1.gh);
    expect((await opened1.deliver('pull_request', opened())).status).toBe(200);
  });
  afterAll(async () => {
    await opened1.close();
  });

  it('creates the check in_progress, then completes it with the score, annotations and a failing conclusion', () => {
    const [create, ...updates] = checkRunWrites(opened1);
    expect(create).toMatchObject({
      method: 'POST',
      body: { name: 'ingress-audit', head_sha: 'head', status: 'in_progress', external_id: '1' },
    });
    expect(updates.at(-1)?.body).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(opened1.gh.state.checkRuns).toHaveLength(1);
    const [run] = opened1.gh.state.checkRuns;
    expect(run).toMatchObject({ status: 'completed', conclusion: 'failure', head_sha: 'head' });
    expect(run.output.title).toMatch(/^Risk \d+\/100 · high · \d+ new findings?$/);
    expect(run.annotations).toContainEqual(
      expect.objectContaining({
        path: SHOP,
        start_line: 12,
        annotation_level: 'failure',
        title: 'wildcard-host',
      }),
    );
  });

  it('posts one sticky summary with the routing diagram and the posture line', () => {
    expect(summaries(opened1)).toHaveLength(1);
    const body = summaries(opened1)[0].body;
    expect(body).toContain('```mermaid');
    expect(body).toMatch(/posture \d+ → \d+/);
    expect(body).toContain('wildcard-host');
    expect(readStickyState(body)).toMatchObject({ headSha: 'head' });
  });

  it('comments inline on the changed line, with a hidden fingerprint', () => {
    const wildcard = opened1.gh.state.reviewComments.find((c) => c.body.includes('wildcard-host'));
    expect(wildcard).toMatchObject({ path: SHOP, line: 12, side: 'RIGHT', commit_id: 'head' });
    expect(wildcard?.body).toMatch(/<!-- ingress-audit:fp [0-9a-f]+ -->/);
  });
});

describe('configuration', () => {
  it('reads config from the base commit, not the PR head, and shows its errors in the check run (neutral)', async () => {
    h.gh.addCommit('base', { [SHOP]: ingress('shop', 'shop.example.com') });
    h.gh.addCommit(
      'head',
      { [SHOP]: ingress('shop', 'shop.example.com').replace('number: 80', 'number: 8080') },
      ['base'],
    );
    h.gh.addPull({ number: 1, base: 'base', head: 'head' });
    h.gh.setConfig('base', 'failOn: hgih\n');
    h.gh.setConfig('head', 'failOn: never\n');

    await h.deliver('pull_request', opened());
    await h.settle();

    const [run] = h.gh.state.checkRuns;
    expect(run.conclusion).toBe('neutral');
    expect(run.output.summary).toContain('failOn');
    expect(
      h.gh.requests.filter((r) => r.path.includes('/contents/')).map((r) => r.query.get('ref')),
    ).toContain('base');
    expect(h.gh.requests.some((r) => r.path.includes('/contents/') && r.query.get('ref') === 'head')).toBe(
      false,
    );
  });
});

describe('idempotency', () => {
  it('the same webhook delivered 5 times at once leaves one check run, one summary and no duplicate inline comment', async () => {
    seedWildcardPull(h.gh);
    const payload = opened();

    const responses = await Promise.all(
      Array.from({ length: 5 }, () => h.deliver('pull_request', payload, { id: 'same-delivery' })),
    );

    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(h.gh.state.checkRuns).toHaveLength(1);
    expect(h.gh.state.checkRuns[0]).toMatchObject({ status: 'completed', conclusion: 'failure' });
    expect(summaries()).toHaveLength(1);
    const fingerprints = h.gh.state.reviewComments.map((c) => /fp (\S+)/.exec(c.body)?.[1]);
    expect(new Set(fingerprints).size).toBe(fingerprints.length);
    expect(h.gh.state.reviews).toHaveLength(1);
  });

  it("the check's Re-run button audits again in the same check run", async () => {
    seedWildcardPull(h.gh);
    await h.deliver('pull_request', opened());
    await h.settle();
    const [run] = h.gh.state.checkRuns;
    h.gh.requests.length = 0;

    await h.deliver('check_run', checkRunRerequested({ id: run.id, headSha: 'head', externalId: '1' }));
    await h.settle();

    expect(h.gh.state.checkRuns).toHaveLength(1);
    const writes = checkRunWrites();
    expect(writes[0]).toMatchObject({
      method: 'PATCH',
      path: `/repos/acme/gitops/check-runs/${run.id}`,
      body: { status: 'in_progress' },
    });
    expect(writes.at(-1)?.body).toMatchObject({ conclusion: 'failure' });
  });
});

describe('webhook signatures', () => {
  it.each([
    ['a wrong signature', 'sha256=0000000000000000000000000000000000000000000000000000000000000000'],
    ['no signature', null],
  ])('%s is refused with a 4xx and nothing is done', async (_, signature) => {
    seedWildcardPull(h.gh);

    const response = await h.deliver('pull_request', opened(), { signature });

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(h.gh.requests).toHaveLength(0);
    expect(h.gh.state.checkRuns).toHaveLength(0);
  });
});

describe('API economy', () => {
  it('a fast run writes its check run once, already completed', async () => {
    const fast = await startHarness({}, { inProgressAfterMs: 60_000 });
    try {
      seedWildcardPull(fast.gh);
      await fast.deliver('pull_request', opened());
      await fast.settle();

      const writes = checkRunWrites(fast);
      expect(writes).toHaveLength(1);
      expect(writes[0]).toMatchObject({
        method: 'POST',
        body: { status: 'completed', conclusion: 'failure' },
      });
      expect(fast.gh.state.checkRuns).toHaveLength(1);
    } finally {
      await fast.close();
    }
  });

  it('writes at most 2 + ceil(annotations / 50) + inline comments', async () => {
    const fast = await startHarness({}, { inProgressAfterMs: 60_000 });
    try {
      const base: Record<string, string> = {};
      const head: Record<string, string> = {};
      for (let i = 0; i < 60; i++) {
        base[`apps/a${i}/ingress.yaml`] = ingress(`a${i}`, `a${i}.example.com`);
        head[`apps/a${i}/ingress.yaml`] = ingress(`a${i}`, `*.a${i}.example.com`);
      }
      fast.gh.addCommit('base', base);
      fast.gh.addCommit('head', head, ['base']);
      fast.gh.addPull({ number: 1, base: 'base', head: 'head' });

      await fast.deliver('pull_request', opened());
      await fast.settle();

      const [run] = fast.gh.state.checkRuns;
      const annotations = run.annotations.length;
      const inline = fast.gh.state.reviewComments.length;
      const writes = fast.gh.requests.filter(
        (r) => r.method !== 'GET' && !r.path.endsWith('/graphql') && !r.path.includes('/access_tokens'),
      );
      expect(annotations).toBeGreaterThan(50); // more than one batch
      expect(writes.length).toBeLessThanOrEqual(2 + Math.ceil(annotations / 50) + inline);
      expect(run.status).toBe('completed');
    } finally {
      await fast.close();
    }
  });

  it('reads a 100-file pull request within the request budget', async () => {
    const base: Record<string, string> = {};
    const head: Record<string, string> = {};
    for (let i = 0; i < 100; i++) {
      base[`apps/a${i}/ingress.yaml`] = ingress(`a${i}`, `a${i}.example.com`);
      head[`apps/a${i}/ingress.yaml`] = ingress(`a${i}`, `a${i}.example.com`).replace(
        'number: 80',
        'number: 8080',
      );
    }
    for (let i = 0; i < 150; i++)
      base[`other/o${i}.yaml`] = head[`other/o${i}.yaml`] = ingress(`o${i}`, `o${i}.example.com`);
    Object.assign(head, Object.fromEntries(Object.entries(base).filter(([p]) => p.startsWith('other/'))));
    h.gh.addCommit('base', base);
    h.gh.addCommit('head', head, ['base']);
    h.gh.addPull({ number: 1, base: 'base', head: 'head' });

    await h.deliver('pull_request', opened());
    await h.settle();

    const count = (method: string, pattern: RegExp) =>
      h.gh.requests.filter((r) => r.method === method && pattern.test(r.path)).length;
    const files = count('GET', /\/pulls\/1\/files$/);
    const graphql = count('POST', /graphql$/);
    const compare = count('GET', /\/compare\//);
    const tree = count('GET', /\/git\/trees\//);
    // Both sides of 100 files: 1 page of files + 1 batch of 200 blobs (+1 merge base) — at most 4 + 2.
    // Repo-wide context: 1 tree + ceil(150 / 200) = 1 batch; CODEOWNERS: 1 batch.
    expect(files).toBe(1);
    expect(compare).toBe(1);
    expect(tree).toBe(1);
    expect(graphql).toBe(1 + 1 + 1);
    expect(files + compare + 1).toBeLessThanOrEqual(4 + Math.ceil(100 / 50));
    expect(h.gh.requests.length).toBeLessThanOrEqual(30);
    expect(h.gh.state.checkRuns[0].status).toBe('completed');
  });
});
