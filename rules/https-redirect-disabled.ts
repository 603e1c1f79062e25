import { changesPerHost } from '../src/core/conditions/changes-per-host.ts';
import type { Route } from '../src/core/model/exposure.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>, tls: boolean) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${v}\n`);
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n${tls ? '  tls:\n    - hosts: [shop.example.com]\n      secretName: web-tls\n' : ''}  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;
};

/**
 * An explicit "no redirect" matters where the route also serves HTTPS; without TLS on the route the
 * setting changes nothing (tls-missing covers plain-only hosts).
 */
function servesPlainNextToTls(route: Route): boolean {
  return route.protections.httpsRedirect.value === 'off' && route.protections.tls.value;
}

export const rule: Rule = {
  meta: {
    id: 'https-redirect-disabled',
    severity: 'high',
    title: 'HTTP no longer redirected to HTTPS',
    rationale:
      'When plain HTTP is served instead of redirected, a user who types the bare host name, follows an old link or is downgraded by an attacker talks to the service in clear text — session cookies without `Secure` go with it — even though the host has a certificate.',
    fires:
      'A route that has TLS explicitly serves plain HTTP as well (ingress-nginx `ssl-redirect: "false"`, GKE `kubernetes.io/ingress.allow-http` not `"false"`, Traefik `web` entry point without redirect); or a route that redirected to HTTPS at base no longer does (`force-ssl-redirect` removed, ALB/AGIC `ssl-redirect` removed).',
    quiet:
      'Hosts whose redirect stays on; routes that never redirected and say nothing about it; `ssl-redirect: "false"` on a host without TLS (nothing to redirect to — see tls-missing); a host that lost TLS altogether (reported by tls-removed instead).',
    fix: 'Remove `ssl-redirect: "false"` (ingress-nginx redirects by default when the Ingress has TLS) or set `force-ssl-redirect: "true"` when TLS ends before the controller; on other controllers restore the redirect setting.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#server-side-https-enforcement-through-redirect',
      'Gatekeeper k8shttpsonly',
      'Kyverno require-ingress-https',
    ],
    peers: ['k8shttpsonly', 'require-ingress-https'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'ssl-redirect turned off',
          base: ing({}, true),
          head: ing({ 'ssl-redirect': '"false"' }, true),
        },
        {
          name: 'force-ssl-redirect removed where TLS ends upstream',
          base: ing({ 'force-ssl-redirect': '"true"' }, false),
          head: ing({}, false),
        },
      ],
      passes: [
        {
          name: 'redirect by default with TLS, annotations reordered',
          base: ing({}, true),
          head: ing({}, true),
        },
        {
          name: 'force-ssl-redirect replaced by the default redirect of a tls section',
          base: ing({ 'force-ssl-redirect': '"true"' }, false),
          head: ing({}, true),
        },
      ],
    },
  },
  state(object) {
    // Settings are per route in the model; one finding per host (the first route that has it).
    const conditions = object.routes.flatMap((route): Condition[] => {
      const redirect = route.protections.httpsRedirect;
      if (!servesPlainNextToTls(route)) return [];
      return [
        {
          key: route.host,
          host: route.host || null,
          line: redirect.line,
          message: `${route.host || 'every host'} serves plain HTTP instead of redirecting to HTTPS (${redirect.source ?? 'HTTPS redirect off'})`,
        },
      ];
    });
    return conditions.filter((c, i) => conditions.findIndex((o) => o.key === c.key) === i);
  },
  change(pair) {
    return changesPerHost(pair, (basisRoute, headRoute, r) => {
      const before = basisRoute.protections;
      const after = headRoute.protections;
      if (before.httpsRedirect.value !== 'on' || after.httpsRedirect.value === 'on') return [];
      // Already `state`'s finding; or TLS lost altogether, which is tls-removed's.
      if (servesPlainNextToTls(headRoute) || (before.tls.value && !after.tls.value)) return [];
      return [
        {
          key: r.host,
          host: r.host || null,
          line: after.httpsRedirect.line,
          message: `${r.host || 'every host'} is no longer redirected from HTTP to HTTPS: the redirect (${before.httpsRedirect.source ?? 'HTTPS redirect'}) is gone`,
        },
      ];
    });
  },
};
