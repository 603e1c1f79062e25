import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'rate-limit-removed';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const limited = (annotations: Record<string, string>) => ingress({ annotations });

describe('rate-limit-removed', () => {
  it('limit-rps removed → introduced, low, naming the old rate', () => {
    const head = limited({ 'proxy-body-size': '1m' });
    const [f, ...rest] = findings(auditYaml(limited({ 'limit-rps': '"10"' }), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'low',
      line: lineOf(head, 'host: "shop.example.com"'),
    });
    expect(f.message).toContain('was 10 requests/s');
  });

  it('limit-rps raised tenfold → worsened, on the annotation line', () => {
    const head = limited({ 'limit-rps': '"100"' });
    const [f] = findings(auditYaml(limited({ 'limit-rps': '"10"' }), head));
    expect(f).toMatchObject({ status: 'worsened', line: lineOf(head, 'limit-rps') });
    expect(f.message).toContain('from 10 requests/s to 100 requests/s');
  });

  it('limit-rpm 60 → limit-rps 5 is raised more than 2x (1 → 5 per second)', () => {
    expect(
      findings(auditYaml(limited({ 'limit-rpm': '"60"' }), limited({ 'limit-rps': '"5"' }))),
    ).toMatchObject([{ status: 'worsened' }]);
  });

  it('limit-connections removed while the request limit stays → one finding about connections', () => {
    const base = limited({ 'limit-rps': '"10"', 'limit-connections': '"5"' });
    const [f, ...rest] = findings(auditYaml(base, limited({ 'limit-rps': '"10"' })));
    expect(rest).toEqual([]);
    expect(f.message).toContain('concurrent connections');
  });

  it('slow per-minute limits are shown per minute', () => {
    const [f] = findings(auditYaml(limited({ 'limit-rpm': '"6"' }), limited({})));
    expect(f.message).toContain('6 requests/min');
  });

  describe('does not fire', () => {
    const cases: [string, string, string][] = [
      ['the same rate in another unit', limited({ 'limit-rps': '"2"' }), limited({ 'limit-rpm': '"120"' })],
      ['exactly doubled', limited({ 'limit-rps': '"10"' }), limited({ 'limit-rps': '"20"' })],
      ['lowered', limited({ 'limit-rps': '"10"' }), limited({ 'limit-rps': '"1"' })],
      ['requoted', limited({ 'limit-rps': '"10"' }), limited({ 'limit-rps': '10' })],
      ['a limit added', limited({}), limited({ 'limit-rps': '"10"' })],
    ];
    it.each(cases)('%s', (_name, base, head) => {
      expect(raised(auditYaml(base, head), ID)).toEqual([]);
    });
    it('in scan mode', () => {
      expect(findings(auditYaml(undefined, limited({})))).toEqual([]);
    });
  });
});
