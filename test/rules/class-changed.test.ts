import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'class-changed';

/** The class annotation, when present, is line 7; the class field follows `spec:`. */
const ingress = (field: string | null, annotation: string | null = null) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    ...(annotation ? ['  annotations:', `    kubernetes.io/ingress.class: ${annotation}`] : []),
    'spec:',
    ...(field ? [`  ingressClassName: ${field}`] : []),
    '  rules:',
    '    - host: shop.example.com',
    '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
    '',
  ].join('\n');

const defaultClass = (name: string) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: IngressClass',
    'metadata:',
    `  name: ${name}`,
    '  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}',
    'spec: {controller: k8s.io/ingress-nginx}',
    '',
  ].join('\n');

describe('class-changed', () => {
  it('nginx → traefik → introduced medium on the class field line', () => {
    const found = raised(auditYaml(ingress('nginx'), ingress('traefik')), ID);
    expect(found.map((f) => [f.status, f.severity, f.line])).toEqual([['introduced', 'medium', 7]]);
    expect(found[0].message).toContain('from class "nginx" to class "traefik"');
  });

  it('the annotation changed to another class fires on the annotation line', () => {
    const found = raised(auditYaml(ingress(null, 'nginx'), ingress(null, 'nginx-internal')), ID);
    expect(found.map((f) => f.line)).toEqual([7]);
  });

  it('class removed with no default class in the repo says nobody may serve it', () => {
    const found = raised(auditYaml(ingress('nginx'), ingress(null)), ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('no longer names its class (was "nginx")');
    expect(found[0].message).toContain('possibly none');
  });

  it('class removed while the repo has a default class names that default', () => {
    const found = raised(
      auditYaml(ingress('nginx'), ingress(null), {}, { 'classes.yaml': defaultClass('public') }),
      ID,
    );
    expect(found[0].message).toContain('cluster default class "public"');
  });

  it('annotation → field with the same name, and a class added, are quiet', () => {
    expect(raised(auditYaml(ingress(null, 'nginx'), ingress('nginx')), ID)).toEqual([]);
    expect(raised(auditYaml(ingress(null), ingress('nginx')), ID)).toEqual([]);
  });

  it('field and annotation that disagree: introduced when added, preexisting when kept, present in scan', () => {
    const conflict = ingress('nginx', 'traefik');
    const found = raised(auditYaml(ingress('nginx'), conflict), ID);
    expect(found.map((f) => [f.status, f.line])).toEqual([['introduced', 9]]);
    expect(found[0].message).toContain('"nginx" but annotation');
    expect(
      auditYaml(conflict, conflict)
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['preexisting']);
    expect(raised(auditYaml(undefined, conflict), ID).map((f) => f.status)).toEqual(['present']);
  });
});
