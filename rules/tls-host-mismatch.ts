import type { ObjectExposure } from '../src/core/model/exposure.ts';
import { hostCovers } from '../src/core/model/hosts.ts';
import { hostsOf } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (ruleHosts: string[], tlsHosts: string[]) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [${tlsHosts.map((h) => `"${h}"`).join(', ')}]\n      secretName: web-tls\n  rules:\n${ruleHosts.map((h) => `    - host: "${h}"\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`).join('')}`;

/**
 * Whether a rule host of an object that declares TLS is left out of every `tls[].hosts` entry.
 * A host-less rule has no name to put in a certificate, and an entry without hosts takes the
 * controller's default, so neither is a mismatch. Ingress wildcards cover exactly one label.
 */
export function isUncoveredTlsHost(object: ObjectExposure, host: string): boolean {
  if (host === '' || object.tls.length === 0 || object.tls.some((t) => t.hosts.length === 0)) return false;
  return !object.tls.some((t) => t.hosts.some((pattern) => hostCovers(pattern, host, 'one-label')));
}

export const rule: Rule = {
  meta: {
    id: 'tls-host-mismatch',
    yieldsTo: ['tls-removed'],
    severity: 'medium',
    title: 'Rule host not covered by the TLS section',
    rationale:
      "TLS is selected by SNI from `spec.tls[].hosts`, routing by the rule host. A rule host missing from the TLS hosts is served with the controller's default certificate (self-signed on a stock ingress-nginx) — browsers warn, clients that skip verification are open to interception — and cert-manager issues no certificate for it.",
    fires:
      'A rule host of an Ingress that has a `tls` section is not covered by any `tls[].hosts` entry (an Ingress wildcard `*.example.com` covers exactly one label).',
    quiet:
      'Ingresses without a `tls` section (see tls-missing); host-less rules; a `tls` entry without `hosts`, which applies the controller default to every host.',
    fix: 'Add the host to `spec.tls[].hosts` (with a secret whose certificate covers it), or move the host to an Ingress that terminates TLS for it.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
      'https://kubernetes.github.io/ingress-nginx/user-guide/tls/',
      'Kyverno ingress-host-match-tls',
    ],
    peers: ['ingress-host-match-tls'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'a second host is added without adding it to the tls hosts',
          base: ing(['shop.example.com'], ['shop.example.com']),
          head: ing(['shop.example.com', 'api.example.com'], ['shop.example.com']),
        },
        {
          name: 'a one-label wildcard does not cover a deeper name (scan)',
          head: ing(['eu.shop.example.com'], ['*.example.com']),
        },
      ],
      passes: [
        {
          name: 'every rule host is listed',
          base: ing(['shop.example.com'], ['shop.example.com']),
          head: ing(['shop.example.com', 'api.example.com'], ['shop.example.com', 'api.example.com']),
        },
        {
          name: 'a wildcard tls host covers a one-label subdomain',
          head: ing(['shop.example.com'], ['*.example.com']),
        },
      ],
    },
  },
  state(object) {
    return hostsOf(object)
      .filter((route) => isUncoveredTlsHost(object, route.host))
      .map((route) => ({
        key: route.host,
        host: route.host,
        line: route.hostLine,
        message: `${route.host} is not listed in spec.tls[].hosts (${object.tls.flatMap((t) => t.hosts).join(', ')}): it is served with the controller's default certificate`,
      }));
  },
};
