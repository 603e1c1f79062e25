import { describe, expect, it } from 'vitest';
import { normaliseYaml, view } from './normalise-yaml.ts';

const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: istio-system}
spec:
  selector: {istio: ingressgateway}
  servers:
    - port: {number: 80, name: http, protocol: HTTP}
      hosts: ["*/shop.example.com"]
      tls: {httpsRedirect: true}
    - port: {number: 443, name: https, protocol: HTTPS}
      hosts: ["./*.example.com"]
      tls: {mode: OPTIONAL_MUTUAL, credentialName: shop-tls}
`;

describe('istio profile', () => {
  it('a Gateway lists its servers as listeners, with namespace scope as allowedRoutes', () => {
    const v = view(normaliseYaml(gateway), 'Gateway', 'edge');
    expect(v.ref.group).toBe('networking.istio.io');
    expect(
      v.gateway?.listeners.map((l) => [l.name, l.protocol, l.hostname, l.tls, l.allowedRoutesFrom]),
    ).toEqual([
      ['http', 'HTTP', 'shop.example.com', false, 'All'],
      ['https', 'HTTPS', '*.example.com', true, 'Same'],
    ]);
    expect(v.routes[0].protections.httpsRedirect.value).toBe('on');
    expect(v.routes[1].protections.auth[0].weaknesses.map((w) => w.code)).toEqual(['client-cert-optional']);
  });

  it('a VirtualService bound to the Gateway gets TLS from the matching server; mirrors are diversions', () => {
    const v = view(
      normaliseYaml(`${gateway}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/edge]
  http:
    - match: [{uri: {prefix: /api}}]
      route: [{destination: {host: api.web.svc.cluster.local, port: {number: 8080}}}]
      mirror: {host: shadow.example.net}
`),
      'VirtualService',
      'shop',
    );
    expect(
      v.routes.map((r) => [r.host, r.path, r.pathType, r.backend?.service, r.backend?.namespace]),
    ).toEqual([['shop.example.com', '/api', 'Prefix', 'api', 'web']]);
    expect(v.routes[0].protections.tls.value).toBe(true);
    expect(v.signals.diversions.map((d) => [d.kind, d.target])).toEqual([['mirror', 'shadow.example.net']]);
    expect(v.visibility.value).toBe('unknown');
  });

  it('a VirtualService bound only to the mesh is internal', () => {
    const v = view(
      normaliseYaml(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: internal, namespace: web}
spec:
  hosts: [api]
  http: [{route: [{destination: {host: api}}]}]
`),
      'VirtualService',
      'internal',
    );
    expect(v.visibility.value).toBe('internal');
  });
});

describe('istio profile: classified gateway workloads', () => {
  it('a VirtualService bound to a Gateway whose selector config lists as public is public', () => {
    const v = view(
      normaliseYaml(
        `${gateway}---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/edge]
  http: [{route: [{destination: {host: api}}]}]
`,
        { classes: { public: ['ingressgateway'] } },
      ),
      'VirtualService',
      'shop',
    );
    expect(v.visibility.value).toBe('public');
    expect(v.visibility.reason).toMatch(/selector of Gateway istio-system\/edge/);
  });
});

describe('istio profile: gateway outside the repo', () => {
  it('TLS of a VirtualService bound to a Gateway not in the repo is marked unresolved', () => {
    const v = view(
      normaliseYaml(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: web}
spec:
  hosts: [shop.example.com]
  gateways: [istio-system/edge]
  http: [{route: [{destination: {host: api}}]}]
`),
      'VirtualService',
      'shop',
    );
    expect(v.routes[0].protections.tls).toMatchObject({ value: false, line: 6 });
    expect(v.routes[0].protections.tls.unresolved).toMatch(/istio-system\/edge/);
    expect(v.visibility.reason).toMatch(/not in the repo/);
  });
});
