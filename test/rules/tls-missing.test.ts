import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'tls-missing';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const secured = ingress({ tls: ['shop.example.com'] });

describe('tls-missing', () => {
  it('a new Ingress whose host has no TLS → introduced, medium, on the host line', () => {
    const api = ingress({ name: 'api', rules: [{ host: 'api.example.com' }] });
    const [f, ...rest] = findings(auditYaml({ 'a.yaml': secured }, { 'a.yaml': secured, 'b.yaml': api }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'medium',
      file: 'b.yaml',
      line: lineOf(api, 'host: "api.example.com"'),
      host: 'api.example.com',
    });
  });

  it('a second host added to an Ingress without TLS → introduced for that host only', () => {
    const base = ingress();
    const head = ingress({ rules: [{ host: 'shop.example.com' }, { host: 'www.example.com' }] });
    const result = auditYaml(base, head);
    expect(raised(result, ID)).toMatchObject([{ host: 'www.example.com', status: 'introduced' }]);
    expect(findings(result).find((f) => f.host === 'shop.example.com')?.status).toBe('preexisting');
  });

  it('a host-less rule counts as a host → the finding says every host', () => {
    const [f] = raised(auditYaml(undefined, ingress({ rules: [{ paths: [{ path: '/' }] }] })), ID);
    expect(f).toMatchObject({ status: 'present', host: null });
    expect(f.message).toContain('every host name');
  });

  it('scan: a host without TLS → present', () => {
    expect(raised(auditYaml(undefined, ingress()), ID)).toMatchObject([
      { status: 'present', host: 'shop.example.com' },
    ]);
  });

  it('a host without TLS that moved to another Ingress → preexisting, not introduced', () => {
    const result = auditYaml(ingress({ name: 'old' }), ingress({ name: 'new' }));
    expect(raised(result, ID)).toEqual([]);
  });

  it('TLS added → resolved', () => {
    expect(findings(auditYaml(ingress(), secured))).toMatchObject([{ status: 'resolved' }]);
  });

  describe('does not fire', () => {
    it('for a host covered by TLS', () => {
      expect(findings(auditYaml(undefined, secured))).toEqual([]);
    });
    it('for a host covered by a one-label wildcard', () => {
      expect(findings(auditYaml(undefined, ingress({ tls: ['*.example.com'] })))).toEqual([]);
    });
    it('for a host left out of an existing tls section (tls-host-mismatch reports it)', () => {
      const head = ingress({
        tls: ['shop.example.com'],
        rules: [{ host: 'shop.example.com' }, { host: 'api.example.com' }],
      });
      const result = auditYaml(secured, head);
      expect(findings(result)).toEqual([]);
      expect(raised(result, 'tls-host-mismatch')).toHaveLength(1);
    });
  });
});
