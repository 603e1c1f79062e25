import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMELINE_CSV_HEADER } from '../../src/core/history/render-timeline-csv.ts';
import type { TimelineEntry } from '../../src/core/history/timeline.ts';
import type { InventoryEntry } from '../../src/core/inventory/inventory.ts';
import { INVENTORY_CSV_HEADER } from '../../src/core/inventory/render-inventory-csv.ts';
import { auditYaml } from '../support/audit-yaml.ts';
import { runCli } from '../support/run-cli.ts';
import {
  buildScriptedHistory,
  promoWithoutWildcard,
  type ScriptedHistory,
  shopService,
  shopWithoutAuth,
} from './history-fixture.ts';
import { csvRecords, parseCsv } from './parse-csv.ts';

let history: ScriptedHistory;
beforeAll(() => {
  history = buildScriptedHistory();
});
afterAll(() => history.repo.remove());

function run(args: string[], now = '2026-03-15T12:00:00Z') {
  return runCli(args, { cwd: history.repo.dir, now: new Date(now) });
}

async function logJson(
  args: string[] = [],
): Promise<{ entries: TimelineEntry[]; stats: { commits: number; audits: number } }> {
  const { code, stdout, stderr } = await run(['log', '--format', 'json', ...args]);
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return JSON.parse(stdout);
}

