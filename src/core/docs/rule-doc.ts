/** The documentation page of a rule, generated from its meta (docs/rules/<id>.md and `explain`). */
import type { RuleMeta } from '../rule.ts';

function example(title: string, ex: RuleMeta['examples']['fires'][number]): string {
  const parts = [`#### ${title}: ${ex.name}`, ''];
  if (ex.base !== undefined) parts.push('Base:', '', '```yaml', ex.base.trimEnd(), '```', '', 'Head:', '');
  parts.push('```yaml', ex.head.trimEnd(), '```', '');
  if (ex.config) parts.push(`With config: \`${JSON.stringify(ex.config)}\``, '');
  return parts.join('\n');
}

export function renderRuleDoc(meta: RuleMeta): string {
  return [
    `# ${meta.id}`,
    '',
    `**${meta.title}** — default severity: \`${meta.severity}\``,
    '',
    '## Why it matters',
    '',
    meta.rationale,
    '',
    '## What fires',
    '',
    meta.fires,
    '',
    ...(meta.quiet ? ['## What does not fire', '', meta.quiet, ''] : []),
    '## How to fix',
    '',
    meta.fix,
    '',
    ...(meta.references.length ? ['## References', '', ...meta.references.map((r) => `- ${r}`), ''] : []),
    '## Examples',
    '',
    ...meta.examples.fires.map((e) => example('Fires', e)),
    ...meta.examples.passes.map((e) => example('Does not fire', e)),
  ].join('\n');
}

/** Plain-text form for the terminal (`ingress-audit explain`). */
export function renderRuleExplain(meta: RuleMeta): string {
  return [
    `${meta.id} (${meta.severity}) — ${meta.title}`,
    '',
    `Why: ${meta.rationale}`,
    '',
    `Fires: ${meta.fires}`,
    ...(meta.quiet ? ['', `Quiet: ${meta.quiet}`] : []),
    '',
    `Fix: ${meta.fix}`,
    ...(meta.references.length ? ['', 'References:', ...meta.references.map((r) => `  - ${r}`)] : []),
    '',
  ].join('\n');
}
