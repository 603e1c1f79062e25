/**
 * Istio networking (networking.istio.io): Gateway servers and the VirtualServices bound to them.
 * Deliberately shallow: hosts, paths, TLS, HTTPS redirect, client certificates, mirrors and redirects.
 * Sources: istio/api networking/v1/gateway.proto and virtual_service.proto,
 * ../shared/reference/ingress-security-facts.md §3.11 and §4.5.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import type {
  AuthMechanism,
  GatewayListener,
  ObjectExposure,
  Protections,
  Route,
} from '../model/exposure.ts';
import { hostCovers, hostMatchOf, normaliseHost } from '../model/hosts.ts';
import { apiGroup, refOf } from '../model/identity.ts';
import { configuredVisibility } from './class-visibility.ts';
import { annotationsOf, defaultProtections, emptySignals } from './ingress.ts';
import { arr, num, obj, str, truthy } from './manifest-values.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';
import { findRelated, labelOf } from './related-documents.ts';
import { suffixHostRoute } from './suffix-host-route.ts';

const ISTIO_GROUP = ['networking.istio.io'];

interface Server {
  listener: GatewayListener;
  host: string;
  index: number;
  tlsMode: string;
  httpsRedirect: boolean;
}

/** `ns/host` → namespace scope and host; without a prefix the scope is `*` (any namespace). */
function splitHost(entry: string): { scope: string; host: string } {
  const slash = entry.indexOf('/');
  return slash === -1
    ? { scope: '*', host: entry }
    : { scope: entry.slice(0, slash), host: entry.slice(slash + 1) };
}

function serversOf(doc: ManifestDocument): Server[] {
  return arr(obj(doc.body.spec).servers).flatMap((raw, i) => {
    const s = obj(raw);
    const port = obj(s.port);
    const protocol = (str(port.protocol) ?? '').toUpperCase();
    const tls = obj(s.tls);
    const tlsMode = (str(tls.mode) ?? '').toUpperCase();
    const line = doc.lineOf(['spec', 'servers', i]);
    return arr(s.hosts).map((h, j) => {
      const { scope, host } = splitHost(String(h));
      return {
        index: i,
        host: host === '*' ? '' : normaliseHost(host),
        tlsMode,
        httpsRedirect: truthy(tls.httpsRedirect),
        listener: {
          name: str(s.name) ?? str(port.name) ?? String(i),
          protocol,
          hostname: host === '*' ? '' : normaliseHost(host),
          port: num(port.number),
          tls: protocol === 'HTTPS' || protocol === 'TLS',
          allowedRoutesFrom:
            scope === '.' || scope === doc.namespace ? 'Same' : scope === '*' ? 'All' : 'Selector',
          line,
          allowedRoutesLine: doc.lineOf(['spec', 'servers', i, 'hosts', j]),
        },
      };
    });
  });
}

/** TLS, redirect and client-certificate facts of a server onto a route's protections. */
function serverProtections(p: Protections, s: Server, line: number, source: string): void {
  p.tls = { value: s.listener.tls, line, source: `${source} (${s.listener.protocol})` };
  if (!s.listener.tls)
    p.httpsRedirect = s.httpsRedirect
      ? { value: 'on', line, source: `${source} tls.httpsRedirect` }
      : { value: 'off', line, source };
  if (s.tlsMode === 'MUTUAL' || s.tlsMode === 'OPTIONAL_MUTUAL') {
    const weaknesses: AuthMechanism['weaknesses'] =
      s.tlsMode === 'OPTIONAL_MUTUAL'
        ? [
            {
              code: 'client-cert-optional',
              message: 'OPTIONAL_MUTUAL accepts clients without a certificate',
              line,
            },
          ]
        : [];
    p.auth = [
      ...p.auth,
      {
        kind: 'mtls',
        detail: `client certificate (mTLS, ${s.tlsMode})`,
        line,
        source: `${source} tls.mode`,
        weaknesses,
      },
    ];
  }
  if (s.tlsMode === 'PASSTHROUGH' || s.tlsMode === 'AUTO_PASSTHROUGH')
    p.upstreamTls = {
      value: { protocol: 'TLS', verify: false, passthrough: true },
      line,
      source: `${source} tls.mode ${s.tlsMode}`,
    };
}

