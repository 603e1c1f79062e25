import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'self-waiver';

/** The waiver annotation is line 7. */
const ingress = (host: string, waiver: string | null) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    ...(waiver ? ['  annotations:', `    ingress-audit.io/waive: ${JSON.stringify(waiver)}`] : []),
    'spec:',
    '  ingressClassName: nginx',
    `  tls: [{hosts: ["${host}"], secretName: web-tls}]`,
    '  rules:',
    `    - host: "${host}"`,
    '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
    '',
  ].join('\n');

describe('self-waiver', () => {
  it('a PR that adds a wildcard and waives it inline: the wildcard is waived, the waiver itself is flagged medium', () => {
    const result = auditYaml(
      ingress('shop.example.com', null),
      ingress('*.example.com', 'wildcard-host: campaign sites'),
    );
    const found = raised(result, ID);
    expect(found.map((f) => [f.status, f.severity, f.line])).toEqual([['introduced', 'medium', 7]]);
    expect(found[0].message).toContain('waives wildcard-host inline (reason: "campaign sites")');
    expect(result.findings.find((f) => f.ruleId === 'wildcard-host')?.waived?.source).toBe('inline');
    expect(result.conclusion).toBe('success');
  });

  it('one finding per waived rule', () => {
    const found = raised(
      auditYaml(
        ingress('shop.example.com', null),
        ingress('shop.example.com', 'wildcard-host: a; tls-missing: b'),
      ),
      ID,
    );
    expect(found).toHaveLength(2);
  });

  it('a waiver already at base is preexisting; a changed reason is a new waiver', () => {
    const base = ingress('shop.example.com', 'wildcard-host: a');
    expect(
      auditYaml(base, base)
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['preexisting']);
    const statuses = auditYaml(base, ingress('shop.example.com', 'wildcard-host: b'))
      .findings.filter((f) => f.ruleId === ID)
      .map((f) => f.status)
      .sort();
    expect(statuses).toEqual(['introduced', 'resolved']);
  });
});
