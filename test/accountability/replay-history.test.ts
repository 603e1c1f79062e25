import { describe, expect, it } from 'vitest';
import { pullRequestNumber } from '../../src/core/history/pull-request-number.ts';
import { renderObjectHistory } from '../../src/core/history/render-object-history.ts';
import { replayHistory } from '../../src/core/history/replay-history.ts';
import type { HistoryCommit } from '../../src/core/history/timeline.ts';
import { timelineForObject } from '../../src/core/history/timeline-for-object.ts';
import { configSchema } from '../../src/core/policy/config-schema.ts';
import { auditYaml, NOW } from '../support/audit-yaml.ts';
import { ingressYaml } from '../support/ingress-yaml.ts';

const ingress = (name: string, host: string, tls: boolean) =>
  ingressYaml({ name, namespace: 'web', tls, host, backend: 'flow', quoteHosts: true });

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: { name: api, namespace: web }
spec: { template: { spec: { containers: [{ name: api, image: api:1 }] } } }
`;

const blobs = new Map<string, string>([
  ['b-tls', ingress('api', 'api.example.com', true)],
  ['b-plain', ingress('api', 'api.example.com', false)],
  ['b-plain-commented', `# reviewed\n${ingress('api', 'api.example.com', false)}`],
  ['b-deploy', deployment],
  ['b-wild', ingress('promo', '*.example.com', true)],
]);

const commit = (
  sha: string,
  date: string,
  message: string,
  changes: HistoryCommit['changes'],
): HistoryCommit => ({
  sha,
  date,
  author: `author-of-${sha}`,
  authorEmail: `${sha}@example.com`,
  message,
  changes,
});

const config = configSchema.parse({});

describe('replaying a history', () => {
  // previousBlob is left out, as the GitHub commits API gives it: the replay remembers each path's blob.
  const commits = [
    commit('c1', '2026-01-01T00:00:00Z', 'Add api (#1)', [{ path: 'api.yaml', blob: 'b-tls' }]),
    commit('c2', '2026-01-02T00:00:00Z', 'Drop TLS (#2)', [{ path: 'api.yaml', blob: 'b-plain' }]),
    commit('c3', '2026-01-03T00:00:00Z', 'Comment only', [{ path: 'api.yaml', blob: 'b-plain-commented' }]),
    commit('c4', '2026-01-04T00:00:00Z', 'Move', [
      { path: 'apps/api.yaml', previousPath: 'api.yaml', blob: 'b-plain-commented' },
    ]),
    commit('c5', '2026-01-05T00:00:00Z', 'Add a deployment', [{ path: 'deploy.yaml', blob: 'b-deploy' }]),
    commit('c6', '2026-01-06T00:00:00Z', 'Merge pull request #7 from team/cleanup', [
      { path: 'apps/api.yaml', blob: null },
    ]),
  ];
  const timeline = replayHistory(commits, blobs, { config, now: NOW });

  it('lists only the commits that changed an exposure, oldest first', () => {
    expect(timeline.entries.map((e) => e.commit)).toEqual(['c1', 'c2', 'c6']);
    expect(timeline.entries.map((e) => e.objects.map((o) => `${o.change} ${o.namespace}/${o.name}`))).toEqual(
      [['added web/api'], ['modified web/api'], ['removed web/api']],
    );
  });

  it('carries date, author, e-mail, subject and the pull request number of each commit', () => {
    const [first, , last] = timeline.entries;
    expect(first).toMatchObject({
      date: '2026-01-01T00:00:00Z',
      author: 'author-of-c1',
      authorEmail: 'c1@example.com',
      subject: 'Add api (#1)',
      pullRequest: 1,
    });
    expect(last.pullRequest).toBe(7);
  });

  it('reports the findings a commit introduced and the ones it resolved', () => {
    const dropTls = timeline.entries[1];
    expect(dropTls.introduced.map((f) => [f.ruleId, f.severity, f.status])).toContainEqual([
      'tls-removed',
      'high',
      'introduced',
    ]);
    expect(dropTls.introduced.every((f) => f.object?.name === 'api')).toBe(true);
    const removal = timeline.entries[2];
    expect(removal.resolved.map((f) => f.ruleId)).toContain('tls-missing');
  });

  it('parses each blob once and audits only the commits that change an object', () => {
    expect(timeline.stats).toEqual({ commits: 6, blobsScanned: 4, audits: 3 });
  });

  it('tracks the posture after each change, continuous across skipped commits', () => {
    const scan = (blob: string) => auditYaml(undefined, { 'x.yaml': blobs.get(blob)! }).risk.headPosture;
    expect(timeline.entries.map((e) => [e.postureBefore, e.posture])).toEqual([
      [0, scan('b-tls')],
      [scan('b-tls'), scan('b-plain')],
      [scan('b-plain-commented'), 0],
    ]);
    expect(scan('b-plain')).toBeGreaterThan(scan('b-tls'));
  });

  it('starts from the files before the first commit when given (history cut by --since)', () => {
    const cut = replayHistory(commits.slice(1), blobs, {
      config,
      now: NOW,
      initial: new Map([['api.yaml', 'b-tls']]),
    });
    expect(cut.entries[0]).toMatchObject({ commit: 'c2', objects: [{ change: 'modified' }] });
    expect(cut.entries[0].postureBefore).toBe(timeline.entries[1].postureBefore);
  });

  it('uses previousBlob from the source over what it remembers', () => {
    const replay = replayHistory(
      [
        commit('x', '2026-01-01T00:00:00Z', 'Drop TLS', [
          { path: 'api.yaml', blob: 'b-plain', previousBlob: 'b-tls' },
        ]),
      ],
      blobs,
      { config, now: NOW },
    );
    expect(replay.entries[0].objects.map((o) => o.change)).toEqual(['modified']);
  });

  it('ignores paths that do not match', () => {
    const replay = replayHistory(commits, blobs, { config, now: NOW, matches: (p) => p.startsWith('apps/') });
    expect(replay.entries.map((e) => e.commit)).toEqual(['c4', 'c6']);
    expect(replay.entries[0].objects.map((o) => o.change)).toEqual(['added']);
  });
});

