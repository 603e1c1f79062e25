/**
 * The shared GitHub test server (test/support/github-server.ts) plus what only a GitHub App needs: App
 * authentication (GET /app and installation tokens, with the App JWT verified against the test key), the
 * check runs of a ref, the contents API for the config file, a PR's reviews and team memberships. Everything else is passed through to
 * the shared server, so its faults, validation and request counts still apply. Test support, not product.
 */
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Actor, type GitHubServer, startGitHubServer } from '../../support/github-server.ts';

// biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON
type Json = any;

export const APP_ID = 4242;
export const INSTALLATION_ID = 77;
export const APP_SLUG = 'ingress-audit';

/** A throwaway RSA key for the App JWT (PKCS#1 PEM, the format GitHub hands out). */
export function generateAppKey(): string {
  const { privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return privateKey;
}

function verifyJwt(token: string, publicKeyPem: string): boolean {
  const [header, payload, signature] = token.split('.');
  if (!header || !payload || !signature) return false;
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey(publicKeyPem),
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as {
    iss?: unknown;
    exp?: number;
  };
  return String(claims.iss) === String(APP_ID) && (claims.exp ?? 0) * 1000 > Date.now();
}

export async function startAppGitHubServer(options: { privateKey: string; bot?: Actor }) {
  const inner: GitHubServer = await startGitHubServer({
    bot: options.bot ?? { login: `${APP_SLUG}[bot]`, type: 'Bot' },
  });
  const publicKey = createPublicKey(options.privateKey).export({ type: 'spki', format: 'pem' }).toString();
  const token = 'ghs_installation_token_for_tests';
  /** `.github/ingress-audit.yml` text per commit SHA (and per `owner/repo` for the org fallback). */
  const configs = new Map<string, string>();
  const counts = new Map<string, number>();
  /** Reviews by people, per PR, oldest first (GitHub's order). */
  const reviews = new Map<number, { id: number; user: { login: string }; state: string }[]>();
  /** `org/team` (lower case) → member logins. */
  const teams = new Map<string, string[]>();
  let nextReviewId = 5000;
  /** Every request in arrival order, with its JSON body (to check what was sent, and in which order). */
  const requests: { method: string; path: string; query: URLSearchParams; body: Json }[] = [];
  let badAuth = 0;

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  };
  const json = (status: number, body: unknown) => ({
    status,
    body: JSON.stringify(body),
    type: 'application/json; charset=utf-8',
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '');
    const auth = req.headers.authorization ?? '';
    const body = await readBody(req);
    let parsed: Json;
    try {
      parsed = body.length > 0 ? JSON.parse(body.toString('utf8')) : undefined;
    } catch {
      parsed = body.toString('utf8');
    }
    requests.push({ method: req.method ?? 'GET', path, query: url.searchParams, body: parsed });
    const answer = (a: { status: number; body?: string; type?: string }) => {
      res.writeHead(a.status, { 'content-type': a.type ?? 'application/json; charset=utf-8' });
      res.end(a.body);
    };
    const count = (key: string) => counts.set(key, (counts.get(key) ?? 0) + 1);

    // App-level endpoints: JWT only.
    if (path === '/app' || /^\/app\/installations\/\d+\/access_tokens$/.test(path)) {
      count(path === '/app' ? 'GET /app' : 'POST /app/installations/{id}/access_tokens');
      if (!auth.toLowerCase().startsWith('bearer ') || !verifyJwt(auth.slice(7), publicKey)) {
        badAuth += 1;
        return answer(json(401, { message: 'A JSON web token could not be decoded' }));
      }
      if (path === '/app')
        return answer(
          json(200, { id: APP_ID, slug: APP_SLUG, name: 'ingress-audit', owner: { login: 'acme' } }),
        );
      if (!path.includes(`/${INSTALLATION_ID}/`)) return answer(json(404, { message: 'Not Found' }));
      return answer(
        json(201, {
          token,
          expires_at: new Date(Date.now() + 3600_000).toISOString(),
          permissions: {
            checks: 'write',
            pull_requests: 'write',
            issues: 'write',
            contents: 'read',
            metadata: 'read',
          },
          repository_selection: 'all',
        }),
      );
    }
    // Everything else needs the installation token.
    if (auth !== `token ${token}`) {
      badAuth += 1;
      return answer(json(401, { message: 'Bad credentials' }));
    }
    const checkRuns = /^\/repos\/([^/]+)\/([^/]+)\/commits\/([^/]+)\/check-runs$/.exec(path);
    if (req.method === 'GET' && checkRuns) {
      count('GET /repos/{owner}/{repo}/commits/{ref}/check-runs');
      const name = url.searchParams.get('check_name');
      const runs = inner.state.checkRuns
        .filter((r) => r.head_sha === checkRuns[3] && (name === null || r.name === name))
        .map((r) => ({ ...r, app: { id: APP_ID, slug: APP_SLUG } }));
      return answer(json(200, { total_count: runs.length, check_runs: runs }));
    }
    const listReviews = /^\/repos\/([^/]+)\/([^/]+)\/pulls\/(\d+)\/reviews$/.exec(path);
    if (req.method === 'GET' && listReviews) {
      count('GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews');
      const all = reviews.get(Number(listReviews[3])) ?? [];
      const perPage = Number(url.searchParams.get('per_page') ?? 30);
      return answer(json(200, all.slice(0, perPage)));
    }
    const membership = /^\/orgs\/([^/]+)\/teams\/([^/]+)\/memberships\/([^/]+)$/.exec(path);
    if (req.method === 'GET' && membership) {
      count('GET /orgs/{org}/teams/{team_slug}/memberships/{username}');
      const [, org, slug, user] = membership;
      const members = teams.get(`${org}/${slug}`.toLowerCase()) ?? [];
      if (!members.includes(user.toLowerCase())) return answer(json(404, { message: 'Not Found' }));
      return answer(json(200, { role: 'member', state: 'active', url: '' }));
    }
    const contents = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(path);
    if (req.method === 'GET' && contents) {
      count('GET /repos/{owner}/{repo}/contents/{path}');
      const [, owner, repo, file] = contents;
      const ref = url.searchParams.get('ref');
      const text =
        decodeURIComponent(file) !== '.github/ingress-audit.yml'
          ? undefined
          : repo === inner.repo && owner === inner.owner
            ? configs.get(ref ?? 'default')
            : configs.get(`${owner}/${repo}`);
      if (text === undefined) return answer(json(404, { message: 'Not Found' }));
      return answer({ status: 200, body: text, type: 'application/vnd.github.raw; charset=utf-8' });
    }
    // Pass through to the shared server.
    const forwarded = httpRequest(
      {
        host: '127.0.0.1',
        port: new URL(inner.url).port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      },
    );
    forwarded.on('error', () => answer(json(502, { message: 'upstream failed' })));
    forwarded.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    ...inner,
    /** For GHE_HOST (with GHE_PROTOCOL=http). */
    host,
    url: `http://${host}`,
    gheUrl: `http://${host}/api/v3`,
    installationToken: token,
    requests,
    /** Serves `.github/ingress-audit.yml` at `ref` (a commit SHA), or in `owner/.github` for the org fallback. */
    setConfig(refOrRepo: string, text: string) {
      configs.set(refOrRepo, text);
    },
    /** A review by a person on PR `pull_number` (`APPROVED`, `CHANGES_REQUESTED`, `COMMENTED`, `DISMISSED`). */
    addReview(pull_number: number, login: string, state: string) {
      const list = reviews.get(pull_number) ?? [];
      list.push({ id: nextReviewId++, user: { login }, state });
      reviews.set(pull_number, list);
    },
    /** Members of the team `org/slug`. */
    setTeam(team: string, members: string[]) {
      teams.set(
        team.toLowerCase(),
        members.map((m) => m.toLowerCase()),
      );
    },
    /** Requests received by the shared server (per route) or by the App endpoints added here. */
    count(route?: string) {
      if (route && counts.has(route)) return counts.get(route) ?? 0;
      if (route) return inner.count(route);
      return inner.count() + [...counts.values()].reduce((a, b) => a + b, 0);
    },
    resetCounts() {
      counts.clear();
      inner.resetCounts();
    },
    /** Requests refused for a missing or wrong token / JWT. */
    get badAuth() {
      return badAuth;
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await inner.close();
    },
  };
}

export type AppGitHubServer = Awaited<ReturnType<typeof startAppGitHubServer>>;
