/** Short cell texts shared by the inventory's table renderers (text, markdown, CSV). */
import { SEVERITIES } from '../findings.ts';
import type { InventoryEntry, InventoryRoute, InventoryWaiver } from './inventory.ts';

export function objectCell(e: Pick<InventoryEntry, 'kind' | 'namespace' | 'name'>): string {
  return `${e.kind} ${e.namespace ? `${e.namespace}/` : ''}${e.name}`;
}

export function classCell(e: InventoryEntry): string {
  const controllers = e.controllers.filter((c) => c !== e.kind.toLowerCase());
  const name = e.ingressClass ?? '(none)';
  return controllers.length > 0 ? `${name} (${controllers.join(', ')})` : name;
}

export function routeCell(r: Pick<InventoryRoute, 'host' | 'path'>): string {
  return `${r.host || '*'}${r.path}`;
}

export function authCell(r: InventoryRoute): string {
  return r.auth.length > 0 ? r.auth.join('; ') : 'none';
}

export function allowCell(r: InventoryRoute): string {
  const allow = r.allowlist === 'any' ? 'any' : r.allowlist.join(' ');
  return r.denylist.length > 0 ? `${allow} (deny ${r.denylist.join(' ')})` : allow;
}

export function tlsCell(e: InventoryEntry, r: InventoryRoute): string {
  if (!r.tls) return r.httpsRedirect === 'off' ? 'no (plain http)' : 'no';
  const source = [e.tls.secrets.join(' '), e.tls.issuer].filter((x) => x).join(', ');
  return source ? `yes (${source})` : 'yes';
}

/** `1 critical, 2 high` — or `none`. */
export function findingsCell(e: InventoryEntry): string {
  const parts = [...SEVERITIES]
    .reverse()
    .filter((s) => e.findings[s] > 0)
    .map((s) => `${e.findings[s]} ${s}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export function waiverText(w: InventoryWaiver): string {
  const who = w.by ? ` by ${w.by}` : '';
  const when = w.at ? ` on ${w.at}` : '';
  const until = w.expires ? (w.state === 'expired' ? ` EXPIRED ${w.expires}` : ` until ${w.expires}`) : '';
  const pr = w.pullRequest ? ` in #${w.pullRequest}` : '';
  const lapsed = w.state === 'lapsed' ? ' LAPSED: the object changed since' : '';
  return `${w.rule} (${w.source}${who}${when}${pr}${until}${lapsed}): ${w.reason || '(no reason given)'}`;
}

export function waiversCell(e: InventoryEntry): string {
  if (e.waivers.length === 0) return 'none';
  return e.waivers
    .map((w) => (w.state === 'active' ? w.rule : `${w.rule} ${w.state.toUpperCase()}`))
    .join(', ');
}

export function ownersCell(e: InventoryEntry): string {
  return e.owners.length > 0 ? e.owners.join(' ') : '(unowned)';
}

/** Routes to show, one per row; an object without routes still gets one row. */
export function rowsOf(e: InventoryEntry): (InventoryRoute | null)[] {
  return e.routes.length > 0 ? e.routes : [null];
}

/**
 * The inventory table's columns, shared by the text and markdown renderers: `perObject` columns are
 * filled on an object's first row only (in text); `code` columns are code spans in markdown.
 */
export const INVENTORY_COLUMNS = [
  { key: 'object', title: 'Object', short: 'OBJECT', perObject: true, code: false },
  { key: 'file', title: 'File', short: 'FILE', perObject: true, code: true },
  { key: 'class', title: 'Class', short: 'CLASS', perObject: true, code: false },
  { key: 'visibility', title: 'Visibility', short: 'VISIBILITY', perObject: true, code: false },
  { key: 'route', title: 'Route', short: 'ROUTE', perObject: false, code: true },
  { key: 'backend', title: 'Backend', short: 'BACKEND', perObject: false, code: false },
  { key: 'tls', title: 'TLS', short: 'TLS', perObject: false, code: false },
  { key: 'auth', title: 'Auth', short: 'AUTH', perObject: false, code: false },
  { key: 'allow', title: 'Allow', short: 'ALLOW', perObject: false, code: false },
  { key: 'waf', title: 'WAF', short: 'WAF', perObject: false, code: false },
  { key: 'rate', title: 'Rate limit', short: 'RATE', perObject: false, code: false },
  { key: 'findings', title: 'Open findings', short: 'FINDINGS', perObject: true, code: false },
  { key: 'waivers', title: 'Waivers', short: 'WAIVERS', perObject: true, code: false },
  { key: 'owners', title: 'Owners', short: 'OWNERS', perObject: true, code: false },
] as const;

/** One table row's cells, in INVENTORY_COLUMNS order; `isCode` says which are code (a route row's route, the file). */
export function tableRow(e: InventoryEntry, r: InventoryRoute | null): { text: string; isCode: boolean }[] {
  const values: Record<(typeof INVENTORY_COLUMNS)[number]['key'], string> = {
    object: objectCell(e),
    file: `${e.file}:${e.line}`,
    class: classCell(e),
    visibility: e.visibility,
    route: r ? routeCell(r) : e.defaultBackend ? '(default)' : '-',
    backend: r ? (r.backend ?? '-') : (e.defaultBackend ?? '-'),
    tls: r ? tlsCell(e, r) : '-',
    auth: r ? authCell(r) : '-',
    allow: r ? allowCell(r) : '-',
    waf: r ? r.waf : '-',
    rate: r ? (r.rateLimit ?? 'none') : '-',
    findings: findingsCell(e),
    waivers: waiversCell(e),
    owners: ownersCell(e),
  };
  return INVENTORY_COLUMNS.map((c) => ({
    text: values[c.key],
    isCode: c.code && (c.key !== 'route' || r !== null),
  }));
}
