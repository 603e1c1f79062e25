import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'access-log-disabled';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const log = (value: string) => ingress({ annotations: { 'enable-access-log': value } });

describe('access-log-disabled', () => {
  it('enable-access-log: "false" added → introduced, medium, on the annotation line', () => {
    const head = log('"false"');
    const [f, ...rest] = findings(auditYaml(ingress(), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'medium',
      line: lineOf(head, 'enable-access-log'),
      host: 'shop.example.com',
    });
  });

  it('one finding per host of the Ingress', () => {
    const head = ingress({
      annotations: { 'enable-access-log': '"false"' },
      rules: [
        { host: 'shop.example.com', paths: [{ path: '/' }, { path: '/api' }] },
        { host: 'www.example.com' },
      ],
    });
    expect(raised(auditYaml(undefined, head), ID).map((f) => f.host)).toEqual([
      'shop.example.com',
      'www.example.com',
    ]);
  });

  it('scan: access log off → present', () => {
    expect(raised(auditYaml(undefined, log('false')), ID)).toMatchObject([{ status: 'present' }]);
  });

  it('kept off, requoted → preexisting; turned back on → resolved', () => {
    expect(findings(auditYaml(log('false'), log('"false"')))).toMatchObject([{ status: 'preexisting' }]);
    expect(findings(auditYaml(log('false'), log('"true"')))).toMatchObject([{ status: 'resolved' }]);
  });

  it('does not fire when logging is on or left at the default', () => {
    expect(findings(auditYaml(ingress(), log('"true"')))).toEqual([]);
    expect(findings(auditYaml(undefined, ingress()))).toEqual([]);
  });
});
