import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findMergeBase } from '../../src/github/find-merge-base.ts';
import { readPullRequestChange } from '../../src/sources/github-pr.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { testOctokit } from '../support/test-octokit.ts';

const ingress = (name: string, host: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  rules:\n    - host: ${host}\n`;
const text = (content: string | Uint8Array | undefined) =>
  typeof content === 'string' ? content : Buffer.from(content ?? []).toString('utf8');
const byPath = (files: { path: string; content: string | Uint8Array }[]) =>
  Object.fromEntries(files.map((f) => [f.path, text(f.content)]));

const FILES = 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files';
const GRAPHQL = 'POST /graphql';
const TREE = 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}';
const BLOB = 'GET /repos/{owner}/{repo}/git/blobs/{file_sha}';

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(async () => {
  await server.close();
});
const octokit = (baseUrl = server.url) => testOctokit(baseUrl, 't');
const read = (extra: Partial<Parameters<typeof readPullRequestChange>[1]> = {}, baseUrl = server.url) =>
  readPullRequestChange(octokit(baseUrl), {
    owner: server.owner,
    repo: server.repo,
    pull_number: 1,
    baseSha: 'base',
    headSha: 'head',
    include: ['**/*.yaml'],
    exclude: [],
    ...extra,
  });

describe('readPullRequestChange', () => {
  it('reads both sides of a 100-file PR in 2 requests: 1 page of files + 1 GraphQL batch of 200 blobs', async () => {
    const base: Record<string, string> = {};
    const head: Record<string, string> = {};
    for (let i = 0; i < 100; i++) {
      base[`apps/a${i}/ingress.yaml`] = ingress(`a${i}`, `a${i}.example.com`);
      head[`apps/a${i}/ingress.yaml`] = ingress(`a${i}`, `*.example.com`);
    }
    server.addCommit('base', base);
    server.addCommit('head', head, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read();

    expect(change.base).toHaveLength(100);
    expect(change.head).toHaveLength(100);
    expect(byPath(change.base)['apps/a7/ingress.yaml']).toContain('a7.example.com');
    expect(byPath(change.head)['apps/a7/ingress.yaml']).toContain('*.example.com');
    expect(server.count(FILES)).toBe(1);
    expect(server.count(GRAPHQL)).toBe(1);
    expect(server.count()).toBe(2);
    expect(change.requests).toBe(2);
    expect(change.requests).toBeLessThanOrEqual(8);
    expect(change.truncated).toBe(false);
  });

  it('stays within 4 + ceil(N/50) requests for 250 changed files (3 pages + 2 batches)', async () => {
    const head: Record<string, string> = {};
    for (let i = 0; i < 250; i++) head[`apps/a${i}.yaml`] = ingress(`a${i}`, `a${i}.example.com`);
    server.addCommit('base', {});
    server.addCommit('head', head, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read();

    expect(change.head).toHaveLength(250);
    expect(change.base).toHaveLength(0);
    expect(server.count(FILES)).toBe(3);
    expect(server.count(GRAPHQL)).toBe(2);
    expect(change.requests).toBe(5);
    expect(change.requests).toBeLessThanOrEqual(4 + Math.ceil(250 / 50));
  });

  it('stays within 4 + ceil(N/50) requests for 1,000 files changed on both sides (10 pages + 10 batches)', async () => {
    const base: Record<string, string> = {};
    const head: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) {
      base[`apps/a${i}.yaml`] = ingress(`a${i}`, `a${i}.example.com`);
      head[`apps/a${i}.yaml`] = ingress(`a${i}`, `b${i}.example.com`);
    }
    server.addCommit('base', base);
    server.addCommit('head', head, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read();

    expect(change.base).toHaveLength(1000);
    expect(byPath(change.head)['apps/a999.yaml']).toContain('b999.example.com');
    expect(server.count(FILES)).toBe(10);
    expect(server.count(GRAPHQL)).toBe(10);
    expect(change.requests).toBeLessThanOrEqual(4 + Math.ceil(1000 / 50));
  });

  it('splits a blob batch GitHub cannot serve (a timeout) into halves and still reads every file', async () => {
    const head: Record<string, string> = {};
    for (let i = 0; i < 200; i++) head[`apps/a${i}.yaml`] = ingress(`a${i}`, `a${i}.example.com`);
    server.addCommit('base', {});
    server.addCommit('head', head, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });
    // Every attempt at the whole batch times out (the transport retries it too), then halves are served.
    const timeout = { status: 504, body: { message: "We couldn't respond to your request in time." } };
    server.fault(GRAPHQL, timeout, timeout, timeout, timeout);

    const change = await read();

    expect(change.head).toHaveLength(200);
    expect(byPath(change.head)['apps/a199.yaml']).toContain('a199.example.com');
    expect(server.count(GRAPHQL)).toBe(4 + 2);
  });

  it('reads a renamed file at base under its previous_filename, so a move is a move', async () => {
    server.addCommit('base', { 'old/shop.yaml': ingress('shop', 'shop.example.com') });
    server.addCommit('head', { 'new/shop.yaml': ingress('shop', 'shop.example.com') }, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read();

    expect(change.base.map((f) => f.path)).toEqual(['old/shop.yaml']);
    expect(change.head.map((f) => f.path)).toEqual(['new/shop.yaml']);
    expect(text(change.base[0].content)).toBe(text(change.head[0].content));
    expect(change.patches.has('new/shop.yaml')).toBe(false); // a pure move has no hunks to comment on
  });

  it('reads a renamed and edited file from both paths and keeps its patch under the new path', async () => {
    server.addCommit('base', { 'old/shop.yaml': ingress('shop', 'shop.example.com') });
    server.addCommit('head', { 'new/shop.yaml': ingress('shop', '*.example.com') }, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head', renames: { 'old/shop.yaml': 'new/shop.yaml' } });

    const change = await read();

    expect(byPath(change.base)['old/shop.yaml']).toContain('shop.example.com');
    expect(byPath(change.head)['new/shop.yaml']).toContain('*.example.com');
    expect(change.patches.get('new/shop.yaml')).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@/);
  });

  it('keeps only paths matching include and not exclude, on each side separately', async () => {
    server.addCommit('base', { 'a.yaml': 'x: 1\n', 'gone.yaml': 'x: 1\n', 'README.md': 'a\n' });
    server.addCommit(
      'head',
      {
        'a.yaml': 'x: 2\n',
        'README.md': 'b\n',
        'vendor/v.yaml': 'x: 1\n',
        '.github/ingress-audit.yml': 'failOn: high\n',
      },
      ['base'],
    );
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read({ include: ['**/*.yaml', '**/*.yml'], exclude: ['vendor/**'] });

    expect(change.base.map((f) => f.path).sort()).toEqual(['a.yaml', 'gone.yaml']);
    expect(change.head.map((f) => f.path).sort()).toEqual(['.github/ingress-audit.yml', 'a.yaml']);
  });

  it('reads repo-wide context with one tree call and one batch per 200 other manifests', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 150; i++) files[`other/o${i}.yaml`] = ingress(`o${i}`, `o${i}.example.com`);
    files['docs/readme.md'] = '# not a manifest\n';
    server.addCommit('base', { ...files, 'apps/shop.yaml': ingress('shop', 'shop.example.com') });
    server.addCommit('head', { ...files, 'apps/shop.yaml': ingress('shop', '*.example.com') }, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read({ withContext: true });

    expect(change.unchanged).toHaveLength(150);
    expect(change.unchanged.some((f) => f.path === 'apps/shop.yaml')).toBe(false);
    expect(byPath(change.unchanged)['other/o3.yaml']).toContain('o3.example.com');
    expect(server.count(TREE)).toBe(1);
    // 1 for the changed file's two sides, then ceil(150 / 200) for context.
    expect(server.count(GRAPHQL)).toBe(1 + 1);
    expect(change.requests).toBe(1 + 1 + 1 + 1);
  });

  it('falls back to the REST blob API for a blob GraphQL truncates, and returns its bytes whole', async () => {
    const big = `${ingress('big', 'big.example.com')}${'# padding\n'.repeat(200)}`;
    server.state.graphqlTextLimit = 1000;
    server.addCommit('base', {});
    server.addCommit('head', { 'big.yaml': big, 'small.yaml': ingress('s', 's.example.com') }, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read();

    const file = change.head.find((f) => f.path === 'big.yaml');
    expect(file?.content).toBeInstanceOf(Uint8Array);
    expect(text(file?.content)).toBe(big);
    expect(typeof change.head.find((f) => f.path === 'small.yaml')?.content).toBe('string');
    expect(server.count(BLOB)).toBe(1);
  });

  it('gives a binary file as bytes so the loader can report it', async () => {
    server.addCommit('base', {});
    server.addCommit('head', { 'weird.yaml': new Uint8Array([0x6b, 0, 0xff, 0x0a]) }, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read();

    expect(change.head[0].content).toEqual(new Uint8Array([0x6b, 0, 0xff, 0x0a]));
    expect(change.patches.has('weird.yaml')).toBe(false);
  });

  it("says the review is partial when the PR reaches GitHub's 3,000-file cap", async () => {
    const head: Record<string, string> = {};
    for (let i = 0; i < 3001; i++) head[`f/${i}.yaml`] = `i: ${i}\n`;
    server.addCommit('base', {});
    server.addCommit('head', head, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read();

    expect(change.truncated).toBe(true);
    expect(change.head).toHaveLength(3000);
    expect(change.notices).toEqual([
      expect.objectContaining({ kind: 'limit', message: expect.stringContaining('3000') }),
    ]);
  });

  it('works against a GitHub Enterprise base URL (REST under /api/v3, GraphQL at /api/graphql)', async () => {
    server.addCommit('base', { 'a.yaml': 'x: 1\n' });
    server.addCommit('head', { 'a.yaml': 'x: 2\n' }, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });

    const change = await read({}, server.gheUrl);

    expect(byPath(change.base)).toEqual({ 'a.yaml': 'x: 1\n' });
    expect(byPath(change.head)).toEqual({ 'a.yaml': 'x: 2\n' });
  });

  it('retries the transient 404s GitHub gives right after a push, on the files list and the tree', async () => {
    server.addCommit('base', { 'a.yaml': 'x: 1\n', 'b.yaml': 'y: 1\n' });
    server.addCommit('head', { 'a.yaml': 'x: 2\n', 'b.yaml': 'y: 1\n' }, ['base']);
    server.addPull({ number: 1, base: 'base', head: 'head' });
    server.fault(FILES, { status: 404 });
    server.fault(TREE, { status: 404 }, { status: 404 });

    const change = await read({ withContext: true });

    expect(byPath(change.head)).toEqual({ 'a.yaml': 'x: 2\n' });
    expect(byPath(change.unchanged)).toEqual({ 'b.yaml': 'y: 1\n' });
    expect(server.count(FILES)).toBe(2);
    expect(server.count(TREE)).toBe(3);
  });

  it('throws when the pull request cannot be read (the caller reports it; there is nothing to audit)', async () => {
    await expect(read({ pull_number: 99 })).rejects.toMatchObject({ status: 404 });
    expect(server.count(FILES)).toBe(3);
  });
});

describe('findMergeBase', () => {
  it('finds where the PR branched, not the base branch tip', async () => {
    server.addCommit('root', { 'a.yaml': 'x: 1\n' });
    server.addCommit('main-later', { 'a.yaml': 'x: 9\n' }, ['root']);
    server.addCommit('head', { 'a.yaml': 'x: 2\n' }, ['root']);

    const sha = await findMergeBase(octokit(), {
      owner: server.owner,
      repo: server.repo,
      baseSha: 'main-later',
      headSha: 'head',
    });

    expect(sha).toBe('root');
  });
});