describe('ingress-audit log', () => {
  it('lists the first-parent commits that changed an exposure, field by field', async () => {
    const { entries } = await logJson();
    const c = history.commits;
    expect(entries.map((e) => [e.commit, e.date, e.author, e.authorEmail, e.pullRequest, e.subject])).toEqual(
      [
        [
          c.addShop,
          '2026-01-05T10:00:00+00:00',
          'Alice Admin',
          'alice@example.com',
          1,
          'Add shop ingress (#1)',
        ],
        [
          c.dropAuth,
          '2026-01-20T09:30:00+00:00',
          'Bob Builder',
          'bob@example.com',
          2,
          'Open the shop to "partners", for now (#2)',
        ],
        [
          c.merge,
          '2026-02-03T16:45:00+00:00',
          'Dave Merger',
          'dave@example.com',
          3,
          'Merge pull request #3 from team/promo',
        ],
        [
          c.waiver,
          '2026-02-10T11:00:00+00:00',
          'Erin Auditor',
          'erin@example.com',
          4,
          'Accept wildcard for promo (#4)',
        ],
        [
          c.dropWildcard,
          '2026-03-02T10:15:00+00:00',
          'Frank Fixer',
          'frank@example.com',
          6,
          'Drop the promo wildcard (#6)',
        ],
      ],
    );
    expect(entries.map((e) => e.objects.map((o) => [o.kind, o.namespace, o.name, o.file, o.change]))).toEqual(
      [
        [['Ingress', 'web', 'shop', 'apps/shop/ingress.yaml', 'added']],
        [['Ingress', 'web', 'shop', 'apps/shop/ingress.yaml', 'modified']],
        [['Ingress', 'web', 'promo', 'apps/promo/ingress.yaml', 'added']],
        [],
        [['Ingress', 'web', 'promo', 'apps/promo/ingress.yaml', 'modified']],
      ],
    );
  });

  it('skips the branch commit of a merged pull request, a docs-only commit and a comment-only change', async () => {
    const { entries, stats } = await logJson();
    const listed = entries.map((e) => e.commit);
    for (const skipped of [history.commits.promo, history.commits.readme, history.commits.comment])
      expect(listed).not.toContain(skipped);
    // The comment-only commit is read but not audited: its object keeps the same content.
    expect(stats).toMatchObject({ commits: 6, audits: 4 });
  });

  it('shows the findings each change introduced or resolved, with waivers as they stood that day', async () => {
    const { entries } = await logJson();
    const [, dropAuth, merge, waiver, dropWildcard] = entries;
    expect(dropAuth.introduced).toContainEqual(
      expect.objectContaining({
        ruleId: 'auth-removed',
        severity: 'critical',
        status: 'introduced',
        host: 'shop.example.com',
        waived: null,
      }),
    );
    expect(dropAuth.risk).toBeGreaterThanOrEqual(40);
    expect(merge.introduced).toContainEqual(
      expect.objectContaining({ ruleId: 'wildcard-host', severity: 'high', waived: null }),
    );
    expect(merge.introduced.filter((f) => f.ruleId === 'tls-missing').map((f) => f.waived?.source)).toEqual([
      'inline',
      'inline',
    ]);
    expect(merge.waivers).toEqual([
      {
        change: 'added',
        waiver: expect.objectContaining({
          rule: 'tls-missing',
          object: 'web/promo',
          source: 'inline',
          by: 'Dave Merger',
          at: '2026-02-03',
        }),
      },
    ]);
    expect(waiver.waivers).toEqual([
      {
        change: 'added',
        waiver: {
          rule: 'wildcard-host',
          object: 'web/promo',
          reason: 'campaign sub-domains until the end of Q1',
          by: 'erin',
          at: '2026-02-10',
          expires: '2026-03-31',
          source: 'config',
        },
      },
    ]);
    expect(dropWildcard.resolved).toContainEqual(
      expect.objectContaining({
        ruleId: 'wildcard-host',
        status: 'resolved',
        waived: expect.objectContaining({ source: 'config', by: 'erin' }),
      }),
    );
  });

  it('gives the posture after each change, ending at the posture of the files at HEAD', async () => {
    const { entries } = await logJson();
    for (let i = 1; i < entries.length; i++) expect(entries[i].postureBefore).toBe(entries[i - 1].posture);
    expect(entries[0].postureBefore).toBe(0);
    const atHead = [`# owned by the shop team\n${shopWithoutAuth}`, shopService, promoWithoutWildcard]
      .map((content) => auditYaml(undefined, { 'f.yaml': content }).risk.headPosture)
      .reduce((a, b) => a + b, 0);
    expect(entries.at(-1)?.posture).toBe(atHead);
    expect(entries[2].posture).toBeGreaterThan(entries[2].postureBefore);
    expect(entries[4].posture).toBeLessThan(entries[4].postureBefore);
  });

  it('--object keeps the changes of one object only', async () => {
    const { entries } = await logJson(['--object', 'web/shop']);
    expect(entries.map((e) => e.commit)).toEqual([history.commits.addShop, history.commits.dropAuth]);
  });

  it('--since and --until cut the history by date, with the posture carried in from before', async () => {
    const all = await logJson();
    const { entries } = await logJson(['--since', '2026-02-01', '--until', '2026-02-28']);
    expect(entries.map((e) => e.commit)).toEqual([history.commits.merge, history.commits.waiver]);
    expect(entries[0].postureBefore).toBe(all.entries[2].postureBefore);
  });

  it('exports CSV that reads back: one row per commit and object, quoted where needed', async () => {
    const { code, stdout } = await run(['log', '--format', 'csv']);
    expect(code).toBe(0);
    expect(parseCsv(stdout)[0]).toEqual([...TIMELINE_CSV_HEADER]);
    const rows = csvRecords(stdout);
    expect(rows.map((r) => [r.commit.slice(0, 12), r.pull_request, r.namespace, r.name, r.change])).toEqual([
      [history.commits.addShop.slice(0, 12), '1', 'web', 'shop', 'added'],
      [history.commits.dropAuth.slice(0, 12), '2', 'web', 'shop', 'modified'],
      [history.commits.merge.slice(0, 12), '3', 'web', 'promo', 'added'],
      [history.commits.waiver.slice(0, 12), '4', 'web', 'promo', ''],
      [history.commits.dropWildcard.slice(0, 12), '6', 'web', 'promo', 'modified'],
    ]);
    expect(rows[1]).toMatchObject({
      date: '2026-01-20T09:30:00+00:00',
      author: 'Bob Builder',
      author_email: 'bob@example.com',
      subject: 'Open the shop to "partners", for now (#2)',
      kind: 'Ingress',
      file: 'apps/shop/ingress.yaml',
      resolved: '',
    });
    expect(rows[1].introduced.split('; ')).toContain('auth-removed (critical)');
    expect(rows[3].waivers).toBe(
      'added config waiver wildcard-host on web/promo by erin until 2026-03-31: campaign sub-domains until the end of Q1',
    );
    expect(rows[4].resolved.split('; ')).toContain('wildcard-host (high) [waived]');
    for (const r of rows) expect(Number(r.posture)).toBeGreaterThanOrEqual(0);
  });

  it('text output names date, commit, author, PR and the findings', async () => {
    const { stdout } = await run(['log']);
    expect(stdout).toContain(
      `2026-01-20T09:30:00+00:00  ${history.commits.dropAuth.slice(0, 12)}  Bob Builder <bob@\u2060example.com>  PR 2`,
    );
    expect(stdout).toMatch(/\+ critical auth-removed {2}Ingress web\/shop/);
    expect(stdout).toContain(
      'waiver: added config waiver wildcard-host on web/promo by erin until 2026-03-31',
    );
  });

  it('refuses formats it cannot write and impossible dates, with exit code 2', async () => {
    expect((await run(['log', '--format', 'mermaid'])).code).toBe(2);
    expect((await run(['log', '--format', 'sarif'])).stderr).toMatch(
      /log --format must be one of text, markdown, json, csv/,
    );
    const bad = await run(['log', '--since', '2026-02-31']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/--since is not a date/);
    expect((await run(['log', '--object', 'a/b/c'])).code).toBe(2);
    expect((await run(['scan', '--format', 'csv'])).code).toBe(2);
  });

  it('an unknown ref is one line on stderr, exit 2', async () => {
    const { code, stderr } = await run(['log', '--ref', 'no-such-branch']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ingress-audit: unknown git ref "no-such-branch"/);
  });
});

