import type { ObjectExposure, Route } from '../src/core/model/exposure.ts';
import { refKey } from '../src/core/model/identity.ts';
import { objectLabel, routeLabel } from '../src/core/model/route-label.ts';
import { claimedRoutes, type LocatedRoute } from '../src/core/model/route-overlap.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ing = (name: string, namespace: string, path = '/', pathType = 'Prefix') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: ${path}, pathType: ${pathType}, backend: {service: {name: ${name}, port: {number: 80}}}}]}\n`;
const two = (a: string, b: string) => `${a}---\n${b}`;

/** Two objects compete only when the same kind of controller serves both (same API group, compatible class). */
function sameController(a: ObjectExposure, b: ObjectExposure): boolean {
  if (a.ref.group !== b.ref.group) return false;
  const ca = a.ingressClass.name;
  const cb = b.ingressClass.name;
  return ca === null || cb === null || ca === cb;
}

function consequence(object: ObjectExposure, other: ObjectExposure): string {
  const crossNamespace = object.ref.namespace !== other.ref.namespace;
  if (object.ref.group.startsWith('gateway.networking'))
    return 'Gateway API gives conflicting matches to the oldest route, so the other one silently gets nothing';
  if (object.ref.kind === 'Ingress')
    return crossNamespace
      ? 'ingress-nginx merges Ingresses across namespaces and the oldest one wins, so another team can take (or lose) these requests depending on creation order'
      : 'the controller serves only one of them (on ingress-nginx the oldest wins), so which backend answers depends on creation order';
  return 'which one answers depends on the controller\u2019s precedence, not on this file';
}

/** A wildcard and a name under it: every controller prefers the exact name, so nobody loses it, but the owners differ. */
function wildcardConsequence(route: Route, other: Route): string {
  if (route.host.startsWith('*.') && !other.host.startsWith('*.'))
    return `the exact host wins, so this wildcard takes every other name under ${route.host.slice(2)} — including names the other team adds later`;
  return `the exact host wins, so ${route.host} is taken from that wildcard’s owner`;
}

function where(l: LocatedRoute): string {
  return `${l.object.file}:${l.route.pathLine}`;
}

function pathText(r: Route): string {
  return `${r.pathType} ${routeLabel(r)}`;
}

export const rule: Rule = {
  meta: {
    id: 'host-collision',
    severity: 'high',
    title: 'Two objects claim the same host and path',
    rationale:
      'When two Ingresses (or two routes) claim the same host and an overlapping path, only one of them gets the traffic, and which one is decided by creation order, not by review. ingress-nginx merges every Ingress of a host into one server across namespaces and lets the oldest rule win, so a team can capture (or lose) another team\u2019s traffic with a single new object — including a longer prefix under someone else\u2019s host.',
    fires:
      'An object in the change claims a host+path that another object in the repository at head (changed or not) also claims: the same host (or, across namespaces, a wildcard and a name it covers), and paths that overlap (Prefix `/api` overlaps `/api/v1`; a Prefix covers Exact paths below it). The finding names the other object by file and line. Evaluated over every manifest at head, not only the changed files.',
    quiet:
      'Different hosts; the same host with paths that cannot match the same request (`/api` and `/web`, or Exact `/api` and Prefix `/api/v1`); a wildcard and a name under it in the same namespace (one team\u2019s own hosts); the same object found twice (kustomize overlays); objects served by different controllers (different API groups or ingress classes); Gateway listeners; canary Ingresses (see canary-diversion); host-less rules, which only collide with each other. A collision between two unchanged objects is not reported.',
    fix: 'Give each host+path one owner. Move the paths into a single object, or pick another host. If two objects are meant to share a host, split the paths so they do not overlap.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/how-it-works/#building-the-nginx-model',
      'https://gateway-api.sigs.k8s.io/api-types/httproute/ (matching precedence: oldest Route wins ties)',
      'Gatekeeper k8suniqueingresshost',
      'Kyverno unique-ingress-host, unique-ingress-host-and-path, unique-ingress-path',
    ],
    peers: [
      'k8suniqueingresshost',
      'unique-ingress-host',
      'unique-ingress-host-and-path',
      'unique-ingress-path',
    ],
    kinds: ['Ingress', 'HTTPRoute', 'GRPCRoute', 'IngressRoute', 'VirtualService', 'HTTPProxy'],
    examples: {
      fires: [
        {
          name: 'a team adds an Ingress for a host another namespace already serves',
          base: ing('shop', 'shop'),
          head: two(ing('shop', 'shop'), ing('promo', 'marketing', '/sale')),
        },
        {
          name: 'the same host and path in two Ingresses (scan)',
          head: two(ing('shop', 'shop'), ing('shop-v2', 'shop')),
        },
      ],
      passes: [
        {
          name: 'the same host with paths that do not overlap',
          base: ing('api', 'shop', '/api'),
          head: two(ing('api', 'shop', '/api'), ing('web', 'shop', '/web')),
        },
        {
          name: 'an Exact path next to a longer Prefix',
          head: two(ing('api', 'shop', '/api', 'Exact'), ing('v1', 'shop', '/api/v1')),
        },
      ],
    },
  },
  state(object, ctx) {
    if (object.gateway || object.referenceGrant || object.signals.canary) return [];
    const index = claimedRoutes(ctx.repo);
    const self = refKey(object.ref);
    const found = new Map<string, Condition>();
    for (const route of object.routes) {
      if (route.path === '') continue;
      // Sorted: the index keeps paths in the order files were read, and the route a message names
      // (the first one per other object) must not depend on it.
      const overlapping = index
        .overlapping(route)
        .sort(
          (a, b) =>
            compareText(refKey(a.object.ref), refKey(b.object.ref)) ||
            compareText(a.route.host, b.route.host) ||
            compareText(a.route.path, b.route.path) ||
            compareText(a.route.pathType, b.route.pathType),
        );
      for (const other of overlapping) {
        const otherKey = refKey(other.object.ref);
        // The same object twice (a kustomize base and its overlay) is one object, not a competitor.
        if (otherKey === self || !sameController(object, other.object)) continue;
        const key = `${route.host || '*'}|${otherKey}`;
        if (found.has(key)) continue;
        const crossNamespace = object.ref.namespace !== other.object.ref.namespace;
        const viaWildcard = route.host !== other.route.host;
        // One team's wildcard next to its own named hosts is ordinary; across namespaces it is a claim on another team's names.
        if (viaWildcard && !crossNamespace) continue;
        found.set(key, {
          key,
          host: route.host || null,
          path: route.path,
          line: route.pathLine,
          message: `${pathText(route)} overlaps ${pathText(other.route)} of ${objectLabel(other.object)}${crossNamespace ? ' in another namespace' : ''} (${where(other)}): ${viaWildcard ? wildcardConsequence(route, other.route) : consequence(object, other.object)}`,
        });
      }
    }
    return [...found.values()];
  },
};