function base(
  doc: ManifestDocument,
  routes: Route[],
  visibility: ObjectExposure['visibility'],
  className: string | null,
  classLine: number,
): ObjectExposure {
  return {
    ref: refOf(doc),
    apiVersion: doc.apiVersion,
    file: doc.file,
    line: doc.line,
    controllers: ['istio'],
    ingressClass: { name: className, source: className !== null ? 'field' : 'none', line: classLine },
    visibility,
    routes,
    tls: [],
    defaultBackend: null,
    signals: emptySignals(),
    annotations: annotationsOf(doc),
    doc,
  };
}

function buildGateway(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure {
  const servers = serversOf(doc);
  // The selector (e.g. `istio: ingressgateway`) picks the gateway workload: config may classify it.
  const selector = str(obj(obj(doc.body.spec).selector).istio);
  const classLine = doc.lineOf(['spec', 'selector']);
  const routes = servers.map((s) => {
    const p = defaultProtections(s.listener.allowedRoutesLine, false);
    serverProtections(p, s, s.listener.line, `server ${s.listener.name}`);
    return {
      host: s.host,
      hostLine: s.listener.allowedRoutesLine,
      hostMatch: hostMatchOf(s.host, 'suffix'),
      path: '',
      pathType: 'Prefix' as const,
      pathLine: s.listener.line,
      backend: null,
      protections: p,
    };
  });
  const view = base(
    doc,
    routes,
    configuredVisibility(selector, classLine, ctx) ?? {
      value: 'unknown',
      line: classLine,
      reason: 'Istio Gateway: exposure depends on the Service of the gateway workload its selector picks',
    },
    selector,
    classLine,
  );
  view.gateway = { listeners: servers.map((s) => s.listener) };
  view.tls = servers
    .filter((s) => s.listener.tls)
    .map((s) => ({
      hosts: s.host ? [s.host] : [],
      secretName: str(obj(obj(arr(obj(doc.body.spec).servers)[s.index]).tls).credentialName),
      line: s.listener.line,
    }));
  return view;
}

function buildVirtualService(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure {
  const spec = obj(doc.body.spec);
  const gatewayNames = arr(spec.gateways).map(String);
  const bound = gatewayNames.filter((g) => g !== 'mesh');
  const gateways = bound.map((g) => {
    const [ns, name] = g.includes('/') ? g.split('/', 2) : [doc.namespace, g];
    return { text: g, doc: findRelated(ctx, 'Gateway', name, ns, ISTIO_GROUP) };
  });
  const gatewaysLine = doc.lineOf(['spec', 'gateways']);
  const hosts = arr(spec.hosts).map((h, k) => ({
    host: String(h) === '*' ? '' : normaliseHost(h),
    line: doc.lineOf(['spec', 'hosts', k]),
  }));
  const signals = emptySignals();
  const routes: Route[] = [];
  for (const [i, raw] of arr(spec.http).entries()) {
    const http = obj(raw);
    const at = (field: string) => ({
      key: `spec.http[${i}].${field}`,
      line: doc.lineOf(['spec', 'http', i, field]),
    });
    const mirror = str(obj(http.mirror).host);
    if (mirror)
      signals.diversions.push({
        ...at('mirror'),
        value: mirror,
        kind: 'mirror',
        target: mirror.toLowerCase(),
      });
    const authority = str(obj(http.redirect).authority);
    if (authority)
      signals.diversions.push({
        ...at('redirect'),
        value: authority,
        kind: 'redirect',
        target: authority.toLowerCase(),
      });
    if (http.rewrite !== undefined)
      signals.pathBroadeners.push({ ...at('rewrite'), value: JSON.stringify(http.rewrite) });
    const dest = obj(obj(arr(http.route)[0]).destination);
    const destHost = str(dest.host);
    const [svc, svcNs] = (destHost ?? '').split('.');
    const backend = destHost
      ? {
          service: svc,
          port: str(obj(dest.port).number) ?? '',
          namespace: svcNs ?? doc.namespace,
          line: doc.lineOf(['spec', 'http', i, 'route', 0, 'destination', 'host']),
        }
      : null;
    const matches = arr(http.match).map(obj);
    const paths = (matches.length > 0 ? matches : [{}]).map((m, j) => {
      const uri = obj(m.uri);
      const line =
        matches.length > 0 ? doc.lineOf(['spec', 'http', i, 'match', j]) : doc.lineOf(['spec', 'http', i]);
      if (str(uri.exact) !== null) return { path: str(uri.exact)!, pathType: 'Exact' as const, line };
      if (str(uri.regex) !== null) return { path: str(uri.regex)!, pathType: 'Regex' as const, line };
      return { path: str(uri.prefix) ?? '/', pathType: 'Prefix' as const, line };
    });
    for (const h of hosts)
      for (const p of paths) {
        const protections = defaultProtections(h.line, false);
        const server = gateways
          .flatMap((g) => (g.doc ? serversOf(g.doc).map((s) => ({ s, g: g.doc! })) : []))
          .sort((a, b) => Number(b.s.listener.tls) - Number(a.s.listener.tls))
          .find(({ s }) => hostCovers(s.host, h.host || '*', 'suffix'));
        if (server)
          serverProtections(
            protections,
            server.s,
            gatewaysLine,
            `${labelOf(server.g)} server ${server.s.listener.name}`,
          );
        else if (gateways.some((g) => g.doc === null)) {
          const why = `bound Istio Gateway not in the repo (${gateways
            .filter((g) => g.doc === null)
            .map((g) => g.text)
            .join(', ')})`;
          protections.tls = { value: false, line: gatewaysLine, source: why, unresolved: why };
          protections.httpsRedirect = { value: 'unknown', line: gatewaysLine, source: why, unresolved: why };
        }
        if (http.redirect !== undefined && str(obj(http.redirect).scheme)?.toLowerCase() === 'https')
          protections.httpsRedirect = {
            value: 'on',
            line: doc.lineOf(['spec', 'http', i, 'redirect']),
            source: 'redirect scheme https',
          };
        routes.push(suffixHostRoute(h, p, backend, protections));
      }
  }
  const missing = gateways.filter((g) => g.doc === null).map((g) => g.text);
  // A bound Gateway whose workload selector the config classifies passes its visibility on.
  const classified = gateways.flatMap((g) => {
    const selector = g.doc ? str(obj(obj(g.doc.body.spec).selector).istio) : null;
    const v = configuredVisibility(selector, gatewaysLine, ctx);
    return v ? [{ ...v, reason: `${v.reason} (selector of ${labelOf(g.doc!)})` }] : [];
  });
  const visibility: ObjectExposure['visibility'] =
    bound.length === 0
      ? {
          value: 'internal',
          line: gatewayNames.length > 0 ? gatewaysLine : doc.line,
          reason: 'bound only to the mesh (sidecars), not to an ingress gateway',
        }
      : (classified.find((v) => v.value === 'public') ??
        (classified.length === gateways.length ? classified[0] : undefined) ?? {
          value: 'unknown',
          line: gatewaysLine,
          reason:
            missing.length > 0
              ? `bound to Istio Gateway ${missing.join(', ')}, not in the repo`
              : `bound to Istio Gateway ${bound.join(', ')}`,
        });
  const view = base(doc, routes, visibility, null, doc.line);
  view.signals = signals;
  return view;
}

export const istioProfile: ControllerProfile = {
  id: 'istio',
  build(doc, ctx) {
    if (!ISTIO_GROUP.includes(apiGroup(doc.apiVersion))) return null;
    if (doc.kind === 'Gateway') return buildGateway(doc, ctx);
    if (doc.kind === 'VirtualService') return buildVirtualService(doc, ctx);
    return null;
  },
  claims: () => false,
  refine: () => {},
};
