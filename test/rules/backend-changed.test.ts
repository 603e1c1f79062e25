import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'backend-changed';

/** The backend service name is on line 16. */
const ingress = (service: string, port: number | string, path = '/api') =>
  [
    'apiVersion: networking.k8s.io/v1',
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
    `          - path: ${path}`,
    '            pathType: Prefix',
    '            backend:',
    '              service:',
    `                name: ${service}`,
    `                port: {${typeof port === 'number' ? 'number' : 'name'}: ${port}}`,
    '',
  ].join('\n');

describe('backend-changed', () => {
  it('another Service behind the same host+path → introduced info on the service line', () => {
    const found = raised(auditYaml(ingress('api', 8080), ingress('api-v2', 8080)), ID);
    expect(found.map((f) => [f.status, f.severity, f.line, f.host, f.path])).toEqual([
      ['introduced', 'info', 16, 'shop.example.com', '/api'],
    ]);
    expect(found[0].message).toContain('now goes to shop/api-v2:8080 (was shop/api:8080)');
  });

  it('another port fires too', () => {
    expect(raised(auditYaml(ingress('api', 8080), ingress('api', 'http')), ID)).toHaveLength(1);
  });

  it('unchanged backends, a new path and a moved file are quiet', () => {
    expect(raised(auditYaml(ingress('api', 8080), ingress('api', 8080)), ID)).toEqual([]);
    expect(raised(auditYaml(ingress('api', 8080), ingress('api-v2', 8080, '/v2')), ID)).toEqual([]);
    expect(
      raised(auditYaml({ 'a.yaml': ingress('api', 8080) }, { 'b.yaml': ingress('api', 8080) }), ID),
    ).toEqual([]);
  });
});
