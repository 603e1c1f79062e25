/**
 * A fast reader for the YAML that manifests are almost always written in: block mappings and
 * sequences, single-line plain and quoted scalars, literal block scalars (`|`) and one-line flow
 * collections. It answers exactly what the yaml library (with the Kubernetes schema) would, or
 * null — anchors, aliases, tags, merge keys, multi-line or folded scalars, duplicate keys,
 * anything odd — and the loader then hands the document to yaml, which also reports the errors.
 * yaml builds a full syntax tree per document; this reads lines, which is what makes large
 * repositories affordable. test/core/manifests/simple-yaml.test.ts holds it to yaml's answers.
 */
import { isScalar } from 'yaml';
import type { FieldPath } from './document.ts';
import { KUBERNETES_SCHEMA } from './kubernetes-yaml.ts';

/**
 * Where things start (0-based lines), compact because a position tree lives as long as its document:
 * a scalar is its line; a mapping is `[line, key, tree, key, tree…]`, a sequence `[line, tree, tree…]`.
 * Under a mapping entry, the line is the key's, as yaml answers for entries.
 */
export type LineTree = number | LineNode;
export interface LineNode extends Array<LineTree | string> {
  0: number;
}

/** `tree` moved to the line of the key that holds it. */
function atKey(tree: LineTree, line: number): LineTree {
  if (typeof tree === 'number') return line;
  tree[0] = line;
  return tree;
}

export interface SimpleDocument {
  value: Record<string, unknown>;
  /** 0-based line (in the whole text) of the root mapping's first key. */
  line: number;
  /** Only when asked for. */
  lines?: LineTree;
}

/** Thrown inside the reader and caught at its door: "not in the subset, ask yaml". */
const GIVE_UP = Symbol('give up');

/** Deeper than this is not hand-written YAML; yaml (and the depth limit) deal with it. */
const MAX_DEPTH = 40;
/** yaml refuses implicit keys longer than 1024 characters. */
const MAX_KEY_LENGTH = 1000;

const SPACE = 32;
const TAB = 9;
const CR = 13;
const HASH = 35;
const DASH = 45;
const COLON = 58;
const COMMA = 44;
const DQUOTE = 34;
const SQUOTE = 39;
const BACKSLASH = 92;
const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;
const PIPE = 124;

/** Control characters, byte order marks, Unicode line separators, lone CRs: left to yaml. */
const ODD_CHARACTER = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\u2028\u2029]/;
const LONE_CR = /\r(?!\n)/;

/** Letters, digits and `_ . / -`: annotation keys, label keys, field names. */
function isKeyChar(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 47 ||
    c === 45
  );
}

/**
 * Plain scalars the Kubernetes schema could read as something other than a string start with one
 * of these: null (`~`, `null`), booleans (y/n/yes/no/true/false/on/off), numbers (`0755`, `.inf`, and
 * `e5`, a float), the `<<` merge key. test/core/manifests/simple-yaml.test.ts checks it against the tags.
 */
export const NON_STRING_STARTS = '~nNyYtTfFoOeE0123456789+-.<';
const NON_STRING_START = new Set([...NON_STRING_STARTS].map((c) => c.charCodeAt(0)));

type ScalarTag = { default?: boolean | 'key'; test?: RegExp; resolve: (...args: never[]) => unknown };
const TAGS = (KUBERNETES_SCHEMA.tags as unknown as ScalarTag[]).filter(
  (tag) => tag.default === true && tag.test instanceof RegExp,
);
const RESOLVE_OPTIONS = { intAsBigInt: false };
const resolved = new Map<string, unknown>();
const MAX_RESOLVED = 4096;

/**
 * A plain scalar's value, resolved by the same tags, in the same order, as yaml's composer. Throws
 * the reader's give-up signal where yaml would report an error.
 */
