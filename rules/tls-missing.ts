import { hostsOf } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (hosts: string[], tls: string[]) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  ingressClassName: nginx\n${tls.length > 0 ? `  tls:\n    - hosts: [${tls.join(', ')}]\n      secretName: web-tls\n` : ''}  rules:\n${hosts.map((h) => `    - host: ${h}\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`).join('')}`;

export const rule: Rule = {
  meta: {
    id: 'tls-missing',
    yieldsTo: ['tls-removed'],
    severity: 'medium',
    title: 'Host without TLS',
    rationale:
      'A host served without TLS sends cookies, tokens and form data in clear text to anyone on the path, and lets them alter responses. New entry points should start with TLS; adding it later is the step that gets forgotten.',
    fires:
      'A host with no TLS coverage appears (a host-less rule counts as the host `(every host)`); in scan mode, every host without TLS.',
    quiet:
      'A host that already had no TLS and moved between objects (preexisting); hosts of an Ingress that has a `tls` section but does not list them (see tls-host-mismatch); a host that lost its TLS is also reported by tls-removed.',
    fix: 'Add the host to `spec.tls[].hosts` with a certificate secret (or a cert-manager issuer annotation), or serve it from a listener that terminates TLS.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
      'Polaris tlsSettingsMissing',
      'Kubescape ingress-no-tls',
      'Terrascan noHttps',
    ],
    peers: ['tlsSettingsMissing', 'ingress-no-tls', 'noHttps'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'a new Ingress without TLS',
          base: ing(['shop.example.com'], ['shop.example.com']),
          head: `${ing(['shop.example.com'], ['shop.example.com'])}---\n${ing(['api.example.com'], []).replace('name: web,', 'name: api,')}`,
        },
        { name: 'a host without TLS (scan)', head: ing(['shop.example.com'], []) },
      ],
      passes: [
        {
          name: 'a new host with TLS',
          base: ing(['shop.example.com'], ['shop.example.com']),
          head: ing(['shop.example.com', 'api.example.com'], ['shop.example.com', 'api.example.com']),
        },
        {
          name: 'a host that already had no TLS',
          base: ing(['shop.example.com'], []),
          head: ing(['shop.example.com'], []),
        },
      ],
    },
  },
  state(object) {
    return (
      hostsOf(object)
        .filter((route) => !route.protections.tls.value)
        // TLS decided by a Gateway outside the repo is unknown, not missing.
        .filter((route) => !route.protections.tls.unresolved)
        // An object that declares TLS but leaves a host out is tls-host-mismatch's finding, not this one.
        .filter((route) => !(object.tls.length > 0 && route.host !== ''))
        .map((route) => ({
          key: route.host,
          host: route.host || null,
          line: route.hostLine,
          message:
            route.host === ''
              ? 'a rule without a host is served over plain HTTP for every host name: no TLS covers it'
              : `${route.host} is served over plain HTTP: no TLS covers it`,
        }))
    );
  },
};
