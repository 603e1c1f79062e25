/**
 * The body of an inline review comment for one finding. It ends with a hidden fingerprint marker so a
 * re-run recognises comments it already posted and never posts the same one twice.
 */
import type { Finding } from '../findings.ts';
import type { RuleMeta } from '../rule.ts';
import { clip, inlineCode, mdLink, mdText } from './escape.ts';
import { objectLabel, routeLabel } from './finding-order.ts';
import { MARKER_PREFIX } from './hidden-marker.ts';
import { COMMENT_BODY_MAX } from './limits.ts';
import { redact } from './redact.ts';
import { ruleDocsUrl } from './rule-docs-url.ts';
import { SEVERITY_ICON } from './severity-icon.ts';

export interface ReviewCommentOptions {
  /** Where `docs/rules/<id>.md` lives (see MarkdownOptions.docsBaseUrl). */
  docsBaseUrl?: string;
}

const MAX_MESSAGE = 4_000;

// Fingerprints are our own hashes; anything else is base64url-encoded behind `~` so the marker can never
// hold `-->` and still round-trips.
const PLAIN_FINGERPRINT = /^[A-Za-z0-9_.:=-]{1,200}$/;
const FINGERPRINT_MARKER = new RegExp(`<!-- ${MARKER_PREFIX}fp (~?[A-Za-z0-9_.:=-]{1,400}) -->`);

export function fingerprintMarker(fingerprint: string): string {
  const token = PLAIN_FINGERPRINT.test(fingerprint)
    ? fingerprint
    : `~${Buffer.from(fingerprint, 'utf8').toString('base64url')}`;
  return `<!-- ${MARKER_PREFIX}fp ${token} -->`;
}

/** The fingerprint of a comment we posted, or null. */
export function readFingerprint(body: string): string | null {
  const match = FINGERPRINT_MARKER.exec(body);
  if (!match) return null;
  const token = match[1];
  return token.startsWith('~') ? Buffer.from(token.slice(1), 'base64url').toString('utf8') : token;
}

export function renderReviewComment(
  finding: Finding,
  ruleMeta?: RuleMeta,
  opts: ReviewCommentOptions = {},
): string {
  const f = finding;
  const rule = inlineCode(clip(redact(f.ruleId), 200));
  const ruleRef =
    opts.docsBaseUrl === undefined
      ? rule
      : mdLink(rule, ruleDocsUrl(opts.docsBaseUrl, redact(f.ruleId)), ruleMeta?.title);
  const status =
    f.status === 'worsened' ? ' · made worse by this change' : f.status === 'introduced' ? ' · new' : '';
  const lines = [
    `${SEVERITY_ICON[f.severity]} **${f.severity}** · ${ruleRef}${status}`,
    '',
    mdText(clip(redact(f.message), MAX_MESSAGE)),
  ];
  const route = routeLabel(f);
  const where = [mdText(clip(redact(objectLabel(f)), 200))];
  if (route) where.push(inlineCode(clip(redact(route), 200)));
  lines.push('', `<sub>${where.join(' · ')}</sub>`);
  if (ruleMeta) {
    // Meta is our own text, but escaped like everything else: one rule cannot break another's page.
    lines.push('', `**Why:** ${mdText(ruleMeta.rationale)}`, '', `**Fix:** ${mdText(ruleMeta.fix)}`);
  }
  if (f.waived) {
    const by = f.waived.by ? ` by ${mdText(redact(f.waived.by))}` : '';
    lines.push('', `_Waived${by}: ${mdText(clip(redact(f.waived.reason), MAX_MESSAGE))}_`);
  }
  const marker = fingerprintMarker(f.fingerprint);
  const body = lines.join('\n');
  const room = COMMENT_BODY_MAX - marker.length - 2;
  return `${body.length <= room ? body : clip(body, room)}\n\n${marker}`;
}
