import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'waf-disabled';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const waf = (annotations: Record<string, string>) => ingress({ annotations });
const CRS = { 'enable-modsecurity': '"true"', 'enable-owasp-core-rules': '"true"' };
const DETECT = { 'enable-modsecurity': '"true"' };

describe('waf-disabled', () => {
  it('ModSecurity turned off → introduced, high, on the enable-modsecurity line', () => {
    const head = waf({ ...CRS, 'enable-modsecurity': '"false"' });
    const [f, ...rest] = findings(auditYaml(waf(CRS), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'high',
      line: lineOf(head, 'enable-modsecurity'),
    });
    expect(f.message).toContain('turned off (was blocking');
  });

  it('the WAF annotations removed → introduced, pointing at the host', () => {
    const head = waf({});
    const [f] = findings(auditYaml(waf(CRS), head));
    expect(f).toMatchObject({ status: 'introduced', line: lineOf(head, 'host: "shop.example.com"') });
    expect(f.message).toContain('no longer configured');
  });

  it('OWASP CRS removed (blocking → detection-only) → worsened', () => {
    expect(findings(auditYaml(waf(CRS), waf(DETECT)))).toMatchObject([{ status: 'worsened' }]);
  });

  it('detection-only removed → introduced', () => {
    expect(findings(auditYaml(waf(DETECT), waf({})))).toMatchObject([{ status: 'introduced' }]);
  });

  it('a blocking SecRuleEngine snippet replaced by plain detection → fires', () => {
    const base = waf({ ...DETECT, 'modsecurity-snippet': '"SecRuleEngine On"' });
    expect(raised(auditYaml(base, waf(DETECT)), ID)).toHaveLength(1);
  });

  describe('does not fire', () => {
    const cases: [string, string, string | undefined][] = [
      [
        'annotations reordered and requoted',
        waf(CRS),
        waf({ 'enable-owasp-core-rules': 'true', 'enable-modsecurity': 'true' }),
      ],
      ['detection-only upgraded to blocking', waf(DETECT), waf(CRS)],
      ['a route that never had a WAF', waf({}), waf({ 'proxy-body-size': '1m' })],
      ['scan mode (nothing changed)', waf({ 'enable-modsecurity': '"false"' }), undefined],
    ];
    it.each(cases)('%s', (_name, a, b) => {
      const result = b === undefined ? auditYaml(undefined, a) : auditYaml(a, b);
      expect(findings(result)).toEqual([]);
    });
  });
});
