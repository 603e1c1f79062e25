/**
 * HTTPRoute and GRPCRoute views. A route's hosts come from `spec.hostnames` (suffix wildcards) or,
 * without any, from the listeners it attaches to; its protections come from those listeners when
 * the parent Gateway is in the repo, and from its filters (redirect, mirror, rewrite, external auth,
 * CORS, ExtensionRef to a Traefik Middleware or a KongPlugin).
 * Sources: apis/v1/httproute_types.go, grpcroute_types.go, ../shared/reference/ingress-security-facts.md §3.12.
 */
import type { FieldPath, ManifestDocument } from '../manifests/document.ts';
import type { Backend, GatewayListener, ObjectExposure, Protections, Route } from '../model/exposure.ts';
import { hostsOverlap, normaliseHost } from '../model/hosts.ts';
import { refOf } from '../model/identity.ts';
import { filtersOf } from './gateway-api-filters.ts';
import { GATEWAY_GROUPS, gatewayVisibility, listenersOf } from './gateway-listeners.ts';
import { annotationsOf, defaultProtections, emptySignals } from './ingress.ts';
import { arr, num, obj, str } from './manifest-values.ts';
import type { ProfileContext } from './profile.ts';
import { findRelated, labelOf } from './related-documents.ts';
import { suffixHostRoute } from './suffix-host-route.ts';

interface Parent {
  label: string;
  line: number;
  gateway: ManifestDocument | null;
  listeners: GatewayListener[];
}

/** Whether a listener admits routes from `namespace` (a Selector cannot be evaluated here: assume yes). */
function admits(listener: GatewayListener, gateway: ManifestDocument, namespace: string | null): boolean {
  if (listener.allowedRoutesFrom !== 'Same') return true;
  return gateway.namespace === namespace || gateway.namespace === null || namespace === null;
}

function parentsOf(doc: ManifestDocument, ctx: ProfileContext): Parent[] {
  return arr(obj(doc.body.spec).parentRefs).flatMap((raw, k) => {
    const ref = obj(raw);
    if ((str(ref.kind) ?? 'Gateway') !== 'Gateway' || !str(ref.name)) return [];
    const namespace = str(ref.namespace) ?? doc.namespace;
    const gateway = findRelated(ctx, 'Gateway', str(ref.name)!, namespace, GATEWAY_GROUPS);
    const section = str(ref.sectionName);
    const port = num(ref.port);
    const listeners = gateway
      ? listenersOf(gateway).filter(
          (l) =>
            (section === null || l.name === section) &&
            (port === null || l.port === port) &&
            (l.protocol === 'HTTP' || l.protocol === 'HTTPS') &&
            admits(l, gateway, doc.namespace),
        )
      : [];
    return [
      {
        label: `Gateway ${namespace ? `${namespace}/` : ''}${str(ref.name)}${section ? ` listener ${section}` : ''}`,
        line: doc.lineOf(['spec', 'parentRefs', k]),
        gateway,
        listeners,
      },
    ];
  });
}

function backendOf(doc: ManifestDocument, raw: unknown, path: FieldPath): Backend | null {
  const b = obj(raw);
  const name = str(b.name);
  if (!name) return null;
  const kind = str(b.kind) ?? 'Service';
  const group = str(b.group) ?? '';
  return {
    service: kind === 'Service' && group === '' ? name : `resource:${group}/${kind}/${name}`,
    port: str(b.port) ?? '',
    namespace: str(b.namespace) ?? doc.namespace,
    line: doc.lineOf([...path, 'name']),
  };
}

function pathsOf(
  doc: ManifestDocument,
  i: number,
  grpc: boolean,
): { path: string; pathType: Route['pathType']; line: number }[] {
  const matches = arr(obj(arr(obj(doc.body.spec).rules)[i]).matches);
  const ruleLine = doc.lineOf(['spec', 'rules', i]);
  // No match (or a match without path/method) = PathPrefix `/`: every request.
  if (matches.length === 0) return [{ path: '/', pathType: 'Prefix', line: ruleLine }];
  return matches.map((raw, j) => {
    const m = obj(raw);
    if (grpc) {
      const method = obj(m.method);
      const service = str(method.service);
      const name = str(method.method);
      const line = doc.lineOf(['spec', 'rules', i, 'matches', j, 'method']);
      if (service && name) return { path: `/${service}/${name}`, pathType: 'Exact', line };
      if (service) return { path: `/${service}/`, pathType: 'Prefix', line };
      if (name) return { path: `/*/${name}`, pathType: 'Regex', line };
      return { path: '/', pathType: 'Prefix', line: doc.lineOf(['spec', 'rules', i, 'matches', j]) };
    }
    const p = obj(m.path);
    const type = str(p.type) ?? 'PathPrefix';
    return {
      path: str(p.value) ?? '/',
      pathType:
        type === 'Exact'
          ? 'Exact'
          : type === 'RegularExpression'
            ? 'Regex'
            : type === 'PathPrefix'
              ? 'Prefix'
              : 'Unknown',
      line: doc.lineOf(['spec', 'rules', i, 'matches', j, 'path', p.value !== undefined ? 'value' : 'type']),
    };
  });
}

