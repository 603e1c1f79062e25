/**
 * Traefik: the Kubernetes Ingress provider's `traefik.ingress.kubernetes.io/router.*` annotations, and
 * IngressRoute objects (traefik.io/v1alpha1, formerly traefik.containo.us/v1alpha1).
 * Sources: traefik docs routing/providers/kubernetes-ingress.md and kubernetes-crd.md,
 * ../shared/reference/ingress-security-facts.md §3.3.
 */
import type { FieldPath, ManifestDocument } from '../manifests/document.ts';
import type { Backend, ObjectExposure, Protections, Route } from '../model/exposure.ts';
import { apiGroup, refOf } from '../model/identity.ts';
import { configuredVisibility } from './class-visibility.ts';
import {
  annotationLine,
  annotationsOf,
  classController,
  defaultProtections,
  emptySignals,
} from './ingress.ts';
import { arr, obj, splitList, str, truthy } from './manifest-values.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';
import { findRelated, labelOf } from './related-documents.ts';
import { parseTraefikMatch } from './traefik-match.ts';
import {
  applyMiddlewareEffects,
  type MiddlewareRef,
  middlewareEffects,
  splitProvider,
  TRAEFIK_GROUPS,
} from './traefik-middleware.ts';

export const TRAEFIK_PREFIX = 'traefik.ingress.kubernetes.io/';
const CONTROLLER = 'traefik.io/ingress-controller';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** Entry point names Traefik's own charts and docs use for plain HTTP and for HTTPS. */
const PLAIN_ENTRYPOINTS = ['web', 'http'];
const SECURE_ENTRYPOINTS = ['websecure', 'https'];

/**
 * HTTPS redirect from the entry points a router listens on: `web` serves plain HTTP unless a
 * redirectScheme middleware is applied. Without an explicit list the router joins Traefik's default
 * entry points, which live in static config outside the repo.
 */
function redirectFromEntryPoints(
  entryPoints: string[] | null,
  at: { line: number; source: string },
): Protections['httpsRedirect'] | null {
  if (entryPoints === null) return null;
  const names = entryPoints.map((e) => e.toLowerCase());
  if (names.some((e) => PLAIN_ENTRYPOINTS.includes(e)))
    return {
      value: 'off',
      line: at.line,
      source: `${at.source}: plain-HTTP entry point without a redirectScheme middleware`,
    };
  if (names.length > 0 && names.every((e) => SECURE_ENTRYPOINTS.includes(e)))
    return { value: 'on', line: at.line, source: `${at.source}: HTTPS entry points only` };
  return null;
}

function refineIngress(exposure: ObjectExposure, ctx: ProfileContext): void {
  const doc = exposure.doc;
  const a = (name: string): string | undefined => exposure.annotations[TRAEFIK_PREFIX + name];
  const line = (name: string) => annotationLine(doc, TRAEFIK_PREFIX + name);
  const src = (name: string) => `annotation ${TRAEFIK_PREFIX}${name}`;
  const refs: MiddlewareRef[] = splitList(a('router.middlewares')).map((text) => ({
    ...splitProvider(text),
    namespace: doc.namespace,
    line: line('router.middlewares'),
    text,
  }));
  const effects = middlewareEffects(refs, ctx);
  const entryPoints = a('router.entrypoints') !== undefined ? splitList(a('router.entrypoints')) : null;
  const entryRedirect = redirectFromEntryPoints(entryPoints, {
    line: line('router.entrypoints'),
    source: src('router.entrypoints'),
  });
  const tlsOn = truthy(a('router.tls')) || a('router.tls.certresolver') !== undefined;
  const tlsKey = truthy(a('router.tls')) ? 'router.tls' : 'router.tls.certresolver';
  const matcher = a('router.pathmatcher')?.trim();

  for (const route of exposure.routes) {
    const p = route.protections;
    if (tlsOn && !p.tls.value) p.tls = { value: true, line: line(tlsKey), source: src(tlsKey) };
    if (entryRedirect) p.httpsRedirect = entryRedirect;
    applyMiddlewareEffects(p, effects);
    // ImplementationSpecific paths follow router.pathmatcher (default PathPrefix).
    if (route.pathType === 'ImplementationSpecific')
      route.pathType = matcher === 'Path' ? 'Exact' : matcher === 'PathRegexp' ? 'Regex' : 'Prefix';
    const service = route.backend
      ? findRelated(ctx, 'Service', route.backend.service, route.backend.namespace, [''])
      : null;
    const scheme = service ? annotationsOf(service)[`${TRAEFIK_PREFIX}service.serversscheme`] : undefined;
    if (service && scheme)
      p.upstreamTls = {
        value: { protocol: scheme.trim().toUpperCase(), verify: false, passthrough: false },
        line: route.backend!.line,
        source: `${labelOf(service)} annotation ${TRAEFIK_PREFIX}service.serversscheme`,
      };
  }
}

