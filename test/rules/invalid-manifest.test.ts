import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'invalid-manifest';

const ingress = (pathType = 'Prefix', extra: string[] = []) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    ...extra,
    'spec:',
    '  ingressClassName: nginx',
    '  rules:',
    '    - host: shop.example.com',
    '      http:',
    '        paths:',
    '          - path: /',
    `            pathType: ${pathType}`,
    '            backend: {service: {name: web, port: {number: 80}}}',
    '',
  ].join('\n');

const broken = (lead: string[] = []) =>
  [...lead, 'apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata: {name: web', 'spec: [', ''].join(
    '\n',
  );

describe('invalid-manifest', () => {
  it('a schema error → introduced high on the offending field', () => {
    const found = raised(auditYaml(ingress(), ingress('Sometimes')), ID);
    expect(found.map((f) => [f.status, f.severity, f.line])).toEqual([['introduced', 'high', 13]]);
    expect(found[0].message).toContain('pathType');
    expect(found[0].object).toEqual({ kind: 'Ingress', namespace: 'shop', name: 'web' });
  });

  it('the same schema error after unrelated edits that shift its line stays preexisting', () => {
    const base = ingress('Sometimes');
    const head = ingress('Sometimes', ['  labels: {team: shop}', '  # a comment']);
    const found = auditYaml(base, head).findings.filter((f) => f.ruleId === ID);
    expect(found.map((f) => [f.status, f.line])).toEqual([['preexisting', 15]]);
  });

  it('a file that stops parsing → one introduced finding for the file, without an object', () => {
    const found = raised(auditYaml({ 'a.yaml': ingress() }, { 'a.yaml': broken() }), ID);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'introduced', file: 'a.yaml', object: null, severity: 'high' });
    expect(found[0].message).toContain('cannot be read as YAML');
  });

  it('a file that was already broken is preexisting even when the error moves', () => {
    const found = auditYaml({ 'a.yaml': broken() }, { 'a.yaml': broken(['# moved down']) }).findings.filter(
      (f) => f.ruleId === ID,
    );
    expect(found.map((f) => f.status)).toEqual(['preexisting']);
  });

  it('fixing a broken file is resolved', () => {
    const found = auditYaml({ 'a.yaml': broken() }, { 'a.yaml': ingress() }).findings.filter(
      (f) => f.ruleId === ID,
    );
    expect(found.map((f) => f.status)).toEqual(['resolved']);
  });

  it('an IngressClass with a schema error is reported on it', () => {
    const cls = [
      'apiVersion: networking.k8s.io/v1',
      'kind: IngressClass',
      'metadata: {name: nginx}',
      'spec: {controller: 42}',
      '',
    ].join('\n');
    const found = raised(auditYaml({}, { 'class.yaml': cls }), ID);
    expect(found.map((f) => [f.line, f.object?.kind])).toEqual([[4, 'IngressClass']]);
  });

  it('a valid change does not fire; scan mode is present', () => {
    expect(raised(auditYaml(ingress(), ingress('Exact')), ID)).toEqual([]);
    expect(raised(auditYaml(undefined, ingress('Sometimes')), ID).map((f) => f.status)).toEqual(['present']);
  });
});