/** TLS and HTTPS redirect for one host from the listeners that accept it. */
function listenerProtections(p: Protections, host: string, parents: Parent[]): void {
  const accepting = parents.flatMap((parent) =>
    parent.listeners
      .filter((l) => hostsOverlap(l.hostname, host || '*', 'suffix'))
      .map((l) => ({ l, parent })),
  );
  if (parents.every((x) => x.gateway === null)) {
    const why =
      parents.length === 0
        ? 'no parentRefs: the route is not attached to any Gateway'
        : `parent Gateway not in the repo (${parents.map((x) => x.label).join(', ')})`;
    const line = parents[0]?.line ?? p.tls.line;
    p.tls = { value: false, line, source: why, unresolved: why };
    p.httpsRedirect = { value: 'unknown', line, source: why, unresolved: why };
    return;
  }
  const secure = accepting.find((x) => x.l.tls);
  const plain = accepting.find((x) => !x.l.tls);
  const at = (x: { l: GatewayListener; parent: Parent }) => ({
    line: x.parent.line,
    source: `${x.parent.label.replace(/ listener .*$/, '')} listener ${x.l.name} (${x.l.protocol})`,
  });
  p.tls = secure
    ? { value: true, ...at(secure) }
    : {
        value: false,
        ...(plain
          ? at(plain)
          : { line: parents[0].line, source: 'no listener of the parent Gateway accepts this host' }),
      };
  if (plain) p.httpsRedirect = { value: 'off', ...at(plain) };
  else if (secure)
    p.httpsRedirect = {
      value: 'on',
      line: at(secure).line,
      source: `${at(secure).source}: HTTPS listeners only`,
    };
}

export function buildGatewayRoute(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure {
  const spec = obj(doc.body.spec);
  const parents = parentsOf(doc, ctx);
  const signals = emptySignals();
  const hostnames = arr(spec.hostnames).map((h, k) => ({
    host: normaliseHost(h),
    line: doc.lineOf(['spec', 'hostnames', k]),
  }));
  // Without hostnames a route inherits each attached listener's hostname ('' = every host).
  const hosts =
    hostnames.length > 0
      ? hostnames
      : [
          ...new Map(
            parents.flatMap((x) =>
              x.listeners.length > 0
                ? x.listeners.map((l) => [l.hostname, x.line] as const)
                : [['', x.line] as const],
            ),
          ).entries(),
        ].map(([host, line]) => ({ host, line }));
  const hostList = hosts.length > 0 ? hosts : [{ host: '', line: doc.line }];
  const grpc = doc.kind === 'GRPCRoute';
  const routes: Route[] = [];
  for (const [i, raw] of arr(spec.rules).entries()) {
    const filters = filtersOf(doc, i, ctx, signals);
    const backendRefs = arr(obj(raw).backendRefs);
    const backend =
      backendRefs.length > 0 ? backendOf(doc, backendRefs[0], ['spec', 'rules', i, 'backendRefs', 0]) : null;
    for (const h of hostList)
      for (const p of pathsOf(doc, i, grpc)) {
        const protections = defaultProtections(h.line, false);
        listenerProtections(protections, h.host, parents);
        for (const apply of filters) apply(protections, h.host);
        routes.push(suffixHostRoute(h, p, backend, protections));
      }
  }

  const inRepo = parents.filter((x) => x.gateway !== null);
  const visibilities = inRepo.map((x) => {
    const cls = str(obj(x.gateway!.body.spec).gatewayClassName);
    return gatewayVisibility(cls, x.line, ctx, `parent ${labelOf(x.gateway!)}`);
  });
  const missing = parents.filter((x) => x.gateway === null).map((x) => x.label);
  const visibility: ObjectExposure['visibility'] =
    visibilities.find((v) => v.value === 'public') ??
    (visibilities.length > 0 && visibilities.every((v) => v.value === 'internal') && missing.length === 0
      ? visibilities[0]
      : {
          value: 'unknown',
          line: parents[0]?.line ?? doc.line,
          reason:
            missing.length > 0
              ? `parent Gateway not in the repo (${missing.join(', ')})`
              : (visibilities[0]?.reason ?? 'no parentRefs: the route is not attached to any Gateway'),
        });
  const firstClass = inRepo.length > 0 ? str(obj(inRepo[0].gateway!.body.spec).gatewayClassName) : null;
  return {
    ref: refOf(doc),
    apiVersion: doc.apiVersion,
    file: doc.file,
    line: doc.line,
    controllers: ['gateway-api'],
    ingressClass:
      firstClass !== null
        ? { name: firstClass, source: 'default', line: inRepo[0].line }
        : { name: null, source: 'none', line: doc.line },
    visibility,
    routes,
    tls: [],
    defaultBackend: null,
    signals,
    annotations: annotationsOf(doc),
    doc,
  };
}
