/**
 * Files → Kubernetes objects with positions, and a notice for everything that could not be read.
 * Never throws: a bad file (or document) is reported and the rest of the input still loads.
 */
import { type Document, isScalar } from 'yaml';
import { decodeSource, utf8Length } from './decode.ts';
import type { FieldPath, LoadedFiles, ManifestDocument, Notice, SourceFile } from './document.ts';
import { isIngressFamily } from './kinds.ts';
import { parseYamlDocuments } from './kubernetes-yaml.ts';
import { formatBytes, type LoadLimits, resolveLimits } from './limits.ts';
import { type DocumentSource, makeDocument } from './manifest-document.ts';
import { depthOf, flowDepth } from './nesting-depth.ts';
import { identify, isListKind, type ObjectIdentity } from './object-identity.ts';
import { LineIndex, offsetOf, scalarAt } from './positions.ts';
import { lineInTree, readSimpleYaml } from './simple-yaml.ts';
import { type DocumentChunk, splitDocuments } from './split-documents.ts';
import { findSubstitution, scanTemplates } from './template-syntax.ts';
import { yamlProblems } from './yaml-problems.ts';

export interface LoadOptions {
  limits?: Partial<LoadLimits>;
  /**
   * Objects to keep, e.g. `isRelevantKind`. Documents whose kind the raw text states unambiguously
   * and that are not wanted are skipped before parsing (and report nothing).
   */
  wantKind?: (kind: string, apiVersion: string) => boolean;
  /** Validate Ingress-family bodies with kubernetes-models (default true). */
  validateSchema?: boolean;
}

const EXCERPT_LENGTH = 80;

type NoticeKind = Notice['kind'];

export function loadFiles(files: SourceFile[], options: LoadOptions = {}): LoadedFiles {
  const out: LoadedFiles = { documents: [], notices: [] };
  const limits = resolveLimits(options.limits);
  for (const file of files) {
    const loader = new FileLoader(file.path, options, limits, out);
    try {
      loader.load(file.content);
    } catch (error) {
      // A parser bug must cost one file, never the audit.
      loader.notice('other', 1, `file could not be read: ${(error as Error)?.message ?? String(error)}`);
    }
  }
  return out;
}

