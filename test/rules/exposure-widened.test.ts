import { describe, expect, it } from 'vitest';
import { auditYaml } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'exposure-widened';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

const withClass = (cls: string | null, annotations: Record<string, string> = {}) => {
  const yaml = ingress({
    name: 'admin',
    namespace: 'ops',
    annotations,
    rules: [{ host: 'admin.example.com' }],
  });
  return cls === null
    ? yaml.replace('  ingressClassName: nginx\n', '')
    : yaml.replace('ingressClassName: nginx', `ingressClassName: ${cls}`);
};
const alb = (scheme?: string) =>
  withClass('alb', scheme ? { 'alb.ingress.kubernetes.io/scheme': scheme } : {});

const gateway = (listeners: { name: string; from?: string }[]) =>
  [
    'apiVersion: gateway.networking.k8s.io/v1',
    'kind: Gateway',
    'metadata: {name: shared, namespace: infra}',
    'spec:',
    '  gatewayClassName: internal',
    '  listeners:',
    ...listeners.flatMap((l) => [
      `    - name: ${l.name}`,
      '      protocol: HTTP',
      '      port: 80',
      ...(l.from ? ['      allowedRoutes:', '        namespaces:', `          from: ${l.from}`] : []),
    ]),
    '',
  ].join('\n');

const grant = (to: string) =>
  `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: allow, namespace: payments}\nspec:\n  from:\n    - group: gateway.networking.k8s.io\n      kind: HTTPRoute\n      namespace: web\n  to:\n${to}`;

