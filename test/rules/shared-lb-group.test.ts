import { describe, expect, it } from 'vitest';
import { auditYaml } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'shared-lb-group';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

const alb = (name: string, group?: string, order?: string) =>
  ingress({
    name,
    namespace: name,
    annotations: {
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      ...(group ? { 'alb.ingress.kubernetes.io/group.name': group } : {}),
      ...(order ? { 'alb.ingress.kubernetes.io/group.order': `"${order}"` } : {}),
    },
    rules: [{ host: `${name}.example.com` }],
  }).replace('ingressClassName: nginx', 'ingressClassName: alb');

const f5 = (type?: string) =>
  ingress({
    name: 'api',
    namespace: 'api',
    annotations: type ? { 'nginx.org/mergeable-ingress-type': type } : {},
    rules: [{ host: 'shop.example.com', paths: [{ path: '/api' }] }],
  });

describe('shared-lb-group', () => {
  it('joining an ALB group → introduced, medium, on the group.name line, naming the other members', () => {
    const head = alb('shop', 'public');
    const [f, ...rest] = findings(
      auditYaml(
        { 'shop.yaml': alb('shop') },
        { 'shop.yaml': head },
        {},
        { 'blog.yaml': alb('blog', 'public') },
      ),
    );
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ status: 'introduced', severity: 'medium', line: lineOf(head, 'group.name') });
    expect(f.message).toContain('joins the shared load balancer group "public"');
    expect(f.message).toContain('shares the load balancer with Ingress blog/blog');
  });

  it('a new Ingress created inside a group fires too', () => {
    expect(findings(auditYaml('', alb('shop', 'public')))).toMatchObject([{ status: 'introduced' }]);
  });

  it('moving to another group names both', () => {
    const [f] = findings(auditYaml(alb('shop', 'internal'), alb('shop', 'public')));
    expect(f.message).toContain('moved from load balancer group "internal" to "public"');
  });

  it('a lowered group.order → worsened', () => {
    const [f] = findings(auditYaml(alb('shop', 'public', '10'), alb('shop', 'public', '-5')));
    expect(f).toMatchObject({ status: 'worsened' });
    expect(f.message).toContain('from 10 to -5');
  });

  it('an F5 NGINX mergeable minion added → introduced', () => {
    const head = f5('minion');
    const [f] = findings(auditYaml(f5(), head));
    expect(f).toMatchObject({ status: 'introduced', line: lineOf(head, 'mergeable-ingress-type') });
    expect(f.message).toContain('merged into the master Ingress of the same host, whatever its namespace');
  });

  it('an F5 minion switched to master fires; kept does not', () => {
    expect(findings(auditYaml(f5('minion'), f5('master')))).toHaveLength(1);
    expect(findings(auditYaml(f5('minion'), f5('minion')))).toEqual([]);
  });

  describe('does not fire', () => {
    it('for an unchanged group and order', () => {
      expect(findings(auditYaml(alb('shop', 'public', '10'), alb('shop', 'public', '10')))).toEqual([]);
    });
    it('for a raised order or leaving the group', () => {
      expect(findings(auditYaml(alb('shop', 'public', '10'), alb('shop', 'public', '20')))).toEqual([]);
      expect(findings(auditYaml(alb('shop', 'public'), alb('shop')))).toEqual([]);
    });
    it('in scan mode (a change rule)', () => {
      expect(findings(auditYaml(undefined, alb('shop', 'public')))).toEqual([]);
    });
  });
});