export function plainValue(text: string): unknown {
  if (text === '' || NON_STRING_START.has(text.charCodeAt(0))) {
    if (resolved.has(text)) return resolved.get(text);
    let tag: ScalarTag | undefined;
    for (const t of TAGS)
      if (t.test!.test(text)) {
        tag = t;
        break;
      }
    let value: unknown = text;
    if (tag) {
      let failed = false;
      value = (tag.resolve as (s: string, onError: () => void, o: object) => unknown)(
        text,
        () => {
          failed = true;
        },
        RESOLVE_OPTIONS,
      );
      // Booleans and nulls come back as Scalar nodes (they remember how they were written).
      if (isScalar(value)) value = value.value;
      if (failed || (value !== null && typeof value === 'object')) throw GIVE_UP;
    }
    if (resolved.size >= MAX_RESOLVED) resolved.clear();
    resolved.set(text, value);
    return value;
  }
  return text;
}

/**
 * Short values (`Prefix`, `nginx`, `http`…) repeat in every document and V8 copies each short slice:
 * one copy serves them all. (Keys need no help: V8 shares property names itself.) The table stops
 * growing when full rather than churning: the values seen first are the common ones.
 */
const sharedStrings = new Map<string, string>();
const MAX_SHARED_LENGTH = 24;
const MAX_SHARED = 16_384;

function shared(value: unknown): unknown {
  if (typeof value !== 'string' || value.length > MAX_SHARED_LENGTH) return value;
  const known = sharedStrings.get(value);
  if (known !== undefined) return known;
  if (sharedStrings.size < MAX_SHARED) sharedStrings.set(value, value);
  return value;
}

/** Indicators cannot start a plain scalar; `-` only before a letter, digit or dot (`-1`, `-foo`). */
function startsPlain(text: string, pos: number, end: number): boolean {
  if (pos >= end || '&*!%@`,[]{}#|>\'"?:'.includes(text[pos])) return false;
  if (text.charCodeAt(pos) !== DASH) return true;
  const next = pos + 1 < end ? text.charCodeAt(pos + 1) : -1;
  return next === 46 || (next !== DASH && next !== 47 && isKeyChar(next));
}

function isBlankLine(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) !== SPACE) return false;
  return true;
}

class Reader {
  readonly #text: string;
  readonly #withLines: boolean;
  /** Per line: start offset, end offset (before any `\r`), number of leading spaces. */
  readonly #starts: number[] = [];
  readonly #ends: number[] = [];
  readonly #indents: number[] = [];
  readonly #firstLine: number;
  /** Current line. */
  #i = 0;
  /** With `withLines`: the positions of the node the last reading method returned. */
  #tree: LineTree | undefined;

