/**
 * Benchmark of `ingress-audit log`: commits per second over
 *   1. a synthetic repository of 2,000 first-parent commits (100 apps, merges, docs-only and
 *      comment-only commits) built with `git fast-import`, and
 *   2. the public histories in ../shared/corpus/history/ (pairs of one file before/after a real commit),
 *      replayed as one repository per source repository, when that folder is present.
 * Run: node bench/history.ts [--commits N]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../src/cli/main.ts';

const here = dirname(fileURLToPath(import.meta.url));
const CORPUS = resolve(here, '../../shared/corpus/history');
const args = process.argv.slice(2);
const COMMITS = Number(args[args.indexOf('--commits') + 1]) || 2000;
const APPS = 100;
const AUTHORS = [
  'Alice <alice@example.com>',
  'Bob <bob@example.com>',
  'Carol <carol@example.com>',
  'Dave <dave@example.com>',
];

/** A fast-import stream, written by commands; file contents inline. */
class Stream {
  private parts: string[] = [];
  private marks = 0;
  commit(
    branch: string,
    c: {
      author: string;
      time: number;
      message: string;
      from?: number;
      merge?: number;
      files: Record<string, string | null>;
    },
  ): number {
    const mark = ++this.marks;
    const lines = [
      `commit refs/heads/${branch}`,
      `mark :${mark}`,
      `author ${c.author} ${c.time} +0000`,
      `committer ${c.author} ${c.time} +0000`,
    ];
    lines.push(`data ${Buffer.byteLength(c.message)}`, c.message);
    if (c.from) lines.push(`from :${c.from}`);
    if (c.merge) lines.push(`merge :${c.merge}`);
    for (const [path, content] of Object.entries(c.files)) {
      if (content === null) lines.push(`D ${path}`);
      else lines.push(`M 100644 inline ${path}`, `data ${Buffer.byteLength(content)}`, content);
    }
    this.parts.push(`${lines.join('\n')}\n`);
    return mark;
  }
  text(): string {
    return this.parts.join('');
  }
}

function newRepo(stream: Stream): string {
  const dir = mkdtempSync(join(tmpdir(), 'ingress-audit-bench-'));
  const git = (a: string[], input?: string) => {
    const r = spawnSync('git', a, { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`git ${a[0]} failed: ${r.stderr}`);
  };
  git(['init', '-q', '-b', 'main']);
  git(['fast-import', '--quiet'], stream.text());
  return dir;
}

interface App {
  host: string;
  tls: boolean;
  auth: boolean;
  rps: number;
  comment: number;
  extraPath: boolean;
}

function appYaml(i: number, a: App): string {
  const annotations = [
    a.auth
      ? '    nginx.ingress.kubernetes.io/auth-type: basic\n    nginx.ingress.kubernetes.io/auth-secret: htpasswd\n'
      : '',
    `    nginx.ingress.kubernetes.io/limit-rps: "${a.rps}"\n`,
  ].join('');
  const paths = [
    `          - path: /\n            pathType: Prefix\n            backend: { service: { name: app-${i}, port: { number: 80 } } }\n`,
  ];
  if (a.extraPath)
    paths.push(
      `          - path: /admin\n            pathType: Prefix\n            backend: { service: { name: app-${i}-admin, port: { number: 80 } } }\n`,
    );
  return `# revision ${a.comment}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app-${i}
  namespace: team-${i % 10}
  annotations:
${annotations}spec:
  ingressClassName: nginx
${a.tls ? `  tls:\n    - hosts: ["${a.host}"]\n      secretName: app-${i}-tls\n` : ''}  rules:
    - host: "${a.host}"
      http:
        paths:
${paths.join('')}---
apiVersion: v1
kind: Service
metadata: { name: app-${i}, namespace: team-${i % 10} }
spec: { ports: [{ port: 80 }] }
`;
}

/** 2,000 first-parent commits: 100 apps added, then edits that change exposure, comments, docs and merges. */
function syntheticStream(total: number): { stream: Stream; mainCommits: number } {
  const stream = new Stream();
  const apps: App[] = Array.from({ length: APPS }, (_, i) => ({
    host: `app-${i}.example.com`,
    tls: true,
    auth: i % 3 === 0,
    rps: 10,
    comment: 0,
    extraPath: false,
  }));
  let head = 0;
  const start = Date.UTC(2025, 0, 1) / 1000;
  for (let n = 0; n < total; n++) {
    const time = start + n * 3600;
    const author = AUTHORS[n % AUTHORS.length];
    if (n < APPS) {
      head = stream.commit('main', {
        author,
        time,
        message: `Add app-${n} (#${n + 1})`,
        from: head || undefined,
        files: { [`apps/app-${n}/ingress.yaml`]: appYaml(n, apps[n]) },
      });
      continue;
    }
    const i = (n * 7) % APPS;
    const a = apps[i];
    if (n % 10 === 9) {
      head = stream.commit('main', {
        author,
        time,
        message: `Docs ${n}`,
        from: head,
        files: { 'README.md': `revision ${n}\n` },
      });
      continue;
    }
    switch (n % 5) {
      case 0:
        a.tls = !a.tls;
        break;
      case 1:
        a.auth = !a.auth;
        break;
      case 2:
        a.rps = a.rps === 10 ? 100 : 10;
        break;
      case 3:
        a.comment++;
        break;
      default:
        a.extraPath = !a.extraPath;
    }
    const files = { [`apps/app-${i}/ingress.yaml`]: appYaml(i, a) };
    if (n % 50 === 49) {
      // A pull request merged with a merge commit: the branch commit is off the first-parent line.
      const side = stream.commit(`pr-${n}`, {
        author,
        time: time - 60,
        message: `Change app-${i}`,
        from: head,
        files,
      });
      head = stream.commit('main', {
        author: AUTHORS[0],
        time,
        message: `Merge pull request #${n} from team/pr-${n}`,
        from: head,
        merge: side,
        files: {},
      });
    } else
      head = stream.commit('main', {
        author,
        time,
        message: `Change app-${i} (#${n + 1})`,
        from: head,
        files,
      });
  }
  return { stream, mainCommits: total };
}

interface Meta {
  path: string;
  date: string;
  subject: string;
  change: 'added' | 'modified' | 'deleted';
  commit: string;
}

/** One repository per corpus source: each pair becomes a commit (preceded by its base when the history has a gap). */
function corpusStreams(): { name: string; stream: Stream; pairs: number }[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS)
    .filter((d) => !d.startsWith('.'))
    .map((name) => {
      const pairs = readdirSync(join(CORPUS, name))
        .filter((p) => existsSync(join(CORPUS, name, p, 'meta.json')))
        .map((p) => {
          const dir = join(CORPUS, name, p);
          const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
          return {
            meta: JSON.parse(read('meta.json')) as Meta,
            base: read('base.yaml'),
            head: read('head.yaml'),
            order: p,
          };
        })
        .sort((a, b) => Date.parse(a.meta.date) - Date.parse(b.meta.date) || a.order.localeCompare(b.order));
      const stream = new Stream();
      const current = new Map<string, string>();
      let head = 0;
      let n = 0;
      const commit = (message: string, time: number, files: Record<string, string | null>) => {
        head = stream.commit('main', {
          author: AUTHORS[n++ % AUTHORS.length],
          time,
          message,
          from: head || undefined,
          files,
        });
      };
      for (const { meta, base, head: after } of pairs) {
        const time = Math.floor(Date.parse(meta.date) / 1000);
        if (meta.change !== 'added' && current.get(meta.path) !== base)
          commit(`corpus: ${meta.path} before ${meta.commit.slice(0, 12)}`, time - 1, { [meta.path]: base });
        if (meta.change === 'deleted') current.delete(meta.path);
        else current.set(meta.path, after);
        commit(meta.subject || meta.commit, time, { [meta.path]: meta.change === 'deleted' ? null : after });
      }
      return { name, stream, pairs: pairs.length };
    });
}

