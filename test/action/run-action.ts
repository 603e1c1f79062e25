/**
 * Runs the bundled Action as the runner would: a child `node` process with the runner's environment
 * (event file, output and summary files, INPUT_* variables, an API URL). The bundle is built from the
 * current sources once per test file, exactly as `npm run build` builds dist/action.js.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleText } from '../../scripts/build.ts';

let bundled: Promise<string> | null = null;
const dirs: string[] = [];

/** The bundle, written once to a temp file (the same text `npm run build` writes to dist/action.js). */
export function bundlePath(): Promise<string> {
  bundled ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ia-bundle-'));
    dirs.push(dir);
    const file = join(dir, 'action.js');
    await writeFile(file, await bundleText());
    return file;
  })();
  return bundled;
}

export async function cleanupActionRuns(): Promise<void> {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  bundled = null;
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error`/`::warning`/`::notice` lines, parsed. */
  annotations: { level: string; props: Record<string, string>; message: string }[];
  runnerTemp: string;
  ms: number;
}

/** Reads `name<<DELIM … DELIM` blocks back, as the runner does. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!m) continue;
    const end = lines.indexOf(m[2], i + 1);
    out[m[1]] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

const unescapeCommand = (s: string) =>
  s
    .replace(/%0D/g, '\r')
    .replace(/%0A/g, '\n')
    .replace(/%3A/g, ':')
    .replace(/%2C/g, ',')
    .replace(/%25/g, '%');

export function parseAnnotations(stdout: string): ActionRun['annotations'] {
  return stdout.split('\n').flatMap((line) => {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) return [];
    const props: Record<string, string> = {};
    for (const part of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = part.indexOf('=');
      props[part.slice(0, eq)] = unescapeCommand(part.slice(eq + 1));
    }
    return [{ level: m[1], props, message: unescapeCommand(m[3]) }];
  });
}

export async function runAction(options: {
  event: string;
  payload: unknown;
  inputs?: Record<string, string>;
  env?: Record<string, string>;
  apiUrl?: string;
  workspace?: string;
}): Promise<ActionRun> {
  const runnerTemp = await mkdtemp(join(tmpdir(), 'ia-runner-'));
  dirs.push(runnerTemp);
  const eventPath = join(runnerTemp, 'event.json');
  const outputPath = join(runnerTemp, 'output.txt');
  const summaryPath = join(runnerTemp, 'summary.md');
  await writeFile(eventPath, JSON.stringify(options.payload));
  await writeFile(outputPath, '');
  await writeFile(summaryPath, '');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? runnerTemp,
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.event,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: 'acme/gitops',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_RUN_ID: '4242',
    GITHUB_SERVER_URL: 'https://github.example',
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_WORKSPACE: options.workspace ?? runnerTemp,
    RUNNER_TEMP: runnerTemp,
    'INPUT_GITHUB-TOKEN': 'ghs_test',
    INPUT_COMMENT: 'sticky',
    'INPUT_INLINE-COMMENTS': 'true',
    INPUT_RENDER: 'false',
    ...(options.apiUrl ? { GITHUB_API_URL: options.apiUrl } : {}),
    ...Object.fromEntries(
      Object.entries(options.inputs ?? {}).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v]),
    ),
    ...options.env,
  };
  const script = await bundlePath();
  const started = performance.now();
  const { code, stdout, stderr } = await new Promise<{ code: number | null; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(process.execPath, [script], { env, timeout: 60_000 }, (error, stdout, stderr) =>
        resolve({ code: error ? ((error as { code?: number }).code ?? null) : 0, stdout, stderr }),
      );
    },
  );
  const ms = performance.now() - started;
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputFile(await readFile(outputPath, 'utf8')),
    summary: await readFile(summaryPath, 'utf8'),
    annotations: parseAnnotations(stdout),
    runnerTemp,
    ms,
  };
}
