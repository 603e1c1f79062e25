import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'source-range-widened';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const allow = (value: string, extra: Record<string, string> = {}) =>
  ingress({ annotations: { 'allowlist-source-range': value, ...extra } });

describe('source-range-widened', () => {
  it('widens a /24 to a /8 → worsened, high, names the new and old ranges on the annotation line', () => {
    const head = allow('10.0.0.0/8');
    const [f, ...rest] = findings(auditYaml(allow('10.0.1.0/24'), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'worsened',
      severity: 'high',
      line: lineOf(head, 'allowlist-source-range'),
      host: 'shop.example.com',
      path: '/',
    });
    expect(f.message).toContain('now allows 10.0.0.0/8 (was 10.0.1.0/24)');
  });

  it('adds a second, disjoint range → worsened, naming only the range newly let in', () => {
    const [f] = findings(auditYaml(allow('10.0.1.0/24'), allow('"10.0.1.0/24, 192.168.0.0/16"')));
    expect(f.status).toBe('worsened');
    expect(f.message).toContain('now allows 192.168.0.0/16 (was 10.0.1.0/24)');
  });

  it('one finding per host, listing the paths, however many paths share the allowlist', () => {
    const paths = { rules: [{ host: 'shop.example.com', paths: [{ path: '/' }, { path: '/admin' }] }] };
    const base = ingress({ annotations: { 'allowlist-source-range': '10.0.1.0/24' }, ...paths });
    const head = ingress({ annotations: { 'allowlist-source-range': '10.0.0.0/8' }, ...paths });
    const found = findings(auditYaml(base, head));
    expect(found).toMatchObject([{ status: 'worsened', host: 'shop.example.com', path: null }]);
    expect(found[0].message).toMatch(/^shop\.example\.com \(paths \/, \/admin\) now allows 10\.0\.0\.0\/8/);
  });

  it('adding a path to a host with an any-address allowlist keeps the finding preexisting', () => {
    const base = allow('0.0.0.0/0');
    const head = ingress({
      annotations: { 'allowlist-source-range': '0.0.0.0/0' },
      rules: [{ host: 'shop.example.com', paths: [{ path: '/' }, { path: '/api' }] }],
    });
    expect(findings(auditYaml(base, head))).toMatchObject([{ status: 'preexisting' }]);
  });

  it('removes the allowlist → critical, every address may connect', () => {
    const head = ingress({ annotations: { 'ssl-redirect': '"true"' } });
    const [f] = findings(auditYaml(allow('10.0.1.0/24'), head));
    expect(f).toMatchObject({ status: 'introduced', severity: 'critical' });
    expect(f.message).toMatch(/any address.*10\.0\.1\.0\/24.*removed/);
  });

  it('empties the allowlist value → critical like a removal', () => {
    expect(findings(auditYaml(allow('10.0.1.0/24'), allow('""')))).toMatchObject([{ severity: 'critical' }]);
  });

  it('replaces a list with 0.0.0.0/0 → introduced, critical, once', () => {
    const head = allow('0.0.0.0/0');
    expect(findings(auditYaml(allow('10.0.1.0/24'), head))).toMatchObject([
      { status: 'introduced', severity: 'critical', line: lineOf(head, 'allowlist-source-range') },
    ]);
  });

  it('scan: an allowlist containing ::/0 → present, critical', () => {
    const [f] = raised(auditYaml(undefined, allow('"10.0.0.0/8,::/0"')), ID);
    expect(f).toMatchObject({ status: 'present', severity: 'critical' });
    expect(f.message).toContain('::/0');
  });

  it('an explicit 0.0.0.0/0 that gains ::/0 → worsened', () => {
    expect(findings(auditYaml(allow('0.0.0.0/0'), allow('"0.0.0.0/0,::/0"')))).toMatchObject([
      { status: 'worsened' },
    ]);
  });

  it('an explicit 0.0.0.0/0 kept → preexisting, not raised', () => {
    const result = auditYaml(allow('0.0.0.0/0'), allow('"0.0.0.0/0"'));
    expect(raised(result, ID)).toEqual([]);
    expect(findings(result)).toMatchObject([{ status: 'preexisting' }]);
  });

  it('the legacy whitelist-source-range key is judged the same way', () => {
    const base = ingress({ annotations: { 'whitelist-source-range': '10.0.1.0/24' } });
    const head = ingress({ annotations: { 'whitelist-source-range': '10.0.0.0/16' } });
    expect(findings(auditYaml(base, head))).toMatchObject([{ status: 'worsened' }]);
  });

  it('a removed denylist → high, names the addresses no longer blocked', () => {
    const base = ingress({ annotations: { 'denylist-source-range': '203.0.113.0/24' } });
    const [f] = findings(auditYaml(base, ingress()));
    expect(f).toMatchObject({ status: 'introduced', severity: 'high' });
    expect(f.message).toContain('no longer blocks 203.0.113.0/24');
  });

  it('a shrunk denylist → worsened', () => {
    const base = ingress({ annotations: { 'denylist-source-range': '"203.0.113.0/24,198.51.100.0/24"' } });
    const head = ingress({ annotations: { 'denylist-source-range': '203.0.113.0/24' } });
    const [f] = findings(auditYaml(base, head));
    expect(f.status).toBe('worsened');
    expect(f.message).toContain('no longer blocks 198.51.100.0/24');
  });

  it('reports the route a host moved to, when the new object dropped the allowlist', () => {
    const base = allow('10.0.1.0/24');
    const head = ingress({ name: 'web-v2' });
    const found = raised(auditYaml(base, head), ID);
    expect(found).toMatchObject([{ severity: 'critical', object: { name: 'web-v2' } }]);
  });

  describe('benign changes do not fire', () => {
    const cases: [string, string, string][] = [
      ['two /25s merged into their /24', allow('"10.0.1.0/25,10.0.1.128/25"'), allow('10.0.1.0/24')],
      ['ranges reordered', allow('"10.0.0.0/8,192.168.0.0/16"'), allow('"192.168.0.0/16, 10.0.0.0/8"')],
      ['the value requoted', allow('10.0.0.0/8'), allow('"10.0.0.0/8"')],
      ['the allowlist narrowed', allow('10.0.0.0/8'), allow('10.1.0.0/16')],
      ['an allowlist added', ingress(), allow('10.0.0.0/8')],
      ['no allowlist at base or head', ingress(), ingress({ annotations: { 'proxy-body-size': '8m' } })],
      [
        'annotations reordered',
        allow('10.0.0.0/8', { 'ssl-redirect': '"true"' }),
        ingress({ annotations: { 'ssl-redirect': '"true"', 'allowlist-source-range': '10.0.0.0/8' } }),
      ],
    ];
    it.each(cases)('%s', (_name, base, head) => {
      expect(raised(auditYaml(base, head), ID)).toEqual([]);
    });
  });

  it('scan: a narrow allowlist or none is not a finding', () => {
    expect(findings(auditYaml(undefined, `${allow('10.0.0.0/8')}---\n${ingress({ name: 'open' })}`))).toEqual(
      [],
    );
  });
});
