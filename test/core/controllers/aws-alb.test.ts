import { describe, expect, it } from 'vitest';
import { auditYaml } from '../../support/audit-yaml.ts';
import { normaliseYaml, view } from './normalise-yaml.ts';

const alb = (annotations: string, extra = '') => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
  namespace: web
  annotations:
${annotations}
spec:
  ingressClassName: alb
${extra}  rules:
    - host: shop.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend: {service: {name: shop, port: {number: 80}}}
`;

describe('aws-alb profile', () => {
  it('an ALB without scheme is internal (the controller default), plain HTTP, open to any address', () => {
    const v = view(normaliseYaml(alb('    alb.ingress.kubernetes.io/target-type: ip')), 'Ingress', 'shop');
    expect(v.controllers).toContain('aws-alb');
    expect(v.visibility.value).toBe('internal');
    expect(v.visibility.reason).toMatch(/internal ALB by default/);
    const p = v.routes[0].protections;
    expect(p.tls.value).toBe(false);
    expect(p.httpsRedirect.value).toBe('off');
    expect(p.sourceRanges.value).toBe('any');
    expect(p.sourceRanges.source).toMatch(/0\.0\.0\.0\/0/);
    expect(p.waf.value).toBe('unknown');
  });

  it('internet-facing scheme is public, with the line of the scheme annotation', () => {
    const v = view(
      normaliseYaml(alb('    alb.ingress.kubernetes.io/scheme: internet-facing')),
      'Ingress',
      'shop',
    );
    expect(v.visibility).toMatchObject({ value: 'public', line: 7 });
  });

  it('a class listed in config wins over the scheme', () => {
    const v = view(
      normaliseYaml(alb('    alb.ingress.kubernetes.io/scheme: internet-facing'), {
        classes: { internal: ['alb'] },
      }),
      'Ingress',
      'shop',
    );
    expect(v.visibility.value).toBe('internal');
  });

  it('certificate-arn makes the default listener HTTPS only; listen-ports with HTTP and ssl-redirect redirects', () => {
    const httpsOnly = view(
      normaliseYaml(
        alb('    alb.ingress.kubernetes.io/certificate-arn: arn:aws:acm:eu-west-1:1:certificate/x'),
      ),
      'Ingress',
      'shop',
    ).routes[0].protections;
    expect(httpsOnly.tls).toMatchObject({ value: true, line: 7 });
    expect(httpsOnly.httpsRedirect.value).toBe('on');

    const both = view(
      normaliseYaml(
        alb(`    alb.ingress.kubernetes.io/listen-ports: '[{"HTTP": 80}, {"HTTPS": 443}]'
    alb.ingress.kubernetes.io/ssl-redirect: '443'`),
      ),
      'Ingress',
      'shop',
    ).routes[0].protections;
    expect(both.tls.value).toBe(true);
    expect(both.httpsRedirect).toMatchObject({ value: 'on', line: 8 });
  });

  it('spec.tls alone gives no HTTPS listener on an ALB', () => {
    const v = view(
      normaliseYaml(
        alb(
          '    alb.ingress.kubernetes.io/scheme: internal',
          '  tls:\n    - hosts: [shop.example.com]\n      secretName: x\n',
        ),
      ),
      'Ingress',
      'shop',
    );
    expect(v.routes[0].protections.tls.value).toBe(false);
  });

  it('oidc auth with auth-on-unauthenticated-request: allow is auth with a weakness', () => {
    const v = view(
      normaliseYaml(
        alb(`    alb.ingress.kubernetes.io/listen-ports: '[{"HTTPS": 443}]'
    alb.ingress.kubernetes.io/auth-type: oidc
    alb.ingress.kubernetes.io/auth-idp-oidc: '{"issuer":"https://login.example.com","secretName":"oidc"}'
    alb.ingress.kubernetes.io/auth-on-unauthenticated-request: allow`),
      ),
      'Ingress',
      'shop',
    );
    const [auth] = v.routes[0].protections.auth;
    expect(auth).toMatchObject({ kind: 'oidc', line: 8, url: 'https://login.example.com' });
    expect(auth.weaknesses.map((w) => [w.code, w.line])).toEqual([['unauthenticated-allowed', 10]]);
  });

  it('inbound-cidrs, wafv2 none, access logs off and the ALB group are read', () => {
    const v = view(
      normaliseYaml(
        alb(`    alb.ingress.kubernetes.io/inbound-cidrs: 10.0.0.0/8, 192.168.0.0/16
    alb.ingress.kubernetes.io/wafv2-acl-arn: none
    alb.ingress.kubernetes.io/load-balancer-attributes: access_logs.s3.enabled=false,idle_timeout.timeout_seconds=60
    alb.ingress.kubernetes.io/group.name: shared
    alb.ingress.kubernetes.io/group.order: '10'
    alb.ingress.kubernetes.io/actions.legacy: '{"type":"redirect","redirectConfig":{"host":"old.example.net","statusCode":"HTTP_301"}}'
    alb.ingress.kubernetes.io/actions.split: '{"type":"forward","forwardConfig":{"targetGroups":[{"targetGroupARN":"arn:aws:elasticloadbalancing:tg/x"}]}}'`),
      ),
      'Ingress',
      'shop',
    );
    const p = v.routes[0].protections;
    expect(p.sourceRanges).toMatchObject({ value: ['10.0.0.0/8', '192.168.0.0/16'], line: 7 });
    expect(p.waf).toMatchObject({ value: 'off', line: 8 });
    expect(p.accessLog).toMatchObject({ value: false, line: 9 });
    expect(v.signals.sharedGroup).toMatchObject({ value: 'shared', order: 10, line: 10 });
    expect(v.signals.diversions.map((d) => [d.kind, d.target])).toEqual([
      ['redirect', 'old.example.net'],
      ['forward', 'arn:aws:elasticloadbalancing:tg/x'],
    ]);
  });

  it('IngressClassParams in the repo override the scheme annotation', () => {
    const v = view(
      normaliseYaml(`${alb('    alb.ingress.kubernetes.io/scheme: internal')}---
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: alb}
spec:
  controller: ingress.k8s.aws/alb
  parameters: {apiGroup: elbv2.k8s.aws, kind: IngressClassParams, name: public-params}
---
apiVersion: elbv2.k8s.aws/v1beta1
kind: IngressClassParams
metadata: {name: public-params}
spec:
  scheme: internet-facing
`),
      'Ingress',
      'shop',
    );
    expect(v.visibility.value).toBe('public');
    expect(v.visibility.reason).toMatch(/IngressClassParams public-params/);
  });

  it('a scheme flip internal → internet-facing changes the head visibility (engine view)', () => {
    const result = auditYaml(
      alb('    alb.ingress.kubernetes.io/scheme: internal'),
      alb('    alb.ingress.kubernetes.io/scheme: internet-facing'),
    );
    expect(result.exposures.base[0].visibility.value).toBe('internal');
    expect(result.exposures.head[0].visibility).toMatchObject({ value: 'public', line: 7 });
  });
});
