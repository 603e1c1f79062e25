/**
 * Config `render:` entries: `kubectl kustomize DIR` (or `kustomize build DIR`) and `helm template` run on
 * a checkout, their output audited like files. Commands get argument arrays (never a shell string), paths
 * that stay inside the checkout, a time limit and an output limit; a failure is a tooling error (the run
 * is neutral), never a crash. Findings are traced back to the source file that defines the object.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, posix, relative } from 'node:path';
import { isMap, LineCounter, parseAllDocuments } from 'yaml';
import type { AuditResult } from '../core/audit-result.ts';
import type { Notice, SourceFile } from '../core/manifests/document.ts';
import type { Config } from '../core/policy/config-schema.ts';

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

/** A document in a repository file the render step reads. */
export interface SourceDoc {
  file: string;
  kind: string;
  name: string;
  /** 1-based line where the document starts, and its lines from there. */
  line: number;
  lines: string[];
}

/** One rendered document: its lines in the rendered output and the documents that define it. */
export interface RenderedDoc {
  startLine: number;
  endLine: number;
  /** Most specific first (the entry's own folder); empty when nothing in the tree defines it. */
  sources: SourceDoc[];
}

export interface RenderTrace {
  text: string;
  docs: RenderedDoc[];
}

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
const YAML_FILE = /\.ya?ml$/i;
const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Executables on PATH: kubectl (whose `kustomize` is built in) is preferred to a separate kustomize. */
export function findRenderTools(env: Readonly<Record<string, string | undefined>> = process.env): RenderTools {
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
    if (v !== undefined && (/^(PATH|HOME|TMPDIR|TEMP|TMP|LANG|XDG_\w+)$/.test(k) || k.startsWith('HELM_'))) out[k] = v;
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
                : (stderr.split('\n').find((l) => l.trim() !== '')?.trim() ?? e.message);
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
  const kfile = KUSTOMIZATION_FILES.map((f) => (dir === '.' ? f : `${dir}/${f}`)).find((f) => files.includes(f));
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

async function sourceDocs(root: string, files: string[]): Promise<SourceDoc[]> {
  const out: SourceDoc[] = [];
  for (const file of files.filter((f) => YAML_FILE.test(f))) {
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    for (const d of splitDocs(text)) if (d.kind && d.name) out.push({ file, ...d });
  }
  return out;
}

/** Documents of a YAML stream with their 1-based line span and identity (kind, metadata.name). */
function splitDocs(text: string): { kind: string; name: string; line: number; endLine: number; lines: string[] }[] {
  const counter = new LineCounter();
  const all = text.split('\n');
  let docs: ReturnType<typeof parseAllDocuments>;
  try {
    docs = parseAllDocuments(text, { lineCounter: counter });
  } catch {
    return [];
  }
  if (!Array.isArray(docs)) return [];
  return docs.map((doc) => {
    const contents = doc.contents;
    const range = doc.range ?? [0, 0, 0];
    const start = counter.linePos(contents?.range?.[0] ?? range[0]).line;
    const end = counter.linePos(Math.max(range[1] - 1, 0)).line;
    let kind = '';
    let name = '';
    if (isMap(contents)) {
      kind = String(doc.get('kind') ?? '');
      name = String(doc.getIn(['metadata', 'name']) ?? '');
    }
    return { kind, name, line: start, endLine: Math.max(end, start), lines: all.slice(start - 1, end) };
  });
}

/** `  - host: '*.x'` and `    host: "*.x"` are the same field: compare key and unquoted value. */
function fieldKey(line: string): string | null {
  const m = /^\s*(?:-\s+)*([^#:\s][^:]*?):\s*(.*?)\s*$/.exec(line);
  if (!m || m[2] === '' || m[2] === '|' || m[2] === '>') return null;
  return `${m[1].replace(/^["']|["']$/g, '')}:${m[2].replace(/^(["'])(.*)\1$/, '$2')}`;
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
  const out: RenderOutput = { files: [], toolingErrors: [], notices: [], consumed: new Set(), traces: new Map() };
  const used = new Set<string>();
  for (const entry of options.entries) {
    const isKustomize = 'kustomize' in entry;
    const label = isKustomize ? `kustomize ${entry.kustomize}` : `helm ${entry.helm}`;
    try {
      const dir = await resolveInside(options.root, isKustomize ? entry.kustomize : entry.helm);
      if (dir === null) throw new Error('the folder must exist inside the repository (no absolute paths, no ..)');
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
          if (!SAFE_NAME.test(entry.namespace)) throw new Error(`namespace "${entry.namespace}" is not valid`);
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
      out.notices.push({ file: isKustomize ? entry.kustomize : entry.helm, line: 0, kind: 'render', message });
    }
  }
  return out;
}

async function traceDocs(root: string, text: string, tree: string[], dir: string): Promise<RenderTrace> {
  // Files in the entry's own folder first: an overlay's patch wins over the base it patches.
  const inDir = (f: string) => (dir === '.' || f.startsWith(`${dir}/`) ? 0 : 1);
  const sources = await sourceDocs(root, [...tree].sort((a, b) => inDir(a) - inDir(b)));
  const lines = text.split('\n');
  const docs = splitDocs(text).map((d) => {
    const defining = sources.filter((s) => s.kind === d.kind && s.name === d.name);
    // helm marks every document with the template it came from: `# Source: CHARTNAME/templates/x.yaml`.
    const marker = lines
      .slice(Math.max(0, d.line - 3), d.line)
      .map((l) => /^# Source: [^/]+\/(.+)$/.exec(l))
      .find((m) => m !== null);
    const template = marker ? insideRepo(posix.join(dir, marker[1])) : null;
    const fromTemplate: SourceDoc[] =
      defining.length === 0 && template !== null && tree.includes(template)
        ? [{ file: template, kind: d.kind, name: d.name, line: 1, lines: [] }]
        : [];
    return { startLine: d.line, endLine: d.endLine, sources: [...defining, ...fromTemplate] };
  });
  return { text, docs };
}

/**
 * Points findings and objects on rendered files at their source file and line: the first line of a
 * defining document with the same field and value, else where the object is defined. What cannot be
 * traced stays on the rendered file, and a notice says so. `resolved` findings and removed objects
 * live on the base side; everything else on the head side.
 */
export function traceRendered(
  result: AuditResult,
  traces: { base?: ReadonlyMap<string, RenderTrace>; head: ReadonlyMap<string, RenderTrace> },
): AuditResult {
  const untraced = new Set<string>();
  const locate = (side: 'base' | 'head', file: string, line: number): { file: string; line: number } => {
    const trace = traces[side]?.get(file);
    if (!trace) return { file, line };
    const doc = trace.docs.find((d) => line >= d.startLine && line <= d.endLine);
    if (!doc || doc.sources.length === 0) {
      untraced.add(file);
      return { file, line };
    }
    const wanted = fieldKey(trace.text.split('\n')[line - 1] ?? '');
    if (wanted) {
      for (const source of doc.sources) {
        const at = source.lines.findIndex((l) => fieldKey(l) === wanted);
        if (at !== -1) return { file: source.file, line: source.line + at };
      }
    }
    return { file: doc.sources[0].file, line: doc.sources[0].line };
  };
  const findings = result.findings.map((f) => ({
    ...f,
    ...locate(f.status === 'resolved' ? 'base' : 'head', f.file, f.line),
  }));
  const objects = result.objects.map((o) => ({ ...o, ...locate(o.change === 'removed' ? 'base' : 'head', o.file, o.line) }));
  const notices = [...result.notices];
  for (const file of untraced) {
    notices.push({
      file,
      line: 1,
      message: `findings on ${file} point at the rendered output: no file that the render step reads defines the object`,
    });
  }
  return { ...result, findings, objects, notices };
}

/** A side of a change set with the rendered files in place of the repository files they were made from. */
export function withRendered(files: readonly SourceFile[], render: RenderOutput): SourceFile[] {
  return [...files.filter((f) => !render.consumed.has(f.path)), ...render.files];
}
