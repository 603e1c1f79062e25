/**
 * Gateway API (kubernetes-sigs/gateway-api, standard and experimental groups): Gateway and
 * ReferenceGrant views here; HTTPRoute and GRPCRoute views in gateway-api-routes.ts.
 * Sources: apis/v1/gateway_types.go, referencegrant_types.go,
 * ../shared/reference/ingress-security-facts.md §3.12 and §4.7.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import type { ObjectExposure, ReferenceGrantDetail, Route } from '../model/exposure.ts';
import { hostMatchOf } from '../model/hosts.ts';
import { apiGroup, refOf } from '../model/identity.ts';
import { buildGatewayRoute } from './gateway-api-routes.ts';
import { GATEWAY_GROUPS, gatewayVisibility, listenersOf } from './gateway-listeners.ts';
import { annotationsOf, defaultProtections, emptySignals } from './ingress.ts';
import { arr, obj, str } from './manifest-values.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';

const ROUTE_KINDS = ['HTTPRoute', 'GRPCRoute'];

function buildGateway(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure {
  const spec = obj(doc.body.spec);
  const className = str(spec.gatewayClassName);
  const classLine = doc.lineOf(['spec', 'gatewayClassName']);
  const listeners = listenersOf(doc);
  const rawListeners = arr(spec.listeners).map(obj);
  const routes: Route[] = listeners.map((l, i) => {
    const hostLine =
      rawListeners[i].hostname !== undefined ? doc.lineOf(['spec', 'listeners', i, 'hostname']) : l.line;
    const protections = defaultProtections(l.line, l.tls);
    protections.tls = {
      value: l.tls,
      line: doc.lineOf(['spec', 'listeners', i, 'protocol']),
      source: `listener ${l.name} (${l.protocol || 'no protocol'})`,
    };
    if (str(obj(rawListeners[i].tls).mode) === 'Passthrough')
      protections.upstreamTls = {
        value: { protocol: 'TLS', verify: false, passthrough: true },
        line: doc.lineOf(['spec', 'listeners', i, 'tls', 'mode']),
        source: `listener ${l.name} tls.mode Passthrough`,
      };
    return {
      host: l.hostname,
      hostLine,
      hostMatch: hostMatchOf(l.hostname, 'suffix'),
      path: '',
      pathType: 'Prefix',
      pathLine: l.line,
      backend: null,
      protections,
    };
  });
  return {
    ref: refOf(doc),
    apiVersion: doc.apiVersion,
    file: doc.file,
    line: doc.line,
    controllers: ['gateway-api'],
    ingressClass: { name: className, source: className !== null ? 'field' : 'none', line: classLine },
    visibility: gatewayVisibility(className, classLine, ctx, `Gateway ${doc.name}`),
    routes,
    tls: listeners.flatMap((l, i) =>
      l.tls
        ? [
            {
              hosts: l.hostname ? [l.hostname] : [],
              secretName: str(obj(arr(obj(rawListeners[i].tls).certificateRefs)[0]).name),
              line: l.line,
            },
          ]
        : [],
    ),
    defaultBackend: null,
    signals: emptySignals(),
    annotations: annotationsOf(doc),
    doc,
    gateway: { listeners },
  };
}

function buildReferenceGrant(doc: ManifestDocument): ObjectExposure {
  const spec = obj(doc.body.spec);
  const detail: ReferenceGrantDetail = {
    from: arr(spec.from).map((f, i) => ({
      group: str(obj(f).group) ?? '',
      kind: str(obj(f).kind) ?? '',
      namespace: str(obj(f).namespace) ?? '',
      line: doc.lineOf(['spec', 'from', i]),
    })),
    to: arr(spec.to).map((t, i) => ({
      group: str(obj(t).group) ?? '',
      kind: str(obj(t).kind) ?? '',
      name: str(obj(t).name),
      line: doc.lineOf(['spec', 'to', i]),
    })),
  };
  return {
    ref: refOf(doc),
    apiVersion: doc.apiVersion,
    file: doc.file,
    line: doc.line,
    controllers: ['gateway-api'],
    ingressClass: { name: null, source: 'none', line: doc.line },
    visibility: {
      value: 'unknown',
      line: doc.line,
      reason: 'a ReferenceGrant exposes nothing itself; it lets other namespaces refer here',
    },
    routes: [],
    tls: [],
    defaultBackend: null,
    signals: emptySignals(),
    annotations: annotationsOf(doc),
    doc,
    referenceGrant: detail,
  };
}

export const gatewayApiProfile: ControllerProfile = {
  id: 'gateway-api',
  build(doc, ctx) {
    if (!GATEWAY_GROUPS.includes(apiGroup(doc.apiVersion))) return null;
    if (doc.kind === 'Gateway') return buildGateway(doc, ctx);
    if (doc.kind === 'ReferenceGrant') return buildReferenceGrant(doc);
    if (ROUTE_KINDS.includes(doc.kind)) return buildGatewayRoute(doc, ctx);
    return null;
  },
  claims: () => false,
  refine: () => {},
};
