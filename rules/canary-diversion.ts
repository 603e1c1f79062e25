import { refKey } from '../src/core/model/identity.ts';
import { objectLabel, routeLabel } from '../src/core/model/route-label.ts';
import { claimedRoutes } from '../src/core/model/route-overlap.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const ing = (name: string, namespace: string, canary: boolean) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n${canary ? '  annotations:\n    nginx.ingress.kubernetes.io/canary: "true"\n    nginx.ingress.kubernetes.io/canary-weight: "10"\n' : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}\n`;
const two = (a: string, b: string) => `${a}---\n${b}`;

export const rule: Rule = {
  meta: {
    id: 'canary-diversion',
    severity: 'high',
    title: 'Canary Ingress diverts another namespace\u2019s traffic',
    rationale:
      'An ingress-nginx canary Ingress takes a share of the requests (by weight, header or cookie) of the Ingress that owns the same host and path. The controller\u2019s overlap check exempts canaries, and it applies no namespace boundary: a canary in any namespace can siphon requests — with their cookies and tokens — from another team\u2019s service.',
    fires:
      'A canary Ingress (`canary: "true"`) targets a host/path that a non-canary Ingress in another namespace owns; the owner is looked up among every manifest in the repository at head.',
    quiet:
      'A canary next to its primary Ingress in the same namespace (the normal use); a canary for a host nobody else serves; Ingresses whose namespace is not written in the manifest (set at deploy time, so the repository cannot tell).',
    fix: 'Create the canary in the namespace of the Ingress it splits, owned by the same team — or, if the split is intended, waive the finding with the owner\u2019s agreement.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#canary',
      'https://github.com/kubernetes/ingress-nginx/blob/main/internal/ingress/controller/controller.go (checkOverlap: canaries exempt)',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'a canary in another namespace splits the shop Ingress',
          base: ing('shop', 'shop', false),
          head: two(ing('shop', 'shop', false), ing('experiment', 'growth', true)),
        },
      ],
      passes: [
        {
          name: 'a canary beside its primary in the same namespace',
          base: ing('shop', 'shop', false),
          head: two(ing('shop', 'shop', false), ing('shop-canary', 'shop', true)),
        },
      ],
    },
  },
  state(object, ctx) {
    const canary = object.signals.canary;
    if (!canary || object.ref.kind !== 'Ingress' || object.ref.namespace === null) return [];
    const found = new Map<string, Condition>();
    for (const route of object.routes) {
      // Sorted: the index keeps paths in the order files were read, and the route the message points
      // at (the first one per owner) must not depend on it.
      const owners = claimedRoutes(ctx.repo)
        .overlapping(route)
        .sort(
          (a, b) =>
            compareText(refKey(a.object.ref), refKey(b.object.ref)) ||
            compareText(a.route.host, b.route.host) ||
            compareText(a.route.path, b.route.path),
        );
      for (const owner of owners) {
        const o = owner.object;
        if (o.ref.kind !== 'Ingress' || o.ref.namespace === null || o.ref.namespace === object.ref.namespace)
          continue;
        const key = `${route.host || '*'}|${route.path}|${refKey(o.ref)}`;
        if (found.has(key)) continue;
        found.set(key, {
          key,
          host: route.host || null,
          path: route.path,
          line: route.hostLine,
          message: `canary ${objectLabel(object)} (${canary.key}) diverts part of the requests for ${routeLabel(route)}, which ${objectLabel(o)} in namespace ${o.ref.namespace} serves (${o.file}:${owner.route.pathLine}): requests of another team, with their cookies and tokens, can reach ${route.backend?.service ?? 'this canary'} in namespace ${object.ref.namespace}`,
        });
      }
    }
    return [...found.values()];
  },
};
