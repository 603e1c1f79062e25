/** `npm run app` (src/app/main.ts) as a real process: starts from the environment, answers, stops on SIGTERM. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { generateAppKey } from './support/app-github-server.ts';

const MAIN = new URL('../../src/app/main.ts', import.meta.url).pathname;
let child: ChildProcess | null = null;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = null;
});

function start(env: Record<string, string>) {
  child = spawn(process.execPath, ['--experimental-strip-types', '--no-warnings', MAIN], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => {
    stdout += d;
  });
  child.stderr?.on('data', (d) => {
    stderr += d;
  });
  return { proc: child, out: () => stdout, err: () => stderr };
}

describe('the App entry point', () => {
  it('listens on PORT, answers health checks, refuses unsigned webhooks and exits cleanly on SIGTERM', async () => {
    const app = start({
      APP_ID: '1',
      PRIVATE_KEY: generateAppKey(),
      WEBHOOK_SECRET: 's3cret',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
    });
    const deadline = Date.now() + 15_000;
    while (!/listening on (http:\/\/\S+)/.test(app.out()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const url = /listening on (http:\/\/[^/\s]+)(\S*)/.exec(app.out());
    expect(url, app.err()).not.toBeNull();
    const [, origin, path] = url as RegExpExecArray;
    expect(path).toBe('/api/github/webhooks');

    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    const unsigned = await fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping', 'x-github-delivery': '1' },
      body: '{}',
    });
    expect(unsigned.status).toBe(400);

    app.proc.kill('SIGTERM');
    const [code] = await once(app.proc, 'exit');
    expect(code).toBe(0);
  });

  it('exits with 2 and names the missing settings', async () => {
    const app = start({ APP_ID: '1' });

    const [code] = await once(app.proc, 'exit');

    expect(code).toBe(2);
    expect(app.err()).toContain('missing environment: PRIVATE_KEY or PRIVATE_KEY_PATH, WEBHOOK_SECRET');
  });
});
