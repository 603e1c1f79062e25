/**
 * Builds the inventory from a scan-mode AuditResult: one entry per entry-point object with its routes,
 * protections, open findings, waivers (an expired one is kept and marked, never dropped) and owners.
 */
import type { AuditResult } from '../audit-result.ts';
import { type Finding, refLabel, SEVERITIES, type Severity, severityRank, type Waiver } from '../findings.ts';
import type { Backend, ObjectExposure, Route } from '../model/exposure.ts';
import { type Codeowners, ownersFor } from '../owners/codeowners.ts';
import { findEntryPointIssues, type ServiceRef } from './entry-point-issues.ts';
import type { Inventory, InventoryEntry, InventoryRoute, InventoryWaiver } from './inventory.ts';

export interface InventoryInput {
  /** A scan of the files at the ref (`audit` with no base). */
  result: AuditResult;
  /** Every waiver that applies at the ref: config ones (configWaivers) and `/audit waive` ones. Inline ones are read from the objects. */
  waivers: Waiver[];
  codeowners: Codeowners | null;
  /** Services defined in the repository (servicesIn), or null when it defines none. */
  services: ServiceRef[] | null;
  now: Date;
}

export function buildInventory(input: InventoryInput): Inventory {
  const objects = input.result.exposures.head;
  const issues = findEntryPointIssues(objects, input.services);
  const today = input.now.toISOString().slice(0, 10);
  const entries = objects.map((object, index): InventoryEntry => {
    const label = refLabel(object.ref);
    const findings = input.result.findings.filter(
      (f) =>
        f.object &&
        f.object.kind === object.ref.kind &&
        refLabel(f.object) === label &&
        f.status !== 'resolved',
    );
    const open = findings.filter((f) => f.waived === null);
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    for (const f of open) counts[f.severity]++;
    const hosts = [...new Set(object.routes.map((r) => r.host).filter((h) => h !== ''))];
    const uncovered = hosts.filter(
      (h) => !object.routes.some((r) => r.host === h && r.protections.tls.value),
    );
    return {
      kind: object.ref.kind,
      apiVersion: object.apiVersion,
      namespace: object.ref.namespace,
      name: object.ref.name,
      file: object.file,
      line: object.line,
      ingressClass: object.ingressClass.name,
      classSource: object.ingressClass.source,
      controllers: [...object.controllers],
      visibility: object.visibility.value,
      visibilityReason: object.visibility.reason,
      routes: object.routes.map((r) => inventoryRoute(object, r)),
      defaultBackend: object.defaultBackend ? backendLabel(object, object.defaultBackend) : null,
      tls: {
        coverage:
          hosts.length === 0 || uncovered.length === hosts.length
            ? 'none'
            : uncovered.length === 0
              ? 'full'
              : 'partial',
        hosts: [...new Set(object.tls.flatMap((t) => t.hosts))],
        uncoveredHosts: uncovered,
        secrets: [...new Set(object.tls.map((t) => t.secretName).filter((s) => s !== null))],
        issuer: object.signals.certIssuer?.value ?? null,
      },
      findings: counts,
      openRules: [...new Set([...open].sort(bySeverity).map((f) => f.ruleId))],
      waivedFindings: findings.length - open.length,
      waivers: waiversOf(object, findings, input.waivers, today),
      owners: ownersFor(input.codeowners, object.file),
      issues: issues.get(index) ?? [],
    };
  });
  entries.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return {
    ref: input.result.head,
    codeowners: input.codeowners?.file ?? null,
    entries,
    notices: input.result.notices,
  };
}

function bySeverity(a: Finding, b: Finding): number {
  return severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId);
}

export function backendLabel(object: ObjectExposure, backend: Backend): string {
  if (/[:/]/.test(backend.service)) return backend.service;
  const namespace = backend.namespace ?? object.ref.namespace;
  const target = backend.port ? `${backend.service}:${backend.port}` : backend.service;
  return namespace ? `${namespace}/${target}` : target;
}

function inventoryRoute(object: ObjectExposure, route: Route): InventoryRoute {
  const p = route.protections;
  const rate = p.rateLimit.value;
  return {
    host: route.host,
    path: route.path,
    pathType: route.pathType,
    backend: route.backend ? backendLabel(object, route.backend) : null,
    tls: p.tls.value,
    httpsRedirect: p.httpsRedirect.value,
    auth: p.auth.map((a) =>
      a.weaknesses.length > 0
        ? `${a.detail} (weak: ${a.weaknesses.map((w) => w.message).join('; ')})`
        : a.detail,
    ),
    allowlist: p.sourceRanges.value === 'any' ? 'any' : [...p.sourceRanges.value],
    denylist: [...p.denyRanges.value],
    waf: p.waf.value,
    rateLimit: rate
      ? [
          rate.rps !== undefined && `${rate.rps} rps`,
          rate.rpm !== undefined && `${rate.rpm} rpm`,
          rate.connections !== undefined && `${rate.connections} connections`,
        ]
          .filter((x) => x)
          .join(', ') || null
      : null,
  };
}

const waiverKey = (w: Waiver) =>
  JSON.stringify([w.source, w.rule, w.object, w.reason, w.by, w.expires, w.pullRequest ?? null]);

/**
 * Waivers naming this object, inline ones on it, and object-less ones that match one of its findings.
 * Expiry is by UTC calendar day, as in policy/waivers.ts: a waiver expiring today still holds today.
 */
function waiversOf(
  object: ObjectExposure,
  findings: Finding[],
  waivers: Waiver[],
  today: string,
): InventoryWaiver[] {
  const label = refLabel(object.ref);
  const inline: Waiver[] = object.signals.waivers.map((w) => ({
    rule: w.rule,
    object: label,
    reason: w.reason,
    by: null,
    at: null,
    expires: null,
    source: 'inline',
  }));
  const candidates = [...waivers.filter((w) => w.object === label), ...inline];
  for (const f of findings) for (const w of [f.waived, f.expiredWaiver]) if (w) candidates.push(w);

  const out = new Map<string, InventoryWaiver>();
  for (const w of candidates) {
    const key = waiverKey(w);
    if (out.has(key)) continue;
    const { expired: _expired, ...plain } = w as Waiver & { expired?: boolean };
    const matches = findings.filter(
      (f) =>
        f.ruleId === w.rule &&
        (w.object === null || w.object === label) &&
        (!w.objectHash || f.waived !== null),
    ).length;
    const lapsed = Boolean(w.objectHash) && w.objectHash !== object.doc.hash;
    out.set(key, {
      ...plain,
      state: lapsed ? 'lapsed' : w.expires !== null && w.expires.slice(0, 10) < today ? 'expired' : 'active',
      matches,
    });
  }
  return [...out.values()].sort((a, b) => a.rule.localeCompare(b.rule) || a.source.localeCompare(b.source));
}
