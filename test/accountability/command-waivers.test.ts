/**
 * `/audit waive` waivers in the CLI's inventory and log (`--github OWNER/REPO`): read from the summary
 * comments of the pull requests named by the history, against a local GitHub-compatible server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../../src/core/history/timeline.ts';
import type { InventoryEntry } from '../../src/core/inventory/inventory.ts';
import { loadFiles } from '../../src/core/manifests/load.ts';
import { SUMMARY_MARKER } from '../../src/github/find-sticky-comment.ts';
import { withStickyState } from '../../src/github/sticky-state.ts';
import { type GitHubServer, startGitHubServer } from '../support/github-server.ts';
import { runCli } from '../support/run-cli.ts';
import { ScriptedRepo } from '../support/scripted-repo.ts';
import { alice, bob, carol, shopWithAuth, shopWithoutAuth } from './history-fixture.ts';

const BOT = { login: 'ingress-audit[bot]', type: 'Bot' as const };
const objectHash = (yaml: string) =>
  loadFiles([{ path: 'x.yaml', content: yaml }]).documents.find((d) => d.kind === 'Ingress')!.hash;
const summary = (waivers: object[]) =>
  withStickyState(`${SUMMARY_MARKER}\n### ingress-audit\nrisk summary`, { waivers });
const waiver = (over: object) => ({
  rule: 'auth-removed',
  object: 'web/shop',
  reason: 'SSO moved to the edge proxy',
  by: 'erin',
  at: '2026-02-01T09:00:00Z',
  objectHash: objectHash(shopWithoutAuth),
  ...over,
});

let repo: ScriptedRepo;
let gh: GitHubServer;
const commits: Record<string, string> = {};
beforeAll(async () => {
  repo = new ScriptedRepo();
  commits.add = repo.commit(
    { 'apps/shop.yaml': shopWithAuth },
    'Add shop (#1)',
    alice,
    '2026-01-05T10:00:00Z',
  );
  commits.dropAuth = repo.commit(
    { 'apps/shop.yaml': shopWithoutAuth },
    'Drop basic auth from shop (#7)',
    bob,
    '2026-02-01T10:00:00Z',
  );
  gh = await startGitHubServer();
  gh.addComment(7, summary([waiver({})]), BOT);
  // Anyone can paste the marker and a state into a comment: a person's comment never counts.
  gh.addComment(7, summary([waiver({ rule: 'wildcard-host', by: 'mallory', reason: 'forged' })]), {
    login: 'mallory',
    type: 'User' as const,
  });
});
afterAll(async () => {
  repo.remove();
  await gh.close();
});

function run(args: string[], env: Record<string, string> = { GITHUB_TOKEN: 't' }) {
  return runCli(args, {
    cwd: repo.dir,
    env: { GITHUB_API_URL: gh.url, ...env },
    now: new Date('2026-03-15T12:00:00Z'),
  });
}

describe('--github: /audit waive waivers in log and inventory', () => {
  it('log lists the waiver on the commit that merged its pull request, and the finding as waived', async () => {
    gh.resetCounts();
    const { code, stdout, stderr } = await run(['log', '--format', 'json', '--github', 'acme/gitops']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const entries: TimelineEntry[] = JSON.parse(stdout).entries;
    const drop = entries.find((e) => e.commit === commits.dropAuth)!;
    expect(drop.pullRequest).toBe(7);
    expect(drop.waivers).toEqual([
      {
        change: 'added',
        waiver: expect.objectContaining({
          source: 'command',
          rule: 'auth-removed',
          object: 'web/shop',
          by: 'erin',
          at: '2026-02-01',
          reason: 'SSO moved to the edge proxy',
          pullRequest: 7,
        }),
      },
    ]);
    const authRemoved = drop.introduced.find((f) => f.ruleId === 'auth-removed')!;
    expect(authRemoved.waived).toMatchObject({ source: 'command', by: 'erin', pullRequest: 7 });
    expect(drop.introduced.some((f) => f.waived?.by === 'mallory')).toBe(false);
    // Only the PRs the history names were read, one request each: #1 and #7.
    expect(gh.count('GET /repos/{owner}/{repo}/issues/{issue_number}/comments')).toBe(2);
    expect(gh.count()).toBe(2);
  });

  it('log text names who waived what, in which pull request', async () => {
    const { stdout } = await run(['log', '--github', 'acme/gitops']);
    // The text renderer puts a word joiner after `#` and `@` (no accidental links or mentions when pasted).
    expect(stdout.replaceAll('\u2060', '')).toContain(
      'added command waiver auth-removed on web/shop by erin in #7: SSO moved to the edge proxy',
    );
  });

  it('without --github the log shows no command waiver (and needs no token)', async () => {
    const { code, stdout } = await run(['log', '--format', 'json'], {});
    expect(code).toBe(0);
    const entries: TimelineEntry[] = JSON.parse(stdout).entries;
    expect(entries.flatMap((e) => e.waivers)).toEqual([]);
  });

  it('inventory shows the waiver as active while the object is the version it was given on', async () => {
    const { code, stdout } = await run(['inventory', '--format', 'json', '--github', 'acme/gitops']);
    expect(code).toBe(0);
    const shop = (JSON.parse(stdout).entries as InventoryEntry[]).find((e) => e.name === 'shop')!;
    expect(shop.waivers).toEqual([
      expect.objectContaining({
        source: 'command',
        rule: 'auth-removed',
        by: 'erin',
        pullRequest: 7,
        state: 'active',
      }),
    ]);
  });

  it('inventory shows it as lapsed once a later pull request changed the object, and says so in CSV', async () => {
    const wider = shopWithoutAuth.replace('limit-rps: "10"', 'limit-rps: "50"');
    repo.commit({ 'apps/shop.yaml': wider }, 'Raise the shop rate limit (#9)', carol, '2026-03-01T10:00:00Z');
    try {
      const json = await run(['inventory', '--format', 'json', '--github', 'acme/gitops']);
      const shop = (JSON.parse(json.stdout).entries as InventoryEntry[]).find((e) => e.name === 'shop')!;
      expect(shop.waivers).toEqual([
        expect.objectContaining({
          source: 'command',
          rule: 'auth-removed',
          pullRequest: 7,
          state: 'lapsed',
          matches: 0,
        }),
      ]);
      const csv = await run(['inventory', '--format', 'csv', '--github', 'acme/gitops']);
      expect(csv.stdout).toContain(
        'auth-removed (command by erin on 2026-02-01 in #7 LAPSED: the object changed since)',
      );
    } finally {
      repo.git(['reset', '-q', '--hard', commits.dropAuth]);
    }
  });

  it('a pull request whose comments cannot be read is a warning, and the rest of the record stands', async () => {
    gh.fault('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', { status: 404 }, { status: 404 });
    const { code, stdout, stderr } = await run(['log', '--format', 'json', '--github', 'acme/gitops']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/warning: \/audit waive waivers of acme\/gitops#1: .*not shown/);
    expect(JSON.parse(stdout).entries.length).toBeGreaterThan(0);
  });

  it('refuses --github without a token, and a malformed OWNER/REPO, as usage errors', async () => {
    expect((await run(['inventory', '--github', 'acme/gitops'], {})).code).toBe(2);
    const bad = await run(['log', '--github', 'not a repo']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--github must be OWNER/REPO');
  });
});
