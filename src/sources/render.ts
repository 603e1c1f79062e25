/**
 * Config `render:` entries: `kubectl kustomize DIR` (or `kustomize build DIR`) and `helm template` run on
 * a checkout, their output audited like files. Commands get argument arrays (never a shell string), paths
 * that stay inside the checkout, a time limit and an output limit; a failure is a tooling error (the run
 * is neutral), never a crash. Findings are traced back to the source file that defines the object.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readdir, readFile, realpath, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, isAbsolute, join, posix, relative } from 'node:path';
import { parseAllDocuments } from 'yaml';
import type { ChangeSet } from '../core/audit.ts';
import type { AuditResult } from '../core/audit-result.ts';
import type { Notice, SourceFile } from '../core/manifests/document.ts';
import type { Config } from '../core/policy/config-schema.ts';
import { type RenderTrace, traceDocs, traceRendered } from './render-trace.ts';

export type RenderEntry = Config['render'][number];

export interface RenderTools {
  /** Command and leading arguments for kustomize: `['kubectl','kustomize']` or `['kustomize','build']`. */
  kustomize: string[] | null;
  helm: string | null;
}

export interface RenderOptions {
  /** The checkout to render in. */
  root: string;
  entries: readonly RenderEntry[];
  /** Default: looked up on PATH. */
  tools?: RenderTools;
  /** Per command. Default 60 s. */
  timeoutMs?: number;
  /** Per command's stdout. Default 32 MiB. */
  maxOutputBytes?: number;
  env?: Readonly<Record<string, string | undefined>>;
}

export type { RenderedDoc, RenderTrace, SourceDoc } from './render-trace.ts';
export { traceRendered } from './render-trace.ts';

export interface RenderOutput {
  files: SourceFile[];
  /** One per failed entry: the audit's tooling errors. */
  toolingErrors: string[];
  notices: Notice[];
  /** Repository files the successful entries read: they are audited through the rendered output. */
  consumed: Set<string>;
  /** Per rendered path: its documents and their sources (for `traceRendered`). */
  traces: Map<string, RenderTrace>;
}

const SAFE_NAME = /^[a-z0-9]([-a-z0-9]{0,51}[a-z0-9])?$/;
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Executables on PATH: kubectl (whose `kustomize` is built in) is preferred to a separate kustomize. */
export function findRenderTools(
  env: Readonly<Record<string, string | undefined>> = process.env,
): RenderTools {
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const has = (name: string) =>
    dirs.some((dir) => {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
  return {
    kustomize: has('kubectl') ? ['kubectl', 'kustomize'] : has('kustomize') ? ['kustomize', 'build'] : null,
    helm: has('helm') ? 'helm' : null,
  };
}

/** A repository-relative path with `/`, or null when it is absolute or climbs out of the checkout. */
export function insideRepo(path: string): string | null {
  if (path === '' || isAbsolute(path) || /^[A-Za-z]:/.test(path) || path.includes('\0')) return null;
  const normal = posix.normalize(path.replace(/\\/g, '/')).replace(/\/+$/, '');
  if (normal === '..' || normal.startsWith('../')) return null;
  return normal === '' ? '.' : normal;
}

/** Resolves symlinks too: a link inside the repository must not lead out of it. */
async function resolveInside(root: string, path: string): Promise<string | null> {
  const rel = insideRepo(path);
  if (rel === null) return null;
  const realRoot = await realpath(root);
  const real = await realpath(join(root, rel)).catch(() => null);
  if (real === null) return null;
  const back = relative(realRoot, real);
  return back === '' || (!back.startsWith('..') && !isAbsolute(back)) ? rel : null;
}

// Tools see no tokens or workflow inputs: only what they need to find their caches and config.
function toolEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env))
    if (v !== undefined && (/^(PATH|HOME|TMPDIR|TEMP|TMP|LANG|XDG_\w+)$/.test(k) || k.startsWith('HELM_')))
      out[k] = v;
  return out;
}

