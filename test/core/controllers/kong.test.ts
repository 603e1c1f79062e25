import { describe, expect, it } from 'vitest';
import { ingressYaml } from './ingress-template.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

const plugins = `---
apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata: {name: key-auth, namespace: web}
plugin: key-auth
config: {anonymous: guest}
---
apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata: {name: office, namespace: web}
plugin: ip-restriction
config: {allow: [10.0.0.0/8]}
---
apiVersion: configuration.konghq.com/v1
kind: KongClusterPlugin
metadata: {name: global-limit}
plugin: rate-limiting
config: {minute: 120}
---
apiVersion: configuration.konghq.com/v1
kind: KongPlugin
metadata: {name: off-auth, namespace: web}
plugin: basic-auth
disabled: true
`;

describe('kong profile', () => {
  it('konghq.com/plugins resolves KongPlugin and KongClusterPlugin objects', () => {
    const v = view(
      normaliseYaml(
        ingressYaml(
          'kong',
          `    konghq.com/plugins: key-auth, office, global-limit, off-auth
    konghq.com/protocols: https`,
        ) + plugins,
      ),
      'Ingress',
      'app',
    );
    expect(v.controllers).toContain('kong');
    const p = v.routes[0].protections;
    expect(p.auth.map((a) => [a.kind, a.line, a.weaknesses.map((w) => w.code)])).toEqual([
      ['plugin', 7, ['anonymous-allowed']],
    ]);
    expect(p.sourceRanges).toMatchObject({ value: ['10.0.0.0/8'], line: 7 });
    expect(p.rateLimit.value).toEqual({ rpm: 120 });
    expect(p.httpsRedirect).toMatchObject({ value: 'on', line: 8 });
  });

  it('without protocols a Kong route also serves plain HTTP; /~ paths are regular expressions', () => {
    const yaml = ingressYaml('kong', '    konghq.com/strip-path: "true"').replace(
      'path: /\n            pathType: Prefix',
      'path: /~/api/v[0-9]+\n            pathType: ImplementationSpecific',
    );
    const v = view(normaliseYaml(yaml), 'Ingress', 'app');
    expect(v.routes[0].protections.httpsRedirect.value).toBe('off');
    expect(v.routes[0].pathType).toBe('Regex');
  });

  it('the plugins annotation on an HTTPRoute applies too', () => {
    const v = view(
      normaliseYaml(`apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: app
  namespace: web
  annotations:
    konghq.com/plugins: key-auth
spec:
  hostnames: [app.example.com]
  rules: [{backendRefs: [{name: app, port: 80}]}]
${plugins}`),
      'HTTPRoute',
      'app',
    );
    expect(v.controllers).toContain('kong');
    expect(v.routes[0].protections.auth.map((a) => a.detail)).toEqual([
      'Kong key-auth (KongPlugin web/key-auth)',
    ]);
  });
});
