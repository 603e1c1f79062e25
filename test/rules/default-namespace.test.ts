import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'default-namespace';

const ingress = (namespace: string | null) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    ...(namespace ? [`  namespace: ${namespace}`] : []),
    'spec:',
    '  ingressClassName: nginx',
    '  rules:',
    '    - host: shop.example.com',
    '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
    '',
  ].join('\n');

const kustomization = (namespace: string | null) =>
  [
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    ...(namespace ? [`namespace: ${namespace}`] : []),
    'resources: [ingress.yaml]',
    '',
  ].join('\n');

describe('default-namespace', () => {
  it('namespace: default → introduced low on the namespace line', () => {
    const found = raised(auditYaml(ingress('shop'), ingress('default')), ID);
    expect(found.map((f) => [f.status, f.severity, f.line])).toEqual([['introduced', 'low', 5]]);
    expect(found[0].message).toContain('default namespace');
  });

  it('no namespace and no kustomization → fires on metadata, saying where it lands', () => {
    const found = raised(auditYaml(ingress('shop'), ingress(null)), ID);
    expect(found.map((f) => f.line)).toEqual([3]);
    expect(found[0].message).toContain('lands in the namespace it is applied to (often default)');
  });

  it('no namespace in a folder whose kustomization sets one is quiet', () => {
    const files = { 'apps/shop/ingress.yaml': ingress(null) };
    const context = { 'apps/shop/kustomization.yaml': kustomization('shop') };
    expect(raised(auditYaml(undefined, files, {}, context), ID)).toEqual([]);
  });

  it('a kustomization without namespace, or in another folder, does not count', () => {
    const files = { 'apps/shop/ingress.yaml': ingress(null) };
    expect(
      raised(auditYaml(undefined, files, {}, { 'apps/shop/kustomization.yaml': kustomization(null) }), ID),
    ).toHaveLength(1);
    expect(
      raised(auditYaml(undefined, files, {}, { 'apps/kustomization.yaml': kustomization('shop') }), ID),
    ).toHaveLength(1);
  });

  it('default kept is preexisting; a team namespace resolves it', () => {
    expect(
      auditYaml(ingress('default'), ingress('default'))
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['preexisting']);
    expect(
      auditYaml(ingress('default'), ingress('shop'))
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['resolved']);
  });

  it('scan mode reports present; a team namespace is quiet', () => {
    expect(raised(auditYaml(undefined, ingress('default')), ID).map((f) => f.status)).toEqual(['present']);
    expect(raised(auditYaml(undefined, ingress('shop')), ID)).toEqual([]);
  });
});
