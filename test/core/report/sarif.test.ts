import { describe, expect, it } from 'vitest';
import { buildSarifLog, FINGERPRINT_KEY, renderSarif } from '../../../src/core/report/sarif.ts';
import { finding, result, ruleMeta, waiver } from './factory.ts';

const metas = [
  ruleMeta(),
  ruleMeta({
    id: 'auth-removed',
    severity: 'critical',
    title: 'Authentication removed',
    kinds: ['Ingress', 'HTTPRoute'],
  }),
  ruleMeta({ id: 'default-namespace', severity: 'low', title: 'Object in default namespace' }),
];

const sample = result({
  findings: [
    finding({
      ruleId: 'auth-removed',
      severity: 'critical',
      status: 'introduced',
      line: 4,
      fingerprint: 'aaa',
    }),
    finding({ ruleId: 'tls-removed', severity: 'high', status: 'worsened', fingerprint: 'bbb' }),
    finding({ ruleId: 'default-namespace', severity: 'low', status: 'preexisting', fingerprint: 'ccc' }),
    finding({ ruleId: 'tls-removed', severity: 'medium', status: 'resolved', fingerprint: 'ddd' }),
    finding({
      ruleId: 'tls-removed',
      severity: 'high',
      status: 'introduced',
      fingerprint: 'eee',
      waived: waiver(),
    }),
    finding({
      ruleId: 'unknown-rule',
      severity: 'info',
      status: 'introduced',
      fingerprint: 'fff',
      file: 'dir with space/x.yaml',
    }),
  ],
});

const options = {
  toolVersion: '1.2.3',
  informationUri: 'https://github.com/acme/ingress-audit',
  ruleMeta: metas,
  docsBaseUrl: 'https://github.com/acme/ingress-audit/blob/v1/',
};

describe('SARIF 2.1.0', () => {
  const log = buildSarifLog(sample, options);
  const run = log.runs[0];

  it('has the sarifLog top-level keys', () => {
    expect(Object.keys(log)).toEqual(['$schema', 'version', 'runs']);
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-2\.1\.0/);
    expect(Object.keys(run)).toEqual(['tool', 'results']);
  });

  it('describes the driver and every rule (sorted, plus unknown rules from results)', () => {
    const d = run.tool.driver;
    expect(d).toMatchObject({
      name: 'ingress-audit',
      version: '1.2.3',
      informationUri: 'https://github.com/acme/ingress-audit',
    });
    expect(d.rules.map((r) => r.id)).toEqual([
      'auth-removed',
      'default-namespace',
      'tls-removed',
      'unknown-rule',
    ]);
    const auth = d.rules[0];
    expect(Object.keys(auth)).toEqual([
      'id',
      'name',
      'shortDescription',
      'fullDescription',
      'help',
      'defaultConfiguration',
      'properties',
      'helpUri',
    ]);
    expect(auth.name).toBe('AuthRemoved');
    expect(auth.shortDescription.text).toBe('Authentication removed');
    expect(auth.help.markdown).toContain('**Fix:**');
    expect(auth.help.text).toContain('Fix: Restore the tls entry');
    expect(auth.defaultConfiguration.level).toBe('error');
    expect(auth.properties['security-severity']).toBe('9.5');
    expect(auth.properties.tags).toEqual(['security', 'kubernetes', 'ingress', 'httproute']);
    expect(auth.helpUri).toBe('https://github.com/acme/ingress-audit/blob/v1/docs/rules/auth-removed.md');
    expect(d.rules[1].properties['security-severity']).toBe('3.0');
    expect(d.rules[1].defaultConfiguration.level).toBe('note');
  });

  it('maps results: ruleIndex, level, message, location, fingerprint, baselineState', () => {
    const byFp = new Map(run.results.map((r) => [r.partialFingerprints[FINGERPRINT_KEY], r]));
    const auth = byFp.get('aaa')!;
    expect(auth).toMatchObject({
      ruleId: 'auth-removed',
      ruleIndex: 0,
      level: 'error',
      message: { text: 'host shop.example.com lost TLS' },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: 'apps/shop/ingress.yaml' }, region: { startLine: 4 } },
        },
      ],
      baselineState: 'new',
    });
    expect(byFp.get('bbb')?.baselineState).toBe('updated');
    expect(byFp.get('ccc')?.baselineState).toBe('unchanged');
    expect(byFp.get('ccc')?.level).toBe('note');
    for (const r of run.results) expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
  });

  it('leaves resolved findings out', () => {
    expect(run.results.map((r) => r.partialFingerprints[FINGERPRINT_KEY]).sort()).toEqual([
      'aaa',
      'bbb',
      'ccc',
      'eee',
      'fff',
    ]);
  });

  it('suppresses waived findings with a justification', () => {
    const waived = run.results.find((r) => r.partialFingerprints[FINGERPRINT_KEY] === 'eee');
    expect(waived?.suppressions).toEqual([
      {
        kind: 'external',
        status: 'accepted',
        justification: 'TLS terminates at the CDN (by alice, expires 2027-01-31)',
      },
    ]);
    const inline = buildSarifLog(
      result({ findings: [finding({ waived: waiver({ source: 'inline' }) })] }),
      options,
    );
    expect(inline.runs[0].results[0].suppressions?.[0].kind).toBe('inSource');
  });

  it('percent-encodes paths into URI references', () => {
    const r = run.results.find((x) => x.ruleId === 'unknown-rule');
    expect(r?.locations[0].physicalLocation.artifactLocation.uri).toBe('dir%20with%20space/x.yaml');
  });

  it('omits baselineState for present findings (scan mode)', () => {
    const scan = buildSarifLog(result({ mode: 'scan', findings: [finding({ status: 'present' })] }), options);
    expect(scan.runs[0].results[0]).not.toHaveProperty('baselineState');
  });

  it('uses only key names from the SARIF 2.1.0 schema (outside property bags)', () => {
    const known = new Set([
      '$schema',
      'version',
      'runs',
      'tool',
      'driver',
      'name',
      'informationUri',
      'rules',
      'id',
      'shortDescription',
      'fullDescription',
      'help',
      'helpUri',
      'text',
      'markdown',
      'defaultConfiguration',
      'level',
      'properties',
      'results',
      'ruleId',
      'ruleIndex',
      'message',
      'locations',
      'physicalLocation',
      'artifactLocation',
      'uri',
      'region',
      'startLine',
      'partialFingerprints',
      'baselineState',
      'suppressions',
      'kind',
      'status',
      'justification',
    ]);
    const walk = (value: unknown): void => {
      if (Array.isArray(value)) {
        for (const item of value) walk(item);
        return;
      }
      if (value === null || typeof value !== 'object') return;
      for (const [key, child] of Object.entries(value)) {
        expect(known, `unexpected SARIF key ${key}`).toContain(key);
        if (key !== 'properties' && key !== 'partialFingerprints') walk(child);
      }
    };
    walk(log);
  });

  it('renders as JSON text and redacts credentials', () => {
    const text = renderSarif(result({ findings: [finding({ message: 'https://u:pw123@x.io' })] }), options);
    expect(JSON.parse(text).version).toBe('2.1.0');
    expect(text).not.toContain('pw123');
  });
});
