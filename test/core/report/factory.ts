/** Hand-built AuditResult / Finding / ObjectExposure fixtures for the report tests. */
import type { AuditResult } from '../../../src/core/audit-result.ts';
import type { Finding, Waiver } from '../../../src/core/findings.ts';
import type { ManifestDocument } from '../../../src/core/manifests/document.ts';
import type { ObjectExposure, Protections, Route } from '../../../src/core/model/exposure.ts';
import type { RuleMeta } from '../../../src/core/rule.ts';

let counter = 0;

export function finding(over: Partial<Finding> = {}): Finding {
  counter += 1;
  return {
    ruleId: 'tls-removed',
    severity: 'high',
    status: 'introduced',
    message: 'host shop.example.com lost TLS',
    object: { kind: 'Ingress', namespace: 'web', name: 'shop' },
    file: 'apps/shop/ingress.yaml',
    line: 12,
    host: 'shop.example.com',
    path: '/',
    fingerprint: `fp${String(counter).padStart(4, '0')}`,
    waived: null,
    ...over,
  };
}

export function waiver(over: Partial<Waiver> = {}): Waiver {
  return {
    rule: 'tls-removed',
    object: 'web/shop',
    reason: 'TLS terminates at the CDN',
    by: 'alice',
    at: '2026-01-10',
    expires: '2027-01-31',
    source: 'config',
    ...over,
  };
}

export function result(over: Partial<AuditResult> = {}): AuditResult {
  return {
    mode: 'diff',
    base: 'main',
    head: 'feature',
    risk: { score: 0, level: 'none', basePosture: 0, headPosture: 0 },
    conclusion: 'success',
    conclusionReasons: [],
    objects: [
      {
        kind: 'Ingress',
        apiVersion: 'networking.k8s.io/v1',
        namespace: 'web',
        name: 'shop',
        file: 'apps/shop/ingress.yaml',
        line: 1,
        change: 'modified',
      },
    ],
    findings: [],
    notices: [],
    exposures: { base: [], head: [] },
    rawNotices: [],
    ...over,
  };
}

function protections(): Protections {
  return {
    auth: [],
    sourceRanges: { value: 'any', line: 1 },
    denyRanges: { value: [], line: 1 },
    tls: { value: true, line: 1 },
    httpsRedirect: { value: 'on', line: 1 },
    waf: { value: 'unknown', line: 1 },
    rateLimit: { value: null, line: 1 },
    cors: { value: null, line: 1 },
    upstreamTls: { value: { protocol: 'HTTP', verify: false, passthrough: false }, line: 1 },
    accessLog: { value: true, line: 1 },
  };
}

export function route(host: string, path: string, service: string | null, port = '80'): Route {
  return {
    host,
    hostLine: 5,
    hostMatch: host === '' ? 'any' : host.startsWith('*.') ? 'wildcard-one-label' : 'exact',
    path,
    pathType: 'Prefix',
    pathLine: 7,
    backend: service === null ? null : { service, port, namespace: null, line: 9 },
    protections: protections(),
  };
}

export function exposure(name: string, routes: Route[], namespace: string | null = 'web'): ObjectExposure {
  const doc: ManifestDocument = {
    file: `apps/${name}/ingress.yaml`,
    index: 0,
    line: 1,
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    namespace,
    name,
    body: {},
    lineOf: () => 1,
    hash: `hash-${name}`,
    schemaErrors: [],
  };
  return {
    ref: { group: 'networking.k8s.io', kind: 'Ingress', namespace, name },
    apiVersion: 'networking.k8s.io/v1',
    file: doc.file,
    line: 1,
    controllers: ['ingress', 'ingress-nginx'],
    ingressClass: { name: 'nginx', source: 'field', line: 3 },
    visibility: { value: 'public', line: 3, reason: 'class nginx' },
    routes,
    tls: [],
    defaultBackend: null,
    signals: {
      snippets: [],
      injectionProne: [],
      riskRated: [],
      diversions: [],
      pathBroadeners: [],
      sharedGroup: null,
      certIssuer: null,
      waivers: [],
      canary: null,
    },
    annotations: {},
    doc,
  };
}

export function ruleMeta(over: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id: 'tls-removed',
    severity: 'high',
    title: 'TLS removed from a host',
    rationale: 'Without TLS, credentials and cookies cross the network in clear text.',
    fix: 'Restore the tls entry for the host.',
    fires: 'a host lost TLS coverage',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#tls'],
    kinds: ['Ingress'],
    examples: { fires: [], passes: [] },
    ...over,
  };
}
