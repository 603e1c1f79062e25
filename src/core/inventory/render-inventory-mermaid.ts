/**
 * A mermaid `flowchart LR` of every entry point: host → path → service. Public hosts, duplicate routes
 * and routes to missing Services are styled so they stand out. Labels go through the report's
 * `mermaidLabel`, so nothing from a manifest can end a label or the diagram.
 */
import { mermaidLabel } from '../report/mermaid.ts';
import type { Inventory } from './inventory.ts';

/** Mermaid refuses diagrams above 500 edges by default (`maxEdges`). */
export const MAX_INVENTORY_EDGES = 500;

export function renderInventoryMermaid(inventory: Inventory): string {
  const ids = new Map<string, string>();
  const labels: string[] = [];
  const node = (prefix: string, key: string, label: string): string => {
    let id = ids.get(key);
    if (!id) {
      id = `${prefix}${ids.size}`;
      ids.set(key, id);
      labels.push(`  ${id}["${mermaidLabel(label)}"]`);
    }
    return id;
  };
  const edges = new Set<string>();
  const classes = { public: new Set<string>(), duplicate: new Set<string>(), stale: new Set<string>() };
  let dropped = 0;
  const edge = (from: string, to: string) => {
    const text = `  ${from} --> ${to}`;
    if (edges.has(text)) return;
    if (edges.size >= MAX_INVENTORY_EDGES) dropped++;
    else edges.add(text);
  };

  for (const e of inventory.entries) {
    const targets = e.routes.map((r) => ({ host: r.host, path: r.path, backend: r.backend }));
    if (e.defaultBackend) targets.push({ host: '', path: '(default backend)', backend: e.defaultBackend });
    for (const t of targets) {
      const host = node('h', `h\u0000${t.host}`, t.host || '* (any host)');
      const path = node('p', `p\u0000${t.host}\u0000${t.path}`, t.path || '(all paths)');
      edge(host, path);
      if (e.visibility === 'public') classes.public.add(host);
      if (e.issues.some((i) => i.kind === 'duplicate' && i.host === t.host && i.path === t.path))
        classes.duplicate.add(path);
      if (!t.backend) continue;
      const service = node('s', `s\u0000${t.backend}`, t.backend);
      edge(path, service);
      if (
        e.issues.some(
          (i) =>
            i.kind === 'stale' &&
            i.host === t.host &&
            i.path === (t.path === '(default backend)' ? '' : t.path),
        )
      )
        classes.stale.add(service);
    }
  }

  const out = ['flowchart LR', ...labels, ...edges];
  if (dropped > 0)
    out.push(`  %% ${dropped} more edges not drawn (mermaid draws at most ${MAX_INVENTORY_EDGES})`);
  out.push(
    '  classDef public stroke:#cf222e,stroke-width:2px',
    '  classDef duplicate fill:#fff8c5,stroke:#9a6700',
    '  classDef stale fill:#ffebe9,stroke:#cf222e,stroke-dasharray:4 4',
  );
  for (const [name, set] of Object.entries(classes))
    if (set.size > 0) out.push(`  class ${[...set].join(',')} ${name}`);
  return `${out.join('\n')}\n`;
}
