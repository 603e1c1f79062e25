import { describe, expect, it } from 'vitest';
import { renderJson, toJsonReport } from '../../../src/core/report/json.ts';
import { exposure, finding, result, route, waiver } from './factory.ts';

const sample = result({
  risk: { score: 20, level: 'high', basePosture: 0, headPosture: 20 },
  conclusion: 'failure',
  findings: [
    finding({ waived: waiver() }),
    finding({ ruleId: 'auth-removed', severity: 'critical', line: 3 }),
  ],
  notices: [{ file: 'b.yaml', line: 2, message: 'bad' }],
  exposures: { base: [], head: [exposure('shop', [route('shop.example.com', '/', 'shop')])] },
  rawNotices: [{ file: 'b.yaml', line: 2, message: 'bad', kind: 'parse' }],
});

describe('renderJson', () => {
  it('has exactly the CONTRACTS.md keys, in order', () => {
    const report = JSON.parse(renderJson(sample, '1.2.3'));
    expect(Object.keys(report)).toEqual([
      'version',
      'tool',
      'base',
      'head',
      'risk',
      'conclusion',
      'objects',
      'findings',
      'notices',
    ]);
    expect(report.version).toBe(1);
    expect(report.tool).toEqual({ name: 'ingress-audit', version: '1.2.3' });
    expect(Object.keys(report.risk)).toEqual(['score', 'level', 'basePosture', 'headPosture']);
    expect(Object.keys(report.objects[0])).toEqual([
      'kind',
      'apiVersion',
      'namespace',
      'name',
      'file',
      'line',
      'change',
    ]);
    expect(Object.keys(report.findings[0])).toEqual([
      'ruleId',
      'severity',
      'status',
      'message',
      'object',
      'file',
      'line',
      'host',
      'path',
      'fingerprint',
      'waived',
    ]);
    expect(Object.keys(report.notices[0])).toEqual(['file', 'line', 'message']);
  });

  it('leaves out exposures, rawNotices, mode and conclusionReasons', () => {
    const text = renderJson(sample, '1.2.3');
    expect(text).not.toContain('exposures');
    expect(text).not.toContain('rawNotices');
    expect(text).not.toContain('"kind": "parse"');
  });

  it('writes waivers as plain data and unwaived findings as waived: null', () => {
    const report = toJsonReport(sample, '1');
    const waived = report.findings.find((f) => f.waived !== null);
    expect(waived?.waived).toEqual({
      rule: 'tls-removed',
      object: 'web/shop',
      reason: 'TLS terminates at the CDN',
      by: 'alice',
      at: '2026-01-10',
      expires: '2027-01-31',
      source: 'config',
    });
    expect(report.findings.filter((f) => f.waived === null)).toHaveLength(1);
  });

  it('orders findings the same whatever the input order', () => {
    const reversed = { ...sample, findings: [...sample.findings].reverse() };
    expect(renderJson(reversed, '1')).toBe(renderJson(sample, '1'));
  });

  it('redacts credentials', () => {
    const text = renderJson(
      result({ findings: [finding({ message: 'mirror https://u:s3cret@x.io' })] }),
      '1',
    );
    expect(text).not.toContain('s3cret');
  });
});