  constructor(text: string, start: number, end: number, firstLine: number, withLines: boolean) {
    this.#text = text;
    this.#withLines = withLines;
    this.#firstLine = firstLine;
    let pos = start;
    while (pos < end) {
      let lineEnd = text.indexOf('\n', pos);
      if (lineEnd === -1 || lineEnd > end) lineEnd = end;
      const next = lineEnd + 1;
      if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === CR) lineEnd--;
      let indent = 0;
      while (pos + indent < lineEnd && text.charCodeAt(pos + indent) === SPACE) indent++;
      this.#starts.push(pos);
      this.#ends.push(lineEnd);
      this.#indents.push(indent);
      pos = next;
    }
  }

  read(): SimpleDocument {
    this.#skipIgnorable();
    // The document start marker, alone on its line (or with a comment).
    if (this.#i < this.#starts.length && this.#isMarker(this.#i)) {
      this.#i++;
      this.#skipIgnorable();
    }
    if (this.#i >= this.#starts.length || this.#indents[this.#i] !== 0) throw GIVE_UP;
    const line = this.#i;
    const value = this.#mapping(this.#i, 0, 0);
    const lines = this.#tree;
    this.#skipIgnorable();
    if (this.#i < this.#starts.length) throw GIVE_UP;
    const start = this.#firstLine + line;
    return this.#withLines && lines !== undefined ? { value, line: start, lines } : { value, line: start };
  }

  #isMarker(i: number): boolean {
    const start = this.#starts[i];
    const end = this.#ends[i];
    if (!this.#text.startsWith('---', start)) return false;
    return end === start + 3 || this.#isCommentOrEnd(start + 3, end, false);
  }

  /** From `pos`: spaces, then the end of the line or a comment (which needs a space before it). */
  #isCommentOrEnd(pos: number, end: number, spaced: boolean): boolean {
    const text = this.#text;
    let p = pos;
    while (p < end && text.charCodeAt(p) === SPACE) p++;
    if (p === end) return true;
    return text.charCodeAt(p) === HASH && (spaced || p > pos);
  }

  #restIsEmpty(pos: number, end: number): void {
    if (!this.#isCommentOrEnd(pos, end, false)) throw GIVE_UP;
    this.#assertNoTab(pos, end);
  }

  #assertNoTab(pos: number, end: number): void {
    for (let i = pos; i < end; i++) if (this.#text.charCodeAt(i) === TAB) throw GIVE_UP;
  }

  /** Skips blank and comment lines. */
  #skipIgnorable(): void {
    const text = this.#text;
    while (this.#i < this.#starts.length) {
      const start = this.#starts[this.#i] + this.#indents[this.#i];
      const end = this.#ends[this.#i];
      if (start < end && text.charCodeAt(start) !== HASH) return;
      this.#assertNoTab(this.#starts[this.#i], end);
      this.#i++;
    }
  }

  /** Indentation of the next content line, or -1 at the end. */
  #nextIndent(): number {
    this.#skipIgnorable();
    return this.#i < this.#starts.length ? this.#indents[this.#i] : -1;
  }

  #isSequenceItem(i: number, column: number): boolean {
    const pos = this.#starts[i] + column;
    if (this.#text.charCodeAt(pos) !== DASH) return false;
    const next = pos + 1;
    return next === this.#ends[i] || this.#text.charCodeAt(next) === SPACE;
  }

  /** End of a `key:` at `pos` (the offset after the colon), or -1 when the line is not such an entry. */
  #keyEnd(pos: number, end: number): number {
    const text = this.#text;
    let p = pos;
    while (p < end && isKeyChar(text.charCodeAt(p))) p++;
    if (p === pos || p >= end || text.charCodeAt(p) !== COLON) return -1;
    if (p + 1 < end && text.charCodeAt(p + 1) !== SPACE) return -1;
    return p + 1;
  }

  #key(pos: number, colon: number): string {
    if (colon - pos > MAX_KEY_LENGTH || this.#text.charCodeAt(pos) === DASH) throw GIVE_UP;
    const key = plainValue(this.#text.slice(pos, colon));
    if (typeof key !== 'string' || key === '__proto__') throw GIVE_UP;
    return key;
  }

  /** A block mapping whose first key is on line `i` at `column`; the others start lines at `column`. */
  #mapping(i: number, column: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const value: Record<string, unknown> = {};
    const tree: LineNode | undefined = this.#withLines ? [this.#firstLine + i] : undefined;
    let line = i;
    for (;;) {
      const end = this.#ends[line];
      const pos = this.#starts[line] + column;
      const after = this.#keyEnd(pos, end);
      if (after === -1) throw GIVE_UP;
      const key = this.#key(pos, after - 1);
      if (Object.hasOwn(value, key)) throw GIVE_UP;
      this.#i = line;
      value[key] = this.#value(after, column, depth, true);
      tree?.push(key, atKey(this.#tree!, this.#firstLine + line));
      const next = this.#nextIndent();
      if (next < column) break;
      if (next > column || this.#isSequenceItem(this.#i, column)) throw GIVE_UP;
      line = this.#i;
    }
    // Exact-size copies: arrays grown by push keep spare room, and these live as long as the document.
    if (tree) this.#tree = tree.slice() as LineNode;
    return value;
  }

  /** A block sequence whose items start lines at `column` with `- `. */
  #sequence(column: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const value: unknown[] = [];
    const tree: LineNode | undefined = this.#withLines ? [this.#firstLine + this.#i] : undefined;
    for (;;) {
      const line = this.#i;
      const end = this.#ends[line];
      let pos = this.#starts[line] + column + 1;
      while (pos < end && this.#text.charCodeAt(pos) === SPACE) pos++;
      if (this.#isCommentOrEnd(pos, end, true)) {
        // The item is on the lines below (an empty item is left to yaml).
        this.#restIsEmpty(pos, end);
        this.#i++;
        if (this.#nextIndent() <= column) throw GIVE_UP;
        value.push(this.#block(this.#indents[this.#i], depth + 1));
      } else {
        const itemColumn = pos - this.#starts[line];
        if (this.#keyEnd(pos, end) !== -1) value.push(this.#mapping(line, itemColumn, depth + 1));
        else value.push(this.#value(pos, column, depth, false));
      }
      tree?.push(this.#tree!);
      const next = this.#nextIndent();
      // At the same column, a line that is not an item ends a sequence that is a mapping's value.
      if (next < column || (next === column && !this.#isSequenceItem(this.#i, column))) break;
      if (next > column) throw GIVE_UP;
    }
    if (tree) this.#tree = tree.slice() as LineNode;
    return value.slice();
  }

  /** A mapping or sequence that starts its own line, at `column`. */
  #block(column: number, depth: number): unknown {
    if (this.#isSequenceItem(this.#i, column)) return this.#sequence(column, depth + 1);
    const pos = this.#starts[this.#i] + column;
    if (this.#keyEnd(pos, this.#ends[this.#i]) === -1) throw GIVE_UP;
    return this.#mapping(this.#i, column, depth + 1);
  }

  /**
   * The value after `key:` (or `- `) at `pos` on the current line, whose parent sits at `column`.
   * Leaves the current line at the last line the value uses.
   */
  #value(pos: number, column: number, depth: number, ofMapping: boolean): unknown {
    const text = this.#text;
    const line = this.#i;
    const end = this.#ends[line];
    while (pos < end && text.charCodeAt(pos) === SPACE) pos++;
    const here = this.#firstLine + line;
    if (this.#isCommentOrEnd(pos, end, true)) {
      this.#restIsEmpty(pos, end);
      this.#i++;
      const next = this.#nextIndent();
      if (next > column) return this.#block(next, depth);
      // `key:` then `- item` at the key's own indentation is a sequence value.
      if (ofMapping && next === column && this.#isSequenceItem(this.#i, column))
        return this.#sequence(column, depth + 1);
      this.#tree = here;
      return null;
    }
    const c = text.charCodeAt(pos);
    let value: unknown;
    this.#tree = here;
    if (c === PIPE) return this.#literal(pos, column);
    if (c === DQUOTE || c === SQUOTE) {
      const closed = this.#quoted(pos, end);
      value = closed.value;
      this.#restIsEmpty(closed.end, end);
    } else if (c === OPEN_CURLY || c === OPEN_SQUARE) {
      const flow = new FlowReader(text, pos, end, here, this.#withLines);
      value = flow.node(depth + 1);
      if (this.#withLines) this.#tree = flow.tree;
      this.#restIsEmpty(flow.pos, end);
    } else {
      value = this.#plain(pos, end);
    }
    this.#i = line + 1;
    return value;
  }

  #quoted(pos: number, end: number): { value: string; end: number } {
    const text = this.#text;
    const quote = text.charCodeAt(pos);
    if (quote === DQUOTE) {
      const close = text.indexOf('"', pos + 1);
      if (close === -1 || close >= end) throw GIVE_UP;
      const value = text.slice(pos + 1, close);
      if (value.includes('\\')) throw GIVE_UP;
      return { value, end: close + 1 };
    }
    let value = '';
    let from = pos + 1;
    for (;;) {
      const close = text.indexOf("'", from);
      if (close === -1 || close >= end) throw GIVE_UP;
      value += text.slice(from, close);
      if (text.charCodeAt(close + 1) !== SQUOTE || close + 1 >= end) return { value, end: close + 1 };
      value += "'";
      from = close + 2;
    }
  }

  /** A plain scalar on one line: up to a ` #` comment, never `: ` (a key) or a continuation line. */
  #plain(pos: number, end: number): unknown {
    const text = this.#text;
    if (!startsPlain(text, pos, end)) throw GIVE_UP;
    let last = pos;
    for (let i = pos; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
        continue;
      }
      // `a: b` inside a value is an error yaml reports; a tab may start a comment.
      if (c === TAB || (c === COLON && (i + 1 === end || text.charCodeAt(i + 1) === SPACE))) throw GIVE_UP;
      last = i + 1;
    }
    return shared(plainValue(text.slice(pos, last)));
  }

  /**
   * A literal block scalar (`|`, `|-`, `|+`) whose header is at `pos`; its owner sits at `column`.
   * Leading blank lines, more-indented blank lines and `|+` with trailing blank lines are left to yaml.
   */
  #literal(pos: number, column: number): string {
    const text = this.#text;
    const line = this.#i;
    const end = this.#ends[line];
    let p = pos + 1;
    const chomp = p < end ? text[p] : '';
    if (chomp === '-' || chomp === '+') p++;
    this.#restIsEmpty(p, end);
    const count = this.#starts.length;
    let i = line + 1;
    if (i < count && isBlankLine(text, this.#starts[i], this.#ends[i])) throw GIVE_UP;
    if (i >= count || this.#indents[i] <= column) {
      // Empty: `key: |` followed by the next key.
      this.#i = i;
      return '';
    }
    const indent = this.#indents[i];
    const parts: string[] = [];
    let blanks = 0;
    for (; i < count; i++) {
      const start = this.#starts[i];
      const lineEnd = this.#ends[i];
      if (isBlankLine(text, start, lineEnd)) {
        if (lineEnd - start > indent) throw GIVE_UP;
        blanks++;
        continue;
      }
      if (this.#indents[i] < indent) {
        if (this.#indents[i] > column) throw GIVE_UP;
        break;
      }
      for (; blanks > 0; blanks--) parts.push('');
      parts.push(text.slice(start + indent, lineEnd));
    }
    if (chomp === '+' && blanks > 0) throw GIVE_UP;
    this.#i = i;
    const body = parts.join('\n');
    return chomp === '-' ? body : `${body}\n`;
  }
}

/** A flow collection (`{a: b}`, `[x, y]`) that opens and closes on one line. */
class FlowReader {
  readonly #text: string;
  readonly #end: number;
  readonly #line: number;
  readonly #withLines: boolean;
  pos: number;
  /** With `withLines`: the positions of the node the last reading method returned. */
  tree: LineTree | undefined;

  constructor(text: string, pos: number, end: number, line: number, withLines: boolean) {
    this.#text = text;
    this.pos = pos;
    this.#end = end;
    this.#line = line;
    this.#withLines = withLines;
  }

  #spaces(): void {
    while (this.pos < this.#end && this.#text.charCodeAt(this.pos) === SPACE) this.pos++;
  }

  #at(): number {
    return this.pos < this.#end ? this.#text.charCodeAt(this.pos) : -1;
  }

  node(depth: number): unknown {
    if (depth > MAX_DEPTH) throw GIVE_UP;
    const c = this.#at();
    if (c === OPEN_CURLY) return this.#mapping(depth);
    if (c === OPEN_SQUARE) return this.#sequence(depth);
    // Everything in a one-line flow collection is on that line.
    this.tree = this.#line;
    return c === DQUOTE || c === SQUOTE ? this.#quoted() : this.#plain();
  }

  #mapping(depth: number): Record<string, unknown> {
    const value: Record<string, unknown> = {};
    const tree: LineNode | undefined = this.#withLines ? [this.#line] : undefined;
    this.pos++;
    this.#spaces();
    if (this.#at() === CLOSE_CURLY) this.pos++;
    else
      for (;;) {
        const start = this.pos;
        while (this.pos < this.#end && isKeyChar(this.#text.charCodeAt(this.pos))) this.pos++;
        if (this.pos === start || this.#at() !== COLON || this.#text.charCodeAt(this.pos + 1) !== SPACE)
          throw GIVE_UP;
        if (this.#text.charCodeAt(start) === DASH || this.pos - start > MAX_KEY_LENGTH) throw GIVE_UP;
        const key = plainValue(this.#text.slice(start, this.pos));
        if (typeof key !== 'string' || key === '__proto__' || Object.hasOwn(value, key)) throw GIVE_UP;
        this.pos += 2;
        this.#spaces();
        value[key] = this.node(depth + 1);
        tree?.push(key, atKey(this.tree!, this.#line));
        if (this.#separator(CLOSE_CURLY)) break;
      }
    if (tree) this.tree = tree.slice() as LineNode;
    return value;
  }

  #sequence(depth: number): unknown[] {
    const value: unknown[] = [];
    const tree: LineNode | undefined = this.#withLines ? [this.#line] : undefined;
    this.pos++;
    this.#spaces();
    if (this.#at() === CLOSE_SQUARE) this.pos++;
    else
      for (;;) {
        value.push(this.node(depth + 1));
        tree?.push(this.tree!);
        if (this.#separator(CLOSE_SQUARE)) break;
      }
    if (tree) this.tree = tree.slice() as LineNode;
    return value.slice();
  }

  /** After an entry: `,` and another entry (true to stop is false), or the closing bracket. */
  #separator(close: number): boolean {
    this.#spaces();
    const c = this.#at();
    if (c === close) {
      this.pos++;
      return true;
    }
    if (c !== COMMA) throw GIVE_UP;
    this.pos++;
    this.#spaces();
    const next = this.#at();
    if (next === close || next === COMMA || next === -1) throw GIVE_UP;
    return false;
  }

  #quoted(): string {
    const text = this.#text;
    const quote = text.charCodeAt(this.pos);
    let value = '';
    let from = this.pos + 1;
    for (;;) {
      const close = text.indexOf(quote === DQUOTE ? '"' : "'", from);
      if (close === -1 || close >= this.#end) throw GIVE_UP;
      value += text.slice(from, close);
      if (quote === SQUOTE && close + 1 < this.#end && text.charCodeAt(close + 1) === SQUOTE) {
        value += "'";
        from = close + 2;
        continue;
      }
      if (quote === DQUOTE && value.includes('\\')) throw GIVE_UP;
      this.pos = close + 1;
      return value;
    }
  }

  /** A plain scalar inside brackets: it ends at `,` `]` `}`; `:` `#` `[` `{` inside it are left to yaml. */
  #plain(): unknown {
    const text = this.#text;
    const start = this.pos;
    if (!startsPlain(text, start, this.#end)) throw GIVE_UP;
    let p = start;
    for (; p < this.#end; p++) {
      const ch = text.charCodeAt(p);
      if (ch === COMMA || ch === CLOSE_SQUARE || ch === CLOSE_CURLY) break;
      if (
        ch === COLON ||
        ch === HASH ||
        ch === OPEN_SQUARE ||
        ch === OPEN_CURLY ||
        ch === TAB ||
        ch === BACKSLASH
      )
        throw GIVE_UP;
    }
    let last = p;
    while (last > start && text.charCodeAt(last - 1) === SPACE) last--;
    this.pos = p;
    return shared(plainValue(text.slice(start, last)));
  }
}

/**
 * Reads text[start, end) — one YAML document whose first line is line `firstLine` (0-based) of the
 * text — or returns null when the document is not in the subset this reader knows exactly.
 * `withLines` also returns where every entry and item starts, for `lineOf`.
 */
export function readSimpleYaml(
  text: string,
  start: number,
  end: number,
  firstLine: number,
  withLines = false,
): SimpleDocument | null {
  const source = start === 0 && end === text.length ? text : text.slice(start, end);
  // One character class is a fast scan; CRs are rare enough to look at twice.
  if (ODD_CHARACTER.test(source) || (source.includes('\r') && LONE_CR.test(source))) return null;
  try {
    return new Reader(text, start, end, firstLine, withLines).read();
  } catch (error) {
    if (error === GIVE_UP || error instanceof RangeError) return null;
    throw error;
  }
}

/**
 * 0-based line of the node at `path`, with yaml's conventions: a mapping entry answers with its
 * key, a sequence item with itself; a missing segment stops at the deepest one that exists.
 */
export function lineInTree(tree: LineTree, path: FieldPath): number {
  let node = tree;
  for (const segment of path) {
    if (typeof node === 'number') break;
    let next: LineTree | string | undefined;
    if (typeof node[1] === 'string') {
      const key = String(segment);
      for (let i = 1; i < node.length; i += 2)
        if (node[i] === key) {
          next = node[i + 1];
          break;
        }
    } else {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      next = index >= 0 ? node[index + 1] : undefined;
    }
    if (next === undefined || typeof next === 'string') break;
    node = next;
  }
  return typeof node === 'number' ? node : node[0];
}
