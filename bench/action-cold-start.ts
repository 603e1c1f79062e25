/**
 * Cold start of the bundled Action (`node bench/action-cold-start.ts`, Node 24): the whole step on a
 * one-file PR against a local GitHub-compatible server, next to `node -e 0` (Node's own start-up) and
 * to the same bundle minified. Prints best-of-N wall times and ratios. Not a test.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleText } from '../scripts/build.ts';
import { startGitHubServer } from '../test/support/github-server.ts';

const RUNS = Number(process.env.RUNS ?? 7);
const BASE = 'b'.repeat(40);
const HEAD = 'c'.repeat(40);
const INGRESS = (host: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: { name: shop, namespace: web }\nspec:\n  ingressClassName: nginx\n  tls: [{ hosts: ["${host}"], secretName: t }]\n  rules:\n    - host: "${host}"\n      http: { paths: [{ path: /, pathType: Prefix, backend: { service: { name: shop, port: { number: 80 } } } }] }\n`;

function time(args: string[], env: Record<string, string>): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { env }, (error) => {
      const ms = performance.now() - start;
      // 1: the change fails the policy; 2: no event (load-only run). Both are expected here.
      if (error && ![1, 2].includes((error as { code?: number }).code ?? 0)) reject(error);
      else resolve(ms);
    }),
  );
}

async function best(n: number, fn: () => Promise<number>): Promise<number> {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) min = Math.min(min, await fn());
  return min;
}

const dir = await mkdtemp(join(tmpdir(), 'ia-cold-start-'));
const server = await startGitHubServer();
try {
  server.addCommit(BASE, { 'apps/shop/ingress.yaml': INGRESS('shop.example.com') });
  server.addCommit(HEAD, { 'apps/shop/ingress.yaml': INGRESS('*.example.com') }, [BASE]);
  server.addPull({ number: 1, base: BASE, head: HEAD });
  const plain = join(dir, 'action.js');
  const minified = join(dir, 'action.min.js');
  await writeFile(plain, await bundleText());
  await writeFile(minified, await bundleText({ minify: true }));
  const event = join(dir, 'event.json');
  await writeFile(
    event,
    JSON.stringify({
      pull_request: {
        number: 1,
        head: { sha: HEAD, repo: { full_name: 'acme/gitops' } },
        base: { sha: BASE, ref: 'main', repo: { full_name: 'acme/gitops' } },
        user: { login: 'octocat' },
      },
    }),
  );
  const env = {
    PATH: process.env.PATH ?? '',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/gitops',
    GITHUB_API_URL: server.url,
    RUNNER_TEMP: dir,
    'INPUT_GITHUB-TOKEN': 'ghs_bench',
  };
  const nodeOnly = await best(RUNS, () => time(['-e', '0'], env));
  const loadOnly = await best(RUNS, () => time([plain], { PATH: env.PATH }));
  const loadOnlyMin = await best(RUNS, () => time([minified], { PATH: env.PATH }));
  const full = await best(RUNS, () => time([plain], env));
  const fullMin = await best(RUNS, () => time([minified], env));
  const row = (name: string, ms: number) =>
    console.log(
      `${name.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms   ${(ms / nodeOnly).toFixed(1).padStart(5)}x node -e 0`,
    );
  console.log(`best of ${RUNS}; bundle ${(Buffer.byteLength(await bundleText()) / 1024).toFixed(0)} KiB`);
  row('node -e 0', nodeOnly);
  row('load the bundle, no event (exits at once)', loadOnly);
  row('load the minified bundle, no event', loadOnlyMin);
  row('one-file PR, check run (bundle)', full);
  row('one-file PR, check run (minified bundle)', fullMin);
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
