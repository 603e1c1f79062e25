/** The inventory as GitHub markdown: a table, then waivers and stale/duplicate entry points. */
import { inlineCode, mdText } from '../report/escape.ts';
import type { Inventory } from './inventory.ts';
import { INVENTORY_COLUMNS, objectCell, rowsOf, tableRow, waiverText } from './inventory-cells.ts';

export function renderInventoryMarkdown(inventory: Inventory): string {
  const out = [`## Entry points at ${inlineCode(inventory.ref)}`, ''];
  if (inventory.entries.length === 0) return `${out.join('\n')}No entry points found.\n`;
  const header = INVENTORY_COLUMNS.map((c) => c.title);
  out.push(`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`);
  for (const e of inventory.entries) {
    for (const r of rowsOf(e)) {
      const row = tableRow(e, r).map((c) =>
        c.isCode ? inlineCode(c.text, { table: true }) : mdText(c.text),
      );
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