describe('ingress-audit inventory', () => {
  async function inventoryJson(
    args: string[],
    now?: string,
  ): Promise<{ entries: InventoryEntry[]; codeowners: string | null; ref: string }> {
    const { code, stdout, stderr } = await run(['inventory', '--format', 'json', ...args], now);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    return JSON.parse(stdout);
  }

  it('lists every entry point at a ref with owners from .github/CODEOWNERS (the root file is shadowed)', async () => {
    const inv = await inventoryJson(['--ref', history.commits.waiver]);
    expect(inv.ref).toBe(history.commits.waiver);
    expect(inv.codeowners).toBe('.github/CODEOWNERS');
    expect(
      inv.entries.map((e) => [e.kind, e.namespace, e.name, e.file, e.line, e.ingressClass, e.owners]),
    ).toEqual([
      ['Ingress', 'web', 'promo', 'apps/promo/ingress.yaml', 1, 'nginx', ['@acme/platform']],
      [
        'Ingress',
        'web',
        'shop',
        'apps/shop/ingress.yaml',
        1,
        'nginx',
        ['@acme/shop-team', 'shop-lead@example.com'],
      ],
    ]);
    const shop = inv.entries[1];
    expect(shop.routes).toEqual([
      expect.objectContaining({
        host: 'shop.example.com',
        path: '/',
        backend: 'web/shop:80',
        tls: true,
        auth: [],
        allowlist: ['10.0.0.0/8'],
        rateLimit: '10 rps',
      }),
    ]);
    expect(shop.tls).toMatchObject({
      coverage: 'full',
      secrets: ['shop-tls'],
      issuer: 'ClusterIssuer/letsencrypt-prod',
    });
    expect(inv.entries[0].issues.map((i) => i.kind).sort()).toEqual(['duplicate', 'stale', 'stale']);
  });

  it('defaults to the working tree', async () => {
    const inv = await inventoryJson([]);
    expect(inv.ref).toBe('working tree');
    expect(inv.entries.find((e) => e.name === 'shop')?.line).toBe(2);
  });

  it('a config waiver holds until its expiry day, then shows as EXPIRED and its finding is open again', async () => {
    const before = await inventoryJson(['--ref', history.commits.waiver], '2026-03-31T18:00:00Z');
    const promoBefore = before.entries.find((e) => e.name === 'promo')!;
    expect(promoBefore.waivers.find((w) => w.rule === 'wildcard-host')).toMatchObject({
      state: 'active',
      by: 'erin',
      matches: 1,
    });
    expect(promoBefore.openRules).not.toContain('wildcard-host');

    const after = await inventoryJson(['--ref', history.commits.waiver], '2026-04-01T06:00:00Z');
    const promoAfter = after.entries.find((e) => e.name === 'promo')!;
    expect(promoAfter.waivers.find((w) => w.rule === 'wildcard-host')).toMatchObject({
      state: 'expired',
      expires: '2026-03-31',
    });
    expect(promoAfter.openRules).toContain('wildcard-host');
    // Exactly the waived high finding reopens; other findings of the object are unaffected by the expiry.
    expect(promoAfter.findings.high).toBe(promoBefore.findings.high + 1);

    const text = await run(['inventory', '--ref', history.commits.waiver], '2026-04-01T06:00:00Z');
    expect(text.stdout).toContain(
      'wildcard-host (config by erin EXPIRED 2026-03-31): campaign sub-domains until the end of Q1',
    );
  });

  it('exports CSV that reads back, one row per route', async () => {
    const { stdout } = await run(['inventory', '--ref', history.commits.waiver, '--format', 'csv']);
    expect(parseCsv(stdout)[0]).toEqual([...INVENTORY_CSV_HEADER]);
    const rows = csvRecords(stdout);
    expect(rows.map((r) => [r.namespace, r.name, r.host, r.path, r.backend, r.tls])).toEqual([
      ['web', 'promo', '*.example.com', '/', 'web/promo:80', 'no'],
      ['web', 'promo', 'shop.example.com', '/', 'web/promo:80', 'no'],
      ['web', 'shop', 'shop.example.com', '/', 'web/shop:80', 'yes'],
    ]);
    expect(rows[2]).toMatchObject({
      owners: "'@acme/shop-team; shop-lead@example.com",
      rate_limit: '10 rps',
      auth: 'none',
    });
  });

  it('draws a mermaid graph of host → path → service', async () => {
    const { stdout } = await run(['inventory', '--ref', history.commits.waiver, '--format', 'mermaid']);
    expect(stdout.split('\n')[0]).toBe('flowchart LR');
    expect(stdout).toContain('["*.example.com"]');
    expect(stdout).toContain('["web/shop:80"]');
  });

  it('limits the inventory to the given paths', async () => {
    const inv = await inventoryJson(['apps/shop']);
    expect(inv.entries.map((e) => e.name)).toEqual(['shop']);
  });

  it('refuses sarif, which has no inventory form', async () => {
    const { code, stderr } = await run(['inventory', '--format', 'sarif']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/inventory --format must be one of text, markdown, json, csv, mermaid/);
  });
});