describe('exposure-widened', () => {
  describe('visibility internal → public', () => {
    it('ALB scheme internal → internet-facing → critical, on the scheme line, saying what made it public', () => {
      const head = alb('internet-facing');
      const [f, ...rest] = findings(auditYaml(alb('internal'), head));
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ status: 'introduced', severity: 'critical', line: lineOf(head, 'scheme') });
      expect(f.message).toContain('ALB scheme internet-facing (annotation alb.ingress.kubernetes.io/scheme)');
      expect(f.message).toContain('it was internal');
    });

    it('ALB scheme removed is not a widening (the controller default is internal)', () => {
      expect(findings(auditYaml(alb('internal'), alb()))).toEqual([]);
    });

    it('GKE class gce-internal → gce', () => {
      const [f] = findings(auditYaml(withClass('gce-internal'), withClass('gce')));
      expect(f.message).toContain('class gce: GKE creates an external load balancer');
    });

    it('GKE class gce-internal removed (a GKE Ingress without class gets an external load balancer)', () => {
      const ip = { 'kubernetes.io/ingress.regional-static-ip-name': 'admin-ip' };
      const [f] = findings(auditYaml(withClass('gce-internal', ip), withClass(null, ip)));
      expect(f.message).toContain('no ingress class');
    });

    it('AGIC use-private-ip "true" → "false"', () => {
      const agic = (v: string) =>
        withClass('azure-application-gateway', { 'appgw.ingress.kubernetes.io/use-private-ip': v });
      const head = agic('"false"');
      expect(findings(auditYaml(agic('"true"'), head))).toMatchObject([
        { line: lineOf(head, 'use-private-ip') },
      ]);
    });

    it('the class moves to one the config lists as public', () => {
      const config = { classes: { public: ['nginx-public'], internal: ['nginx-internal'] } };
      const head = withClass('nginx-public');
      const [f] = findings(auditYaml(withClass('nginx-internal'), head, config));
      expect(f).toMatchObject({ line: lineOf(head, 'ingressClassName') });
      expect(f.message).toContain('class "nginx-public" is listed as public in config');
    });

    it('a host moved from an internal Ingress to a public one', () => {
      const config = { classes: { public: ['public'], internal: ['internal'] } };
      const internalWith = (hosts: string[]) =>
        ingress({ name: 'inside', namespace: 'ops', rules: hosts.map((host) => ({ host })) }).replace(
          'ingressClassName: nginx',
          'ingressClassName: internal',
        );
      const publicWith = (hosts: string[]) =>
        ingress({ name: 'outside', namespace: 'ops', rules: hosts.map((host) => ({ host })) }).replace(
          'ingressClassName: nginx',
          'ingressClassName: public',
        );
      const base = `${internalWith(['a.example.com', 'admin.example.com'])}---\n${publicWith(['www.example.com'])}`;
      const head = `${internalWith(['a.example.com'])}---\n${publicWith(['www.example.com', 'admin.example.com'])}`;
      const [f, ...rest] = findings(auditYaml(base, head, config));
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ host: 'admin.example.com', object: { name: 'outside' } });
      expect(f.message).toContain('moved from internal Ingress ops/inside');
    });

    it('does not fire when the base visibility was unknown, or when public stays public', () => {
      expect(findings(auditYaml(withClass('nginx'), alb('internet-facing')))).toEqual([]);
      expect(findings(auditYaml(alb('internet-facing'), alb('internet-facing')))).toEqual([]);
    });

    it('does not fire for public → internal', () => {
      expect(findings(auditYaml(alb('internet-facing'), alb('internal')))).toEqual([]);
    });
  });

  describe('Gateway allowedRoutes', () => {
    it('Same → All, on the from line', () => {
      const head = gateway([{ name: 'web', from: 'All' }]);
      const [f] = findings(auditYaml(gateway([{ name: 'web', from: 'Same' }]), head));
      expect(f).toMatchObject({
        status: 'introduced',
        severity: 'critical',
        line: lineOf(head, 'from: All'),
      });
      expect(f.message).toContain('accepts routes from every namespace');
    });

    it('defaulted (Same) → Selector, and Selector → All', () => {
      expect(
        findings(auditYaml(gateway([{ name: 'web' }]), gateway([{ name: 'web', from: 'Selector' }]))),
      ).toHaveLength(1);
      expect(
        findings(
          auditYaml(gateway([{ name: 'web', from: 'Selector' }]), gateway([{ name: 'web', from: 'All' }])),
        ),
      ).toHaveLength(1);
    });

    it('a new listener open to every namespace on an existing Gateway', () => {
      const [f] = findings(
        auditYaml(gateway([{ name: 'web' }]), gateway([{ name: 'web' }, { name: 'extra', from: 'All' }])),
      );
      expect(f.message).toContain('on a new listener');
    });

    it('does not fire for a new Gateway, an unchanged one, or a narrowed listener', () => {
      expect(findings(auditYaml('', gateway([{ name: 'web', from: 'All' }])))).toEqual([]);
      expect(
        findings(auditYaml(gateway([{ name: 'web', from: 'All' }]), gateway([{ name: 'web', from: 'All' }]))),
      ).toEqual([]);
      expect(
        findings(
          auditYaml(gateway([{ name: 'web', from: 'All' }]), gateway([{ name: 'web', from: 'Same' }])),
        ),
      ).toEqual([]);
    });
  });

  describe('ReferenceGrant', () => {
    const named = '    - group: ""\n      kind: Service\n      name: billing\n';
    const every = '    - group: ""\n      kind: Service\n';

    it('a new grant → one finding per from/to pair, on the from entry', () => {
      const head = grant(named);
      const [f, ...rest] = findings(auditYaml('', head));
      expect(rest).toEqual([]);
      expect(f).toMatchObject({
        status: 'introduced',
        line: lineOf(head, '- group: gateway.networking.k8s.io'),
      });
      expect(f.message).toContain(
        'HTTPRoute objects in namespace web refer to Service billing in namespace payments',
      );
    });

    it('a grant widened from one named Service to every Service', () => {
      const [f] = findings(auditYaml(grant(named), grant(every)));
      expect(f.message).toContain('every Service');
    });

    it('a grant narrowed or unchanged does not fire', () => {
      expect(findings(auditYaml(grant(every), grant(named)))).toEqual([]);
      expect(findings(auditYaml(grant(named), grant(named)))).toEqual([]);
    });

    it('is a change rule: nothing in scan mode', () => {
      expect(findings(auditYaml(undefined, grant(named)))).toEqual([]);
    });
  });
});
