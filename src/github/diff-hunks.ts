import { parsePatch } from 'diff';

/**
 * Head-side (RIGHT) line numbers of a PR file's `patch` that can carry a review comment: added and
 * context lines inside its hunks. Anything else makes GitHub answer 422.
 */
export function commentableLines(patch: string | undefined): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let parsed: ReturnType<typeof parsePatch>;
  try {
    parsed = parsePatch(patch);
  } catch {
    return lines; // a patch we cannot read gives no inline comments; findings stay in the summary
  }
  for (const file of parsed) {
    for (const hunk of file.hunks) {
      let line = hunk.newStart;
      for (const text of hunk.lines) {
        const mark = text[0];
        if (mark === '+' || mark === ' ') {
          lines.add(line);
          line += 1;
        }
      }
    }
  }
  return lines;
}

/** Whether `line` of `path` (head side) is inside the PR's diff hunks. */
export function commentableLine(patches: ReadonlyMap<string, string>, path: string, line: number): boolean {
  return commentableLines(patches.get(path)).has(line);
}
