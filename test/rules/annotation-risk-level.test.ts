import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'annotation-risk-level';
const P = 'nginx.ingress.kubernetes.io/';

/** Annotations start on line 7. */
const ingress = (annotations: Record<string, string>) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    ...(Object.keys(annotations).length > 0 ? ['  annotations:'] : []),
    ...Object.entries(annotations).map(([k, v]) => `    ${P}${k}: ${JSON.stringify(v)}`),
    'spec:',
    '  ingressClassName: nginx',
    '  rules:',
    '    - host: shop.example.com',
    '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
    '',
  ].join('\n');

const clean = ingress({});

describe('annotation-risk-level', () => {
  it('a Critical snippet under the default level (High) → introduced high on its line, saying the Ingress is refused', () => {
    const head = ingress({ 'limit-rps': '10', 'server-snippet': 'gzip on;' });
    const found = raised(auditYaml(clean, head), ID);
    expect(found.map((f) => [f.status, f.severity, f.line])).toEqual([['introduced', 'high', 8]]);
    expect(found[0].message).toContain('Critical');
    expect(found[0].message).toContain('refuses the whole Ingress shop/web');
  });

  it('High annotations pass at the default level', () => {
    const head = ingress({
      'auth-url': 'https://auth.example.com/',
      'mirror-target': 'http://replay.shop.svc/',
    });
    expect(raised(auditYaml(clean, head), ID)).toEqual([]);
  });

  it('maxAnnotationRisk Medium flags High annotations but not Medium ones', () => {
    const head = ingress({ 'auth-url': 'https://auth.example.com/', 'rewrite-target': '/$1' });
    const found = raised(auditYaml(clean, head, { maxAnnotationRisk: 'Medium' }), ID);
    expect(found.map((f) => f.line)).toEqual([7]);
    expect(found[0].message).toContain('annotations-risk-level Medium');
  });

  it('maxAnnotationRisk Critical accepts everything', () => {
    const head = ingress({ 'configuration-snippet': 'gzip on;' });
    expect(raised(auditYaml(clean, head, { maxAnnotationRisk: 'Critical' }), ID)).toEqual([]);
  });

  it('an annotation that was already there is preexisting; removing it is resolved', () => {
    const base = ingress({ 'configuration-snippet': 'gzip on;' });
    expect(
      auditYaml(base, base)
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['preexisting']);
    expect(
      auditYaml(base, clean)
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['resolved']);
  });

  it('scan mode reports it as present', () => {
    expect(raised(auditYaml(undefined, ingress({ 'auth-snippet': 'x' })), ID).map((f) => f.status)).toEqual([
      'present',
    ]);
  });
});
