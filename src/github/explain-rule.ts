import { mdLink, mdText } from '../core/report/escape.ts';
import type { RuleMeta } from '../core/rule.ts';

/** `/audit explain RULE`: the rule's own text as a short markdown reply (our text, still escaped). */
export function explainRule(meta: RuleMeta): string {
  const lines = [
    `### \`${meta.id}\` · ${mdText(meta.title)} (default severity: ${meta.severity})`,
    '',
    `**Why it matters:** ${mdText(meta.rationale)}`,
    '',
    `**Fires when:** ${mdText(meta.fires)}`,
  ];
  if (meta.quiet) lines.push('', `**Does not fire:** ${mdText(meta.quiet)}`);
  lines.push('', `**How to fix:** ${mdText(meta.fix)}`);
  if (meta.references.length > 0)
    lines.push(
      '',
      '**References:**',
      ...meta.references.map((r) => `- ${/^https?:\/\//.test(r) ? mdLink(mdText(r), r) : mdText(r)}`),
    );
  return `${lines.join('\n')}\n`;
}
