/**
 * Cheap pre-pass over raw text: where each YAML document starts and ends, and what `kind` and
 * `apiVersion` it declares, so documents nobody asked for are never handed to the YAML parser.
 */

export interface DocumentChunk {
  /** Offsets into the file text: [start, end). */
  start: number;
  end: number;
  /** 0-based line of `start`. */
  line: number;
  /**
   * Top-level `kind`/`apiVersion` read off the raw text, or null when the text alone does not say
   * for sure (missing, repeated, quoted keys, flow or JSON documents): those chunks are parsed.
   */
  kind: string | null;
  apiVersion: string | null;
}

export interface SplitResult {
  chunks: DocumentChunk[];
  /** `%YAML`/`%TAG` directives change how later documents read: such files are not split. */
  hasDirectives: boolean;
}

const KIND_LINE = /^kind:[ \t]+(["']?)([A-Za-z][A-Za-z0-9]*)\1[ \t]*(?:#.*)?$/;
const API_VERSION_LINE =
  /^apiVersion:[ \t]+(["']?)([A-Za-z0-9][A-Za-z0-9.-]*(?:\/[A-Za-z0-9.-]+)?)\1[ \t]*(?:#.*)?$/;
const QUOTED_KEY = /^["'](?:kind|apiVersion)["'][ \t]*:/;

const CH_SPACE = 32;
const CH_TAB = 9;
const CH_CR = 13;
const CH_HASH = 35;
const CH_DASH = 45;
const CH_DOT = 46;
const CH_PERCENT = 37;
const CH_K = 107;
const CH_A = 97;
const CH_DQUOTE = 34;
const CH_SQUOTE = 39;

/** `---` or `...` followed by whitespace or end of line: YAML's document markers (column 0 only). */
function markerAt(text: string, pos: number, lineEnd: number, ch: number): boolean {
  if (lineEnd - pos < 3 || text.charCodeAt(pos + 1) !== ch || text.charCodeAt(pos + 2) !== ch) return false;
  if (lineEnd - pos === 3) return true;
  const next = text.charCodeAt(pos + 3);
  return next === CH_SPACE || next === CH_TAB || next === CH_CR;
}

function isBlankOrComment(text: string, pos: number, lineEnd: number): boolean {
  for (let i = pos; i < lineEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === CH_SPACE || c === CH_TAB || c === CH_CR) continue;
    return c === CH_HASH;
  }
  return true;
}

interface Open {
  start: number;
  line: number;
  hasContent: boolean;
  kinds: number;
  apiVersions: number;
  kind: string | null;
  apiVersion: string | null;
}

function open(start: number, line: number): Open {
  return { start, line, hasContent: false, kinds: 0, apiVersions: 0, kind: null, apiVersion: null };
}

function close(chunk: Open, end: number, out: DocumentChunk[]): void {
  if (!chunk.hasContent) return;
  const sure = chunk.kinds === 1 && chunk.apiVersions === 1;
  out.push({
    start: chunk.start,
    end,
    line: chunk.line,
    kind: sure ? chunk.kind : null,
    apiVersion: sure ? chunk.apiVersion : null,
  });
}

function lineText(text: string, pos: number, lineEnd: number): string {
  const end = text.charCodeAt(lineEnd - 1) === CH_CR ? lineEnd - 1 : lineEnd;
  return text.slice(pos, end);
}

/**
 * Splits on `---` (a new document starts on that line, which may carry content) and after `...`.
 * Comment-only stretches stay with the document that follows them. Empty documents are dropped.
 */
export function splitDocuments(text: string): SplitResult {
  const chunks: DocumentChunk[] = [];
  let hasDirectives = false;
  let current = open(0, 0);
  let line = 0;
  let pos = 0;
  while (pos <= text.length) {
    let lineEnd = text.indexOf('\n', pos);
    if (lineEnd === -1) lineEnd = text.length;
    const first = text.charCodeAt(pos);
    if (first === CH_DASH && markerAt(text, pos, lineEnd, CH_DASH)) {
      if (current.hasContent) {
        close(current, pos, chunks);
        current = open(pos, line);
      } else {
        // Only comments or an empty document so far: start at this marker so `---` + `---` is one document.
        current.start = pos;
        current.line = line;
      }
      // Content after the marker on the same line (`--- {a: 1}`, `--- |`) makes it a document.
      if (!isBlankOrComment(text, pos + 3, lineEnd)) current.hasContent = true;
    } else if (first === CH_DOT && markerAt(text, pos, lineEnd, CH_DOT)) {
      close(current, lineEnd, chunks);
      current = open(Math.min(lineEnd + 1, text.length), line + 1);
    } else if (first === CH_PERCENT) {
      hasDirectives = true;
    } else if (first === CH_K || first === CH_A) {
      current.hasContent = true;
      if (text.startsWith('kind:', pos)) {
        current.kinds++;
        current.kind = KIND_LINE.exec(lineText(text, pos, lineEnd))?.[2] ?? null;
      } else if (text.startsWith('apiVersion:', pos)) {
        current.apiVersions++;
        current.apiVersion = API_VERSION_LINE.exec(lineText(text, pos, lineEnd))?.[2] ?? null;
      }
    } else if (first === CH_DQUOTE || first === CH_SQUOTE) {
      current.hasContent = true;
      // A quoted key can repeat or replace `kind:`: the raw text no longer answers reliably.
      if (QUOTED_KEY.test(text.slice(pos, Math.min(lineEnd, pos + 16)))) current.kinds += 2;
    } else if (!current.hasContent && !isBlankOrComment(text, pos, lineEnd)) {
      current.hasContent = true;
    }
    line++;
    pos = lineEnd + 1;
  }
  close(current, text.length, chunks);
  return { chunks, hasDirectives };
}
