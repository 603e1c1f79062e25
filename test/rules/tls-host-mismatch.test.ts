import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'tls-host-mismatch';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const hosts = (...names: string[]) => names.map((host) => ({ host }));

describe('tls-host-mismatch', () => {
  it('a rule host added without a tls entry → introduced, medium, on that host line', () => {
    const base = ingress({ tls: ['shop.example.com'] });
    const head = ingress({ tls: ['shop.example.com'], rules: hosts('shop.example.com', 'api.example.com') });
    const [f, ...rest] = findings(auditYaml(base, head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'medium',
      host: 'api.example.com',
      line: lineOf(head, 'host: "api.example.com"'),
    });
    expect(f.message).toContain('shop.example.com');
  });

  it('a one-label wildcard does not cover a two-label subdomain (scan: present)', () => {
    const head = ingress({ tls: ['*.example.com'], rules: hosts('eu.shop.example.com', 'shop.example.com') });
    expect(raised(auditYaml(undefined, head), ID)).toMatchObject([
      { status: 'present', host: 'eu.shop.example.com' },
    ]);
  });

  it('a rule wildcard is covered only by the same wildcard', () => {
    const uncovered = ingress({ tls: ['a.example.com'], rules: hosts('*.example.com') });
    const covered = ingress({ tls: ['*.example.com'], rules: hosts('*.example.com') });
    expect(findings(auditYaml(undefined, uncovered))).toHaveLength(1);
    expect(findings(auditYaml(undefined, covered))).toEqual([]);
  });

  it('compares hosts case-insensitively', () => {
    expect(
      findings(
        auditYaml(undefined, ingress({ tls: ['SHOP.example.com'], rules: hosts('shop.EXAMPLE.com') })),
      ),
    ).toEqual([]);
  });

  it('a mismatch kept → preexisting; fixed → resolved', () => {
    const bad = ingress({ tls: ['www.example.com'] });
    expect(findings(auditYaml(bad, bad))).toMatchObject([{ status: 'preexisting' }]);
    expect(findings(auditYaml(bad, ingress({ tls: ['shop.example.com'] })))).toMatchObject([
      { status: 'resolved' },
    ]);
  });

  describe('does not fire', () => {
    it('without a tls section (tls-missing territory)', () => {
      expect(findings(auditYaml(undefined, ingress()))).toEqual([]);
    });
    it('for a host-less rule', () => {
      expect(findings(auditYaml(undefined, ingress({ tls: ['shop.example.com'], rules: [{}] })))).toEqual([]);
    });
    it('for a tls entry without hosts (the controller default applies to every host)', () => {
      const yaml = ingress({ tls: ['x'] }).replace(
        '    - hosts: ["x"]\n      secretName',
        '    - secretName',
      );
      expect(findings(auditYaml(undefined, yaml))).toEqual([]);
    });
  });
});
