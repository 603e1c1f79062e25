import { describe, expect, it } from 'vitest';
import { ingressYaml, TLS_SPEC } from './ingress-template.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

describe('f5-nginx profile', () => {
  it('snippets, mergeable master, basic and JWT auth, rate limit, App Protect; TLS redirects by default', () => {
    const v = view(
      normaliseYaml(
        ingressYaml(
          'nginx',
          `    nginx.org/server-snippets: |
      location /internal { return 403; }
    nginx.org/mergeable-ingress-type: master
    nginx.org/basic-auth-secret: htpasswd
    nginx.com/jwt-key: jwk
    nginx.org/limit-req-rate: 10r/s
    appprotect.f5.com/app-protect-enable: "True"`,
          TLS_SPEC,
        ),
      ),
      'Ingress',
      'app',
    );
    expect(v.controllers).toContain('f5-nginx');
    expect(v.signals.snippets.map((s) => [s.key, s.line])).toEqual([['nginx.org/server-snippets', 7]]);
    expect(v.signals.sharedGroup).toMatchObject({
      key: 'nginx.org/mergeable-ingress-type',
      value: 'master',
      line: 9,
    });
    const p = v.routes[0].protections;
    expect(p.auth.map((a) => [a.kind, a.line])).toEqual([
      ['basic', 10],
      ['other', 11],
    ]);
    expect(p.rateLimit).toMatchObject({ value: { rps: 10 }, line: 12 });
    expect(p.waf).toMatchObject({ value: 'on', line: 13 });
    expect(p.httpsRedirect.value).toBe('on');
  });

  it('ssl-redirect "false" serves plain HTTP; nginx.org/policies access control is an allow-list', () => {
    const v = view(
      normaliseYaml(`${ingressYaml('nginx', '    nginx.org/ssl-redirect: "false"\n    nginx.org/policies: office', TLS_SPEC)}---
apiVersion: k8s.nginx.org/v1
kind: Policy
metadata: {name: office, namespace: web}
spec:
  accessControl: {allow: [10.0.0.0/8]}
`),
      'Ingress',
      'app',
    );
    const p = v.routes[0].protections;
    expect(p.httpsRedirect).toMatchObject({ value: 'off', line: 7 });
    expect(p.sourceRanges).toMatchObject({ value: ['10.0.0.0/8'], line: 8 });
  });
});