function run(command: string[], cwd: string, options: RenderOptions): Promise<string> {
  const [file, ...args] = command;
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd,
        encoding: 'utf8',
        timeout: options.timeoutMs ?? 60_000,
        killSignal: 'SIGKILL',
        maxBuffer: options.maxOutputBytes ?? 32 * 1024 * 1024,
        env: toolEnv(options.env ?? process.env),
        shell: false,
      },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const e = error as Error & { code?: unknown; killed?: boolean };
        const why =
          e.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER'
            ? 'output over the limit'
            : e.killed
              ? `no answer within ${(options.timeoutMs ?? 60_000) / 1000}s`
              : e.code === 'ENOENT'
                ? `${file} is not installed`
                : (stderr
                    .split('\n')
                    .find((l) => l.trim() !== '')
                    ?.trim() ?? e.message);
        reject(new Error(why.slice(0, 500)));
      },
    );
  });
}

/** Every file under `dir` (repository-relative), skipping .git. */
async function filesUnder(root: string, dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (rel: string) => {
    for (const entry of await readdir(join(root, rel), { withFileTypes: true }).catch(() => [])) {
      if (entry.name === '.git') continue;
      const child = rel === '.' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) await walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  await walk(dir);
  return out;
}

/**
 * The files a kustomization reads: everything under its folder and under every local folder or file
 * it names in resources/bases/components (remote URLs are the tool's business). Bounded, cycle-safe.
 */
async function kustomizeTree(root: string, dir: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(dir) || seen.size > 200) return [];
  seen.add(dir);
  const files = await filesUnder(root, dir);
  const kfile = KUSTOMIZATION_FILES.map((f) => (dir === '.' ? f : `${dir}/${f}`)).find((f) =>
    files.includes(f),
  );
  if (!kfile) return files;
  // biome-ignore lint/suspicious/noExplicitAny: a kustomization is user YAML; fields checked below
  let k: any;
  try {
    k = parseAllDocuments(await readFile(join(root, kfile), 'utf8'))[0]?.toJS() ?? {};
  } catch {
    return files;
  }
  const refs = ['resources', 'bases', 'components'].flatMap((key) => (Array.isArray(k?.[key]) ? k[key] : []));
  for (const ref of refs) {
    if (typeof ref !== 'string' || /^[a-z]+:\/\/|^git@|^github\.com\//i.test(ref)) continue;
    const target = insideRepo(posix.join(dir, ref));
    if (target === null) continue;
    const info = await stat(join(root, target)).catch(() => null);
    if (info?.isDirectory()) files.push(...(await kustomizeTree(root, target, seen)));
    else if (info?.isFile()) files.push(target);
  }
  return [...new Set(files)];
}

function renderedName(dir: string, tool: string, used: Set<string>): string {
  const base = dir === '.' ? '' : `${dir}/`;
  let path = `${base}rendered.${tool}.yaml`;
  for (let i = 2; used.has(path); i++) path = `${base}rendered.${tool}.${i}.yaml`;
  used.add(path);
  return path;
}

/**
 * Runs every entry in `root` and returns the rendered files (named `DIR/rendered.kustomize.yaml`,
 * `CHART/rendered.helm.yaml`, with `renderedFrom` = DIR) and where each document came from.
 */
export async function renderSources(options: RenderOptions): Promise<RenderOutput> {
  const tools = options.tools ?? findRenderTools(options.env);
  const out: RenderOutput = {
    files: [],
    toolingErrors: [],
    notices: [],
    consumed: new Set(),
    traces: new Map(),
  };
  const used = new Set<string>();
  for (const entry of options.entries) {
    const isKustomize = 'kustomize' in entry;
    const label = isKustomize ? `kustomize ${entry.kustomize}` : `helm ${entry.helm}`;
    try {
      const dir = await resolveInside(options.root, isKustomize ? entry.kustomize : entry.helm);
      if (dir === null)
        throw new Error('the folder must exist inside the repository (no absolute paths, no ..)');
      let command: string[];
      let tree: string[];
      if (isKustomize) {
        if (!tools.kustomize) throw new Error('neither kubectl nor kustomize is installed');
        command = [...tools.kustomize, `./${dir}`];
        tree = await kustomizeTree(options.root, dir);
      } else {
        if (!tools.helm) throw new Error('helm is not installed');
        const name = entry.releaseName ?? 'release';
        if (!SAFE_NAME.test(name)) throw new Error(`releaseName "${name}" is not a valid release name`);
        command = [tools.helm, 'template', name, `./${dir}`];
        if (entry.namespace !== undefined) {
          if (!SAFE_NAME.test(entry.namespace))
            throw new Error(`namespace "${entry.namespace}" is not valid`);
          command.push('--namespace', entry.namespace);
        }
        tree = await filesUnder(options.root, dir);
        for (const values of entry.values ?? []) {
          const file = await resolveInside(options.root, values);
          if (file === null) throw new Error(`values file ${values} must exist inside the repository`);
          command.push('--values', `./${file}`);
          tree.push(file);
        }
      }
      const text = await run(command, options.root, options);
      const path = renderedName(dir, isKustomize ? 'kustomize' : 'helm', used);
      out.files.push({ path, content: text, renderedFrom: dir });
      for (const file of tree) out.consumed.add(file);
      out.traces.set(path, await traceDocs(options.root, text, tree, dir));
    } catch (error) {
      const message = `render ${label} failed: ${(error as Error).message}`;
      out.toolingErrors.push(message);
      out.notices.push({
        file: isKustomize ? entry.kustomize : entry.helm,
        line: 0,
        kind: 'render',
        message,
      });
    }
  }
  return out;
}

/** A side of a change set with the rendered files in place of the repository files they were made from. */
export function withRendered(files: readonly SourceFile[], render: RenderOutput): SourceFile[] {
  return [...files.filter((f) => !render.consumed.has(f.path)), ...render.files];
}

/**
 * Both sides of a change with the rendered files in place of the repository files they were made from.
 * Only when every entry rendered on both sides: a half-rendered change would show every object as
 * removed on one side and added on the other, so after a failure both sides keep their files as they are.
 */
export function renderedChangeSet(changeSet: ChangeSet, base: RenderOutput, head: RenderOutput): ChangeSet {
  if (base.toolingErrors.length > 0 || head.toolingErrors.length > 0) return changeSet;
  const consumed = new Set([...base.consumed, ...head.consumed]);
  const keep = (files: readonly SourceFile[]) => files.filter((f) => !consumed.has(f.path));
  return {
    ...changeSet,
    base: changeSet.base === null ? null : [...keep(changeSet.base), ...base.files],
    head: [...keep(changeSet.head), ...head.files],
    ...(changeSet.unchanged ? { unchanged: keep(changeSet.unchanged) } : {}),
  };
}

function git(cwd: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } },
      (error, stdout, stderr) =>
        error ? reject(new Error(stderr.trim().split('\n')[0] || error.message)) : resolve(stdout.trim()),
    );
  });
}

