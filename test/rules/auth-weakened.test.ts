import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'auth-weakened';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const mtls = (verify?: string) =>
  ingress({
    annotations: {
      'auth-tls-secret': 'shop/client-ca',
      ...(verify ? { 'auth-tls-verify-client': verify } : {}),
    },
  });
const basic = (extra: Record<string, string> = {}) =>
  ingress({ annotations: { 'auth-type': 'basic', 'auth-secret': 'shop/htpasswd', ...extra } });
const external = (url: string) => ingress({ annotations: { 'auth-url': `"${url}"` } });

describe('auth-weakened', () => {
  it('client certificates made optional → introduced, high, on the verify-client line', () => {
    const head = mtls('optional');
    const [f, ...rest] = findings(auditYaml(mtls(), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'high',
      line: lineOf(head, 'auth-tls-verify-client'),
      host: 'shop.example.com',
      path: '/',
    });
    expect(f.message).toContain('optional');
  });

  it('optional → off is a different weakness: the old one resolves, the new one is introduced', () => {
    const statuses = findings(auditYaml(mtls('optional'), mtls('"off"')))
      .map((f) => f.status)
      .sort();
    expect(statuses).toEqual(['introduced', 'resolved']);
  });

  it('satisfy: any on basic auth → introduced on the satisfy line', () => {
    const head = basic({ satisfy: 'any' });
    expect(findings(auditYaml(basic(), head))).toMatchObject([
      { status: 'introduced', line: lineOf(head, 'satisfy') },
    ]);
  });

  it('one finding per host and weakness, however many paths the host has', () => {
    const head = ingress({
      annotations: { 'auth-tls-secret': 'shop/client-ca', 'auth-tls-verify-client': 'optional' },
      rules: [
        { host: 'shop.example.com', paths: [{ path: '/' }, { path: '/api' }] },
        { host: 'www.example.com' },
      ],
    });
    const found = findings(auditYaml(undefined, head)).sort((a, b) => a.host!.localeCompare(b.host!));
    expect(found.map((f) => [f.host, f.path])).toEqual([
      ['shop.example.com', null],
      ['www.example.com', '/'],
    ]);
    expect(found[0].message).toContain('shop.example.com (paths /, /api)');
  });

  it('satisfy: any weakening two mechanisms is reported once per route', () => {
    const head = ingress({
      annotations: {
        'auth-type': 'basic',
        'auth-secret': 'shop/htpasswd',
        'auth-tls-secret': 'shop/ca',
        satisfy: 'any',
      },
    });
    expect(findings(auditYaml(undefined, head))).toHaveLength(1);
  });

  it('enable-global-auth: "false" → introduced (opt-out of the controller-wide auth)', () => {
    const head = ingress({ annotations: { 'enable-global-auth': '"false"' } });
    const [f] = findings(auditYaml(ingress(), head));
    expect(f).toMatchObject({ status: 'introduced', line: lineOf(head, 'enable-global-auth') });
  });

  it('an external auth URL moved to another domain → introduced, naming both hosts', () => {
    const head = external('https://auth.attacker.net/check');
    const [f] = findings(auditYaml(external('https://auth.example.com/check'), head));
    expect(f).toMatchObject({ status: 'introduced', severity: 'high', line: lineOf(head, 'auth-url') });
    expect(f.message).toContain('auth.attacker.net instead of auth.example.com');
  });

  it('an external auth URL moved from https to plain http outside the cluster → one finding', () => {
    const found = findings(
      auditYaml(external('https://auth.example.com/check'), external('http://auth.example.com/check')),
    );
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('plain HTTP');
  });

  it('an external auth URL moved from https to in-cluster http → introduced', () => {
    const found = findings(
      auditYaml(
        external('https://oauth2-proxy.auth.svc.cluster.local/oauth2/auth'),
        external('http://oauth2-proxy.auth.svc.cluster.local/oauth2/auth'),
      ),
    );
    expect(found).toMatchObject([{ status: 'introduced' }]);
    expect(found[0].message).toContain('over plain HTTP');
  });

  it('scan: optional client certificates → present', () => {
    expect(raised(auditYaml(undefined, mtls('optional_no_ca')), ID)).toMatchObject([{ status: 'present' }]);
  });

  it('a weakness that was already there → preexisting', () => {
    const result = auditYaml(mtls('optional'), mtls('"optional"'));
    expect(raised(result, ID)).toEqual([]);
    expect(findings(result)).toMatchObject([{ status: 'preexisting' }]);
  });

  it('the weakness removed → resolved', () => {
    expect(findings(auditYaml(basic({ satisfy: 'any' }), basic()))).toMatchObject([{ status: 'resolved' }]);
  });

  describe('does not fire', () => {
    const cases: [string, string, string][] = [
      ['verify-client set to on explicitly', mtls(), mtls('"on"')],
      [
        'auth URL moved within the same domain',
        external('https://auth.example.com/a'),
        external('https://sso.example.com/b'),
      ],
      [
        'auth URL moved within a country-code domain',
        external('https://a.example.co.uk/x'),
        external('https://b.example.co.uk/x'),
      ],
      [
        'auth URL requoted',
        external('https://auth.example.com/a'),
        ingress({ annotations: { 'auth-url': 'https://auth.example.com/a' } }),
      ],
      ['satisfy: any without any authentication', ingress(), ingress({ annotations: { satisfy: 'any' } })],
      ['authentication removed (auth-removed reports it)', basic(), ingress()],
    ];
    it.each(cases)('%s', (_name, base, head) => {
      expect(raised(auditYaml(base, head), ID)).toEqual([]);
    });
  });

  it('an auth URL moved from one .co.uk site to another fires', () => {
    expect(
      findings(auditYaml(external('https://a.example.co.uk/x'), external('https://a.other.co.uk/x'))),
    ).toHaveLength(1);
  });
});