function serviceBackend(doc: ManifestDocument, raw: unknown, path: FieldPath): Backend | null {
  const s = obj(raw);
  const name = str(s.name);
  if (!name) return null;
  const kind = str(s.kind) ?? 'Service';
  return {
    service: kind === 'Service' ? name : `resource:traefik.io/${kind}/${name}`,
    port: str(s.port) ?? '',
    namespace: str(s.namespace) ?? doc.namespace,
    line: doc.lineOf([...path, 'name']),
  };
}

export function buildIngressRoute(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure {
  const spec = obj(doc.body.spec);
  const annotations = annotationsOf(doc);
  const className = annotations[CLASS_ANNOTATION] ?? null;
  const classLine = className !== null ? annotationLine(doc, CLASS_ANNOTATION) : doc.line;
  const hasTls = spec.tls !== undefined && spec.tls !== null;
  const tlsSpec = obj(spec.tls);
  const tlsLine = doc.lineOf(['spec', 'tls']);
  const entryPoints = spec.entryPoints === undefined ? null : arr(spec.entryPoints).map(String);
  const entryRedirect = redirectFromEntryPoints(entryPoints, {
    line: doc.lineOf(['spec', 'entryPoints']),
    source: 'spec.entryPoints',
  });

  const routes: Route[] = [];
  for (const [i, raw] of arr(spec.routes).entries()) {
    const r = obj(raw);
    const matchLine = doc.lineOf(['spec', 'routes', i, 'match']);
    const parsed = parseTraefikMatch(str(r.match) ?? '');
    const hosts = parsed.hosts.length > 0 ? parsed.hosts : [{ host: '', hostMatch: 'any' as const }];
    const paths = parsed.paths.length > 0 ? parsed.paths : [{ path: '/', pathType: 'Prefix' as const }];
    const refs: MiddlewareRef[] = arr(r.middlewares).flatMap((m, j) => {
      const name = str(obj(m).name);
      if (!name) return [];
      return [
        {
          ...splitProvider(name),
          namespace: str(obj(m).namespace) ?? doc.namespace,
          line: doc.lineOf(['spec', 'routes', i, 'middlewares', j, 'name']),
          text: name,
        },
      ];
    });
    const effects = middlewareEffects(refs, ctx);
    const services = arr(r.services);
    const backend =
      services.length > 0 ? serviceBackend(doc, services[0], ['spec', 'routes', i, 'services', 0]) : null;
    const scheme = str(obj(services[0]).scheme);
    for (const h of hosts)
      for (const p of paths) {
        const protections = defaultProtections(matchLine, hasTls);
        if (hasTls) protections.tls = { value: true, line: tlsLine, source: 'spec.tls' };
        if (entryRedirect) protections.httpsRedirect = { ...entryRedirect };
        applyMiddlewareEffects(protections, effects);
        if (scheme)
          protections.upstreamTls = {
            value: { protocol: scheme.toUpperCase(), verify: false, passthrough: false },
            line: doc.lineOf(['spec', 'routes', i, 'services', 0, 'scheme']),
            source: 'services[].scheme',
          };
        routes.push({
          host: h.host,
          hostLine: matchLine,
          hostMatch: h.hostMatch,
          path: p.path,
          pathType: p.pathType,
          pathLine: matchLine,
          backend,
          protections,
        });
      }
  }

  const domains = arr(tlsSpec.domains).flatMap((d) => [str(obj(d).main), ...arr(obj(d).sans).map(str)]);
  const tlsHosts = domains.filter((h): h is string => h !== null).map((h) => h.toLowerCase());
  const visibility = configuredVisibility(className, classLine, ctx) ?? {
    value: 'unknown' as const,
    line: classLine,
    reason:
      'IngressRoute: exposure depends on how the Traefik Service is published, which is outside the object',
  };
  return {
    ref: refOf(doc),
    apiVersion: doc.apiVersion,
    file: doc.file,
    line: doc.line,
    controllers: ['traefik'],
    ingressClass: { name: className, source: className !== null ? 'annotation' : 'none', line: classLine },
    visibility,
    routes,
    tls: hasTls
      ? [
          {
            hosts: tlsHosts.length > 0 ? tlsHosts : [...new Set(routes.map((r) => r.host).filter(Boolean))],
            secretName: str(tlsSpec.secretName),
            line: tlsLine,
          },
        ]
      : [],
    defaultBackend: null,
    signals: emptySignals(),
    annotations,
    doc,
  };
}

export const traefikProfile: ControllerProfile = {
  id: 'traefik',
  build(doc, ctx) {
    return doc.kind === 'IngressRoute' && TRAEFIK_GROUPS.includes(apiGroup(doc.apiVersion))
      ? buildIngressRoute(doc, ctx)
      : null;
  },
  claims(exposure, ctx) {
    if (exposure.ref.kind !== 'Ingress') return false;
    if (Object.keys(exposure.annotations).some((k) => k.startsWith(TRAEFIK_PREFIX))) return true;
    const controller = classController(exposure.ingressClass.name, ctx);
    if (controller !== null) return controller === CONTROLLER;
    return exposure.ingressClass.name !== null && /traefik/.test(exposure.ingressClass.name);
  },
  refine(exposure, ctx) {
    refineIngress(exposure, ctx);
  },
};
