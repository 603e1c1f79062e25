import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'cert-issuer-changed';

/** The issuer annotation is line 7; the first tls secretName is line 12 with an issuer, 10 without. */
const ingress = (
  issuer: string | null,
  secrets: Record<string, string | null> = { 'shop.example.com': 'shop-tls' },
) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    ...(issuer ? ['  annotations:', `    cert-manager.io/cluster-issuer: ${issuer}`] : []),
    'spec:',
    '  ingressClassName: nginx',
    '  tls:',
    ...Object.entries(secrets).flatMap(([host, secret]) => [
      `    - hosts: [${host}]`,
      ...(secret ? [`      secretName: ${secret}`] : []),
    ]),
    '  rules:',
    ...Object.keys(secrets).flatMap((h) => [
      `    - host: ${h}`,
      '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
    ]),
    '',
  ].join('\n');

describe('cert-issuer-changed', () => {
  it('prod → staging issuer → introduced low on the annotation, warning that browsers do not trust it', () => {
    const found = raised(auditYaml(ingress('letsencrypt-prod'), ingress('letsencrypt-staging')), ID);
    expect(found.map((f) => [f.status, f.severity, f.line])).toEqual([['introduced', 'low', 7]]);
    expect(found[0].message).toContain(
      'ClusterIssuer/letsencrypt-staging (was ClusterIssuer/letsencrypt-prod)',
    );
    expect(found[0].message).toContain('browsers do not trust');
  });

  it('issuer removed → fires, saying renewal stops', () => {
    const found = raised(auditYaml(ingress('letsencrypt-prod'), ingress(null)), ID);
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('no longer issued or renewed');
  });

  it('an issuer added, or kept, is quiet', () => {
    expect(raised(auditYaml(ingress(null), ingress('letsencrypt-prod')), ID)).toEqual([]);
    expect(raised(auditYaml(ingress('letsencrypt-prod'), ingress('letsencrypt-prod')), ID)).toEqual([]);
  });

  it('the secret serving one host changed → fires for that host on its secretName line', () => {
    const base = ingress(null, { 'shop.example.com': 'shop-tls', 'blog.example.com': 'blog-tls' });
    const head = ingress(null, { 'shop.example.com': 'shop-tls', 'blog.example.com': 'wildcard-tls' });
    const found = raised(auditYaml(base, head), ID);
    expect(found.map((f) => [f.host, f.line])).toEqual([['blog.example.com', 12]]);
    expect(found[0].message).toContain('secret wildcard-tls (was blog-tls)');
  });

  it('a secretName dropped means the default certificate', () => {
    const found = raised(auditYaml(ingress(null), ingress(null, { 'shop.example.com': null })), ID);
    expect(found[0].message).toContain('default certificate');
  });
});
