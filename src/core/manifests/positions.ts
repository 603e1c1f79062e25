/**
 * Field path → source offset, walked on demand over the yaml AST (following aliases and merge keys
 * the way the resolved body was built), and offset → line through a per-file index built on first use.
 */
import { type Document, isAlias, isMap, isPair, isScalar, isSeq, type Node, type Pair } from 'yaml';
import type { FieldPath } from './document.ts';

/** 1-based line of a text offset; the newline table is built only when first asked. */
export class LineIndex {
  readonly #text: string;
  #newlines: number[] | null = null;

  constructor(text: string) {
    this.#text = text;
  }

  lineAt(offset: number): number {
    if (this.#newlines === null) {
      const newlines: number[] = [];
      for (let i = this.#text.indexOf('\n'); i !== -1; i = this.#text.indexOf('\n', i + 1)) newlines.push(i);
      this.#newlines = newlines;
    }
    const newlines = this.#newlines;
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (newlines[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}

/** Merge-key chains deeper than this are not followed (they are not written by people). */
const MAX_MERGE_HOPS = 32;

function deref(doc: Document, node: unknown): unknown {
  for (let hops = 0; isAlias(node) && hops < MAX_MERGE_HOPS; hops++) node = node.resolve(doc);
  return node;
}

function isMergeKey(key: unknown): boolean {
  if (!isScalar(key)) return false;
  const value = key.value;
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function keyMatches(key: unknown, segment: string): boolean {
  return isScalar(key) && !isMergeKey(key) && String(key.value) === segment;
}

/**
 * The pair for `segment` in a mapping: an explicit key wins (the last one, as in the body), then merge
 * sources in order (earlier sources override later ones, per the YAML merge-key spec).
 */
function findPair(doc: Document, map: unknown, segment: string, hops = 0): Pair | null {
  if (!isMap(map) || hops > MAX_MERGE_HOPS) return null;
  for (let i = map.items.length - 1; i >= 0; i--) {
    const pair = map.items[i];
    if (keyMatches(pair.key, segment)) return pair;
  }
  for (const pair of map.items) {
    if (!isMergeKey(pair.key)) continue;
    const source = deref(doc, pair.value);
    const sources = isSeq(source) ? source.items : [source];
    for (const item of sources) {
      const found = findPair(doc, deref(doc, item), segment, hops + 1);
      if (found) return found;
    }
  }
  return null;
}

function startOf(node: unknown): number | null {
  const range = (node as Node | null)?.range;
  return range ? range[0] : null;
}

/**
 * Offset of the node at `path` below `root`: a mapping entry answers with its key, a sequence item
 * with itself. Stops at the deepest segment that exists.
 */
export function offsetOf(doc: Document, root: Node, path: FieldPath): number {
  let best = startOf(root) ?? 0;
  let node: unknown = root;
  for (const segment of path) {
    node = deref(doc, node);
    let next: unknown;
    let at: number | null = null;
    if (isMap(node)) {
      const pair = findPair(doc, node, String(segment));
      if (!pair) break;
      at = startOf(pair.key) ?? startOf(pair.value);
      next = pair.value;
    } else if (isSeq(node)) {
      const index = typeof segment === 'number' ? segment : /^\d+$/.test(segment) ? Number(segment) : -1;
      next = index >= 0 ? node.items[index] : undefined;
      if (next === undefined) break;
      at = isPair(next) ? startOf(next.key) : startOf(next);
    } else {
      break;
    }
    if (at !== null) best = at;
    node = next;
  }
  return best;
}

/** The scalar value under `key` of the mapping `root` (merge keys followed), or undefined. */
export function scalarAt(doc: Document, root: unknown, key: string): unknown {
  const pair = findPair(doc, deref(doc, root), key);
  const value = pair ? deref(doc, pair.value) : undefined;
  return isScalar(value) ? value.value : undefined;
}

/** The node under `key` of the mapping `root`, aliases resolved. */
export function nodeAt(doc: Document, root: unknown, key: string): unknown {
  const pair = findPair(doc, deref(doc, root), key);
  return pair ? deref(doc, pair.value) : undefined;
}
