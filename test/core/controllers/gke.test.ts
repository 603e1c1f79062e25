import { describe, expect, it } from 'vitest';
import { auditYaml } from '../../support/audit-yaml.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

const gke = (annotations: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: web
  annotations:
${annotations}
spec:
  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: shop, port: {number: 80}}}
`;

const service = (annotations: string) => `---
apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: web
  annotations:
${annotations}
spec:
  ports: [{name: http, port: 80}]
`;

describe('gke profile', () => {
  it('class gce-internal is internal; allow-http unset means plain HTTP is served', () => {
    const v = view(normaliseYaml(gke('    kubernetes.io/ingress.class: gce-internal')), 'Ingress', 'shop');
    expect(v.controllers).toContain('gke');
    expect(v.visibility).toMatchObject({ value: 'internal', line: 7 });
    expect(v.routes[0].protections.httpsRedirect.value).toBe('off');
    expect(v.routes[0].protections.httpsRedirect.source).toMatch(/allow-http/);
  });

  it('a class-less Ingress with GKE annotations is public; allow-http "false" is HTTPS only; managed certificates are TLS', () => {
    const v = view(
      normaliseYaml(
        gke(`    networking.gke.io/managed-certificates: shop-cert
    kubernetes.io/ingress.allow-http: "false"`),
      ),
      'Ingress',
      'shop',
    );
    expect(v.visibility.value).toBe('public');
    expect(v.visibility.reason).toMatch(/no ingress class/);
    const p = v.routes[0].protections;
    expect(p.tls).toMatchObject({ value: true, line: 7 });
    expect(p.httpsRedirect).toMatchObject({ value: 'on', line: 8 });
  });

  it('an Ingress of another class is not GKE even with GKE-looking annotations', () => {
    const v = view(
      normaliseYaml(
        gke('    kubernetes.io/ingress.class: nginx\n    networking.gke.io/managed-certificates: c'),
      ),
      'Ingress',
      'shop',
    );
    expect(v.controllers).not.toContain('gke');
  });

  it('FrontendConfig redirectToHttps turns the redirect on', () => {
    const v = view(
      normaliseYaml(`${gke('    kubernetes.io/ingress.class: gce\n    networking.gke.io/v1beta1.FrontendConfig: redirect')}---
apiVersion: networking.gke.io/v1beta1
kind: FrontendConfig
metadata: {name: redirect, namespace: web}
spec:
  redirectToHttps: {enabled: true}
`),
      'Ingress',
      'shop',
    );
    expect(v.routes[0].protections.httpsRedirect).toMatchObject({ value: 'on', line: 8 });
    expect(v.routes[0].protections.httpsRedirect.source).toMatch(/FrontendConfig web\/redirect/);
  });

  it('BackendConfig on the backend Service gives IAP auth, Cloud Armor and logging, at the backend line', () => {
    const v = view(
      normaliseYaml(`${gke('    kubernetes.io/ingress.class: gce')}${service(`    cloud.google.com/backend-config: '{"ports": {"http": "secure"}}'`)}---
apiVersion: cloud.google.com/v1
kind: BackendConfig
metadata: {name: secure, namespace: web}
spec:
  iap: {enabled: true, oauthclientCredentials: {secretName: iap}}
  securityPolicy: {name: edge-policy}
  logging: {enable: false}
`),
      'Ingress',
      'shop',
    );
    const p = v.routes[0].protections;
    expect(p.auth.map((a) => [a.kind, a.line])).toEqual([['iap', 15]]);
    expect(p.auth[0].source).toMatch(/BackendConfig web\/secure \(via Service web\/shop/);
    expect(p.waf).toMatchObject({ value: 'on', line: 15 });
    expect(p.accessLog).toMatchObject({ value: false, line: 15 });
  });

  it('a Service with cloud.google.com annotations ties a class-less Ingress to GKE', () => {
    const v = view(
      normaliseYaml(
        `${gke('    example.com/owner: team')}${service(`    cloud.google.com/neg: '{"ingress": true}'`)}`,
      ),
      'Ingress',
      'shop',
    );
    expect(v.controllers).toContain('gke');
    expect(v.visibility.value).toBe('public');
  });

  it('removing the gce-internal class makes the Ingress public (engine view)', () => {
    const result = auditYaml(
      gke(
        '    kubernetes.io/ingress.class: gce-internal\n    networking.gke.io/managed-certificates: shop-cert',
      ),
      gke('    networking.gke.io/managed-certificates: shop-cert'),
    );
    expect(result.exposures.base[0].visibility.value).toBe('internal');
    expect(result.exposures.head[0].visibility.value).toBe('public');
  });
});
