/**
 * The controller-neutral Ingress profile: what `networking.k8s.io` Ingress fields mean on their own
 * (rules, TLS, default backend, class), before any controller's annotations are considered.
 */
import type { FieldPath, ManifestDocument } from '../manifests/document.ts';
import type { Backend, ObjectExposure, Protections, Route, Signals } from '../model/exposure.ts';
import { hostCovers, hostMatchOf, normaliseHost } from '../model/hosts.ts';
import { refOf } from '../model/identity.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';

const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const DEFAULT_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null;

export function emptySignals(): Signals {
  return {
    snippets: [],
    injectionProne: [],
    riskRated: [],
    diversions: [],
    pathBroadeners: [],
    sharedGroup: null,
    certIssuer: null,
    waivers: [],
    canary: null,
  };
}

export function defaultProtections(line: number, tls: boolean): Protections {
  return {
    auth: [],
    sourceRanges: { value: 'any', line },
    denyRanges: { value: [], line },
    tls: { value: tls, line },
    httpsRedirect: { value: 'unknown', line },
    waf: { value: 'unknown', line },
    rateLimit: { value: null, line },
    cors: { value: null, line },
    upstreamTls: { value: { protocol: 'HTTP', verify: false, passthrough: false }, line },
    accessLog: { value: true, line },
  };
}

/** Annotations as strings, with the line of each key. */
export function annotationsOf(doc: ManifestDocument): Record<string, string> {
  const raw = obj(obj(doc.body.metadata).annotations);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    const s = str(v) ?? (typeof v === 'boolean' ? String(v) : null);
    if (s !== null) out[k] = s;
  }
  return out;
}

export function annotationLine(doc: ManifestDocument, key: string): number {
  return doc.lineOf(['metadata', 'annotations', key]);
}

function backendOf(doc: ManifestDocument, raw: unknown, path: FieldPath): Backend | null {
  const b = obj(raw);
  const svc = obj(b.service);
  if (str(svc.name)) {
    const port = obj(svc.port);
    return {
      service: str(svc.name)!,
      port: str(port.number) ?? str(port.name) ?? '',
      namespace: doc.namespace,
      line: doc.lineOf([...path, 'service', 'name']),
    };
  }
  // networking.k8s.io/v1beta1 and extensions/v1beta1 shape.
  if (str(b.serviceName)) {
    return {
      service: str(b.serviceName)!,
      port: str(b.servicePort) ?? '',
      namespace: doc.namespace,
      line: doc.lineOf([...path, 'serviceName']),
    };
  }
  const res = obj(b.resource);
  if (str(res.kind)) {
    return {
      service: `resource:${str(res.apiGroup) ?? ''}/${str(res.kind)}/${str(res.name) ?? ''}`,
      port: '',
      namespace: doc.namespace,
      line: doc.lineOf([...path, 'resource']),
    };
  }
  return null;
}

