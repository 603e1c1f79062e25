import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'unsafe-path';

/** Path i sits on line 12 + 3i, its pathType on the next line. */
const ingress = (paths: [string, string | null][], apiVersion = 'networking.k8s.io/v1') =>
  [
    `apiVersion: ${apiVersion}`,
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    'spec:',
    '  ingressClassName: nginx',
    '  rules:',
    '    - host: shop.example.com',
    '      http:',
    '        paths:',
    ...paths.flatMap(([path, type]) => [
      `          - path: ${JSON.stringify(path)}`,
      type ? `            pathType: ${type}` : '            # no pathType',
      apiVersion === 'networking.k8s.io/v1'
        ? '            backend: {service: {name: web, port: {number: 80}}}'
        : '            backend: {serviceName: web, servicePort: 80}',
    ]),
    '',
  ].join('\n');

const plain = ingress([['/api', 'Prefix']]);

describe('unsafe-path', () => {
  it('a Prefix path with directive characters → introduced high on the path line', () => {
    const found = raised(
      auditYaml(
        plain,
        ingress([
          ['/api', 'Prefix'],
          ['/x;}', 'Prefix'],
        ]),
      ),
      ID,
    );
    expect(found.map((f) => [f.status, f.severity, f.line, f.host, f.path])).toEqual([
      ['introduced', 'high', 15, 'shop.example.com', '/x;}'],
    ]);
    expect(found[0].message).toContain('";" "}"');
  });

  it('a space in an Exact path fires; dots and tildes do not', () => {
    expect(raised(auditYaml(plain, ingress([['/a b', 'Exact']])), ID)).toHaveLength(1);
    expect(raised(auditYaml(plain, ingress([['/~user/.well-known/x.txt', 'Exact']])), ID)).toEqual([]);
  });

  it('a path naming /var/run/secrets fires as a filesystem path', () => {
    const found = raised(auditYaml(plain, ingress([['/var/run/secrets/kubernetes.io', 'Prefix']])), ID);
    expect(found.map((f) => f.line)).toEqual([12]);
    expect(found[0].message).toContain('/var/run/secrets');
  });

  it('/etc and /root only as whole path segments', () => {
    expect(raised(auditYaml(plain, ingress([['/etc/passwd', 'Prefix']])), ID)).toHaveLength(1);
    expect(raised(auditYaml(plain, ingress([['/root', 'Prefix']])), ID)).toHaveLength(1);
    expect(
      raised(
        auditYaml(
          plain,
          ingress([
            ['/etcetera', 'Prefix'],
            ['/rooted', 'Prefix'],
          ]),
        ),
        ID,
      ),
    ).toEqual([]);
  });

  it('explicit ImplementationSpecific newly introduced → fires on the pathType line', () => {
    const found = raised(auditYaml(plain, ingress([['/api', 'ImplementationSpecific']])), ID);
    expect(found.map((f) => [f.line, f.path])).toEqual([[13, '/api']]);
    expect(found[0].message).toContain('ImplementationSpecific');
  });

  it('ImplementationSpecific with regex characters is one finding for the pathType, not a character finding', () => {
    const found = raised(auditYaml(plain, ingress([['/api/(.*)', 'ImplementationSpecific']])), ID);
    expect(found.map((f) => f.line)).toEqual([13]);
  });

  it('ImplementationSpecific already at base is preexisting', () => {
    const base = ingress([['/api', 'ImplementationSpecific']]);
    const found = auditYaml(base, base).findings.filter((f) => f.ruleId === ID);
    expect(found.map((f) => f.status)).toEqual(['preexisting']);
  });

  it('a v1beta1 path without pathType (an implicit default) does not fire', () => {
    const base = ingress([['/api', null]], 'networking.k8s.io/v1beta1');
    const head = ingress(
      [
        ['/api', null],
        ['/shop', null],
      ],
      'networking.k8s.io/v1beta1',
    );
    expect(raised(auditYaml(base, head), ID)).toEqual([]);
  });

  it('fixing the path is resolved; scan mode is present', () => {
    const bad = ingress([['/a{b', 'Prefix']]);
    expect(
      auditYaml(bad, plain)
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['resolved']);
    expect(raised(auditYaml(undefined, bad), ID).map((f) => f.status)).toEqual(['present']);
  });
});
