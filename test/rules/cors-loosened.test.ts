import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'cors-loosened';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const cors = (extra: Record<string, string> = {}) =>
  ingress({ annotations: { 'enable-cors': '"true"', ...extra } });

describe('cors-loosened', () => {
  it('enable-cors alone (origin * and credentials by default) → introduced, medium, on the enable-cors line', () => {
    const head = cors();
    const [f, ...rest] = findings(auditYaml(ingress(), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ status: 'introduced', severity: 'medium', line: lineOf(head, 'enable-cors') });
    expect(f.message).toContain('any origin (*) with credentials');
  });

  it('an explicit * without credentials fires without mentioning credentials', () => {
    const [f] = findings(
      auditYaml(undefined, cors({ 'cors-allow-origin': '"*"', 'cors-allow-credentials': '"false"' })),
    );
    expect(f.status).toBe('present');
    expect(f.message).not.toContain('credentials');
  });

  it('credentials turned on for an existing * origin → worsened', () => {
    const base = cors({ 'cors-allow-credentials': '"false"' });
    expect(findings(auditYaml(base, cors()))).toMatchObject([{ status: 'worsened' }]);
  });

  it('a named origin widened to * → introduced', () => {
    const base = cors({ 'cors-allow-origin': '"https://app.example.com"' });
    expect(findings(auditYaml(base, cors()))).toMatchObject([{ status: 'introduced' }]);
  });

  it('a wildcard subdomain origin with credentials → present in scan', () => {
    const [f] = raised(auditYaml(undefined, cors({ 'cors-allow-origin': '"https://*.example.com"' })), ID);
    expect(f.message).toContain('https://*.example.com');
  });

  it('* in a list of origins still fires', () => {
    expect(
      findings(auditYaml(undefined, cors({ 'cors-allow-origin': '"https://a.example.com, *"' }))),
    ).toHaveLength(1);
  });

  it('an open CORS policy kept → preexisting', () => {
    const result = auditYaml(cors(), ingress({ annotations: { 'enable-cors': 'true' } }));
    expect(raised(result, ID)).toEqual([]);
    expect(findings(result)).toMatchObject([{ status: 'preexisting' }]);
  });

  describe('does not fire', () => {
    const cases: [string, string][] = [
      [
        'named origins',
        cors({ 'cors-allow-origin': '"https://app.example.com, https://admin.example.com"' }),
      ],
      [
        'a wildcard subdomain without credentials',
        cors({ 'cors-allow-origin': '"https://*.example.com"', 'cors-allow-credentials': '"false"' }),
      ],
      ['CORS disabled', ingress({ annotations: { 'enable-cors': '"false"', 'cors-allow-origin': '"*"' } })],
    ];
    it.each(cases)('%s', (_name, head) => {
      expect(findings(auditYaml(undefined, head))).toEqual([]);
    });
  });
});
