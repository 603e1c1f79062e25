/** The one-line title shared by the markdown report and the check run. */
import type { AuditResult } from '../audit-result.ts';
import { isNew } from './score.ts';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** `Risk 60/100 · high · 3 new findings`, or `No new risk · 2 preexisting`; our own words and numbers only. */
export function reportTitle(result: AuditResult): string {
  const counted = result.findings.filter((f) => isNew(f) && f.waived === null).length;
  const waived = result.findings.filter((f) => isNew(f) && f.waived !== null).length;
  const preexisting = result.findings.filter((f) => f.status === 'preexisting').length;
  const parts: string[] = [];
  if (result.mode === 'scan') {
    parts.push(`Posture ${result.risk.headPosture}/100`);
    if (result.risk.level !== 'none') parts.push(result.risk.level);
    parts.push(plural(counted, 'finding'));
  } else if (counted > 0) {
    parts.push(`Risk ${result.risk.score}/100`, result.risk.level, plural(counted, 'new finding'));
  } else {
    parts.push('No new risk');
    if (preexisting > 0) parts.push(`${preexisting} preexisting`);
  }
  if (waived > 0) parts.push(`${waived} waived`);
  if (result.conclusion === 'neutral') parts.push('audit incomplete');
  return parts.join(' · ');
}
