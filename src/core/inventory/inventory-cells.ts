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
