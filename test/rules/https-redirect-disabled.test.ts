import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'https-redirect-disabled';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const TLS = ['shop.example.com'];

describe('https-redirect-disabled', () => {
  it('ssl-redirect: "false" on a TLS host → introduced, high, on the annotation line', () => {
    const head = ingress({ tls: TLS, annotations: { 'ssl-redirect': '"false"' } });
    const [f, ...rest] = findings(auditYaml(ingress({ tls: TLS }), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'high',
      line: lineOf(head, 'ssl-redirect'),
      host: 'shop.example.com',
    });
  });

  it('one finding per host, however many paths the host has', () => {
    const head = ingress({
      tls: TLS,
      annotations: { 'ssl-redirect': '"false"' },
      rules: [{ host: 'shop.example.com', paths: [{ path: '/' }, { path: '/api' }] }],
    });
    expect(raised(auditYaml(undefined, head), ID)).toHaveLength(1);
  });

  it('force-ssl-redirect removed from a host without TLS → introduced', () => {
    const base = ingress({ annotations: { 'force-ssl-redirect': '"true"' } });
    const head = ingress({ annotations: { 'proxy-body-size': '1m' } });
    const [f] = findings(auditYaml(base, head));
    expect(f).toMatchObject({ status: 'introduced', host: 'shop.example.com' });
    expect(f.message).toContain('force-ssl-redirect');
  });

  it('scan: ssl-redirect off on a TLS host → present', () => {
    const head = ingress({ tls: TLS, annotations: { 'ssl-redirect': 'false' } });
    expect(raised(auditYaml(undefined, head), ID)).toMatchObject([{ status: 'present' }]);
  });

  it('force-ssl-redirect replaced by ssl-redirect: "false" where TLS ends upstream → introduced', () => {
    const base = ingress({ annotations: { 'force-ssl-redirect': '"true"' } });
    const head = ingress({ annotations: { 'ssl-redirect': '"false"' } });
    expect(findings(auditYaml(base, head))).toMatchObject([
      { status: 'introduced', line: lineOf(head, 'ssl-redirect') },
    ]);
  });

  it('ssl-redirect off kept, requoted → preexisting', () => {
    const result = auditYaml(
      ingress({ tls: TLS, annotations: { 'ssl-redirect': 'false' } }),
      ingress({ tls: TLS, annotations: { 'ssl-redirect': '"false"' } }),
    );
    expect(raised(result, ID)).toEqual([]);
    expect(findings(result)).toMatchObject([{ status: 'preexisting' }]);
  });

  describe('does not fire', () => {
    it('when TLS itself is removed (tls-removed reports it)', () => {
      const result = auditYaml(ingress({ tls: TLS }), ingress());
      expect(findings(result)).toEqual([]);
      expect(raised(result, 'tls-removed')).toHaveLength(1);
    });
    it('when force-ssl-redirect gives way to the default redirect of a tls section', () => {
      expect(
        findings(
          auditYaml(ingress({ annotations: { 'force-ssl-redirect': '"true"' } }), ingress({ tls: TLS })),
        ),
      ).toEqual([]);
    });
    it('when a host never redirected and says nothing about it', () => {
      expect(findings(auditYaml(ingress(), ingress({ annotations: { 'proxy-body-size': '1m' } })))).toEqual(
        [],
      );
    });
    it('for ssl-redirect: "false" on a host without TLS (nothing to redirect to; tls-missing reports it)', () => {
      expect(findings(auditYaml(undefined, ingress({ annotations: { 'ssl-redirect': '"false"' } })))).toEqual(
        [],
      );
    });
    it('when ssl-redirect: "false" is overridden by force-ssl-redirect', () => {
      const head = ingress({
        tls: TLS,
        annotations: { 'ssl-redirect': '"false"', 'force-ssl-redirect': '"true"' },
      });
      expect(findings(auditYaml(ingress({ tls: TLS }), head))).toEqual([]);
    });
  });
});
