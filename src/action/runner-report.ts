/**
 * What the runner shows for an audit: step outputs, the markdown report in the job summary and, when
 * the token cannot write a check run, the findings as workflow annotations.
 */
import { allRules } from '../../rules/index.ts';
import type { AuditResult } from '../core/audit-result.ts';
import { type OwnerReviewGate, ownerReviewMet } from '../core/owners/owner-review-gate.ts';
import { ownerReviewLines, renderOwnerReview } from '../core/owners/render-owner-review.ts';
import { renderCheckRun } from '../core/report/check-run.ts';
import { plainText } from '../core/report/escape.ts';
import { renderMarkdown } from '../core/report/markdown.ts';
import type { FailOn } from '../core/report/score.ts';
import { countsTowardRisk, isNew } from '../core/report/score.ts';
import type { ActionLog } from './action-context.ts';
import type { ReportFiles } from './report-files.ts';
import type { RunnerFiles } from './runner-files.ts';
import { type AnnotationPlan, planAnnotations } from './workflow-commands.ts';

/** Leaves room under the 1 MiB step-summary cap even if every character took 4 bytes. */
const SUMMARY_MAX_CHARS = 250_000;
const ruleMeta = allRules.map((r) => r.meta);

/** Introduced or worsened findings that count (not waived): the `findings` output. */
export function newFindingCount(result: AuditResult): number {
  return result.findings.filter((f) => isNew(f) && countsTowardRisk(f)).length;
}

export function setResultOutputs(files: RunnerFiles, result: AuditResult, reports: ReportFiles): void {
  files.setOutput('risk-score', result.risk.score);
  files.setOutput('risk-level', result.risk.level);
  files.setOutput('conclusion', result.conclusion);
  files.setOutput('findings', newFindingCount(result));
  files.setOutput('report-json', reports.reportJson);
  files.setOutput('sarif-file', reports.sarifFile ?? '');
}

export function summaryMarkdown(result: AuditResult, docsBaseUrl: string | undefined): string {
  return renderMarkdown(result, { maxLength: SUMMARY_MAX_CHARS, ruleMeta, docsBaseUrl });
}

/** Prints the findings as `::error`/`::warning`/`::notice` lines, within GitHub's per-step caps. */
export function annotateFindings(
  print: (line: string) => void,
  result: AuditResult,
  failOn: FailOn,
): AnnotationPlan {
  const { annotations } = renderCheckRun(result, { failOn, diagram: false });
  const plan = planAnnotations(annotations);
  for (const line of plan.lines) print(line);
  return plan;
}

/**
 * The owner-review gate on the runner: its lines in the log (warnings while it waits, mentions broken so
 * nobody is pinged) and its section for the job summary ('' without a gate).
 */
export function ownerReviewOnRunner(log: ActionLog, gate: OwnerReviewGate | undefined): string {
  if (!gate) return '';
  const met = ownerReviewMet(gate);
  for (const line of ownerReviewLines(gate)) (met ? log.info : log.warn)(plainText(line));
  const section = renderOwnerReview(gate);
  return section === '' ? '' : `${section}\n\n`;
}
