import { describe, expect, it } from 'vitest';
import { auditYaml } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'migration-regression';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

const guarded = ingress({
  name: 'shop',
  namespace: 'web',
  annotations: {
    'auth-type': 'basic',
    'auth-secret': 'web/htpasswd',
    'whitelist-source-range': '"10.0.0.0/8"',
    'enable-modsecurity': '"true"',
    'limit-rps': '"20"',
  },
  tls: ['shop.example.com'],
  rules: [{ host: 'shop.example.com' }],
});

const gateway = (protocol: 'HTTPS' | 'HTTP') => `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: public, namespace: infra}
spec:
  gatewayClassName: eg
  listeners:
    - name: web
      protocol: ${protocol}
      port: ${protocol === 'HTTPS' ? 443 : 80}
      hostname: "*.example.com"
${protocol === 'HTTPS' ? '      tls: {certificateRefs: [{name: wildcard}]}\n' : ''}      allowedRoutes: {namespaces: {from: All}}
`;
const httpRoute = (path = '/') => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  parentRefs: [{name: public, namespace: infra}]
  hostnames: [shop.example.com]
  rules:
    - matches: [{path: {type: PathPrefix, value: ${path}}}]
      backendRefs: [{name: web, port: 80}]
`;

describe('migration-regression', () => {
  it('Ingress → HTTPRoute on an HTTPS Gateway: auth, allowlist, WAF and rate limit lost — one finding each, on the hostname line', () => {
    const head = { 'ingress.yaml': httpRoute(), 'gateway.yaml': gateway('HTTPS') };
    const result = auditYaml({ 'ingress.yaml': guarded, 'gateway.yaml': gateway('HTTPS') }, head);
    const found = findings(result);
    expect(
      found.map((f) => f.message.replace(/^.*the new HTTPRoute /, '').replace(/;.*$/, '')).sort(),
    ).toEqual(['accepts every source address', 'has no WAF', 'has no authentication', 'has no rate limit']);
    for (const f of found)
      expect(f).toMatchObject({
        status: 'introduced',
        severity: 'high',
        file: 'ingress.yaml',
        line: lineOf(httpRoute(), 'hostnames'),
        host: 'shop.example.com',
      });
    const auth = found.find((f) => f.message.includes('authentication'))!;
    expect(auth.message).toBe(
      'shop.example.com moved from Ingress web/shop to HTTPRoute web/shop, and the new HTTPRoute has no authentication; the Ingress had basic auth (secret web/htpasswd)',
    );
    expect(found.find((f) => f.message.includes('source address'))!.message).toContain(
      'an allowlist of 10.0.0.0/8',
    );
  });

  it('a plain-HTTP Gateway: TLS and the HTTPS redirect are reported lost too', () => {
    const found = findings(
      auditYaml(`${gateway('HTTP')}---\n${guarded}`, `${gateway('HTTP')}---\n${httpRoute()}`),
    );
    const lost = found.map((f) => f.message);
    expect(lost.some((m) => m.includes('is served without TLS; the Ingress had TLS'))).toBe(true);
    expect(lost.some((m) => m.includes('serves plain HTTP'))).toBe(true);
  });

  it('the parent Gateway is not in the repository: TLS and redirect are unknown (info), not lost', () => {
    const found = findings(auditYaml(guarded, httpRoute()));
    expect(found.some((f) => /without TLS|plain HTTP/.test(f.message))).toBe(false);
    const unknown = found.filter((f) => f.severity === 'info');
    expect(unknown).toHaveLength(1);
    expect(unknown[0].message).toContain(
      'whether the new HTTPRoute keeps TLS and the HTTPS redirect is unknown',
    );
    expect(unknown[0].message).toContain('parent Gateway not in the repo');
    // The other losses are still real.
    expect(found.filter((f) => f.severity === 'high')).toHaveLength(4);
  });

  it('compares with the Ingress route that served the same requests (longest prefix) when paths differ', () => {
    const perPath = ingress({
      name: 'shop',
      namespace: 'web',
      annotations: { 'limit-rps': '"5"' },
      rules: [{ host: 'shop.example.com', paths: [{ path: '/' }, { path: '/admin' }] }],
    });
    const found = findings(
      auditYaml(`${gateway('HTTPS')}---\n${perPath}`, `${gateway('HTTPS')}---\n${httpRoute('/admin/users')}`),
    );
    expect(found.map((f) => f.message)).toEqual([
      expect.stringContaining('has no rate limit; the Ingress had a rate limit (5 requests/s'),
    ]);
  });

  it('a Traefik Ingress replacing an nginx one (another controller) is compared too', () => {
    const traefik = ingress({
      name: 'shop-traefik',
      namespace: 'web',
      tls: ['shop.example.com'],
      rules: [{ host: 'shop.example.com' }],
    }).replace('ingressClassName: nginx', 'ingressClassName: traefik');
    const found = findings(auditYaml(guarded, traefik));
    expect(found.some((f) => f.message.includes('the new Ingress has no authentication'))).toBe(true);
  });

  it('an IngressRoute whose middleware keeps basic auth does not report auth', () => {
    const route = `apiVersion: traefik.io/v1alpha1
kind: IngressRoute
metadata: {name: shop, namespace: web}
spec:
  entryPoints: [websecure]
  routes:
    - match: Host(\`shop.example.com\`)
      kind: Rule
      middlewares: [{name: auth}]
      services: [{name: web, port: 80}]
  tls: {}
---
apiVersion: traefik.io/v1alpha1
kind: Middleware
metadata: {name: auth, namespace: web}
spec:
  basicAuth: {secret: htpasswd}
`;
    const found = findings(auditYaml(guarded, route));
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((f) => f.message.includes('authentication'))).toBe(false);
  });

  describe('does not fire', () => {
    it('while the Ingress keeps serving the host', () => {
      expect(
        findings(
          auditYaml(
            `${gateway('HTTPS')}---\n${guarded}`,
            `${gateway('HTTPS')}---\n${guarded}---\n${httpRoute()}`,
          ),
        ),
      ).toEqual([]);
    });
    it('for an Ingress renamed within the same class', () => {
      expect(
        findings(
          auditYaml(
            guarded,
            ingress({ name: 'shop-v2', namespace: 'web', rules: [{ host: 'shop.example.com' }] }),
          ),
        ),
      ).toEqual([]);
    });
    it('when the Ingress had no protections to lose', () => {
      const plain = ingress({ name: 'shop', namespace: 'web', rules: [{ host: 'shop.example.com' }] });
      expect(
        findings(auditYaml(`${gateway('HTTPS')}---\n${plain}`, `${gateway('HTTPS')}---\n${httpRoute()}`)),
      ).toEqual([]);
    });
    it('in scan mode', () => {
      expect(findings(auditYaml(undefined, `${gateway('HTTPS')}---\n${httpRoute()}`))).toEqual([]);
    });
  });
});
