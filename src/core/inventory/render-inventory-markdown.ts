/** The inventory as GitHub markdown: a table, then waivers and stale/duplicate entry points. */
import { inlineCode, mdText } from '../report/escape.ts';
import type { Inventory } from './inventory.ts';
import {
  allowCell,
  authCell,
  classCell,
  findingsCell,
  objectCell,
  ownersCell,
  routeCell,
  rowsOf,
  tlsCell,
  waiversCell,
  waiverText,
} from './inventory-cells.ts';

const HEADER = [
  'Object',
  'File',
  'Class',
  'Visibility',
  'Route',
  'Backend',
  'TLS',
  'Auth',
  'Allow',
  'WAF',
  'Rate limit',
  'Open findings',
  'Waivers',
  'Owners',
];

export function renderInventoryMarkdown(inventory: Inventory): string {
  const out = [`## Entry points at ${inlineCode(inventory.ref)}`, ''];
  if (inventory.entries.length === 0) return `${out.join('\n')}No entry points found.\n`;
  out.push(`| ${HEADER.join(' | ')} |`, `|${HEADER.map(() => ' --- ').join('|')}|`);
  const cell = (text: string) => mdText(text);
  for (const e of inventory.entries) {
    for (const r of rowsOf(e)) {
      const row = [
        cell(objectCell(e)),
        inlineCode(`${e.file}:${e.line}`, { table: true }),
        cell(classCell(e)),
        cell(e.visibility),
        r ? inlineCode(routeCell(r), { table: true }) : cell(e.defaultBackend ? '(default)' : '-'),
        cell(r ? (r.backend ?? '-') : (e.defaultBackend ?? '-')),
        cell(r ? tlsCell(e, r) : '-'),
        cell(r ? authCell(r) : '-'),
        cell(r ? allowCell(r) : '-'),
        cell(r ? r.waf : '-'),
        cell(r ? (r.rateLimit ?? 'none') : '-'),
        cell(findingsCell(e)),
        cell(waiversCell(e)),
        cell(ownersCell(e)),
      ];
      out.push(`| ${row.join(' | ')} |`);
    }
  }
  const waived = inventory.entries.filter((e) => e.waivers.length > 0);
  if (waived.length > 0) {
    out.push('', '### Waivers', '');
    for (const e of waived)
      for (const w of e.waivers) out.push(`- ${mdText(objectCell(e))}: ${mdText(waiverText(w))}`);
  }
  const issues = inventory.entries.filter((e) => e.issues.length > 0);
  if (issues.length > 0) {
    out.push('', '### Stale or duplicate entry points', '');
    for (const e of issues)
      for (const i of e.issues) out.push(`- **${i.kind}** ${mdText(objectCell(e))}: ${mdText(i.message)}`);
  }
  out.push(
    '',
    `Owners from ${inventory.codeowners ? inlineCode(inventory.codeowners) : 'no CODEOWNERS file'}.`,
  );
  return `${out.join('\n')}\n`;
}
