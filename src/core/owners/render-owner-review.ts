/**
 * The owner-review gate in words: plain lines (logs) and a markdown section for the summary comment and
 * the check run. Owners are named without notifying anyone (mdText breaks `@` mentions).
 */
import { clip, mdText } from '../report/escape.ts';
import { type GatedObject, type OwnerReviewGate, ownerReviewMet } from './owner-review-gate.ts';

const MAX_ITEMS = 30;
const MAX_LINE = 500;

function from(owners: readonly string[]): string {
  return owners.length === 1 ? owners[0] : `one of ${owners.join(', ')}`;
}

function waitingLine(o: GatedObject): string {
  return `${o.object} (${o.rules.join(', ')}) needs an approving review from ${from(o.owners)} (CODEOWNERS)`;
}

/** One plain line per gated object and problem, waiting objects first. */
export function ownerReviewLines(gate: OwnerReviewGate): string[] {
  return [
    ...gate.problems.map((p) => `owner review could not be checked: ${p}`),
    ...gate.waiting.map(waitingLine),
    ...gate.approved.map((o) => `${o.object}: approved by ${o.approvedBy.join(', ')} (CODEOWNERS)`),
    ...gate.unowned.map((o) => `${o} has no owner in CODEOWNERS, so no owner review is required`),
  ];
}

/** The markdown section, or '' when the change has no high-risk object (the gate does not apply). */
export function renderOwnerReview(gate: OwnerReviewGate): string {
  const lines = ownerReviewLines(gate);
  if (lines.length === 0) return '';
  const met = ownerReviewMet(gate);
  const heading = met
    ? '#### ✅ Owner review (`requireOwnerReview`)'
    : '#### ⏳ Waiting for owner review (`requireOwnerReview`)';
  const intro = met
    ? 'Every high-risk change has an approving review from an owner.'
    : 'The check fails until an owner of each object below approves the pull request.';
  const items = lines.slice(0, MAX_ITEMS).map((l) => `- ${mdText(clip(l, MAX_LINE))}`);
  if (lines.length > MAX_ITEMS) items.push(`- … ${lines.length - MAX_ITEMS} more`);
  return `${heading}\n\n${intro}\n\n${items.join('\n')}`;
}

/**
 * `report` with `section` after its heading and risk line (the first two blocks of renderMarkdown's
 * output), where a reader sees it first; appended when the report does not have that shape.
 */
export function insertSection(report: string, section: string): string {
  if (section === '') return report;
  const first = report.indexOf('\n\n');
  const second = first === -1 ? -1 : report.indexOf('\n\n', first + 2);
  if (second === -1) return `${report.replace(/\n*$/, '')}\n\n${section}\n`;
  return `${report.slice(0, second)}\n\n${section}${report.slice(second)}`;
}
