/**
 * A mermaid `flowchart LR` of host → path → service, base and head overlaid, so a reviewer sees which
 * routes the change adds, removes or makes riskier. GitHub renders ```mermaid blocks in comments.
 */
import type { AuditResult } from '../audit-result.ts';
import type { Finding } from '../findings.ts';
import type { ObjectExposure, Route } from '../model/exposure.ts';
import { foldLine } from './escape.ts';
import { redact } from './redact.ts';
import { countsTowardRisk } from './score.ts';

export type EdgeClass = 'riskier' | 'added' | 'removed' | 'unchanged';

export const MAX_DIAGRAM_EDGES = 60;
const MAX_LABEL = 80;

const EDGE_STYLE: Record<EdgeClass, { arrow: string; label: string; style: string }> = {
  riskier: { arrow: '==>', label: 'riskier', style: 'stroke:#fb8500,stroke-width:3px' },
  added: { arrow: '-->', label: 'added', style: 'stroke:#2da44e,stroke-width:2px' },
  removed: { arrow: '-.->', label: 'removed', style: 'stroke:#cf222e,stroke-width:2px,stroke-dasharray:4 4' },
  unchanged: { arrow: '-->', label: '', style: 'stroke:#8c959f,stroke-width:1px' },
};
const CLASS_ORDER: EdgeClass[] = ['riskier', 'added', 'removed', 'unchanged'];

/**
 * Text for a quoted mermaid label: everything outside a small safe set becomes a `#code;` entity, so
 * quotes, brackets, `#`, `<`, `>`, `%`, backticks and `@` can neither end the label nor the code fence.
 */
export function mermaidLabel(text: string): string {
  const folded = foldLine(redact(text));
  const short = folded.length > MAX_LABEL ? `${folded.slice(0, MAX_LABEL - 1)}…` : folded;
  let out = '';
  for (const ch of short) out += /[A-Za-z0-9 ./:_*~-]/.test(ch) ? ch : `#${ch.codePointAt(0)};`;
  return out;
}

interface Node {
  key: string;
  label: string;
}

interface Edge {
  from: Node;
  to: Node;
  host: string;
  path: string;
  /** `Kind namespace/name` of the head objects carrying the edge, to match findings without a host. */
  objects: Set<string>;
  base: boolean;
  head: boolean;
}

function objectKey(kind: string, namespace: string | null, name: string): string {
  return `${kind} ${namespace ?? ''}/${name}`;
}

function routeNodes(object: ObjectExposure, route: Route): Node[] {
  const host: Node = { key: `h\u0000${route.host}`, label: route.host === '' ? '* (any host)' : route.host };
  const path: Node = {
    key: `p\u0000${route.host}\u0000${route.path}`,
    label: route.path === '' ? '(all paths)' : route.path,
  };
  if (!route.backend) return [host, path];
  const ns = route.backend.namespace ?? object.ref.namespace;
  const target = route.backend.port
    ? `${route.backend.service}:${route.backend.port}`
    : route.backend.service;
  const label = ns ? `${ns}/${target}` : target;
  return [host, path, { key: `s\u0000${label}`, label }];
}

function collectEdges(result: AuditResult): Map<string, Edge> {
  const edges = new Map<string, Edge>();
  const add = (side: 'base' | 'head', objects: ObjectExposure[]): void => {
    for (const object of objects) {
      for (const route of object.routes) {
        const nodes = routeNodes(object, route);
        for (let i = 0; i + 1 < nodes.length; i++) {
          const key = `${nodes[i].key}\u0001${nodes[i + 1].key}`;
          let edge = edges.get(key);
          if (!edge) {
            edge = {
              from: nodes[i],
              to: nodes[i + 1],
              host: route.host,
              path: route.path,
              objects: new Set(),
              base: false,
              head: false,
            };
            edges.set(key, edge);
          }
          edge[side] = true;
          if (side === 'head')
            edge.objects.add(objectKey(object.ref.kind, object.ref.namespace, object.ref.name));
        }
      }
    }
  };
  add('base', result.exposures.base);
  add('head', result.exposures.head);
  return edges;
}

function touches(f: Finding, edge: Edge): boolean {
  if (f.host !== null) {
    return f.host.toLowerCase() === edge.host && (f.path === null || f.path === edge.path);
  }
  return f.object !== null && edge.objects.has(objectKey(f.object.kind, f.object.namespace, f.object.name));
}

function classify(edge: Edge, risky: Finding[], scan: boolean): EdgeClass {
  if (edge.head && risky.some((f) => touches(f, edge))) return 'riskier';
  // In scan mode there is no base: every route simply exists.
  if (scan) return 'unchanged';
  if (edge.head && !edge.base) return 'added';
  if (edge.base && !edge.head) return 'removed';
  return 'unchanged';
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The routing diagram (mermaid source, without the code fence), or '' when no object has a route. */
export function renderRoutingDiagram(result: AuditResult): string {
  const risky = result.findings.filter(countsTowardRisk);
  const classified = [...collectEdges(result).entries()].map(([key, edge]) => ({
    key,
    edge,
    cls: classify(edge, risky, result.mode === 'scan'),
  }));
  if (classified.length === 0) return '';

  // Keep the most telling edges when capping, then draw them in a stable, readable order.
  classified.sort(
    (a, b) => CLASS_ORDER.indexOf(a.cls) - CLASS_ORDER.indexOf(b.cls) || compareKeys(a.key, b.key),
  );
  const shown = classified.slice(0, MAX_DIAGRAM_EDGES).sort((a, b) => compareKeys(a.key, b.key));
  const hidden = classified.length - shown.length;

  const ids = new Map<string, string>();
  const lines = ['flowchart LR'];
  const nodeId = (node: Node): string => {
    let id = ids.get(node.key);
    if (!id) {
      id = `n${ids.size + 1}`;
      ids.set(node.key, id);
      lines.push(`  ${id}["${mermaidLabel(node.label)}"]`);
    }
    return id;
  };
  const byClass = new Map<EdgeClass, number[]>();
  shown.forEach(({ edge, cls }, index) => {
    const from = nodeId(edge.from);
    const to = nodeId(edge.to);
    const { arrow, label } = EDGE_STYLE[cls];
    lines.push(`  ${from} ${arrow}${label ? `|${label}|` : ''} ${to}`);
    byClass.set(cls, [...(byClass.get(cls) ?? []), index]);
  });
  if (hidden > 0) lines.push(`  n${ids.size + 1}["… ${hidden} more"]`);
  for (const cls of CLASS_ORDER) {
    const indexes = byClass.get(cls);
    if (indexes) lines.push(`  linkStyle ${indexes.join(',')} ${EDGE_STYLE[cls].style}`);
  }
  return lines.join('\n');
}
