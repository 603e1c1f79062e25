import { describe, expect, it } from 'vitest';
import { renderText } from '../../../src/core/report/text.ts';
import { finding, result, ruleMeta, waiver } from './factory.ts';

const diff = result({
  risk: { score: 60, level: 'critical', basePosture: 35, headPosture: 60 },
  conclusion: 'failure',
  findings: [
    finding({ ruleId: 'tls-removed', severity: 'high', line: 20 }),
    finding({ ruleId: 'auth-removed', severity: 'critical', line: 8, message: 'basic auth removed' }),
    finding({
      ruleId: 'cors-loosened',
      severity: 'medium',
      status: 'resolved',
      message: 'CORS origin no longer *',
    }),
    finding({ ruleId: 'default-namespace', severity: 'low', status: 'preexisting' }),
    finding({ ruleId: 'deprecated-api', severity: 'high', status: 'preexisting' }),
    finding({
      ruleId: 'wildcard-host',
      object: { kind: 'Ingress', namespace: 'api', name: 'gw' },
      file: 'apps/api/ingress.yaml',
      host: '*.example.com',
      status: 'preexisting',
    }),
  ],
  notices: [
    { file: 'charts/x/templates/ingress.yaml', line: 3, message: 'templated file skipped' },
    { file: 'a.yaml', line: 9, message: 'bad YAML' },
  ],
});

describe('renderText', () => {
  it('starts with refs, risk, level, posture and conclusion', () => {
    const [first, second] = renderText(diff, { color: false }).split('\n');
    expect(first).toBe('ingress-audit · diff main → feature');
    expect(second).toBe('Risk 60/100 · critical · 2 new findings · posture 35 → 60 · failure');
  });

  it('groups by object with new findings (most severe first), then resolved, then a preexisting count', () => {
    const out = renderText(diff, { color: false });
    const shop = out.indexOf('Ingress web/shop');
    const critical = out.indexOf('CRITICAL');
    const high = out.indexOf('HIGH');
    const resolved = out.indexOf('resolved');
    const count = out.indexOf('2 preexisting findings (not caused by this change)');
    expect(shop).toBeGreaterThanOrEqual(0);
    expect(shop < critical && critical < high && high < resolved && resolved < count).toBe(true);
    expect(out).toContain('apps/shop/ingress.yaml:8');
    // The object with only preexisting findings comes after the one with new findings.
    expect(out.indexOf('Ingress api/gw')).toBeGreaterThan(count);
    expect(out).toContain('1 preexisting finding (not caused by this change)');
    expect(out).not.toContain('default-namespace');
  });

  it('verbose lists preexisting findings one by one', () => {
    const out = renderText(diff, { color: false, verbose: true });
    expect(out).toContain('default-namespace');
    expect(out).not.toContain('preexisting findings (not caused');
  });

  it('ends with notices sorted by file and line', () => {
    const out = renderText(diff, { color: false });
    const notices = out.slice(out.indexOf('Notices'));
    expect(notices.indexOf('a.yaml:9')).toBeLessThan(notices.indexOf('charts/x/templates/ingress.yaml:3'));
    expect(out.trimEnd().endsWith('templated file skipped')).toBe(true);
  });

  it('colours only when asked, and never from the environment', () => {
    expect(renderText(diff, { color: false })).not.toContain('\u001b[');
    expect(renderText(diff, { color: true })).toContain('\u001b[');
  });

  it('shows waivers, worsened marks and fix advice from rule meta', () => {
    const out = renderText(
      result({
        findings: [
          finding({ status: 'worsened', severity: 'medium', ruleId: 'source-range-widened' }),
          finding({ waived: waiver({ by: 'alice', reason: 'CDN' }) }),
          finding({ ruleId: 'tls-removed', line: 30 }),
        ],
      }),
      { color: false, ruleMeta: [ruleMeta()] },
    );
    expect(out).toContain('MEDIUM↑');
    expect(out).toContain('waived by alice: CDN, until 2027-01-31');
    expect(out).toContain('fix: Restore the tls entry for the host.');
  });

  it('strips terminal escape sequences and folds newlines from manifest text', () => {
    const out = renderText(result({ findings: [finding({ message: 'a\u001b]0;pwned\u0007\nb' })] }), {
      color: false,
    });
    expect(out).not.toContain('\u001b');
    expect(out).toContain('a]0;pwned b');
  });

  it('scan mode shows posture and findings count', () => {
    const out = renderText(
      result({
        mode: 'scan',
        base: null,
        risk: { score: 20, level: 'high', basePosture: 0, headPosture: 20 },
        findings: [finding({ status: 'present' })],
      }),
      { color: false },
    );
    expect(out.split('\n')[0]).toBe('ingress-audit · scan feature');
    expect(out).toContain('Posture 20/100 · high · 1 finding');
  });

  it('says so when there are no findings', () => {
    expect(renderText(result(), { color: false })).toContain('No findings.');
  });
});