/** The class an Ingress asks for, and what the repo's IngressClass objects say about defaults. */
export function resolveClass(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure['ingressClass'] {
  const field = str(obj(doc.body.spec).ingressClassName);
  const annotation = annotationsOf(doc)[CLASS_ANNOTATION] ?? null;
  if (field !== null) {
    const conflict =
      annotation !== null && annotation !== field
        ? `spec.ingressClassName is "${field}" but annotation ${CLASS_ANNOTATION} is "${annotation}"`
        : undefined;
    return { name: field, source: 'field', line: doc.lineOf(['spec', 'ingressClassName']), conflict };
  }
  if (annotation !== null)
    return { name: annotation, source: 'annotation', line: annotationLine(doc, CLASS_ANNOTATION) };
  const defaults = (ctx.documentsByKind.get('IngressClass') ?? []).filter(
    (c) => annotationsOf(c)[DEFAULT_CLASS_ANNOTATION] === 'true',
  );
  if (defaults.length === 1) return { name: defaults[0].name, source: 'default', line: doc.line };
  return { name: null, source: 'none', line: doc.line };
}

/** The controller an IngressClass object in the repo names (`spec.controller`), if any. */
export function classController(className: string | null, ctx: ProfileContext): string | null {
  if (className === null) return null;
  const cls = (ctx.documentsByKind.get('IngressClass') ?? []).find((c) => c.name === className);
  return cls ? str(obj(cls.body.spec).controller) : null;
}

function visibilityFromConfig(
  cls: ObjectExposure['ingressClass'],
  ctx: ProfileContext,
): ObjectExposure['visibility'] {
  const { public: pub, internal } = ctx.config.classes;
  if (cls.name !== null && internal.includes(cls.name))
    return {
      value: 'internal',
      line: cls.line,
      reason: `class "${cls.name}" is listed as internal in config`,
    };
  if (cls.name !== null && pub.includes(cls.name))
    return { value: 'public', line: cls.line, reason: `class "${cls.name}" is listed as public in config` };
  return {
    value: 'unknown',
    line: cls.line,
    reason:
      cls.name === null
        ? 'no ingress class; visibility depends on the cluster'
        : `class "${cls.name}" is not classified in config`,
  };
}

export function buildIngress(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure {
  const spec = obj(doc.body.spec);
  const tls = arr(spec.tls).map((entry, i) => ({
    hosts: arr(obj(entry).hosts).map(normaliseHost).filter(Boolean),
    secretName: str(obj(entry).secretName),
    line: doc.lineOf(['spec', 'tls', i]),
  }));
  const tlsLineFor = (host: string): number | null => {
    for (const [i, t] of tls.entries()) {
      const j = t.hosts.findIndex((h) => hostCovers(h, host, 'one-label'));
      if (j !== -1) return doc.lineOf(['spec', 'tls', i, 'hosts', j]);
    }
    return null;
  };
  const routes: Route[] = [];
  for (const [i, rawRule] of arr(spec.rules).entries()) {
    const rule = obj(rawRule);
    const host = normaliseHost(rule.host);
    const hostLine =
      rule.host === undefined ? doc.lineOf(['spec', 'rules', i]) : doc.lineOf(['spec', 'rules', i, 'host']);
    const tlsLine = host === '' ? null : tlsLineFor(host);
    const paths = arr(obj(rule.http).paths);
    const entries = paths.length > 0 ? paths : [null];
    for (const [j, rawPath] of entries.entries()) {
      const p = obj(rawPath);
      const base: FieldPath = ['spec', 'rules', i, 'http', 'paths', j];
      const pathType = str(p.pathType);
      routes.push({
        host,
        hostLine,
        hostMatch: hostMatchOf(host, 'one-label'),
        path: str(p.path) ?? '/',
        pathType:
          pathType === 'Exact' || pathType === 'Prefix' || pathType === 'ImplementationSpecific'
            ? pathType
            : rawPath === null || pathType === null
              ? 'ImplementationSpecific'
              : 'Unknown',
        pathLine: rawPath === null ? hostLine : doc.lineOf([...base, 'path']),
        backend: rawPath === null ? null : backendOf(doc, p.backend, [...base, 'backend']),
        protections: defaultProtections(hostLine, tlsLine !== null),
      });
      if (tlsLine !== null) routes[routes.length - 1].protections.tls.line = tlsLine;
    }
  }
  const rawDefault = spec.defaultBackend ?? spec.backend;
  const defaultPath: FieldPath = ['spec', spec.defaultBackend ? 'defaultBackend' : 'backend'];
  const defaultBackend = rawDefault ? backendOf(doc, rawDefault, defaultPath) : null;
  const ingressClass = resolveClass(doc, ctx);
  return {
    ref: refOf(doc),
    apiVersion: doc.apiVersion,
    file: doc.file,
    line: doc.line,
    controllers: ['ingress'],
    ingressClass,
    visibility: visibilityFromConfig(ingressClass, ctx),
    routes,
    tls,
    defaultBackend: defaultBackend
      ? { ...defaultBackend, line: doc.lineOf(defaultPath), controllerWide: routes.length === 0 }
      : null,
    signals: emptySignals(),
    annotations: annotationsOf(doc),
    doc,
  };
}

export const ingressProfile: ControllerProfile = {
  id: 'ingress',
  build(doc, ctx) {
    return doc.kind === 'Ingress' ? buildIngress(doc, ctx) : null;
  },
  claims: () => false,
  refine: () => {},
};