/** Wall time, and this process's CPU time (git's own work runs in child processes and is not in it). */
async function timeLog(dir: string): Promise<{
  seconds: number;
  cpu: number;
  commits: number;
  entries: number;
  blobs: number;
  audits: number;
}> {
  let out = '';
  let err = '';
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  const code = await main(['log', '--format', 'json'], {
    stdout: (t) => {
      out += t;
    },
    stderr: (t) => {
      err += t;
    },
    cwd: dir,
    isTTY: false,
    env: {},
    now: new Date('2026-06-01T00:00:00Z'),
  });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpuStart);
  const cpu = (used.user + used.system) / 1e6;
  if (code !== 0) throw new Error(`log failed in ${dir}: ${err}`);
  const parsed = JSON.parse(out) as {
    entries: unknown[];
    stats: { commits: number; blobsScanned: number; audits: number };
  };
  return {
    seconds,
    cpu,
    commits: parsed.stats.commits,
    entries: parsed.entries.length,
    blobs: parsed.stats.blobsScanned,
    audits: parsed.stats.audits,
  };
}

const rate = (commits: number, seconds: number) => Math.round(commits / seconds);

const built = performance.now();
const { stream } = syntheticStream(COMMITS);
const synthetic = newRepo(stream);
const buildSeconds = (performance.now() - built) / 1000;
try {
  const r = await timeLog(synthetic);
  console.log(
    `synthetic: ${COMMITS} first-parent commits (built in ${buildSeconds.toFixed(1)} s), ${r.commits} touch manifests → ` +
      `log in ${r.seconds.toFixed(2)} s = ${rate(r.commits, r.seconds)} commits/s ` +
      `(${rate(r.commits, r.cpu)} per CPU-second of the node process) ` +
      `(${r.entries} timeline entries, ${r.blobs} blobs scanned, ${r.audits} commits audited)`,
  );
} finally {
  rmSync(synthetic, { recursive: true, force: true });
}

const corpus = corpusStreams();
if (corpus.length === 0) console.log(`corpus: ${CORPUS} not found, skipped`);
else {
  let commits = 0;
  let seconds = 0;
  let cpu = 0;
  let pairs = 0;
  let entries = 0;
  for (const source of corpus) {
    const dir = newRepo(source.stream);
    try {
      const r = await timeLog(dir);
      commits += r.commits;
      seconds += r.seconds;
      cpu += r.cpu;
      entries += r.entries;
      pairs += source.pairs;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(
    `corpus: ${corpus.length} repositories, ${pairs} real commit pairs replayed as ${commits} commits → ` +
      `log in ${seconds.toFixed(2)} s = ${rate(commits, seconds)} commits/s ` +
      `(${rate(commits, cpu)} per CPU-second of the node process; ${entries} timeline entries)`,
  );
}
