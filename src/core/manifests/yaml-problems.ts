/** yaml's per-document errors as notices: which ones to report, and whether the content survives them. */
import type { Document } from 'yaml';

export interface YamlProblem {
  kind: 'parse' | 'limit';
  /** Offset in the file text. */
  offset: number;
  message: string;
}

/** A broken document can fail the parser at every line; the first few errors locate it. */
const MAX_PROBLEMS_PER_DOCUMENT = 10;
const MAX_KEY_LENGTH = 80;

/** The key a DUPLICATE_KEY error points at (yaml gives only its first character). */
function keyAt(text: string, offset: number): string {
  const key = /^(?:"(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n]*)/.exec(text.slice(offset, offset + 256))?.[0].trim();
  if (!key) return '(unnamed)';
  const bare = key.replace(/^["']|["']$/g, '');
  return `"${bare.length > MAX_KEY_LENGTH ? `${bare.slice(0, MAX_KEY_LENGTH - 1)}…` : bare}"`;
}

/**
 * `usable` is false when an error leaves the content untrustworthy. Duplicate keys do not: Kubernetes'
 * strict decoding refuses them, but which value each side holds is clear, so the object stays in the
 * audit alongside the notice.
 */
export function yamlProblems(
  doc: Document.Parsed,
  text: string,
  base: number,
): { usable: boolean; problems: YamlProblem[] } {
  let usable = true;
  let reported = 0;
  const problems: YamlProblem[] = [];
  for (const error of doc.errors) {
    const offset = base + error.pos[0];
    if (error.code === 'RESOURCE_EXHAUSTION') {
      problems.push({
        kind: 'limit',
        offset,
        message: `document too deeply nested for the YAML parser (${error.message})`,
      });
      usable = false;
      continue;
    }
    if (error.code !== 'DUPLICATE_KEY') usable = false;
    if (++reported > MAX_PROBLEMS_PER_DOCUMENT) continue;
    const message =
      error.code === 'DUPLICATE_KEY'
        ? `duplicate key ${keyAt(text, offset)}`
        : `YAML parse error: ${error.message}`;
    problems.push({ kind: 'parse', offset, message });
  }
  if (reported > MAX_PROBLEMS_PER_DOCUMENT) {
    const more = reported - MAX_PROBLEMS_PER_DOCUMENT;
    problems.push({
      kind: 'parse',
      offset: base + doc.range[0],
      message: `${more} more YAML errors in this document`,
    });
  }
  return { usable, problems };
}
