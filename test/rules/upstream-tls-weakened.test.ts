import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'upstream-tls-weakened';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const upstream = (annotations: Record<string, string>) => ingress({ annotations });

describe('upstream-tls-weakened', () => {
  it('backend-protocol HTTPS → HTTP → introduced, medium, on the annotation line', () => {
    const head = upstream({ 'backend-protocol': 'HTTP' });
    const [f, ...rest] = findings(auditYaml(upstream({ 'backend-protocol': 'HTTPS' }), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'medium',
      line: lineOf(head, 'backend-protocol'),
    });
    expect(f.message).toContain('HTTPS → HTTP');
  });

  it('backend-protocol GRPCS removed → plain', () => {
    expect(findings(auditYaml(upstream({ 'backend-protocol': 'GRPCS' }), upstream({})))).toMatchObject([
      { status: 'introduced' },
    ]);
  });

  it('proxy-ssl-verify on → off → introduced', () => {
    const base = upstream({ 'backend-protocol': 'HTTPS', 'proxy-ssl-verify': '"on"' });
    const head = upstream({ 'backend-protocol': 'HTTPS', 'proxy-ssl-verify': '"off"' });
    const [f] = findings(auditYaml(base, head));
    expect(f.message).toContain('no longer verifies');
    expect(f.line).toBe(lineOf(head, 'proxy-ssl-verify'));
  });

  it('protocol dropped and verification lost together → one finding (the protocol)', () => {
    const base = upstream({ 'backend-protocol': 'HTTPS', 'proxy-ssl-verify': '"on"' });
    const found = findings(auditYaml(base, upstream({})));
    expect(found).toHaveLength(1);
    expect(found[0].message).toContain('no longer encrypted');
  });

  it('ssl-passthrough added → introduced, critical', () => {
    const head = upstream({ 'ssl-passthrough': '"true"' });
    const [f] = findings(auditYaml(upstream({ 'backend-protocol': 'HTTPS' }), head));
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'critical',
      line: lineOf(head, 'ssl-passthrough'),
    });
    expect(f.message).toContain('bypassing authentication');
  });

  it('scan: ssl-passthrough → present, critical', () => {
    expect(raised(auditYaml(undefined, upstream({ 'ssl-passthrough': 'true' })), ID)).toMatchObject([
      { status: 'present', severity: 'critical' },
    ]);
  });

  describe('does not fire', () => {
    const cases: [string, string, string][] = [
      ['HTTP → HTTPS', upstream({}), upstream({ 'backend-protocol': 'HTTPS' })],
      [
        'verification turned on',
        upstream({ 'backend-protocol': 'HTTPS' }),
        upstream({ 'backend-protocol': 'HTTPS', 'proxy-ssl-verify': 'on' }),
      ],
      [
        'annotations reordered and requoted',
        upstream({ 'backend-protocol': 'HTTPS', 'proxy-ssl-verify': '"on"' }),
        upstream({ 'proxy-ssl-verify': 'on', 'backend-protocol': '"HTTPS"' }),
      ],
      ['plain HTTP kept', upstream({ 'backend-protocol': 'HTTP' }), upstream({})],
    ];
    it.each(cases)('%s', (_name, base, head) => {
      expect(raised(auditYaml(base, head), ID)).toEqual([]);
    });
  });
});
