/**
 * The terminal inventory: one table row per route (object columns only on its first row), then the
 * waivers in full and the stale or duplicate entry points. Text from manifests is folded to one line
 * and stripped of control characters so a manifest cannot move the cursor or forge a line.
 */
import { clip, plainText } from '../report/escape.ts';
import type { Inventory } from './inventory.ts';
import { INVENTORY_COLUMNS, objectCell, rowsOf, tableRow, waiverText } from './inventory-cells.ts';

const HEADER = INVENTORY_COLUMNS.map((c) => c.short);
const MAX_CELL = 48;

export function renderInventoryText(inventory: Inventory): string {
  if (inventory.entries.length === 0) return `No entry points found at ${plainText(inventory.ref)}.\n`;
  const rows: string[][] = [];
  for (const e of inventory.entries) {
    rowsOf(e).forEach((r, i) => {
      // Object columns only on an object's first row, so its routes read as a group.
      rows.push(tableRow(e, r).map((c, col) => (i === 0 || !INVENTORY_COLUMNS[col].perObject ? c.text : '')));
    });
  }
  const cells = [HEADER, ...rows].map((row) => row.map((c) => clip(plainText(c), MAX_CELL)));
  const widths = HEADER.map((_, i) => Math.max(...cells.map((row) => row[i].length)));
  const lines = cells.map((row) =>
    row
      .map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i])))
      .join('  ')
      .trimEnd(),
  );

  const out = [`Entry points at ${plainText(inventory.ref)}: ${inventory.entries.length}`, '', ...lines];
  const visibility = inventory.entries.filter((e) => e.visibility !== 'public' || e.visibilityReason);
  if (visibility.length > 0) {
    out.push('', 'Visibility:');
    for (const e of visibility)
      out.push(`  ${plainText(objectCell(e))}: ${e.visibility} — ${plainText(e.visibilityReason)}`);
  }
  const waived = inventory.entries.filter((e) => e.waivers.length > 0);
  if (waived.length > 0) {
    out.push('', 'Waivers:');
    for (const e of waived)
      for (const w of e.waivers) out.push(`  ${plainText(objectCell(e))}: ${plainText(waiverText(w))}`);
  }
  const issues = inventory.entries.filter((e) => e.issues.length > 0);
  if (issues.length > 0) {
    out.push('', 'Stale or duplicate entry points:');
    for (const e of issues)
      for (const i of e.issues) out.push(`  ${i.kind}: ${plainText(objectCell(e))}: ${plainText(i.message)}`);
  }
  if (inventory.notices.length > 0) {
    out.push('', 'Not read:');
    for (const n of inventory.notices) out.push(`  ${plainText(n.file)}:${n.line}: ${plainText(n.message)}`);
  }
  out.push('', `Owners from ${inventory.codeowners ?? 'no CODEOWNERS file'}.`);
  return `${out.join('\n')}\n`;
}
