/**
 * `/audit history` through the API follows file renames: the commits API lists one path only, so the
 * reader asks the commit that created the path whether it was a move, and goes on under the old path.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/core/policy/config.ts';
import { MAX_RENAME_HOPS, readObjectHistory } from '../../src/github/read-object-history.ts';
import { ingress } from '../app/support/scenario.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { testOctokit } from '../support/test-octokit.ts';

const LIST = 'GET /repos/{owner}/{repo}/commits';
const GET = 'GET /repos/{owner}/{repo}/commits/{ref}';
const TREE = 'GET /repos/{owner}/{repo}/git/trees/{tree_sha}';
const GRAPHQL = 'POST /graphql';

const OLD = 'apps/shop.yaml';
const NEW = 'apps/shop/ingress.yaml';
const README = { 'README.md': '# gitops\n' };
const SHOP = ingress('shop', 'shop.example.com');
const SHOP_TLS_OFF = ingress('shop', 'shop.example.com', null);
const SHOP_WILDCARD = ingress('shop', '*.example.com', '*.example.com');

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer();
});
afterEach(async () => {
  await server.close();
});

const history = (ref: string, limit?: number) =>
  readObjectHistory(testOctokit(server.url, 't'), {
    owner: server.owner,
    repo: server.repo,
    ref,
    object: 'web/shop',
    config: defaultConfig(),
    now: new Date('2026-05-01T00:00:00Z'),
    limit,
  });
/** The table rows of the rendered timeline, by short commit id. */
const rows = (markdown: string) =>
  new Map(
    markdown
      .split('\n')
      .filter((line) => /^\| \d{4}-/.test(line))
      .map((line) => [/`([^`]+)`/.exec(line)?.[1] ?? '', line] as const),
  );

describe('readObjectHistory across renames', () => {
  /** c0 readme → c1 shop at OLD → c2 moves it to NEW unchanged → c3 opens it to every subdomain. */
  function seedMove() {
    server.addCommit('c0', README, [], { date: '2026-02-01T10:00:00Z' });
    server.addCommit('c1', { ...README, [OLD]: SHOP }, ['c0'], {
      date: '2026-03-01T10:00:00Z',
      message: 'Add shop (#3)',
      author: 'alice',
    });
    server.addCommit('c2', { ...README, [NEW]: SHOP }, ['c1'], {
      date: '2026-03-10T10:00:00Z',
      message: 'Move shop to its folder (#4)',
      author: 'bob',
    });
    server.addCommit('c3', { ...README, [NEW]: SHOP_WILDCARD }, ['c2'], {
      date: '2026-04-02T10:00:00Z',
      message: 'Open shop to all subdomains (#12)',
      author: 'mallory',
    });
  }

  it('starts at the creation under the old path, shows nothing at the move, and the wildcard as introduced', async () => {
    seedMove();

    const result = await history('c3');

    expect(result.files).toEqual([NEW]);
    expect(result.renames).toEqual([{ commit: 'c2', from: OLD, to: NEW }]);
    const table = rows(result.markdown);
    expect([...table.keys()]).toEqual(['c3', 'c1']);
    // The creation at the old path: its author, the object added, only the informational new entry point.
    expect(table.get('c1')).toContain('| alice |');
    expect(table.get('c1')).toContain('| Ingress web/shop | added | new-entrypoint \\(info\\) |');
    expect(table.get('c3')).toContain('| Ingress web/shop | modified | wildcard-host \\(high\\)');
    expect(result.markdown).toContain(
      'Renames followed: `apps/shop.yaml` → `apps/shop/ingress.yaml` (`c2`).',
    );
  });

  it('a move with an edit is the object modified, not a new entry point', async () => {
    server.addCommit('c0', README, [], { date: '2026-02-01T10:00:00Z' });
    server.addCommit('c1', { ...README, [OLD]: SHOP }, ['c0'], { date: '2026-03-01T10:00:00Z' });
    server.addCommit('c2', { ...README, [NEW]: SHOP_TLS_OFF }, ['c1'], {
      date: '2026-03-10T10:00:00Z',
      renames: { [OLD]: NEW },
    });

    const result = await history('c2');

    expect(result.renames).toEqual([{ commit: 'c2', from: OLD, to: NEW }]);
    const moved = rows(result.markdown).get('c2');
    expect(moved).toContain('| Ingress web/shop | modified | tls-removed');
    expect(moved).not.toContain('new-entrypoint');
  });

  it('costs 7 requests for one move: tree, 2 GraphQL, 2 listings and 2 commits', async () => {
    seedMove();

    await history('c3');

    expect(server.count(TREE)).toBe(1);
    expect(server.count(GRAPHQL)).toBe(2); // the manifests at ref, then every version
    expect(server.count(LIST)).toBe(2); // NEW from c3, OLD from c1
    expect(server.count(GET)).toBe(2); // c2 renamed it; c1 added it, so the walk stops
    expect(server.count()).toBe(7);
  });

  it('an add next to a remove that GitHub does not pair as a rename is not followed', async () => {
    server.addCommit('c0', README, [], { date: '2026-02-01T10:00:00Z' });
    server.addCommit('c1', { ...README, [OLD]: SHOP }, ['c0'], { date: '2026-03-01T10:00:00Z' });
    // An add and a remove GitHub does not pair (the content changed too much): not followed.
    server.addCommit('c2', { ...README, [NEW]: 'a: 1\n' }, ['c1'], { date: '2026-03-10T10:00:00Z' });
    server.addCommit('c3', { ...README, [NEW]: SHOP_WILDCARD }, ['c2'], { date: '2026-04-02T10:00:00Z' });

    const result = await history('c3');

    expect(result.renames).toEqual([]);
    expect([...rows(result.markdown).keys()]).toEqual(['c3']);
    expect(result.markdown).not.toContain('Renames followed');
    expect(server.count(LIST)).toBe(1);
    expect(server.count(GET)).toBe(1);
  });

  it('shares the limit with the old path: the versions before the cut only set the starting state', async () => {
    server.addCommit('c0', README, [], { date: '2026-02-01T10:00:00Z' });
    server.addCommit('c1', { ...README, [OLD]: SHOP }, ['c0'], { date: '2026-03-01T10:00:00Z' });
    server.addCommit('c1b', { ...README, [OLD]: SHOP_TLS_OFF }, ['c1'], { date: '2026-03-05T10:00:00Z' });
    server.addCommit('c2', { ...README, [NEW]: SHOP_TLS_OFF }, ['c1b'], { date: '2026-03-10T10:00:00Z' });
    server.addCommit('c3', { ...README, [NEW]: SHOP_WILDCARD }, ['c2'], { date: '2026-04-02T10:00:00Z' });

    const result = await history('c3', 3);

    // c3 and c2 under NEW, then one commit left for OLD: c1b, judged against c1 (its parent's version).
    const table = rows(result.markdown);
    expect([...table.keys()]).toEqual(['c3', 'c1b']);
    expect(table.get('c1b')).toMatch(/\| modified \| tls-removed/);
    expect(server.count(LIST)).toBe(2);
    expect(server.count(GET)).toBe(1); // the cut listing of OLD is not asked about its creation
  });

  it(`stops after ${MAX_RENAME_HOPS} moves of a file moved ${MAX_RENAME_HOPS + 2} times`, async () => {
    const path = (i: number) => `apps/shop-${i}.yaml`;
    server.addCommit('m0', README, [], { date: '2026-01-01T10:00:00Z' });
    server.addCommit('m1', { ...README, [path(1)]: SHOP }, ['m0'], { date: '2026-01-02T10:00:00Z' });
    const last = MAX_RENAME_HOPS + 3;
    for (let i = 2; i <= last; i++) {
      server.addCommit(`m${i}`, { ...README, [path(i)]: SHOP }, [`m${i - 1}`], {
        date: `2026-01-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
      });
    }

    const result = await history(`m${last}`);

    expect(result.renames).toHaveLength(MAX_RENAME_HOPS);
    expect(result.renames.at(-1)).toEqual({
      commit: `m${last - MAX_RENAME_HOPS + 1}`,
      from: path(last - MAX_RENAME_HOPS),
      to: path(last - MAX_RENAME_HOPS + 1),
    });
    // The history starts where the last followed path was created: an addition, as before renames were followed.
    expect([...rows(result.markdown).keys()]).toEqual([`m${last - MAX_RENAME_HOPS}`]);
    expect(rows(result.markdown).get(`m${last - MAX_RENAME_HOPS}`)).toMatch(/\| added \|/);
    expect(server.count(LIST)).toBe(MAX_RENAME_HOPS + 1);
    expect(server.count(GET)).toBe(MAX_RENAME_HOPS);
  });

  it('a file moved back and forth is listed once per path: the walk ends at its first creation', async () => {
    const A = 'apps/a.yaml';
    const B = 'apps/b.yaml';
    server.addCommit('p0', README, [], { date: '2026-01-01T10:00:00Z' });
    server.addCommit('p1', { ...README, [A]: SHOP }, ['p0'], { date: '2026-01-02T10:00:00Z' });
    for (let i = 2; i <= 12; i++) {
      server.addCommit(`p${i}`, { ...README, [i % 2 === 0 ? B : A]: SHOP }, [`p${i - 1}`], {
        date: `2026-01-${String(i + 1).padStart(2, '0')}T10:00:00Z`,
      });
    }

    const result = await history('p12');

    expect(result.renames).toEqual([{ commit: 'p2', from: A, to: B }]);
    expect(server.count(LIST)).toBe(2);
    expect(server.count(GET)).toBe(2);
  });

  it('does not follow a move from a path the config does not read', async () => {
    server.addCommit('c0', README, [], { date: '2026-02-01T10:00:00Z' });
    server.addCommit('c1', { ...README, 'drafts/shop.txt': SHOP }, ['c0'], { date: '2026-03-01T10:00:00Z' });
    server.addCommit('c2', { ...README, [NEW]: SHOP }, ['c1'], { date: '2026-03-10T10:00:00Z' });

    const result = await history('c2');

    expect(result.renames).toEqual([]);
    expect(rows(result.markdown).get('c2')).toMatch(/\| added \|/);
    expect(server.count(LIST)).toBe(1);
  });

  it('a commit GitHub cannot diff ends the walk instead of failing the command', async () => {
    seedMove();
    server.fault(GET, { status: 422, body: { message: 'Sorry, this diff is taking too long to generate.' } });

    const result = await history('c3');

    expect(result.renames).toEqual([]);
    expect([...rows(result.markdown).keys()]).toEqual(['c3', 'c2']);
  });
});
