import { routeKey } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

export const rule: Rule = {
  meta: {
    id: 'wildcard-host',
    severity: 'high',
    title: 'Wildcard or empty host',
    rationale:
      'A wildcard host (`*.example.com`) or a rule without a host answers for names nobody reviewed. On ingress-nginx a host-less rule lands in the catch-all server `_`, so it receives traffic for every name pointed at the load balancer, including names other teams own.',
    fires:
      'A rule host becomes `*.x`, or a rule without a host appears (Gateway API `*.x` matches any depth; Istio `*`).',
    quiet: 'Concrete hosts; a wildcard that was already there (shown as preexisting).',
    fix: 'Name the concrete hosts the service answers for. If a wildcard is intended, waive the finding with the reason.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#hostname-wildcards',
      'Gatekeeper k8sblockwildcardingress',
      'Kyverno restrict-ingress-wildcard, disallow-empty-ingress-host',
    ],
    peers: ['k8sblockwildcardingress', 'restrict-ingress-wildcard', 'disallow-empty-ingress-host'],
    examples: {
      fires: [
        {
          name: 'a concrete host becomes a wildcard',
          base: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n',
          head: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n    - host: "*.example.com"\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n',
        },
      ],
      passes: [
        {
          name: 'a second concrete host',
          base: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n',
          head: 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n    - host: www.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n',
        },
      ],
    },
  },
  state(object) {
    // Deduped by key, not host: `host: "*"` and a host-less rule share the key `*|`, and the engine
    // pairs base and head conditions by key (a second one would look introduced).
    const seen = new Set<string>();
    return object.routes.flatMap((route) => {
      const key = routeKey({ host: route.host, path: '' });
      if (route.hostMatch === 'exact' || seen.has(key)) return [];
      seen.add(key);
      const message =
        route.hostMatch === 'any'
          ? 'a rule without a host matches every host name sent to this load balancer'
          : `wildcard host ${route.host} answers for ${route.hostMatch === 'wildcard-suffix' ? 'every subdomain at any depth' : 'every one-label subdomain'} of ${route.host.slice(2)}`;
      return [
        {
          key,
          message,
          line: route.hostLine,
          host: route.host || null,
        },
      ];
    });
  },
};
