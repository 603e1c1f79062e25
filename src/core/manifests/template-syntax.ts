/**
 * Template markers in raw text. Helm/Go `{{ }}` where YAML expects structure (a line, key or value
 * that begins with it) means the file is not YAML until rendered; inside quoted, plain-text or block
 * scalars it is just text (Prometheus rules, nginx snippets) and the file loads as written.
 */

export interface TemplateHit {
  /** 1-based line. */
  line: number;
  /** The line, trimmed, for messages. */
  excerpt: string;
}

export interface TemplateScan {
  /** First `{{` in the file, reported when any `{{` sits at a structural position. */
  structural: TemplateHit | null;
  /** First Helm-specific expression (`.Values`, `include`…) inside a scalar. */
  helmValue: TemplateHit | null;
}

/** A line whose value ends with a block scalar indicator: `key: |`, `- >-`, `--- |2`. */
const BLOCK_SCALAR_START = /(?:^|[\s:-])[|>][0-9+-]{0,2}[ \t]*(?:#.*)?$/;
/** The part of a line before its value: sequence dashes, then an optional (quoted) key. */
const LINE_PREFIX =
  /^[ \t]*(?:-[ \t]+)*(?:(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[][^#]*?)[ \t]*:(?:[ \t]+|$))?/;
const HELM_EXPRESSION =
  /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|include\b|tpl\b|template\b)/;

function indentOf(line: string): number {
  let i = 0;
  while (i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
  return i;
}

/** `{{` opening a value, or a flow collection holding one, is read by YAML as structure. */
function isStructural(line: string): boolean {
  const value = line.slice(LINE_PREFIX.exec(line)?.[0].length ?? 0);
  return value.startsWith('{{') || ((value[0] === '[' || value[0] === '{') && value.includes('{{'));
}

export function scanTemplates(text: string): TemplateScan {
  const result: TemplateScan = { structural: null, helmValue: null };
  if (!text.includes('{{')) return result;
  let first: TemplateHit | null = null;
  let blockParentIndent = -1;
  let lineNo = 0;
  for (let pos = 0; pos <= text.length; ) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
    pos = end + 1;
    const indent = indentOf(line);
    const blank = indent === line.length;
    const inBlockScalar = blockParentIndent >= 0 && (blank || indent > blockParentIndent);
    if (!inBlockScalar) blockParentIndent = -1;
    if (blank || (!inBlockScalar && line[indent] === '#') || !line.includes('{{')) {
      if (!inBlockScalar && BLOCK_SCALAR_START.test(line)) blockParentIndent = indent;
      continue;
    }
    const hit = { line: lineNo, excerpt: line.trim() };
    first ??= hit;
    if (!inBlockScalar && isStructural(line)) return { structural: first, helmValue: result.helmValue };
    if (result.helmValue === null && HELM_EXPRESSION.test(line)) result.helmValue = hit;
    if (!inBlockScalar && BLOCK_SCALAR_START.test(line)) blockParentIndent = indent;
  }
  return result;
}

/** Flux post-build substitution: `${VAR}`, `${VAR:=default}`, `${VAR:-default}`. */
const SUBSTITUTION = /\$\{[A-Za-z_][A-Za-z0-9_]*(?::?[-=][^}\n]*)?\}/g;

/** First `${VAR}` placeholder within [start, end) outside comment lines, as an offset and the match. */
export function findSubstitution(
  text: string,
  start: number,
  end: number,
): { offset: number; match: string } | null {
  SUBSTITUTION.lastIndex = start;
  for (let m = SUBSTITUTION.exec(text); m !== null && m.index < end; m = SUBSTITUTION.exec(text)) {
    const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
    const before = text.slice(lineStart, m.index);
    if (/^\s*#/.test(before) || /\s#/.test(before)) continue;
    return { offset: m.index, match: m[0] };
  }
  return null;
}
