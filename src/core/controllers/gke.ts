/**
 * GKE Ingress (kubernetes/ingress-gce): classes `gce` / `gce-internal`, annotations, FrontendConfig,
 * and BackendConfig objects reached through the backend Service's `cloud.google.com/backend-config`.
 * Sources: pkg/annotations/ingress.go and service.go, pkg/apis/{frontendconfig,backendconfig},
 * ../shared/reference/ingress-security-facts.md §3.5 and §4.2.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import type { Backend, ObjectExposure, Route } from '../model/exposure.ts';
import { classListedInConfig } from './class-visibility.ts';
import { annotationLine, annotationsOf } from './ingress.ts';
import { arr, falsy, obj, parseJson, str, truthy } from './manifest-values.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';
import { findRelated, labelOf } from './related-documents.ts';

const GKE_CLASSES = ['gce', 'gce-internal', 'gce-multi-cluster'];
const GKE_PREFIXES = ['ingress.gcp.kubernetes.io/', 'networking.gke.io/'];
const GKE_KEYS = [
  'kubernetes.io/ingress.global-static-ip-name',
  'kubernetes.io/ingress.regional-static-ip-name',
];
const ALLOW_HTTP = 'kubernetes.io/ingress.allow-http';
const PRE_SHARED_CERT = 'ingress.gcp.kubernetes.io/pre-shared-cert';
const MANAGED_CERTS = 'networking.gke.io/managed-certificates';
const FRONTEND_CONFIG = 'networking.gke.io/v1beta1.FrontendConfig';
const BACKEND_CONFIG_KEYS = ['cloud.google.com/backend-config', 'beta.cloud.google.com/backend-config'];
const APP_PROTOCOL_KEYS = ['cloud.google.com/app-protocols', 'service.alpha.kubernetes.io/app-protocols'];

function hasGkeAnnotations(annotations: Record<string, string>): boolean {
  return Object.keys(annotations).some(
    (k) => GKE_KEYS.includes(k) || GKE_PREFIXES.some((p) => k.startsWith(p)),
  );
}

function serviceOf(backend: Backend | null, ctx: ProfileContext): ManifestDocument | null {
  return backend ? findRelated(ctx, 'Service', backend.service, backend.namespace, ['']) : null;
}

/** The Service port's name for an Ingress backend port given as a number (GKE maps configs by either). */
function portKeys(service: ManifestDocument, port: string): string[] {
  const match = arr(obj(service.body.spec).ports).find(
    (p) => str(obj(p).port) === port || str(obj(p).name) === port,
  );
  return [port, str(obj(match).name), str(obj(match).port)].filter(
    (k): k is string => k !== null && k !== '',
  );
}

/** The BackendConfig a Service assigns to one of its ports (`{"default": …, "ports": {…}}`). */
function backendConfigOf(
  service: ManifestDocument,
  port: string,
  ctx: ProfileContext,
): { config: ManifestDocument; via: string } | null {
  const annotations = annotationsOf(service);
  const key = BACKEND_CONFIG_KEYS.find((k) => annotations[k] !== undefined);
  if (!key) return null;
  const value = obj(parseJson(annotations[key]));
  const ports = obj(value.ports);
  const name =
    portKeys(service, port)
      .map((k) => str(ports[k]))
      .find((n) => n !== null) ?? str(value.default);
  if (!name) return null;
  const config = findRelated(ctx, 'BackendConfig', name, service.namespace, ['cloud.google.com']);
  return config ? { config, via: `${labelOf(service)} annotation ${key}` } : null;
}

function applyBackendConfig(route: Route, ctx: ProfileContext): void {
  const service = serviceOf(route.backend, ctx);
  if (!service || !route.backend) return;
  const p = route.protections;
  const line = route.backend.line;
  const found = backendConfigOf(service, route.backend.port, ctx);
  if (found) {
    const spec = obj(found.config.body.spec);
    const source = `${labelOf(found.config)} (via ${found.via})`;
    if (truthy(obj(spec.iap).enabled))
      p.auth = [
        ...p.auth,
        {
          kind: 'iap',
          detail: `Identity-Aware Proxy (${labelOf(found.config)})`,
          line,
          source,
          weaknesses: [],
        },
      ];
    // An empty policy name detaches Cloud Armor; no securityPolicy at all leaves it as it is.
    if (spec.securityPolicy !== undefined) {
      const policy = str(obj(spec.securityPolicy).name) ?? '';
      p.waf = { value: policy.trim() === '' ? 'off' : 'on', line, source: `${source} spec.securityPolicy` };
    }
    const logging = obj(spec.logging);
    if (logging.enable !== undefined)
      p.accessLog = { value: !falsy(logging.enable), line, source: `${source} spec.logging.enable` };
  }
  const annotations = annotationsOf(service);
  const protocolKey = APP_PROTOCOL_KEYS.find((k) => annotations[k] !== undefined);
  if (protocolKey) {
    const protocols = obj(parseJson(annotations[protocolKey]));
    const protocol = portKeys(service, route.backend.port)
      .map((k) => str(protocols[k]))
      .find((v) => v !== null);
    if (protocol)
      p.upstreamTls = {
        value: { protocol: protocol.toUpperCase(), verify: false, passthrough: false },
        line,
        source: `${labelOf(service)} annotation ${protocolKey}`,
      };
  }
}