/** Renders in a detached worktree of `sha` (removed afterwards), or in the work tree itself for null. */
async function renderAtRef(
  root: string,
  sha: string | null,
  options: Omit<RenderOptions, 'root'>,
): Promise<RenderOutput> {
  if (sha === null) return renderSources({ ...options, root });
  const dir = await mkdtemp(join(tmpdir(), 'ingress-audit-render-'));
  try {
    await git(root, ['worktree', 'add', '--detach', '--quiet', dir, sha]);
    return await renderSources({ ...options, root: dir });
  } catch (error) {
    const message = `render at ${sha.slice(0, 7)} failed: ${(error as Error).message}`;
    return { files: [], toolingErrors: [message], notices: [], consumed: new Set(), traces: new Map() };
  } finally {
    await git(root, ['worktree', 'remove', '--force', dir]).catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The CLI's `--render` for a change between git refs: renders the base commit in a temporary worktree
 * and the head commit likewise (or the work tree when head is null), then swaps the rendered files in.
 * `trace` points the findings of an audit of the result back at source files.
 */
export async function renderGitChange(
  changeSet: ChangeSet,
  options: Omit<RenderOptions, 'root'> & { repoDir: string; baseSha: string; headSha: string | null },
): Promise<{ changeSet: ChangeSet; toolingErrors: string[]; trace: (result: AuditResult) => AuditResult }> {
  const { repoDir, baseSha, headSha, ...rest } = options;
  const root = await git(repoDir, ['rev-parse', '--show-toplevel']);
  const base = await renderAtRef(root, baseSha, rest);
  const head = await renderAtRef(root, headSha, rest);
  return {
    changeSet: renderedChangeSet(changeSet, base, head),
    toolingErrors: [...base.toolingErrors, ...head.toolingErrors],
    trace: (result) => traceRendered(result, { base: base.traces, head: head.traces }),
  };
}
