/** The inventory as versioned JSON (the shape of `Inventory`, under a tool header). */
import type { Inventory } from './inventory.ts';

export function renderInventoryJson(inventory: Inventory, toolVersion: string): string {
  return `${JSON.stringify({ version: 1, tool: { name: 'ingress-audit', version: toolVersion }, ...inventory }, null, 2)}\n`;
}
