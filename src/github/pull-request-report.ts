/**
 * What the summary comment and the check run of a pull request say: the core renderers, with the
 * owner-review gate (when the config asks for it) put after the heading, where a reader looks first.
 */
import type { AuditResult } from '../core/audit-result.ts';
import { type OwnerReviewGate, ownerReviewMet } from '../core/owners/owner-review-gate.ts';
import { insertSection, renderOwnerReview } from '../core/owners/render-owner-review.ts';
import { type CheckRunOptions, type CheckRunOutput, renderCheckRun } from '../core/report/check-run.ts';
import { CHECK_SUMMARY_MAX } from '../core/report/limits.ts';
import { DEFAULT_MAX_LENGTH, type MarkdownOptions, renderMarkdown } from '../core/report/markdown.ts';

export interface PullRequestReportOptions extends Omit<MarkdownOptions, 'maxLength'> {
  ownerReview?: OwnerReviewGate;
}

/** The report within `maxLength`, room made for the gate section. */
function withGate(result: AuditResult, opts: PullRequestReportOptions, maxLength: number): string {
  const section = opts.ownerReview ? renderOwnerReview(opts.ownerReview) : '';
  const room = section === '' ? maxLength : maxLength - section.length - 4;
  const report = renderMarkdown(result, { ...opts, maxLength: room });
  return insertSection(report, section);
}

export function summaryComment(result: AuditResult, opts: PullRequestReportOptions): string {
  return withGate(result, opts, DEFAULT_MAX_LENGTH);
}

export function checkRunReport(
  result: AuditResult,
  opts: PullRequestReportOptions & Pick<CheckRunOptions, 'failOn'>,
): CheckRunOutput {
  const output = renderCheckRun(result, opts);
  if (!opts.ownerReview) return output;
  const waiting = !ownerReviewMet(opts.ownerReview);
  return {
    ...output,
    title: waiting ? `${output.title} · waiting for owner review` : output.title,
    summary: withGate(result, opts, CHECK_SUMMARY_MAX),
  };
}
