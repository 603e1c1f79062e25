import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'path-broadened';

/** Path i sits on line 13 + 3i (15 + 3i with an annotation). */
const ingress = (
  paths: [string, string][],
  opts: { name?: string; host?: string; annotation?: string } = {},
) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    `  name: ${opts.name ?? 'web'}`,
    '  namespace: shop',
    ...(opts.annotation ? ['  annotations:', `    ${opts.annotation}`] : []),
    'spec:',
    '  ingressClassName: nginx',
    '  tls: [{hosts: [shop.example.com, blog.example.com], secretName: web-tls}]',
    '  rules:',
    `    - host: ${opts.host ?? 'shop.example.com'}`,
    '      http:',
    '        paths:',
    ...paths.flatMap(([path, type]) => [
      `          - path: ${path}`,
      `            pathType: ${type}`,
      '            backend: {service: {name: web, port: {number: 80}}}',
    ]),
    '',
  ].join('\n');

describe('path-broadened', () => {
  it('/api becomes / on the same host → introduced medium on the new path line', () => {
    const found = raised(auditYaml(ingress([['/api', 'Prefix']]), ingress([['/', 'Prefix']])), ID);
    expect(found.map((f) => [f.status, f.severity, f.line, f.host, f.path])).toEqual([
      ['introduced', 'medium', 13, 'shop.example.com', '/'],
    ]);
    expect(found[0].message).toContain('every path (/) where it routed only /api');
  });

  it('/api/v1 shortened to /api fires; a path that was already covered does not', () => {
    expect(
      raised(auditYaml(ingress([['/api/v1', 'Prefix']]), ingress([['/api', 'Prefix']])), ID),
    ).toHaveLength(1);
    const base = ingress([
      ['/', 'Prefix'],
      ['/api/v1', 'Prefix'],
    ]);
    const head = ingress([
      ['/', 'Prefix'],
      ['/api', 'Prefix'],
    ]);
    expect(raised(auditYaml(base, head), ID)).toEqual([]);
  });

  it('/apiv2 is not under /api (element-wise prefix)', () => {
    expect(raised(auditYaml(ingress([['/apiv2', 'Prefix']]), ingress([['/api', 'Prefix']])), ID)).toEqual([]);
  });

  it('Exact → Prefix for the same path', () => {
    const found = raised(auditYaml(ingress([['/login', 'Exact']]), ingress([['/login', 'Prefix']])), ID);
    expect(found.map((f) => [f.line, f.path])).toEqual([[13, '/login']]);
    expect(found[0].message).toContain('from Exact to Prefix');
  });

  it('a new longer path, or Prefix → Exact, is not broader', () => {
    expect(
      raised(
        auditYaml(
          ingress([['/api', 'Prefix']]),
          ingress([
            ['/api', 'Prefix'],
            ['/api/v2', 'Prefix'],
          ]),
        ),
        ID,
      ),
    ).toEqual([]);
    expect(raised(auditYaml(ingress([['/login', 'Prefix']]), ingress([['/login', 'Exact']])), ID)).toEqual(
      [],
    );
  });

  it('use-regex added on an existing host → fires on the annotation line for that host', () => {
    const found = raised(
      auditYaml(
        ingress([['/api', 'Prefix']]),
        ingress([['/api', 'Prefix']], { annotation: 'nginx.ingress.kubernetes.io/use-regex: "true"' }),
      ),
      ID,
    );
    expect(found.map((f) => [f.line, f.host])).toEqual([[7, 'shop.example.com']]);
    expect(found[0].message).toContain('use-regex');
  });

  it('rewrite-target on a new Ingress for a host another Ingress already serves fires (host-wide regex mode)', () => {
    const base = ingress([['/api', 'Prefix']]);
    const head = `${base}---\n${ingress([['/static', 'Prefix']], { name: 'static', annotation: 'nginx.ingress.kubernetes.io/rewrite-target: /$1' })}`;
    const found = raised(auditYaml(base, head), ID);
    expect(found.map((f) => [f.line, f.host])).toEqual([[23, 'shop.example.com']]);
  });

  it('a brand-new host routing / with use-regex is not a broadening', () => {
    const base = ingress([['/api', 'Prefix']]);
    const head = `${base}---\n${ingress([['/', 'Prefix']], { name: 'blog', host: 'blog.example.com', annotation: 'nginx.ingress.kubernetes.io/use-regex: "true"' })}`;
    expect(raised(auditYaml(base, head), ID)).toEqual([]);
  });

  it('use-regex kept is not reported again', () => {
    const both = ingress([['/api', 'Prefix']], {
      annotation: 'nginx.ingress.kubernetes.io/use-regex: "true"',
    });
    expect(auditYaml(both, both).findings.filter((f) => f.ruleId === ID)).toEqual([]);
  });

  it('a file move with the same paths is no change', () => {
    const y = ingress([['/', 'Prefix']]);
    expect(
      auditYaml({ 'a/ingress.yaml': y }, { 'b/ingress.yaml': y }).findings.filter((f) => f.ruleId === ID),
    ).toEqual([]);
  });
});
