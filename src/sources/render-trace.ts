/**
 * Where rendered objects come from: each document of a render step's output is traced to the repository
 * files that define the same kind and name (Kustomize: the overlay and its bases; Helm: the template
 * named in `# Source:`), so findings point at a line a person can edit.
 */
import { readFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { isMap, LineCounter, parseAllDocuments } from 'yaml';
import type { AuditResult } from '../core/audit-result.ts';

const YAML_FILE = /\.ya?ml$/i;

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

async function sourceDocs(root: string, files: string[]): Promise<SourceDoc[]> {
  const out: SourceDoc[] = [];
  for (const file of files.filter((f) => YAML_FILE.test(f))) {
    const text = await readFile(join(root, file), 'utf8').catch(() => '');
    for (const d of splitDocs(text)) if (d.kind && d.name) out.push({ file, ...d });
  }
  return out;
}

/** Documents of a YAML stream with their 1-based line span and identity (kind, metadata.name). */
export function splitDocs(
  text: string,
): { kind: string; name: string; line: number; endLine: number; lines: string[] }[] {
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

export async function traceDocs(
  root: string,
  text: string,
  tree: string[],
  dir: string,
): Promise<RenderTrace> {
  // Files in the entry's own folder first: an overlay's patch wins over the base it patches.
  const inDir = (f: string) => (dir === '.' || f.startsWith(`${dir}/`) ? 0 : 1);
  const sources = await sourceDocs(
    root,
    [...tree].sort((a, b) => inDir(a) - inDir(b)),
  );
  const lines = text.split('\n');
  const docs = splitDocs(text).map((d) => {
    const defining = sources.filter((s) => s.kind === d.kind && s.name === d.name);
    // helm marks every document with the template it came from: `# Source: CHARTNAME/templates/x.yaml`.
    const marker = lines
      .slice(Math.max(0, d.line - 3), d.line)
      .map((l) => /^# Source: [^/]+\/(.+)$/.exec(l))
      .find((m) => m !== null);
    const template = marker ? normalInside(posix.join(dir, marker[1])) : null;
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
  const objects = result.objects.map((o) => ({
    ...o,
    ...locate(o.change === 'removed' ? 'base' : 'head', o.file, o.line),
  }));
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

/** The template path of a `# Source:` line, when it stays inside the repository. */
function normalInside(path: string): string | null {
  const normal = posix.normalize(path);
  return normal.startsWith('../') || normal === '..' || normal.startsWith('/') ? null : normal;
}
