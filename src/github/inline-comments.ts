import type { AuditResult } from '../core/audit-result.ts';
import { sortFindings } from '../core/report/finding-order.ts';
import { renderReviewComment } from '../core/report/review-comment.ts';
import type { RuleMeta } from '../core/rule.ts';
import type { InlineComment } from './publish-review-comments.ts';

/**
 * One inline comment per finding this change introduced or worsened and nobody waived, most important
 * first (publishReviewComments posts the first `maxInline`). Preexisting and resolved findings stay in
 * the summary: a reviewer should not be asked about lines the PR did not make worse.
 */
export function inlineCommentsFor(
  result: AuditResult,
  opts: { ruleMeta?: readonly RuleMeta[]; docsBaseUrl?: string } = {},
): InlineComment[] {
  const meta = new Map((opts.ruleMeta ?? []).map((m) => [m.id, m]));
  return sortFindings(result.findings)
    .filter(
      (f) =>
        (f.status === 'introduced' || f.status === 'worsened') && f.waived === null && f.file && f.line >= 1,
    )
    .map((f) => ({
      path: f.file,
      line: f.line,
      body: renderReviewComment(f, meta.get(f.ruleId), { docsBaseUrl: opts.docsBaseUrl }),
      fingerprint: f.fingerprint,
    }));
}
