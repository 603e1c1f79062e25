/**
 * Hidden JSON state carried in the sticky comment (waivers, the head SHA it was written for). Base64url
 * keeps it opaque: it cannot contain `-->`, and readers only look at the bot's own comment, so user text
 * can never forge it.
 */
export type StickyState = Record<string, unknown>;

const STATE_MARKER = /<!-- ingress-audit:state ([A-Za-z0-9_-]*) -->/g;

/** The state in a sticky comment body, or null when there is none or it does not decode. */
export function readStickyState(body: string): StickyState | null {
  const encoded = [...body.matchAll(STATE_MARKER)].at(-1)?.[1];
  if (encoded === undefined) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as StickyState)
      : null;
  } catch {
    return null;
  }
}

/** `body` with its state marker replaced by one holding `state` (appended at the end). */
export function withStickyState(body: string, state: StickyState): string {
  const encoded = Buffer.from(JSON.stringify(state), 'utf8').toString('base64url');
  return `${body.replace(STATE_MARKER, '').trimEnd()}\n\n<!-- ingress-audit:state ${encoded} -->`;
}
