import { describe, expect, it } from 'vitest';
import { hostRegexpToHost, parseTraefikMatch } from '../../../src/core/controllers/traefik-match.ts';
import { auditYaml, raised } from '../../support/audit-yaml.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

const middlewares = `---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: {name: auth, namespace: web}
spec:
  basicAuth: {secret: htpasswd}
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: {name: office, namespace: web}
spec:
  ipAllowList: {sourceRange: [10.0.0.0/8, 192.168.1.0/24]}
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: {name: https, namespace: web}
spec:
  redirectScheme: {scheme: https, permanent: true}
---
apiVersion: traefik.containo.us/v1alpha1
kind: Middleware
metadata: {name: limit, namespace: web}
spec:
  rateLimit: {average: 600, period: 1m}
`;

const ingress = (annotations: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  namespace: web
  annotations:
${annotations}
spec:
  ingressClassName: traefik
  rules:
    - host: admin.example.com
      http:
        paths:
          - path: /
            pathType: ImplementationSpecific
            backend: {service: {name: admin, port: {number: 80}}}
`;

describe('traefik match expressions', () => {
  it('reads hosts and paths, ignoring negated matchers', () => {
    expect(
      parseTraefikMatch(
        'Host(`a.example.com`, `b.example.com`) && (PathPrefix(`/api`) || Path(`/x`)) && !Path(`/api/health`)',
      ),
    ).toEqual({
      hosts: [
        { host: 'a.example.com', hostMatch: 'exact' },
        { host: 'b.example.com', hostMatch: 'exact' },
      ],
      paths: [
        { path: '/api', pathType: 'Prefix' },
        { path: '/x', pathType: 'Exact' },
      ],
    });
  });

  it('turns v2 and v3 HostRegexp into a suffix wildcard, a literal regexp into its host, anything else into every host', () => {
    expect(hostRegexpToHost('{subdomain:[a-z]+}.example.com')).toEqual({
      host: '*.example.com',
      hostMatch: 'wildcard-suffix',
    });
    expect(hostRegexpToHost('^.+\\.example\\.com$')).toEqual({
      host: '*.example.com',
      hostMatch: 'wildcard-suffix',
    });
    expect(hostRegexpToHost('^api\\.example\\.com$')).toEqual({
      host: 'api.example.com',
      hostMatch: 'exact',
    });
    expect(hostRegexpToHost('^.*$')).toEqual({ host: '', hostMatch: 'any' });
  });
});

describe('traefik profile: Ingress annotations', () => {
  it('resolves router.middlewares to Middleware objects: basic auth, allow-list, redirect, rate limit', () => {
    const v = view(
      normaliseYaml(
        ingress(`    traefik.ingress.kubernetes.io/router.entrypoints: web,websecure
    traefik.ingress.kubernetes.io/router.tls: "true"
    traefik.ingress.kubernetes.io/router.middlewares: web-auth@kubernetescrd,web-office@kubernetescrd,web-https@kubernetescrd,web-limit@kubernetescrd`) +
          middlewares,
      ),
      'Ingress',
      'admin',
    );
    expect(v.controllers).toContain('traefik');
    const r = v.routes[0];
    expect(r.pathType).toBe('Prefix');
    const p = r.protections;
    expect(p.tls).toMatchObject({ value: true, line: 8 });
    expect(p.auth.map((a) => [a.kind, a.line, a.source])).toEqual([
      ['basic', 9, 'Middleware web/auth (basicAuth)'],
    ]);
    expect(p.sourceRanges).toMatchObject({ value: ['10.0.0.0/8', '192.168.1.0/24'], line: 9 });
    expect(p.httpsRedirect).toMatchObject({ value: 'on', line: 9 });
    expect(p.rateLimit.value).toEqual({ rps: 10 });
  });

  it('the web entry point without a redirectScheme middleware serves plain HTTP', () => {
    const v = view(
      normaliseYaml(ingress('    traefik.ingress.kubernetes.io/router.entrypoints: web')),
      'Ingress',
      'admin',
    );
    expect(v.routes[0].protections.httpsRedirect).toMatchObject({ value: 'off', line: 7 });
  });

  it('an unresolved middleware named like auth still counts as auth', () => {
    const v = view(
      normaliseYaml(ingress('    traefik.ingress.kubernetes.io/router.middlewares: sso-auth@file')),
      'Ingress',
      'admin',
    );
    expect(v.routes[0].protections.auth.map((a) => a.kind)).toEqual(['other']);
    expect(v.routes[0].protections.auth[0].detail).toMatch(/not in the repo/);
  });

  it('removing the auth middleware from the list leaves the route without auth, and auth-removed fires', () => {
    const base = ingress(
      '    traefik.ingress.kubernetes.io/router.middlewares: web-office@kubernetescrd,web-auth@kubernetescrd',
    );
    const head = ingress('    traefik.ingress.kubernetes.io/router.middlewares: web-office@kubernetescrd');
    const result = auditYaml(
      { 'ingress.yaml': base },
      { 'ingress.yaml': head },
      {},
      { 'middlewares.yaml': middlewares },
    );
    expect(result.exposures.base[0].routes[0].protections.auth.map((a) => a.kind)).toEqual(['basic']);
    expect(result.exposures.head[0].routes[0].protections.auth).toEqual([]);
    expect(result.exposures.head[0].routes[0].protections.sourceRanges.value).toEqual([
      '10.0.0.0/8',
      '192.168.1.0/24',
    ]);
    expect(raised(result, 'auth-removed').map((f) => [f.host, f.line])).toEqual([['admin.example.com', 14]]);
  });
});

describe('traefik profile: IngressRoute', () => {
  const route = (apiVersion: string) => `apiVersion: ${apiVersion}
kind: IngressRoute
metadata: {name: api, namespace: web}
spec:
  entryPoints: [websecure]
  routes:
    - match: Host(\`api.example.com\`) && PathPrefix(\`/v1\`)
      kind: Rule
      middlewares:
        - name: auth
        - name: office
          namespace: web
      services:
        - name: api
          port: 8080
    - match: HostRegexp(\`{sub:[a-z]+}.example.com\`)
      kind: Rule
      services: [{name: web, port: 80}]
  tls:
    secretName: api-tls
`;

  it('builds routes from match expressions with middlewares, TLS and entry points', () => {
    const v = view(normaliseYaml(route('traefik.io/v1alpha1') + middlewares), 'IngressRoute', 'api');
    expect(v.ref.group).toBe('traefik.io');
    expect(v.routes.map((r) => [r.host, r.hostMatch, r.path, r.pathType, r.hostLine])).toEqual([
      ['api.example.com', 'exact', '/v1', 'Prefix', 7],
      ['*.example.com', 'wildcard-suffix', '/', 'Prefix', 16],
    ]);
    const [first, second] = v.routes;
    expect(first.backend).toMatchObject({ service: 'api', port: '8080', namespace: 'web', line: 14 });
    expect(first.protections.tls).toMatchObject({ value: true, line: 19 });
    expect(first.protections.httpsRedirect.value).toBe('on');
    expect(first.protections.auth.map((a) => [a.kind, a.line])).toEqual([['basic', 10]]);
    expect(first.protections.sourceRanges).toMatchObject({
      value: ['10.0.0.0/8', '192.168.1.0/24'],
      line: 11,
    });
    expect(second.protections.auth).toEqual([]);
    expect(v.tls).toEqual([{ hosts: ['api.example.com', '*.example.com'], secretName: 'api-tls', line: 19 }]);
  });

  it('the traefik.containo.us group is the same object identity', () => {
    const v = view(normaliseYaml(route('traefik.containo.us/v1alpha1') + middlewares), 'IngressRoute', 'api');
    expect(v.ref.group).toBe('traefik.io');
    expect(v.routes[0].protections.auth).toHaveLength(1);
  });
});
