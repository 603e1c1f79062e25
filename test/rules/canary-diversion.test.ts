import { describe, expect, it } from 'vitest';
import { auditYaml } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'canary-diversion';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

const owner = ingress({
  name: 'shop',
  namespace: 'shop',
  rules: [{ host: 'shop.example.com', paths: [{ path: '/checkout' }] }],
});
const canary = (namespace: string, path = '/checkout', host = 'shop.example.com') =>
  ingress({
    name: 'experiment',
    namespace,
    annotations: { canary: '"true"', 'canary-by-header': 'X-Beta' },
    rules: [{ host, paths: [{ path, service: 'experiment' }] }],
  });

describe('canary-diversion', () => {
  it('a canary in another namespace on a host/path owned by an unchanged Ingress → introduced, high, on the host line', () => {
    const head = canary('growth');
    const result = auditYaml({ 'growth.yaml': '' }, { 'growth.yaml': head }, {}, { 'shop.yaml': owner });
    const [f, ...rest] = findings(result);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'high',
      file: 'growth.yaml',
      line: lineOf(head, 'host: "shop.example.com"'),
      host: 'shop.example.com',
      path: '/checkout',
    });
    expect(f.message).toContain('Ingress shop/shop in namespace shop');
    expect(f.message).toContain(`shop.yaml:${lineOf(owner, 'path: /checkout')}`);
  });

  it('a canary on a deeper path still diverts the owner\u2019s prefix (scan: present)', () => {
    expect(
      findings(auditYaml(undefined, { 'a.yaml': owner, 'b.yaml': canary('growth', '/checkout/pay') })),
    ).toMatchObject([{ status: 'present', file: 'b.yaml' }]);
  });

  it('a canary kept unchanged → preexisting; moved into the owner\u2019s namespace → resolved', () => {
    const before = `${owner}---\n${canary('growth')}`;
    expect(findings(auditYaml(before, before)).map((f) => f.status)).toEqual(['preexisting']);
    const statuses = findings(auditYaml(before, `${owner}---\n${canary('shop')}`)).map((f) => f.status);
    expect(statuses).toEqual(['resolved']);
  });

  describe('does not fire', () => {
    it('for a canary in the owner\u2019s namespace', () => {
      expect(findings(auditYaml(undefined, { 'a.yaml': owner, 'b.yaml': canary('shop') }))).toEqual([]);
    });
    it('for a canary on a host nobody else serves', () => {
      expect(findings(auditYaml(undefined, { 'b.yaml': canary('growth', '/', 'beta.example.com') }))).toEqual(
        [],
      );
    });
    it('for a canary on another path of the same host', () => {
      expect(
        findings(auditYaml(undefined, { 'a.yaml': owner, 'b.yaml': canary('growth', '/search') })),
      ).toEqual([]);
    });
    it('for an ordinary Ingress in another namespace (that is host-collision)', () => {
      const plain = ingress({
        name: 'experiment',
        namespace: 'growth',
        rules: [{ host: 'shop.example.com', paths: [{ path: '/checkout' }] }],
      });
      const result = auditYaml(undefined, { 'a.yaml': owner, 'b.yaml': plain });
      expect(findings(result)).toEqual([]);
      expect(result.findings.filter((f) => f.ruleId === 'host-collision')).toHaveLength(2);
    });
    it('when the canary has no namespace in the manifest (set at deploy time)', () => {
      const noNs = canary('growth').replace('  namespace: growth\n', '');
      expect(findings(auditYaml(undefined, { 'a.yaml': owner, 'b.yaml': noNs }))).toEqual([]);
    });
  });
});
