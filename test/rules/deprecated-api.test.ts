import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'deprecated-api';

const v1 = [
  'apiVersion: networking.k8s.io/v1',
  'kind: Ingress',
  'metadata: {name: web, namespace: shop}',
  'spec:',
  '  ingressClassName: nginx',
  '  rules:',
  '    - host: shop.example.com',
  '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
  '',
].join('\n');

const beta = (apiVersion: string) =>
  [
    '# legacy manifest',
    `apiVersion: ${apiVersion}`,
    'kind: Ingress',
    'metadata: {name: web, namespace: shop}',
    'spec:',
    '  rules:',
    '    - host: shop.example.com',
    '      http: {paths: [{path: /, backend: {serviceName: web, servicePort: 80}}]}',
    '',
  ].join('\n');

const ingressClass = (apiVersion: string) =>
  [
    `apiVersion: ${apiVersion}`,
    'kind: IngressClass',
    'metadata: {name: nginx}',
    'spec: {controller: k8s.io/ingress-nginx}',
    '',
  ].join('\n');

describe('deprecated-api', () => {
  it('a new extensions/v1beta1 Ingress → introduced high on the apiVersion line', () => {
    const found = raised(
      auditYaml({ 'other.yaml': v1 }, { 'other.yaml': v1, 'legacy.yaml': beta('extensions/v1beta1') }),
      ID,
    );
    expect(found.map((f) => [f.status, f.severity, f.file, f.line])).toEqual([
      ['introduced', 'high', 'legacy.yaml', 2],
    ]);
    expect(found[0].message).toContain('removed in Kubernetes 1.22');
  });

  it('moving between the two removed versions stays preexisting', () => {
    const found = auditYaml(beta('extensions/v1beta1'), beta('networking.k8s.io/v1beta1')).findings.filter(
      (f) => f.ruleId === ID,
    );
    expect(found.map((f) => f.status)).toEqual(['preexisting']);
  });

  it('upgrading to networking.k8s.io/v1 is resolved', () => {
    const found = auditYaml(beta('extensions/v1beta1'), v1).findings.filter((f) => f.ruleId === ID);
    expect(found.map((f) => [f.status, f.line])).toEqual([['resolved', 2]]);
  });

  it('an IngressClass in networking.k8s.io/v1beta1 fires; in v1 it does not', () => {
    const found = raised(auditYaml({}, { 'class.yaml': ingressClass('networking.k8s.io/v1beta1') }), ID);
    expect(found.map((f) => [f.file, f.line, f.object?.kind])).toEqual([['class.yaml', 1, 'IngressClass']]);
    expect(raised(auditYaml({}, { 'class.yaml': ingressClass('networking.k8s.io/v1') }), ID)).toEqual([]);
  });

  it('an unchanged legacy IngressClass elsewhere in the repo is not reported', () => {
    expect(
      auditYaml(v1, v1, {}, { 'class.yaml': ingressClass('networking.k8s.io/v1beta1') }).findings.filter(
        (f) => f.ruleId === ID,
      ),
    ).toEqual([]);
  });

  it('scan mode reports present', () => {
    expect(raised(auditYaml(undefined, beta('networking.k8s.io/v1beta1')), ID).map((f) => f.status)).toEqual([
      'present',
    ]);
  });
});
