import { describe, expect, it } from 'vitest';
import { auditYaml } from '../../support/audit-yaml.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

const gateway = (from?: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: external
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      allowedRoutes:
        namespaces: {from: All}
    - name: https
      protocol: HTTPS
      port: 443
      hostname: "*.example.com"
      tls:
        certificateRefs: [{name: wildcard-tls}]
${from ? `      allowedRoutes:\n        namespaces: {from: ${from}}\n` : ''}`;

const httpRoute = (extra = '') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs:
    - name: edge
      namespace: infra
${extra}  hostnames: [shop.example.com]
  rules:
    - matches:
        - path: {type: PathPrefix, value: /api}
        - path: {type: Exact, value: /login}
      filters:
        - type: RequestMirror
          requestMirror:
            backendRef: {name: shadow, namespace: audit, port: 80}
        - type: URLRewrite
          urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}
      backendRefs:
        - name: shop
          port: 8080
    - backendRefs:
        - name: web
          port: 80
`;

describe('gateway-api profile: Gateway', () => {
  it('lists listeners with protocol, hostname, TLS and allowedRoutes (default Same), one route per listener', () => {
    const v = view(normaliseYaml(gateway()), 'Gateway', 'edge');
    expect(v.ref).toEqual({
      group: 'gateway.networking.k8s.io',
      kind: 'Gateway',
      namespace: 'infra',
      name: 'edge',
    });
    expect(v.gateway?.listeners).toEqual([
      {
        name: 'http',
        protocol: 'HTTP',
        hostname: '',
        port: 80,
        tls: false,
        allowedRoutesFrom: 'All',
        line: 7,
        allowedRoutesLine: 11,
      },
      {
        name: 'https',
        protocol: 'HTTPS',
        hostname: '*.example.com',
        port: 443,
        tls: true,
        allowedRoutesFrom: 'Same',
        line: 12,
        allowedRoutesLine: 12,
      },
    ]);
    expect(v.routes.map((r) => [r.host, r.hostMatch, r.path, r.protections.tls.value])).toEqual([
      ['', 'any', '', false],
      ['*.example.com', 'wildcard-suffix', '', true],
    ]);
    expect(v.tls).toEqual([{ hosts: ['*.example.com'], secretName: 'wildcard-tls', line: 12 }]);
    expect(v.visibility).toMatchObject({ value: 'unknown', line: 5 });
    expect(v.ingressClass).toEqual({ name: 'external', source: 'field', line: 5 });
  });

  it('a gatewayClassName listed in config decides visibility', () => {
    const v = view(normaliseYaml(gateway(), { classes: { public: ['external'] } }), 'Gateway', 'edge');
    expect(v.visibility).toMatchObject({ value: 'public', line: 5 });
  });

  it('an allowedRoutes change to All shows in the model with its line (engine view)', () => {
    const result = auditYaml(gateway('Same'), gateway('All'));
    expect(result.exposures.base[0].gateway?.listeners[1].allowedRoutesFrom).toBe('Same');
    expect(result.exposures.head[0].gateway?.listeners[1]).toMatchObject({
      allowedRoutesFrom: 'All',
      allowedRoutesLine: 19,
    });
  });
});

describe('gateway-api profile: HTTPRoute', () => {
  it('hostnames × matches, backends, TLS from the parent listener, filters as signals', () => {
    const v = view(normaliseYaml(`${gateway('All')}---\n${httpRoute()}`), 'HTTPRoute', 'shop');
    expect(
      v.routes.map((r) => [r.host, r.hostMatch, r.path, r.pathType, r.pathLine, r.backend?.service]),
    ).toEqual([
      ['shop.example.com', 'exact', '/api', 'Prefix', 31, 'shop'],
      ['shop.example.com', 'exact', '/login', 'Exact', 32, 'shop'],
      ['shop.example.com', 'exact', '/', 'Prefix', 42, 'web'],
    ]);
    const p = v.routes[0].protections;
    expect(p.tls).toMatchObject({ value: true, line: 26 });
    expect(p.tls.source).toMatch(/Gateway infra\/edge listener https/);
    // The HTTP listener (from: All) accepts the host too, and nothing redirects it.
    expect(p.httpsRedirect.value).toBe('off');
    expect(v.signals.diversions.map((d) => [d.kind, d.target, d.line])).toEqual([
      ['mirror', 'shadow.audit.svc', 34],
    ]);
    expect(v.signals.pathBroadeners.map((b) => b.line)).toEqual([37]);
    expect(v.visibility.value).toBe('unknown');
    expect(v.ingressClass).toMatchObject({ name: 'external', source: 'default' });
  });

  it('sectionName https: HTTPS only; a parent listed as public in config makes the route public', () => {
    const v = view(
      normaliseYaml(`${gateway('All')}---\n${httpRoute('      sectionName: https\n')}`, {
        classes: { public: ['external'] },
      }),
      'HTTPRoute',
      'shop',
    );
    expect(v.routes[0].protections.httpsRedirect.value).toBe('on');
    expect(v.visibility.value).toBe('public');
  });

  it('a listener with allowedRoutes Same does not accept a route from another namespace', () => {
    const v = view(
      normaliseYaml(`${gateway()}---\n${httpRoute('      sectionName: https\n')}`),
      'HTTPRoute',
      'shop',
    );
    expect(v.routes[0].protections.tls.value).toBe(false);
  });

  it('without the parent Gateway in the repo, visibility is unknown and says so', () => {
    const v = view(normaliseYaml(httpRoute()), 'HTTPRoute', 'shop');
    expect(v.visibility).toMatchObject({ value: 'unknown', line: 6 });
    expect(v.visibility.reason).toBe('parent Gateway not in the repo (Gateway infra/edge)');
    expect(v.routes[0].protections.tls).toMatchObject({
      value: false,
      line: 6,
      unresolved: 'parent Gateway not in the repo (Gateway infra/edge)',
    });
  });

  it('a route without hostnames inherits the listener hostnames; no match means prefix /', () => {
    const v = view(
      normaliseYaml(`${gateway('All')}---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: all, namespace: web}
spec:
  parentRefs: [{name: edge, namespace: infra}]
  rules:
    - filters:
        - type: RequestRedirect
          requestRedirect: {scheme: https, statusCode: 301}
`),
      'HTTPRoute',
      'all',
    );
    expect(v.routes.map((r) => [r.host, r.hostMatch, r.path, r.pathType, r.backend])).toEqual([
      ['', 'any', '/', 'Prefix', null],
      ['*.example.com', 'wildcard-suffix', '/', 'Prefix', null],
    ]);
    expect(v.routes[0].protections.httpsRedirect.value).toBe('on');
  });

  it('GRPCRoute methods become paths', () => {
    const v = view(
      normaliseYaml(`apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: rpc, namespace: web}
spec:
  hostnames: [rpc.example.com]
  rules:
    - matches:
        - method: {service: shop.v1.Cart, method: Add}
        - method: {service: shop.v1.Admin}
      backendRefs: [{name: rpc, port: 9000}]
`),
      'GRPCRoute',
      'rpc',
    );
    expect(v.routes.map((r) => [r.path, r.pathType])).toEqual([
      ['/shop.v1.Cart/Add', 'Exact'],
      ['/shop.v1.Admin/', 'Prefix'],
    ]);
  });
});

describe('gateway-api profile: ReferenceGrant', () => {
  it('is a view without routes that carries what it grants', () => {
    const v = view(
      normaliseYaml(`apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: allow-web, namespace: backends}
spec:
  from:
    - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}
  to:
    - {group: "", kind: Service}
`),
      'ReferenceGrant',
      'allow-web',
    );
    expect(v.routes).toEqual([]);
    expect(v.referenceGrant).toEqual({
      from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'web', line: 6 }],
      to: [{ group: '', kind: 'Service', name: null, line: 8 }],
    });
  });
});
