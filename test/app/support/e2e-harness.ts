/**
 * End-to-end harness: the real App server (src/app/server.ts) on 127.0.0.1, pointed at the local GitHub
 * test server through GHE_HOST, receiving webhooks over HTTP signed with the secret.
 */
import { randomUUID } from 'node:crypto';
import { type RunningServer, type ServerOptions, startServer } from '../../../src/app/server.ts';
import { APP_ID, type AppGitHubServer, generateAppKey, startAppGitHubServer } from './app-github-server.ts';
import { sign } from './payloads.ts';

export const SECRET = 'e2e-webhook-secret';

export interface Harness {
  gh: AppGitHubServer;
  app: RunningServer;
  /** POSTs a webhook; `signature: null` sends none, a string sends that one instead of the right one. */
  deliver(
    name: string,
    payload: unknown,
    opts?: { id?: string; signature?: string | null },
  ): Promise<{ status: number; text: string }>;
  /**
   * Waits until the App is done: every check run completed and no request for `quietMs`. (A webhook
   * answer comes when the handler finishes, or with a 202 after 9 s while it keeps working.)
   */
  settle(quietMs?: number): Promise<void>;
  close(): Promise<void>;
}

let key: string | null = null;

export async function startHarness(
  env: Record<string, string> = {},
  server: Pick<ServerOptions, 'inProgressAfterMs'> = {},
): Promise<Harness> {
  key ??= generateAppKey();
  const gh = await startAppGitHubServer({ privateKey: key });
  const app = await startServer({
    env: {
      APP_ID: String(APP_ID),
      PRIVATE_KEY: key,
      WEBHOOK_SECRET: SECRET,
      GHE_HOST: gh.host,
      GHE_PROTOCOL: 'http',
      LOG_LEVEL: 'silent',
      ...env,
    },
    port: 0,
    host: '127.0.0.1',
    // Backoff in milliseconds instead of seconds: same retries, fast tests.
    retryAfterBaseValue: 5,
    ...server,
  });
  return {
    gh,
    app,
    async deliver(name, payload, opts = {}) {
      const body = JSON.stringify(payload);
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'x-github-event': name,
        'x-github-delivery': opts.id ?? randomUUID(),
      };
      const signature = opts.signature === undefined ? sign(SECRET, body) : opts.signature;
      if (signature !== null) headers['x-hub-signature-256'] = signature;
      const response = await fetch(`${app.url}${app.webhookPath}`, { method: 'POST', headers, body });
      return { status: response.status, text: await response.text() };
    },
    async settle(quietMs = 400) {
      const deadline = Date.now() + 25_000;
      let seen = -1;
      for (;;) {
        const busy = gh.state.checkRuns.some((r) => r.status !== 'completed');
        if (!busy && gh.requests.length === seen) return;
        if (Date.now() > deadline) throw new Error('the App did not settle within 25 s');
        seen = gh.requests.length;
        await new Promise((resolve) => setTimeout(resolve, quietMs));
      }
    },
    async close() {
      await app.close();
      await gh.close();
    },
  };
}
