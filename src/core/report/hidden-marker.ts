/**
 * Hidden markers: HTML comments the publisher puts in our comments to find them again (the sticky
 * summary, the head SHA it was made for, the fingerprint of an inline comment). Data is base64url JSON,
 * so it can never contain `-->`; escape.ts guarantees that text from manifests never contains `<!--`, so
 * a marker found in a body the bot authored is always one we wrote. (The publisher must still check the
 * comment's author: other people can type anything in their own comments.)
 */

export const MARKER_PREFIX = 'ingress-audit:';

const NAME = /^[a-z][a-z0-9-]{0,40}$/;

function assertName(name: string): void {
  // A programmer error, not input: names are literals in our own code.
  if (!NAME.test(name)) throw new Error(`invalid hidden marker name: ${JSON.stringify(name)}`);
}

/** `<!-- ingress-audit:NAME -->`, or `<!-- ingress-audit:NAME DATA -->` with DATA = base64url(JSON). */
export function hiddenMarker(name: string, data?: unknown): string {
  assertName(name);
  if (data === undefined) return `<!-- ${MARKER_PREFIX}${name} -->`;
  const encoded = Buffer.from(JSON.stringify(data), 'utf8').toString('base64url');
  return `<!-- ${MARKER_PREFIX}${name} ${encoded} -->`;
}

/**
 * The first marker named `name` in `body`: `{ data }` (undefined when the marker carries none), or null
 * when there is no such marker or its data does not decode.
 */
export function readHiddenMarker(body: string, name: string): { data: unknown } | null {
  assertName(name);
  const re = new RegExp(`<!-- ${MARKER_PREFIX}${name}(?: ([A-Za-z0-9_-]+))? -->`);
  const match = re.exec(body);
  if (!match) return null;
  if (match[1] === undefined) return { data: undefined };
  try {
    return { data: JSON.parse(Buffer.from(match[1], 'base64url').toString('utf8')) };
  } catch {
    return null;
  }
}
