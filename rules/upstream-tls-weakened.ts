import { changesPerHost } from '../src/core/conditions/changes-per-host.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${v}\n`);
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  namespace: shop\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: api.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: api, port: {number: 443}}}}]}\n`;
};

/** Protocols in which the proxy speaks TLS to the backend. */
const ENCRYPTED = new Set(['HTTPS', 'GRPCS']);

export const rule: Rule = {
  meta: {
    id: 'upstream-tls-weakened',
    severity: 'medium',
    title: 'Backend TLS weakened or bypassed',
    rationale:
      'Between the proxy and the backend, traffic that was encrypted (and, with verification, authenticated) becomes plain or unverified, so anything on the cluster network can read or impersonate it. SSL passthrough is worse: the controller forwards the raw TLS stream at layer 4, so every layer-7 control on the Ingress — authentication, IP allowlists, rate limits, WAF — silently stops applying.',
    fires:
      '`backend-protocol` HTTPS/GRPCS becomes a plain protocol; `proxy-ssl-verify` goes from on to off; `ssl-passthrough: "true"` is present (critical, also in scan mode).',
    quiet: 'A backend that was always plain HTTP; a switch from HTTP to HTTPS; verification turned on.',
    fix: 'Keep `backend-protocol: HTTPS` with `proxy-ssl-verify: "on"` and a `proxy-ssl-secret` CA. Instead of passthrough, terminate TLS at the controller and re-encrypt to the backend.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#ssl-passthrough',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#backend-protocol',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#backend-certificate-authentication',
      'Kyverno enforce-tls-hosts-host-subnets',
      'Istio IST0128/IST0129',
    ],
    peers: ['enforce-tls-hosts-host-subnets'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'backend protocol HTTPS becomes HTTP',
          base: ing({ 'backend-protocol': 'HTTPS' }),
          head: ing({ 'backend-protocol': 'HTTP' }),
        },
        {
          name: 'backend certificate verification turned off',
          base: ing({ 'backend-protocol': 'HTTPS', 'proxy-ssl-verify': '"on"' }),
          head: ing({ 'backend-protocol': 'HTTPS', 'proxy-ssl-verify': '"off"' }),
        },
        { name: 'ssl-passthrough (scan)', head: ing({ 'ssl-passthrough': '"true"' }) },
      ],
      passes: [
        { name: 'plain HTTP becomes HTTPS', base: ing({}), head: ing({ 'backend-protocol': 'HTTPS' }) },
        {
          name: 'annotations reordered and requoted',
          base: ing({ 'backend-protocol': 'HTTPS', 'proxy-ssl-verify': '"on"' }),
          head: ing({ 'proxy-ssl-verify': 'on', 'backend-protocol': '"HTTPS"' }),
        },
      ],
    },
  },
  state(object) {
    // Settings are per route in the model; one finding per host (the first route that has it).
    const conditions = object.routes.flatMap((route): Condition[] => {
      const upstream = route.protections.upstreamTls;
      if (!upstream.value.passthrough) return [];
      return [
        {
          key: `passthrough|${route.host}`,
          host: route.host || null,
          line: upstream.line,
          severity: 'critical',
          message: `${route.host || 'every host'} uses SSL passthrough (${upstream.source ?? 'ssl-passthrough'}): the raw TLS stream goes to the backend, bypassing authentication, IP allowlists, rate limits and WAF on this Ingress`,
        },
      ];
    });
    return conditions.filter((c, i) => conditions.findIndex((o) => o.key === c.key) === i);
  },
  change(pair) {
    return changesPerHost(pair, (basisRoute, headRoute, r) => {
      const before = basisRoute.protections.upstreamTls;
      const after = headRoute.protections.upstreamTls;
      // Passthrough hands the TLS stream to the backend itself: `state` reports it.
      if (!ENCRYPTED.has(before.value.protocol) || after.value.passthrough) return [];
      const host = r.host || 'every host';
      const where = { host: r.host || null, line: after.line };
      if (!ENCRYPTED.has(after.value.protocol)) {
        return [
          {
            key: `protocol|${r.host}`,
            ...where,
            message: `traffic from the proxy to the backend of ${host} is no longer encrypted: backend protocol ${before.value.protocol} → ${after.value.protocol}`,
          },
        ];
      } else if (before.value.verify && !after.value.verify) {
        return [
          {
            key: `verify|${r.host}`,
            ...where,
            message: `the proxy no longer verifies the backend certificate of ${host} (${after.value.protocol}): anything on the cluster network can impersonate the backend`,
          },
        ];
      }
      return [];
    });
  },
};
