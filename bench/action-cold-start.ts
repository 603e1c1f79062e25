/**
 * Cold start of the bundled Action (`node bench/action-cold-start.ts`, Node 24): the whole step on a
 * one-file PR against a local GitHub-compatible server, next to `node -e 0` (Node's own start-up) and
 * to the same bundle minified. Prints best-of-N wall times and ratios, and the cost of one request
 * through our Octokit next to plugin-throttling's own limiters and to bare fetch. Not a test.
 * `--profile` also runs the step once under `node --cpu-prof` and prints self time by place.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import { bundleText } from '../scripts/build.ts';
import { createOctokit } from '../src/github/create-octokit.ts';
import { startGitHubServer } from '../test/support/github-server.ts';
import { selfTimeByPlace } from './cpu-profile-summary.ts';

const RUNS = Number(process.env.RUNS ?? 7);
const PROFILE = process.argv.includes('--profile');
const REQUESTS = 50;
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

/** Milliseconds per request, best of 3 rounds of REQUESTS sequential reads of one pull request. */
async function perRequest(get: () => Promise<unknown>): Promise<number> {
  await get(); // connection and lazy set-up out of the way
  return best(3, async () => {
    const start = performance.now();
    for (let i = 0; i < REQUESTS; i++) await get();
    return (performance.now() - start) / REQUESTS;
  });
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

  const pull = { owner: 'acme', repo: 'gitops', pull_number: 1 };
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const ours = createOctokit({ baseUrl: server.url, log: quiet });
  const pluginDefaults = new (Octokit.plugin(throttling, retry))({
    baseUrl: server.url,
    log: quiet,
    throttle: { onRateLimit: () => false, onSecondaryRateLimit: () => false },
  });
  const perRow = (name: string, ms: number) =>
    console.log(`${name.padEnd(44)} ${ms.toFixed(2).padStart(6)} ms`);
  console.log(`one request (GET a pull request on 127.0.0.1), best of 3 × ${REQUESTS}:`);
  perRow(
    '  plugin-throttling + retry, their limiters',
    await perRequest(() => pluginDefaults.rest.pulls.get(pull)),
  );
  perRow('  createOctokit (our limiters)', await perRequest(() => ours.rest.pulls.get(pull)));
  perRow(
    '  fetch alone',
    await perRequest(() => fetch(`${server.url}/repos/acme/gitops/pulls/1`).then((r) => r.text())),
  );

  if (PROFILE) {
    const profiles = join(dir, 'profiles');
    await time(['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', profiles, plain], env);
    const [file] = await readdir(profiles);
    const profile = JSON.parse(await readFile(join(profiles, file), 'utf8'));
    console.log('one-file PR under --cpu-prof, self time by place (profiling slows the run):');
    for (const [place, ms] of selfTimeByPlace(profile, 'action.js', await readFile(plain, 'utf8')).slice(
      0,
      15,
    ))
      console.log(`${ms.toFixed(1).padStart(8)} ms  ${place}`);
  }
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
