/** The inventory for auditors' spreadsheets: one row per route, object columns repeated, lists joined by `; `. */
import { csvTable } from './csv.ts';
import type { Inventory } from './inventory.ts';
import { waiverText } from './inventory-cells.ts';

export const INVENTORY_CSV_HEADER = [
  'kind',
  'api_version',
  'namespace',
  'name',
  'file',
  'line',
  'class',
  'controllers',
  'visibility',
  'visibility_reason',
  'host',
  'path',
  'path_type',
  'backend',
  'tls',
  'tls_secrets',
  'cert_issuer',
  'https_redirect',
  'auth',
  'allowlist',
  'denylist',
  'waf',
  'rate_limit',
  'critical',
  'high',
  'medium',
  'low',
  'info',
  'open_rules',
  'waivers',
  'owners',
  'issues',
] as const;

export function renderInventoryCsv(inventory: Inventory): string {
  const rows = inventory.entries.flatMap((e) => {
    const routes = e.routes.length > 0 ? e.routes : [null];
    return routes.map((r) => [
      e.kind,
      e.apiVersion,
      e.namespace,
      e.name,
      e.file,
      e.line,
      e.ingressClass,
      e.controllers.join('; '),
      e.visibility,
      e.visibilityReason,
      r ? r.host || '*' : null,
      r ? r.path : null,
      r ? r.pathType : null,
      r ? r.backend : e.defaultBackend,
      r ? (r.tls ? 'yes' : 'no') : null,
      e.tls.secrets.join('; '),
      e.tls.issuer,
      r ? r.httpsRedirect : null,
      r ? r.auth.join('; ') || 'none' : null,
      r ? (r.allowlist === 'any' ? 'any' : r.allowlist.join('; ')) : null,
      r ? r.denylist.join('; ') : null,
      r ? r.waf : null,
      r ? (r.rateLimit ?? 'none') : null,
      e.findings.critical,
      e.findings.high,
      e.findings.medium,
      e.findings.low,
      e.findings.info,
      e.openRules.join('; '),
      e.waivers.map(waiverText).join('; '),
      e.owners.join('; '),
      e.issues.map((i) => `${i.kind}: ${i.message}`).join('; '),
    ]);
  });
  return csvTable(INVENTORY_CSV_HEADER, rows);
}
