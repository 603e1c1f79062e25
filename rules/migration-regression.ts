import { parseCidr, widening } from '../src/core/model/cidr.ts';
import type { ObjectExposure, Protections, Route } from '../src/core/model/exposure.ts';
import { refKey } from '../src/core/model/identity.ts';
import { objectLabel } from '../src/core/model/route-label.ts';
import type { ChangeContext, Condition, RepoView, Rule } from '../src/core/rule.ts';

const ingress = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: web
  annotations:
    nginx.ingress.kubernetes.io/auth-type: basic
    nginx.ingress.kubernetes.io/auth-secret: web/htpasswd
spec:
  ingressClassName: nginx
  tls:
    - hosts: [shop.example.com]
      secretName: shop-tls
  rules:
    - host: shop.example.com
      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}
`;
const gateway = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: eg
  listeners:
    - {name: https, protocol: HTTPS, port: 443, hostname: "*.example.com", tls: {certificateRefs: [{name: wildcard}]}, allowedRoutes: {namespaces: {from: All}}}
`;
const route = (parent: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs: [{name: ${parent}, namespace: infra}]
  hostnames: [shop.example.com]
  rules:
    - backendRefs: [{name: shop, port: 80}]
`;
const docs = (...d: string[]) => d.join('---\n');

type Located = { object: ObjectExposure; route: Route };
type Loss = { protection: string; lost: string; had: string };
type Unknown = { protection: string; why: string; had: string };

const objectCache = new WeakMap<RepoView, Map<string, ObjectExposure>>();
function objectsByRef(view: RepoView): Map<string, ObjectExposure> {
  let map = objectCache.get(view);
  if (!map) {
    map = new Map(view.objects.map((o) => [refKey(o.ref), o]));
    objectCache.set(view, map);
  }
  return map;
}

/** The base route that served the same requests: the same path, else the longest prefix above it. */
function counterpart(routes: Route[], path: string): Route {
  const same = routes.find((r) => r.path === path);
  if (same) return same;
  const above = routes
    .filter(
      (r) =>
        r.pathType !== 'Exact' &&
        (r.path === '/' || path.startsWith(r.path.endsWith('/') ? r.path : `${r.path}/`)),
    )
    .sort((a, b) => b.path.length - a.path.length);
  return above[0] ?? routes[0];
}

const at = (fact: { source?: string }) => (fact.source ? ` (${fact.source})` : '');

/** What `head` no longer does that `base` did, and what cannot be told because of a missing object. */
function compare(base: Protections, head: Protections): { losses: Loss[]; unknowns: Unknown[] } {
  const losses: Loss[] = [];
  const unknowns: Unknown[] = [];
  if (base.auth.length > 0 && head.auth.length === 0)
    losses.push({
      protection: 'auth',
      lost: 'has no authentication',
      had: base.auth.map((a) => a.detail).join(' and '),
    });
  if (base.sourceRanges.value !== 'any') {
    const allowed = base.sourceRanges.value.join(', ');
    if (head.sourceRanges.value === 'any')
      losses.push({
        protection: 'allowlist',
        lost: 'accepts every source address',
        had: `an allowlist of ${allowed}${at(base.sourceRanges)}`,
      });
    else {
      const parse = (list: string[]) => list.map(parseCidr).filter((r) => r !== null);
      const extra = widening(parse(base.sourceRanges.value), parse(head.sourceRanges.value));
      if (extra.length > 0)
        losses.push({
          protection: 'allowlist',
          lost: `also accepts ${extra.join(', ')}`,
          had: `an allowlist of ${allowed}${at(base.sourceRanges)}`,
        });
    }
  }
  if (base.tls.value && !head.tls.value) {
    if (head.tls.unresolved)
      unknowns.push({ protection: 'TLS', why: head.tls.unresolved, had: `TLS${at(base.tls)}` });
    else losses.push({ protection: 'tls', lost: 'is served without TLS', had: `TLS${at(base.tls)}` });
  }
  if (base.httpsRedirect.value === 'on' && head.httpsRedirect.value !== 'on') {
    if (head.httpsRedirect.unresolved)
      unknowns.push({
        protection: 'the HTTPS redirect',
        why: head.httpsRedirect.unresolved,
        had: `an HTTPS redirect${at(base.httpsRedirect)}`,
      });
    else if (head.httpsRedirect.value === 'off')
      losses.push({
        protection: 'https-redirect',
        lost: `serves plain HTTP${at(head.httpsRedirect)}`,
        had: `an HTTPS redirect${at(base.httpsRedirect)}`,
      });
  }
  if (
    (base.waf.value === 'on' || base.waf.value === 'detect') &&
    head.waf.value !== 'on' &&
    head.waf.value !== 'detect'
  ) {
    if (head.waf.unresolved)
      unknowns.push({ protection: 'the WAF', why: head.waf.unresolved, had: `a WAF${at(base.waf)}` });
    else
      losses.push({
        protection: 'waf',
        lost: 'has no WAF',
        had: `a WAF${base.waf.value === 'detect' ? ' in detection mode' : ''}${at(base.waf)}`,
      });
  }
  if (base.rateLimit.value !== null && head.rateLimit.value === null) {
    const l = base.rateLimit.value;
    const limit = [
      l.rps && `${l.rps} requests/s`,
      l.rpm && `${l.rpm} requests/min`,
      l.connections && `${l.connections} connections`,
    ]
      .filter(Boolean)
      .join(', ');
    losses.push({
      protection: 'rate-limit',
      lost: 'has no rate limit',
      had: `a rate limit (${limit || 'set'})${at(base.rateLimit)}`,
    });
  }
  return { losses, unknowns };
}

/** Ingresses that served `host` at base and no longer do at head: the objects this one replaces. */
function replacedIngresses(host: string, head: ObjectExposure, ctx: ChangeContext): Located[] {
  const after = objectsByRef(ctx.headRepo);
  const self = refKey(head.ref);
  return (ctx.baseRepo.routesByHost.get(host) ?? []).filter(({ object }) => {
    if (object.ref.kind !== 'Ingress' || refKey(object.ref) === self) return false;
    // Another Ingress of the same class is a rename; other rules compare those route by route.
    if (head.ref.kind === 'Ingress' && head.ingressClass.name === object.ingressClass.name) return false;
    const now = after.get(refKey(object.ref));
    return !now?.routes.some((r) => r.host === host);
  });
}

export const rule: Rule = {
  meta: {
    id: 'migration-regression',
    severity: 'high',
    title: 'Migration dropped a protection',
    rationale:
      'With ingress-nginx retired, many teams are moving hosts from Ingress annotations to Gateway API routes or another controller\u2019s objects. Annotations do not translate one to one: basic auth, allowlists, the HTTPS redirect, ModSecurity and rate limits often have no equivalent on the new object, and the host goes live without them — silently, because the new object is valid.',
    fires:
      'In the same change an Ingress stops serving a host and an HTTPRoute, GRPCRoute or another controller\u2019s object starts serving it, and the new object lacks a protection the Ingress had: authentication, IP allowlist, TLS, HTTPS redirect, WAF, rate limit. One finding per host and protection, saying what the Ingress had and what the new object does.',
    quiet:
      'A migration that keeps every protection; an Ingress renamed within the same class (auth-removed, tls-removed and the other rules compare those); protections that cannot be told because the new route\u2019s Gateway is not in the repository — reported as unknown (info), not as lost.',
    fix: 'Recreate each protection on the new object before removing the Ingress: a Gateway HTTPS listener and a redirect route, an external-auth filter or policy (or the controller\u2019s auth middleware/plugin), an allowlist policy, a WAF and rate-limit policy — then migrate the host.',
    references: [
      'https://kubernetes.io/blog/2025/11/11/ingress-nginx-retirement/',
      'https://github.com/kubernetes-sigs/ingress2gateway',
      'https://gateway-api.sigs.k8s.io/guides/migrating-from-ingress/',
    ],
    kinds: ['Ingress', 'HTTPRoute', 'GRPCRoute', 'IngressRoute', 'VirtualService', 'HTTPProxy'],
    examples: {
      fires: [
        {
          name: 'an Ingress with basic auth replaced by an HTTPRoute without it',
          base: docs(gateway, ingress),
          head: docs(gateway, route('public')),
        },
      ],
      passes: [
        {
          name: 'the Ingress stays while the HTTPRoute is added',
          base: docs(gateway, ingress),
          head: docs(gateway, ingress, route('public')),
        },
      ],
    },
  },
  change(pair, ctx) {
    const head = pair.head;
    if (!head || head.gateway || head.referenceGrant) return [];
    const hadBefore = new Set(pair.base?.routes.map((r) => r.host) ?? []);
    const byHost = new Map<string, Route[]>();
    for (const r of head.routes) {
      if (hadBefore.has(r.host)) continue;
      const list = byHost.get(r.host);
      if (list) list.push(r);
      else byHost.set(r.host, [r]);
    }
    const out: Condition[] = [];
    for (const [host, routes] of byHost) {
      if (host === '') continue;
      const replaced = replacedIngresses(host, head, ctx);
      const olds = [...new Set(replaced.map((l) => l.object))];
      for (const old of olds) {
        const oldRoutes = old.routes.filter((r) => r.host === host);
        const seen = new Set<string>();
        const unknown = new Map<string, Unknown>();
        for (const r of routes) {
          const { losses, unknowns } = compare(counterpart(oldRoutes, r.path).protections, r.protections);
          for (const u of unknowns) unknown.set(u.protection, u);
          for (const loss of losses) {
            const key = `${host}|${loss.protection}|${refKey(old.ref)}`;
            if (seen.has(key)) continue;
            seen.add(key);
            out.push({
              key,
              host,
              path: r.path,
              line: r.hostLine,
              message: `${host} moved from ${objectLabel(old)} to ${objectLabel(head)}, and the new ${head.ref.kind} ${loss.lost}; the Ingress had ${loss.had}`,
            });
          }
        }
        if (unknown.size > 0) {
          const list = [...unknown.values()];
          out.push({
            key: `${host}|unknown|${refKey(old.ref)}`,
            host,
            line: routes[0].hostLine,
            severity: 'info',
            message: `${host} moved from ${objectLabel(old)} to ${objectLabel(head)}; whether the new ${head.ref.kind} keeps ${list.map((u) => u.protection).join(' and ')} is unknown — ${list[0].why}; the Ingress had ${list.map((u) => u.had).join(' and ')}`,
          });
        }
      }
    }
    return out;
  },
};
