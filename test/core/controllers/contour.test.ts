import { describe, expect, it } from 'vitest';
import { ingressYaml, TLS_SPEC } from './ingress-template.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

describe('contour profile: Ingress', () => {
  it('TLS without force-ssl-redirect keeps serving plain HTTP; with it, redirects', () => {
    const plain = view(
      normaliseYaml(ingressYaml('contour', '    projectcontour.io/response-timeout: 5s', TLS_SPEC)),
      'Ingress',
      'app',
    );
    expect(plain.controllers).toContain('contour');
    expect(plain.routes[0].protections.httpsRedirect.value).toBe('off');
    const forced = view(
      normaliseYaml(ingressYaml('contour', '    ingress.kubernetes.io/force-ssl-redirect: "true"', TLS_SPEC)),
      'Ingress',
      'app',
    );
    expect(forced.routes[0].protections.httpsRedirect).toMatchObject({ value: 'on', line: 7 });
  });
});

describe('contour profile: HTTPProxy', () => {
  it('builds routes from the virtual host and conditions, with auth, allow-list and permitInsecure', () => {
    const v = view(
      normaliseYaml(`apiVersion: projectcontour.io/v1
kind: HTTPProxy
metadata: {name: app, namespace: web}
spec:
  virtualhost:
    fqdn: App.Example.com
    tls: {secretName: app-tls}
    authorization:
      extensionRef: {name: authz, namespace: auth}
    ipAllowPolicy:
      - {source: Remote, cidr: 10.0.0.0/8}
  routes:
    - conditions: [{prefix: /api}]
      services: [{name: api, port: 80}]
    - conditions: [{exact: /health}]
      permitInsecure: true
      authPolicy: {disabled: true}
      services: [{name: api, port: 80}, {name: shadow, port: 80, mirror: true}]
`),
      'HTTPProxy',
      'app',
    );
    expect(v.routes.map((r) => [r.host, r.path, r.pathType, r.backend?.service])).toEqual([
      ['app.example.com', '/api', 'Prefix', 'api'],
      ['app.example.com', '/health', 'Exact', 'api'],
    ]);
    const [api, health] = v.routes.map((r) => r.protections);
    expect(api.tls).toMatchObject({ value: true, line: 7 });
    expect(api.httpsRedirect.value).toBe('on');
    expect(api.auth.map((a) => [a.kind, a.line])).toEqual([['external', 8]]);
    expect(api.sourceRanges).toMatchObject({ value: ['10.0.0.0/8'], line: 10 });
    expect(health.httpsRedirect).toMatchObject({ value: 'off', line: 16 });
    expect(health.auth).toEqual([]);
    expect(v.signals.diversions.map((d) => [d.kind, d.target])).toEqual([['mirror', 'shadow.web.svc']]);
  });

  it('an included HTTPProxy serves under its root proxy host and prefix', () => {
    const v = view(
      normaliseYaml(`apiVersion: projectcontour.io/v1
kind: HTTPProxy
metadata: {name: root, namespace: web}
spec:
  virtualhost: {fqdn: app.example.com}
  includes:
    - name: child
      namespace: team
      conditions: [{prefix: /team}]
---
apiVersion: projectcontour.io/v1
kind: HTTPProxy
metadata: {name: child, namespace: team}
spec:
  routes:
    - conditions: [{prefix: /api}]
      services: [{name: api, port: 80}]
`),
      'HTTPProxy',
      'child',
    );
    expect(v.routes.map((r) => [r.host, r.path])).toEqual([['app.example.com', '/team/api']]);
  });
});