function gkeVisibility(exposure: ObjectExposure): ObjectExposure['visibility'] {
  const { name, line } = exposure.ingressClass;
  if (name === 'gce-internal')
    return {
      value: 'internal',
      line,
      reason: 'class gce-internal: GKE creates an internal Application Load Balancer',
    };
  if (name === null)
    return {
      value: 'public',
      line,
      reason: 'no ingress class: GKE serves class-less Ingresses with an external load balancer',
    };
  return { value: 'public', line, reason: `class ${name}: GKE creates an external load balancer` };
}

export const gkeProfile: ControllerProfile = {
  id: 'gke',
  claims(exposure, ctx) {
    if (exposure.ref.kind !== 'Ingress') return false;
    const name = exposure.ingressClass.name;
    if (name !== null) return GKE_CLASSES.includes(name);
    if (hasGkeAnnotations(exposure.annotations)) return true;
    // Backend Services carrying GKE load-balancer annotations tie a class-less Ingress to GKE.
    return exposure.routes.some((r) => {
      const svc = serviceOf(r.backend, ctx);
      return svc !== null && Object.keys(annotationsOf(svc)).some((k) => k.includes('cloud.google.com/'));
    });
  },
  refine(exposure, ctx) {
    const doc = exposure.doc;
    const a = exposure.annotations;
    if (!classListedInConfig(exposure.ingressClass.name, ctx)) exposure.visibility = gkeVisibility(exposure);

    const certKey =
      a[PRE_SHARED_CERT] !== undefined
        ? PRE_SHARED_CERT
        : a[MANAGED_CERTS] !== undefined
          ? MANAGED_CERTS
          : null;
    const frontendName = a[FRONTEND_CONFIG]?.trim();
    const frontend = frontendName
      ? findRelated(ctx, 'FrontendConfig', frontendName, doc.namespace, ['networking.gke.io'])
      : null;
    const redirect = frontend ? obj(obj(frontend.body.spec).redirectToHttps) : {};

    for (const route of exposure.routes) {
      const p = route.protections;
      if (certKey && !p.tls.value)
        p.tls = { value: true, line: annotationLine(doc, certKey), source: `annotation ${certKey}` };
      if (frontend && truthy(redirect.enabled))
        p.httpsRedirect = {
          value: 'on',
          line: annotationLine(doc, FRONTEND_CONFIG),
          source: `${labelOf(frontend)} spec.redirectToHttps`,
        };
      else if (falsy(a[ALLOW_HTTP]))
        p.httpsRedirect = {
          value: 'on',
          line: annotationLine(doc, ALLOW_HTTP),
          source: `annotation ${ALLOW_HTTP} (HTTPS only)`,
        };
      else
        p.httpsRedirect = {
          value: 'off',
          line: a[ALLOW_HTTP] !== undefined ? annotationLine(doc, ALLOW_HTTP) : route.hostLine,
          source:
            a[ALLOW_HTTP] !== undefined
              ? `annotation ${ALLOW_HTTP}`
              : `${ALLOW_HTTP} not "false": GKE also serves plain HTTP on port 80 (its default)`,
        };
      applyBackendConfig(route, ctx);
    }
    if (a['ingress.gcp.kubernetes.io/path-prefix-rewrite'] !== undefined)
      exposure.signals.pathBroadeners.push({
        key: 'ingress.gcp.kubernetes.io/path-prefix-rewrite',
        value: a['ingress.gcp.kubernetes.io/path-prefix-rewrite'],
        line: annotationLine(doc, 'ingress.gcp.kubernetes.io/path-prefix-rewrite'),
      });
  },
};
