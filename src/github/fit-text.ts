/** GitHub's limits, in characters: comment bodies, and check run output.summary / output.text. */
export const COMMENT_BODY_LIMIT = 65_536;
export const CHECK_OUTPUT_LIMIT = 65_535;

export const DEFAULT_TRUNCATION_NOTE =
  "\n\n---\n> **Truncated**: this text was cut to fit GitHub's size limit. The full report is in the JSON output.";

/**
 * Cuts `text` to at most `limit` UTF-16 units, ending with a visible note. UTF-16 length is never below
 * GitHub's character count, so the result always fits. The renderers size their output; this is the last guard.
 */
export function fitText(text: string, limit: number, note = DEFAULT_TRUNCATION_NOTE): string {
  if (text.length <= limit) return text;
  let end = Math.max(0, limit - note.length);
  // Never split a surrogate pair: a lone half would be replaced by GitHub with U+FFFD.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  return text.slice(0, end) + note.slice(0, limit - end);
}
