import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'host-collision';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

const shopOwner = ingress({
  name: 'shop',
  namespace: 'shop',
  rules: [{ host: 'shop.example.com', paths: [{ path: '/api' }] }],
});

describe('host-collision', () => {
  it('a new Ingress under a host that an unchanged file in another namespace serves → introduced on the new object, naming the other by file and line', () => {
    const head = ingress({
      name: 'promo',
      namespace: 'marketing',
      rules: [{ host: 'shop.example.com', paths: [{ path: '/api/v1' }] }],
    });
    const result = auditYaml(
      { 'apps/promo/ingress.yaml': '' },
      { 'apps/promo/ingress.yaml': head },
      {},
      { 'apps/shop/ingress.yaml': shopOwner },
    );
    const [f, ...rest] = findings(result);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'high',
      file: 'apps/promo/ingress.yaml',
      line: lineOf(head, 'path: /api/v1'),
      host: 'shop.example.com',
      path: '/api/v1',
      object: { kind: 'Ingress', namespace: 'marketing', name: 'promo' },
    });
    expect(f.message).toContain(
      `Ingress shop/shop in another namespace (apps/shop/ingress.yaml:${lineOf(shopOwner, 'path: /api')})`,
    );
    expect(f.message).toContain('oldest one wins');
  });

  it('a collision between two unchanged objects is not reported', () => {
    const other = ingress({
      name: 'dup',
      namespace: 'dup',
      rules: [{ host: 'shop.example.com', paths: [{ path: '/api' }] }],
    });
    const unrelated = ingress({ name: 'blog', namespace: 'blog', rules: [{ host: 'blog.example.com' }] });
    const result = auditYaml(
      { 'blog.yaml': unrelated },
      { 'blog.yaml': unrelated.replace('name: web', 'name: web2') },
      {},
      { 'a.yaml': shopOwner, 'b.yaml': other },
    );
    expect(findings(result)).toEqual([]);
  });

  it('both objects in the change → one finding on each, each naming the other', () => {
    const a = ingress({ name: 'a', namespace: 'one' });
    const b = ingress({ name: 'b', namespace: 'two' });
    const result = auditYaml(undefined, { 'a.yaml': a, 'b.yaml': b });
    expect(
      findings(result).map((f) => [
        f.file,
        f.status,
        f.message.includes(f.file === 'a.yaml' ? 'two/b' : 'one/a'),
      ]),
    ).toEqual([
      ['a.yaml', 'present', true],
      ['b.yaml', 'present', true],
    ]);
  });

  describe('paths', () => {
    const owner = (path: string, pathType = 'Prefix') =>
      ingress({
        name: 'owner',
        namespace: 'a',
        rules: [{ host: 'shop.example.com', paths: [{ path, pathType }] }],
      });
    const newcomer = (path: string, pathType = 'Prefix') =>
      ingress({
        name: 'new',
        namespace: 'b',
        rules: [{ host: 'shop.example.com', paths: [{ path, pathType }] }],
      });
    const collides = (a: string, aType: string, b: string, bType: string) =>
      findings(
        auditYaml(
          { 'new.yaml': '' },
          { 'new.yaml': newcomer(b, bType) },
          {},
          { 'owner.yaml': owner(a, aType) },
        ),
      ).length > 0;

    it('Prefix /api overlaps Prefix /api/v1, both ways', () => {
      expect(collides('/api', 'Prefix', '/api/v1', 'Prefix')).toBe(true);
      expect(collides('/api/v1', 'Prefix', '/api', 'Prefix')).toBe(true);
    });
    it('Prefix /api covers Exact /api/v1; Exact /api does not overlap Prefix /api/v1', () => {
      expect(collides('/api', 'Prefix', '/api/v1', 'Exact')).toBe(true);
      expect(collides('/api', 'Exact', '/api/v1', 'Prefix')).toBe(false);
    });
    it('Exact paths overlap only when equal', () => {
      expect(collides('/api', 'Exact', '/api', 'Exact')).toBe(true);
      expect(collides('/api', 'Exact', '/api/', 'Exact')).toBe(false);
    });
    it('prefixes match whole path elements: /api does not overlap /apix', () => {
      expect(collides('/api', 'Prefix', '/apix', 'Prefix')).toBe(false);
    });
    it('a trailing slash does not change a prefix', () => {
      expect(collides('/api/', 'Prefix', '/api', 'Prefix')).toBe(true);
    });
    it('Prefix / overlaps everything on the host', () => {
      expect(collides('/', 'Prefix', '/deep/path', 'Exact')).toBe(true);
    });
  });

  describe('hosts', () => {
    const at = (name: string, namespace: string, host: string) =>
      ingress({ name, namespace, rules: [{ host }] });
    it('an Ingress wildcard overlaps a one-label subdomain, not a deeper one', () => {
      expect(
        findings(
          auditYaml(undefined, {
            'a.yaml': at('w', 'a', '*.example.com'),
            'b.yaml': at('s', 'b', 'shop.example.com'),
          }),
        ),
      ).toHaveLength(2);
      expect(
        findings(
          auditYaml(undefined, {
            'a.yaml': at('w', 'a', '*.example.com'),
            'b.yaml': at('s', 'b', 'eu.shop.example.com'),
          }),
        ),
      ).toEqual([]);
    });
    it('a wildcard and a name it covers collide only across namespaces, with the precedence in the message', () => {
      const [f] = findings(
        auditYaml(undefined, {
          'a.yaml': at('w', 'a', '*.example.com'),
          'b.yaml': at('s', 'b', 'shop.example.com'),
        }),
      );
      expect(f.message).toContain('this wildcard takes every other name under example.com');
      expect(
        findings(
          auditYaml(undefined, {
            'a.yaml': at('w', 'a', '*.example.com'),
            'b.yaml': at('s', 'a', 'shop.example.com'),
          }),
        ),
      ).toEqual([]);
    });
    it('hosts compare case-insensitively', () => {
      expect(
        findings(
          auditYaml(undefined, {
            'a.yaml': at('first', 'a', 'Shop.Example.com'),
            'b.yaml': at('second', 'b', 'shop.example.com'),
          }),
        ),
      ).toHaveLength(2);
    });
    it('a host-less rule collides only with another host-less rule', () => {
      const hostless = (name: string) => ingress({ name, namespace: name, rules: [{}] });
      expect(
        findings(
          auditYaml(undefined, { 'a.yaml': hostless('a'), 'b.yaml': at('s', 'b', 'shop.example.com') }),
        ),
      ).toEqual([]);
      expect(
        findings(auditYaml(undefined, { 'a.yaml': hostless('a'), 'b.yaml': hostless('b') })),
      ).toHaveLength(2);
    });
  });

  describe('does not fire', () => {
    it('for the same object in two overlays (same identity)', () => {
      const obj = ingress({ name: 'web', namespace: 'shop' });
      expect(
        findings(auditYaml(undefined, { 'overlays/a/ingress.yaml': obj, 'overlays/b/ingress.yaml': obj })),
      ).toEqual([]);
    });
    it('for two Ingresses of different classes (two controllers, two load balancers)', () => {
      const nginx = ingress({ name: 'a', namespace: 'a' });
      const other = ingress({ name: 'b', namespace: 'b' }).replace(
        'ingressClassName: nginx',
        'ingressClassName: traefik',
      );
      expect(findings(auditYaml(undefined, { 'a.yaml': nginx, 'b.yaml': other }))).toEqual([]);
    });
    it('for a canary Ingress on the primary\u2019s host and path', () => {
      const canary = ingress({
        name: 'canary',
        namespace: 'shop',
        annotations: { canary: '"true"' },
        rules: [{ host: 'shop.example.com', paths: [{ path: '/api' }] }],
      });
      expect(findings(auditYaml(undefined, { 'a.yaml': shopOwner, 'b.yaml': canary }))).toEqual([]);
    });
    it('for a Gateway listener and an HTTPRoute on the same host', () => {
      const gateway = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: eg
  listeners:
    - {name: http, protocol: HTTP, port: 80, hostname: shop.example.com, allowedRoutes: {namespaces: {from: All}}}
`;
      const route = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: shop}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  hostnames: [shop.example.com]
  rules:
    - backendRefs: [{name: shop, port: 80}]
`;
      expect(findings(auditYaml(undefined, { 'gw.yaml': gateway, 'route.yaml': route }))).toEqual([]);
    });
  });

  it('two HTTPRoutes on the same host and path collide, with the Gateway API precedence in the message', () => {
    const route = (name: string, ns: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: ${name}, namespace: ${ns}}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  hostnames: [shop.example.com]
  rules:
    - matches: [{path: {type: PathPrefix, value: /cart}}]
      backendRefs: [{name: ${name}, port: 80}]
`;
    const [f] = raised(
      auditYaml(undefined, { 'a.yaml': route('a', 'one'), 'b.yaml': route('b', 'two') }),
      ID,
    );
    expect(f.message).toContain('oldest route');
    expect(f.line).toBe(lineOf(route('a', 'one'), 'value: /cart'));
  });

  it('statuses: kept → preexisting; the other object removed → resolved', () => {
    const a = ingress({ name: 'a', namespace: 'one' });
    const b = ingress({ name: 'b', namespace: 'two' });
    const both = `${a}---\n${b}`;
    expect(findings(auditYaml(both, both)).map((f) => f.status)).toEqual(['preexisting', 'preexisting']);
    expect(findings(auditYaml(both, a)).map((f) => f.status)).toEqual(['resolved', 'resolved']);
  });
});
