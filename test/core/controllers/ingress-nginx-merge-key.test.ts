import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../../support/audit-yaml.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

// The auth annotations live in an anchored map and reach the Ingress only through `<<:`.
const withMergeKey = (auth: boolean) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: admin
  namespace: ops
  annotations:
${auth ? '    <<: &auth\n      nginx.ingress.kubernetes.io/auth-type: basic\n      nginx.ingress.kubernetes.io/auth-secret: ops/htpasswd\n' : ''}    nginx.ingress.kubernetes.io/proxy-body-size: 1m
spec:
  ingressClassName: nginx
  rules:
    - host: admin.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: admin, port: {number: 80}}}
`;

describe('ingress-nginx auth behind a YAML merge key', () => {
  it('the merged annotations are read as if written inline', () => {
    const v = view(normaliseYaml(withMergeKey(true)), 'Ingress', 'admin');
    expect(v.annotations['nginx.ingress.kubernetes.io/auth-type']).toBe('basic');
    expect(v.routes[0].protections.auth.map((a) => [a.kind, a.detail])).toEqual([
      ['basic', 'basic auth (secret ops/htpasswd)'],
    ]);
  });

  it('dropping the merge key removes the auth, and auth-removed fires', () => {
    const result = auditYaml(withMergeKey(true), withMergeKey(false));
    expect(result.exposures.head[0].routes[0].protections.auth).toEqual([]);
    expect(raised(result, 'auth-removed').map((f) => f.host)).toEqual(['admin.example.com']);
  });
});
