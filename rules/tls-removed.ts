import { routeLabel } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (host: string, tls: boolean) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n${tls ? `  tls:\n    - hosts: [${host}]\n      secretName: web-tls\n` : ''}  rules:\n    - host: ${host}\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

export const rule: Rule = {
  meta: {
    id: 'tls-removed',
    severity: 'high',
    title: 'A host lost TLS',
    rationale:
      'Traffic to a host that used to be served over HTTPS is now plain HTTP (or served with the default certificate): credentials and cookies travel in clear text, and clients that pinned HTTPS break.',
    fires:
      'A host that had TLS coverage at base has none at head (tls entry or host removed, Traefik `router.tls` removed, Gateway listener HTTPS → HTTP).',
    quiet:
      'A host that never had TLS (see tls-missing); TLS kept with another secret (see cert-issuer-changed).',
    fix: 'Keep the host in `spec.tls[].hosts` with a valid secret, or move it to a listener that terminates TLS.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
      'Polaris tlsSettingsMissing',
    ],
    examples: {
      fires: [
        {
          name: 'the tls section is removed',
          base: ing('shop.example.com', true),
          head: ing('shop.example.com', false),
        },
      ],
      passes: [
        { name: 'tls kept', base: ing('shop.example.com', true), head: ing('shop.example.com', true) },
      ],
    },
  },
  change(pair) {
    const lost = new Map<string, { line: number; path: string }>();
    for (const r of pair.routes) {
      if (!r.base?.route.protections.tls.value || !r.head || r.head.route.protections.tls.value) continue;
      // TLS decided by a Gateway outside the repo is unknown, not lost (migration-regression says so).
      if (r.head.route.protections.tls.unresolved) continue;
      if (r.head.object !== pair.head) continue;
      if (!lost.has(r.host)) lost.set(r.host, { line: r.head.route.hostLine, path: r.path });
    }
    return [...lost].map(([host, { line }]) => ({
      key: host,
      host,
      message: `${routeLabel({ host, path: '' })} had TLS at base and is served without TLS now`,
      line,
    }));
  },
};
