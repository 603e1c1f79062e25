/**
 * The App's webhook server: Probot's node middleware on node:http, configured from the environment
 * (CONTRACTS.md "Running the App"). Stateless: any number of replicas can run behind a load balancer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createNodeMiddleware, createProbot, ProbotOctokit } from 'probot';
import { clientThrottle, throttleGroups } from '../github/throttle-groups.ts';
import { parseAllowlist } from './allowlist.ts';
import { ingressAuditApp } from './app.ts';

type ProbotOctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

export const DEFAULT_WEBHOOK_PATH = '/api/github/webhooks';

export interface ServerOptions {
  /** Default process.env: APP_ID, PRIVATE_KEY | PRIVATE_KEY_PATH, WEBHOOK_SECRET, PORT, HOST, LOG_LEVEL,
   * GHE_HOST, GHE_PROTOCOL, WEBHOOK_PATH, APP_SLUG, DOCS_BASE_URL, ALLOWED_REPOS, ALLOWED_INSTALLATIONS. */
  env?: Record<string, string | undefined>;
  /** Overrides PORT (0 = any free port). */
  port?: number;
  /** Overrides HOST (default 0.0.0.0). */
  host?: string;
  /** GitHub API resilience: retries of 5xx answers and rate limits, and the backoff unit in ms (default 1000). */
  retries?: number;
  retryAfterBaseValue?: number;
  now?: () => Date;
  /** How long an audit may run before its check run is marked in progress (default 1000 ms; 0 = at once). */
  inProgressAfterMs?: number;
}

export interface RunningServer {
  /** e.g. http://127.0.0.1:3000 */
  url: string;
  webhookPath: string;
  close(): Promise<void>;
}

/** The settings the server cannot run without, checked up front with a message that says which. */
export function missingSettings(env: Record<string, string | undefined>): string[] {
  const missing: string[] = [];
  if (!env.APP_ID) missing.push('APP_ID');
  if (!env.PRIVATE_KEY && !env.PRIVATE_KEY_PATH) missing.push('PRIVATE_KEY or PRIVATE_KEY_PATH');
  // Without a secret anyone could post forged events; Probot would accept them.
  if (!env.WEBHOOK_SECRET) missing.push('WEBHOOK_SECRET');
  return missing;
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const missing = missingSettings(env);
  if (missing.length > 0) throw new Error(`missing environment: ${missing.join(', ')} (see docs/app.md)`);

  const retries = options.retries ?? 3;
  const limited =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      octokit: { log: { warn(m: string): void } },
      retryCount: number,
    ) => {
      // Bounded, unlike Probot's default: a run that would wait for minutes is better concluded neutral.
      const retrying = retryCount < retries && retryAfter <= 120;
      octokit.log.warn(
        `${kind} on ${request.method} ${request.url}: ${retrying ? `retrying in ${retryAfter}s` : 'giving up'}`,
      );
      return retrying;
    };
  const backoff = options.retryAfterBaseValue ?? 1000;
  // One set of groups for every client of this server, keyed by installation as the plugin's own are.
  const groups = throttleGroups();
  // A function, so it applies after Probot's own defaults (whose secondary-limit handler never retries),
  // also for the per-installation clients Probot derives (keeping their throttle id).
  const Octokit = ProbotOctokit.defaults((instance: ProbotOctokitOptions) => ({
    ...instance,
    retry: { retries, retryAfterBaseValue: backoff, ...instance.retry },
    throttle: {
      ...instance.throttle,
      retryAfterBaseValue: backoff,
      ...groups,
      ...clientThrottle(),
      onRateLimit: limited('rate limit'),
      onSecondaryRateLimit: limited('secondary rate limit'),
    },
  })) as typeof ProbotOctokit;
  const probot = createProbot({
    env: { ...env, LOG_LEVEL: (env.LOG_LEVEL ?? 'info') as NodeJS.ProcessEnv['LOG_LEVEL'] },
    overrides: { Octokit },
  });
  const webhookPath = env.WEBHOOK_PATH || DEFAULT_WEBHOOK_PATH;
  const appId = Number(env.APP_ID);
  const middleware = await createNodeMiddleware(
    ingressAuditApp({
      now: options.now,
      inProgressAfterMs: options.inProgressAfterMs,
      allow: parseAllowlist(env),
      slug: env.APP_SLUG || undefined,
      appId: Number.isInteger(appId) ? appId : undefined,
      docsBaseUrl: env.DOCS_BASE_URL || undefined,
    }),
    { probot, webhooksPath: webhookPath },
  );

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET' && (req.url === '/healthz' || req.url === '/ping')) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n');
      return;
    }
    void middleware(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    });
  });
  const port = options.port ?? Number(env.PORT ?? 3000);
  const host = options.host ?? env.HOST ?? '0.0.0.0';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.address.includes(':') ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    webhookPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
