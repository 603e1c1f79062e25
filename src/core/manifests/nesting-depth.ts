/** Nesting depth, measured before parsing (raw flow brackets) and after (the resolved value). */

const OPEN_SQUARE = 91;
const CLOSE_SQUARE = 93;
const OPEN_CURLY = 123;
const CLOSE_CURLY = 125;
const DQUOTE = 34;
const SQUOTE = 39;
const HASH = 35;
const NEWLINE = 10;
const SPACE = 32;
const TAB = 9;

/**
 * How deep `[`/`{` nest in text[start, end), or 0 when they cannot nest deeper than `limit` (too
 * few of them to bother). Deep flow nesting is what makes a YAML parser recurse (and stall) on a
 * small file, so it is refused before parsing. Quotes and comments are skipped per line; brackets in
 * plain text (regex paths) are balanced in practice.
 */
export function flowDepth(text: string, start: number, end: number, limit: number): number {
  let brackets = 0;
  for (let i = start; i < end && brackets <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_SQUARE || c === OPEN_CURLY) brackets++;
  }
  if (brackets <= limit) return 0;
  let depth = 0;
  let deepest = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > deepest) deepest = depth;
    } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) {
      if (depth > 0) depth--;
    } else if (c === DQUOTE || c === SQUOTE) {
      let j = i + 1;
      while (j < end && text.charCodeAt(j) !== c && text.charCodeAt(j) !== NEWLINE)
        j += c === DQUOTE && text.charCodeAt(j) === 92 ? 2 : 1;
      i = j;
    } else if (c === HASH) {
      const prev = i === start ? NEWLINE : text.charCodeAt(i - 1);
      if (prev === SPACE || prev === TAB || prev === NEWLINE) {
        const nl = text.indexOf('\n', i);
        i = nl === -1 || nl > end ? end : nl;
      }
    }
  }
  return deepest;
}

/** Depth of nested arrays/objects in `value` (a scalar is 0), or `limit + 1` once it exceeds `limit`. */
export function depthOf(value: unknown, limit: number): number {
  if (value === null || typeof value !== 'object') return 0;
  if (limit <= 0) return 1;
  let deepest = 0;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length && deepest < limit; i++) {
      const child = value[i];
      if (child !== null && typeof child === 'object') deepest = Math.max(deepest, depthOf(child, limit - 1));
    }
  } else {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (child !== null && typeof child === 'object') deepest = Math.max(deepest, depthOf(child, limit - 1));
      if (deepest >= limit) break;
    }
  }
  return deepest + 1;
}
