import { describe, expect, it } from 'vitest';
import { ingressYaml, TLS_SPEC } from './ingress-template.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

describe('haproxy profile', () => {
  it('haproxytech prefix: basic auth, allow-list, rate limit, snippet, TLS hosts redirect by default', () => {
    const v = view(
      normaliseYaml(
        ingressYaml(
          'haproxy',
          `    haproxy.org/auth-type: basic-auth
    haproxy.org/auth-secret: web/htpasswd
    haproxy.org/allow-list: 10.0.0.0/8, 172.16.0.0/12
    haproxy.org/rate-limit-requests: "100"
    haproxy.org/rate-limit-period: 10s
    haproxy.org/backend-config-snippet: http-request deny if { path_beg /admin }`,
          TLS_SPEC,
        ),
      ),
      'Ingress',
      'app',
    );
    expect(v.controllers).toContain('haproxy');
    const p = v.routes[0].protections;
    expect(p.auth.map((a) => [a.kind, a.line])).toEqual([['basic', 7]]);
    expect(p.sourceRanges).toMatchObject({ value: ['10.0.0.0/8', '172.16.0.0/12'], line: 9 });
    expect(p.rateLimit).toMatchObject({ value: { rps: 10 }, line: 10 });
    expect(p.httpsRedirect.value).toBe('on');
    expect(v.signals.snippets.map((s) => [s.key, s.line])).toEqual([
      ['haproxy.org/backend-config-snippet', 12],
    ]);
  });

  it('haproxy-ingress legacy prefix: whitelist, ssl-redirect false, optional client certificates', () => {
    const v = view(
      normaliseYaml(
        ingressYaml(
          'haproxy',
          `    ingress.kubernetes.io/whitelist-source-range: 192.168.0.0/16
    ingress.kubernetes.io/ssl-redirect: "false"
    ingress.kubernetes.io/auth-tls-secret: web/ca
    ingress.kubernetes.io/auth-tls-verify-client: optional`,
          TLS_SPEC,
        ),
      ),
      'Ingress',
      'app',
    );
    const p = v.routes[0].protections;
    expect(p.sourceRanges).toMatchObject({ value: ['192.168.0.0/16'], line: 7 });
    expect(p.httpsRedirect).toMatchObject({ value: 'off', line: 8 });
    expect(p.auth.map((a) => [a.kind, a.weaknesses.map((w) => w.code)])).toEqual([
      ['mtls', ['client-cert-optional']],
    ]);
  });

  it('ingress.kubernetes.io/ annotations alone do not make an Ingress HAProxy', () => {
    const v = view(
      normaliseYaml(ingressYaml('kong', '    ingress.kubernetes.io/force-ssl-redirect: "true"')),
      'Ingress',
      'app',
    );
    expect(v.controllers).not.toContain('haproxy');
  });
});
