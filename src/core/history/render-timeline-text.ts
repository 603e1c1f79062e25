/** The exposure timeline for a terminal: one block per commit, newest last (the order of events). */
import { plainText } from '../report/escape.ts';
import type { TimelineEntry } from './timeline.ts';
import { waiverChangeText } from './timeline-rows.ts';

const label = (o: { kind: string; namespace: string | null; name: string } | null) =>
  o ? `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}` : '(file)';

export function renderTimelineText(entries: readonly TimelineEntry[]): string {
  if (entries.length === 0) return 'No exposure changes in this history.\n';
  const out: string[] = [];
  for (const e of entries) {
    const pr = e.pullRequest === null ? '' : `  PR ${e.pullRequest}`;
    const email = e.authorEmail ? ` <${e.authorEmail}>` : '';
    out.push(
      `${e.date}  ${e.commit.slice(0, 12)}  ${plainText(e.author + email)}${pr}  ${plainText(e.subject)}`,
    );
    for (const o of e.objects)
      out.push(`  ${o.change.padEnd(10)} ${plainText(label(o))}  ${plainText(o.file)}:${o.line}`);
    for (const f of e.introduced) {
      const waived = f.waived
        ? `  (waived: ${f.waived.source}${f.waived.by ? ` by ${f.waived.by}` : ''})`
        : '';
      const expired = f.expiredWaiver ? `  (waiver EXPIRED ${f.expiredWaiver.expires})` : '';
      out.push(
        `  + ${f.severity.padEnd(8)} ${f.ruleId}  ${plainText(label(f.object))}  ${plainText(f.message)}${waived}${expired}`,
      );
    }
    for (const f of e.resolved)
      out.push(`  - ${f.severity.padEnd(8)} ${f.ruleId}  ${plainText(label(f.object))}  resolved`);
    for (const w of e.waivers) out.push(`  waiver: ${plainText(waiverChangeText(w))}`);
    out.push(`  risk ${e.risk} · posture ${e.postureBefore} → ${e.posture}`, '');
  }
  return `${out.join('\n')}`;
}