describe('waivers over history', () => {
  const waiverYaml = (expires: string) =>
    `waivers:\n  - rule: wildcard-host\n    object: web/promo\n    reason: campaign\n    expires: ${expires}\n`;
  const store = new Map([...blobs, ['cfg-1', waiverYaml('2026-02-15')]]);
  const commits = [
    commit('w1', '2026-02-01T00:00:00Z', 'Accept the promo wildcard (#3)', [
      { path: '.github/ingress-audit.yml', blob: 'cfg-1' },
    ]),
    commit('w2', '2026-02-10T00:00:00Z', 'Add promo (#4)', [{ path: 'promo.yaml', blob: 'b-wild' }]),
    commit('w3', '2026-03-01T00:00:00Z', 'Drop promo (#5)', [{ path: 'promo.yaml', blob: null }]),
  ];
  const timeline = replayHistory(commits, store, {
    config,
    now: NOW,
    configPath: '.github/ingress-audit.yml',
  });

  it('shows a config waiver when it is committed, with who (the committer when the entry names nobody), why and expiry', () => {
    expect(timeline.entries[0].commit).toBe('w1');
    expect(timeline.entries[0].waivers).toEqual([
      {
        change: 'added',
        waiver: {
          rule: 'wildcard-host',
          object: 'web/promo',
          reason: 'campaign',
          by: 'author-of-w1',
          at: '2026-02-01',
          expires: '2026-02-15',
          source: 'config',
        },
      },
    ]);
  });

  it('judges each commit at its own date: waived before the expiry, reported as expired after it', () => {
    const added = timeline.entries[1].introduced.find((f) => f.ruleId === 'wildcard-host');
    expect(added?.waived).toMatchObject({ source: 'config', reason: 'campaign' });
    const resolved = timeline.entries[2].resolved.find((f) => f.ruleId === 'wildcard-host');
    expect(resolved?.waived).toBeNull();
    expect(resolved?.expiredWaiver).toMatchObject({ expires: '2026-02-15' });
  });

  it('narrows the timeline to one object, keeping waivers that name it', () => {
    const promo = timelineForObject(timeline.entries, 'web/promo');
    expect(promo.map((e) => e.commit)).toEqual(['w1', 'w2', 'w3']);
    expect(timelineForObject(timeline.entries, 'web/other')).toEqual([]);
  });

  it('renders one object history as markdown for the App, newest first', () => {
    const md = renderObjectHistory(commits, store, {
      config,
      now: NOW,
      configPath: '.github/ingress-audit.yml',
      object: 'web/promo',
      commitUrl: (sha) => `https://github.com/o/r/commit/${sha}`,
      pullUrl: (n) => `https://github.com/o/r/pull/${n}`,
    });
    expect(md).toContain('### Exposure history of web/promo');
    const rows = md.split('\n').filter((l) => l.startsWith('| 2026'));
    expect(rows.map((r) => r.slice(2, 12))).toEqual(['2026-03-01', '2026-02-10', '2026-02-01']);
    expect(rows[0]).toContain('[`w3`](https://github.com/o/r/commit/w3)');
    expect(rows[0]).toContain('[#5](https://github.com/o/r/pull/5)');
  });
});

describe('pull request numbers in commit messages', () => {
  it.each([
    ['Merge pull request #123 from org/branch', 123],
    ['Fix TLS (#45)', 45],
    ['Bump (#3) and more (#46)', 46],
    ['Mentions #9 without parentheses', null],
    ['Subject\n\n(#77) only in the body', null],
  ])('%j → %s', (message, expected) => {
    expect(pullRequestNumber(message)).toBe(expected);
  });
});