function excerpt(text: string): string {
  return text.length > EXCERPT_LENGTH ? `${text.slice(0, EXCERPT_LENGTH - 1)}…` : text;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** Size in UTF-8 bytes, computed exactly only when it could matter for `limit`. */
function byteSize(content: string | Uint8Array, limit: number): number {
  if (typeof content !== 'string') return content.length;
  return content.length * 3 <= limit ? content.length : utf8Length(content);
}

function isSkippable(chunk: DocumentChunk, wantKind: LoadOptions['wantKind']): boolean {
  return (
    wantKind !== undefined &&
    chunk.kind !== null &&
    chunk.apiVersion !== null &&
    !isListKind(chunk.kind) &&
    !wantKind(chunk.kind, chunk.apiVersion)
  );
}

class FileLoader {
  readonly #file: string;
  readonly #options: LoadOptions;
  readonly #limits: LoadLimits;
  readonly #out: LoadedFiles;
  #text = '';
  #lines: LineIndex | null = null;

  constructor(file: string, options: LoadOptions, limits: LoadLimits, out: LoadedFiles) {
    this.#file = file;
    this.#options = options;
    this.#limits = limits;
    this.#out = out;
  }

  notice(kind: NoticeKind, line: number, message: string): void {
    this.#out.notices.push({ file: this.#file, line: Math.max(1, line), message, kind });
  }

  #lineAt(offset: number): number {
    this.#lines ??= new LineIndex(this.#text);
    return this.#lines.lineAt(offset);
  }

  load(content: string | Uint8Array): void {
    const limits = this.#limits;
    const size = byteSize(content, limits.maxFileBytes);
    if (size > limits.maxFileBytes) {
      const message = `file is ${size.toLocaleString('en-US')} bytes, over the ${formatBytes(limits.maxFileBytes)} size limit (maxFileBytes)`;
      this.notice('limit', 1, message);
      return;
    }
    const decoded = decodeSource(content);
    if (!decoded.ok) {
      this.notice('binary', decoded.line, decoded.message);
      return;
    }
    const text = decoded.text;
    this.#text = text;
    const split = splitDocuments(text);
    if (split.chunks.length === 0) {
      this.notice('empty', 1, 'empty file');
      return;
    }
    if (split.chunks.length > limits.maxDocuments) {
      const message = `file has ${split.chunks.length.toLocaleString('en-US')} YAML documents, over the limit of ${limits.maxDocuments.toLocaleString('en-US')} (maxDocuments)`;
      this.notice('limit', 1, message);
      return;
    }
    const chunks: DocumentChunk[] = split.hasDirectives
      ? [{ start: 0, end: text.length, line: 0, kind: null, apiVersion: null }]
      : split.chunks;
    const wanted = chunks
      .map((chunk, index) => ({ chunk, index }))
      .filter(({ chunk }) => !isSkippable(chunk, this.#options.wantKind));
    if (wanted.length === 0) return;

    const templates = scanTemplates(text);
    if (templates.structural) {
      const { line, excerpt: code } = templates.structural;
      this.notice(
        'template',
        line,
        `templated file skipped: Go template syntax at line ${line} (${excerpt(code)}); render it to audit it`,
      );
      return;
    }
    for (const { chunk, index } of wanted) this.#loadChunk(chunk, index);
    if (templates.helmValue) {
      const { line, excerpt: code } = templates.helmValue;
      this.notice(
        'template',
        line,
        `Helm template expression in a value (${excerpt(code)}): audited as written, not as rendered`,
      );
    }
    if (text.includes('${')) this.#reportSubstitution(wanted.map(({ chunk }) => chunk));
  }

  #reportSubstitution(chunks: DocumentChunk[]): void {
    for (const chunk of chunks) {
      const found = findSubstitution(this.#text, chunk.start, chunk.end);
      if (!found) continue;
      const message = `${excerpt(found.match)} looks like a post-build substitution placeholder (Flux): audited as written, before substitution`;
      this.notice('template', this.#lineAt(found.offset), message);
      return;
    }
  }

  #loadChunk(chunk: DocumentChunk, index: number): void {
    const text = this.#text;
    const { maxDepth } = this.#limits;
    const flow = flowDepth(text, chunk.start, chunk.end, maxDepth);
    if (flow > maxDepth) {
      const message = `document nests ${flow} levels of flow collections, over the limit of ${maxDepth} (maxDepth)`;
      this.notice('limit', chunk.line + 1, message);
      return;
    }
    // Most manifests are plain block YAML, read directly; anything else (and every error) is yaml's.
    // Controllers ask Ingress-family objects for many lines: their positions are read at once.
    const positions =
      chunk.kind !== null && chunk.apiVersion !== null && isIngressFamily(chunk.apiVersion, chunk.kind);
    const simple = readSimpleYaml(text, chunk.start, chunk.end, chunk.line, positions);
    if (simple) {
      let lines = simple.lines;
      const lineOf = (path: FieldPath): number => {
        lines ??= readSimpleYaml(text, chunk.start, chunk.end, chunk.line, true)?.lines ?? simple.line;
        return lineInTree(lines, path) + 1;
      };
      if (this.#isUnwanted(simple.value.kind, simple.value.apiVersion)) return;
      this.#loadValue(simple.value, simple.line + 1, index, lineOf);
      return;
    }
    const docs = parseYamlDocuments(text.slice(chunk.start, chunk.end));
    // Several documents in one chunk only happen with directives: empty ones do not count.
    let position = index;
    for (const doc of docs) {
      if (
        doc.errors.length === 0 &&
        (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null))
      )
        continue;
      this.#loadDocument(doc, chunk, position++);
    }
  }

  #isUnwanted(kind: unknown, apiVersion: unknown): boolean {
    const { wantKind } = this.#options;
    if (!wantKind || typeof kind !== 'string' || typeof apiVersion !== 'string' || isListKind(kind))
      return false;
    return !wantKind(kind, apiVersion);
  }

  #loadDocument(doc: Document.Parsed, chunk: DocumentChunk, index: number): void {
    const base = chunk.start;
    const root = doc.contents;
    // Unwanted objects report nothing, not even their errors, whether or not the sniff caught them.
    if (this.#isUnwanted(scalarAt(doc, root, 'kind'), scalarAt(doc, root, 'apiVersion'))) return;
    const { usable, problems } = yamlProblems(doc, this.#text, base);
    for (const problem of problems) this.notice(problem.kind, this.#lineAt(problem.offset), problem.message);
    if (!usable || !root) return;
    const line = chunk.line + 1 + countNewlines(this.#text, base, base + (root.range?.[0] ?? 0));
    const { maxAliasCount } = this.#limits;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount });
    } catch (error) {
      const message = (error as Error)?.message ?? String(error);
      if (/alias count|alias resolution is disabled/i.test(message)) {
        this.notice(
          'limit',
          line,
          `alias expansion over the limit of ${maxAliasCount} aliases (maxAliasCount): ${message}`,
        );
        return;
      }
      this.notice('parse', line, `YAML could not be resolved: ${message}`);
      return;
    }
    this.#loadValue(value, line, index, (path) => this.#lineAt(base + offsetOf(doc, root, path)));
  }

  /** A resolved document (`line` is where it starts) → objects, or the notice that says why not. */
  #loadValue(value: unknown, line: number, index: number, lineOf: (path: FieldPath) => number): void {
    const { maxDepth } = this.#limits;
    const depth = depthOf(value, maxDepth);
    if (depth > maxDepth) {
      const actual = depthOf(value, maxDepth * 100);
      const shown = actual > maxDepth * 100 ? `more than ${maxDepth * 100}` : String(actual);
      this.notice('limit', line, `document nests ${shown} levels, over the limit of ${maxDepth} (maxDepth)`);
      return;
    }
    const found = identify(value);
    if (found.status === 'other') return;
    if (found.status === 'incomplete') {
      if (!this.#isUnwanted(found.kind, found.apiVersion)) this.notice('schema', line, found.problem);
      return;
    }
    const { identity, body } = found;
    if (isListKind(identity.kind) && Array.isArray(body.items)) {
      this.#loadList(index, line, identity, body.items, lineOf);
      return;
    }
    if (this.#isUnwanted(identity.kind, identity.apiVersion)) return;
    this.#out.documents.push(this.#makeDocument({ index, line, identity, body, lineOf }));
  }

  #loadList(
    index: number,
    line: number,
    list: ObjectIdentity,
    items: unknown[],
    lineOf: (path: FieldPath) => number,
  ): void {
    if (items.length > this.#limits.maxDocuments) {
      const message = `${list.kind} has ${items.length.toLocaleString('en-US')} items, over the limit of ${this.#limits.maxDocuments.toLocaleString('en-US')} (maxDocuments)`;
      this.notice('limit', line, message);
      return;
    }
    // A typed list (IngressList) holds items without apiVersion/kind; `kind: List` items carry their own.
    const inherited =
      list.kind === 'List' ? undefined : { apiVersion: list.apiVersion, kind: list.kind.slice(0, -4) };
    items.forEach((item, i) => {
      const itemLineOf = (path: FieldPath) => lineOf(['items', i, ...path]);
      const itemLine = itemLineOf([]);
      const found = identify(item, inherited);
      if (found.status === 'incomplete' && !this.#isUnwanted(found.kind, found.apiVersion))
        this.notice('schema', itemLine, `${list.kind} item ${i}: ${found.problem}`);
      if (found.status !== 'object' || this.#isUnwanted(found.identity.kind, found.identity.apiVersion))
        return;
      const { identity, body } = found;
      this.#out.documents.push(
        this.#makeDocument({ index, line: itemLine, identity, body, item: i, lineOf: itemLineOf }),
      );
    });
  }

  #makeDocument(from: Omit<DocumentSource, 'file' | 'validate'>): ManifestDocument {
    return makeDocument({ ...from, file: this.#file, validate: this.#options.validateSchema !== false });
  }
}
