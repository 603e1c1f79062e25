import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LENGTH, renderMarkdown, reportTitle } from '../../../src/core/report/markdown.ts';
import { exposure, finding, result, route, waiver } from './factory.ts';

const failing = result({
  risk: { score: 60, level: 'critical', basePosture: 35, headPosture: 60 },
  conclusion: 'failure',
  findings: [
    finding({ ruleId: 'tls-removed', severity: 'high' }),
    finding({ ruleId: 'auth-removed', severity: 'critical', message: 'basic auth removed' }),
    finding({ ruleId: 'cors-loosened', severity: 'medium', status: 'resolved', message: 'CORS fixed' }),
    finding({ ruleId: 'default-namespace', severity: 'low', status: 'preexisting' }),
    finding({
      ruleId: 'wildcard-host',
      severity: 'high',
      waived: waiver({ by: 'alice', reason: 'shared CDN' }),
    }),
  ],
  notices: [{ file: 'charts/x/templates/ingress.yaml', line: 3, message: 'templated file skipped' }],
  exposures: { base: [], head: [exposure('shop', [route('shop.example.com', '/', 'shop')])] },
});

function manyFindings(n: number): ReturnType<typeof result> {
  return result({
    risk: { score: 100, level: 'high', basePosture: 100, headPosture: 100 },
    conclusion: 'failure',
    findings: Array.from({ length: n }, (_, i) =>
      finding({
        status: i % 3 === 0 ? 'preexisting' : i % 3 === 1 ? 'introduced' : 'resolved',
        line: i + 1,
        message: `finding number ${i} ${'x'.repeat(200)}`,
      }),
    ),
    notices: Array.from({ length: 200 }, (_, i) => ({
      file: `f${i}.yaml`,
      line: 1,
      message: 'y'.repeat(100),
    })),
  });
}

describe('reportTitle', () => {
  it('counts new findings, or says "No new risk" with the preexisting count', () => {
    expect(reportTitle(failing)).toBe('Risk 60/100 · critical · 2 new findings · 1 waived');
    expect(
      reportTitle(
        result({ findings: [finding({ status: 'preexisting' }), finding({ status: 'preexisting' })] }),
      ),
    ).toBe('No new risk · 2 preexisting');
    expect(reportTitle(result())).toBe('No new risk');
    expect(reportTitle(result({ conclusion: 'neutral', conclusionReasons: ['x'] }))).toBe(
      'No new risk · audit incomplete',
    );
  });
});

describe('renderMarkdown', () => {
  const md = renderMarkdown(failing, { docsBaseUrl: 'https://github.com/acme/ingress-audit/blob/v1' });

  it('has a title line and a risk/posture line', () => {
    const [title, , risk] = md.split('\n');
    expect(title).toBe('### ❌ ingress-audit: Risk 60/100 · critical · 2 new findings · 1 waived');
    expect(risk).toContain('**Risk 60/100** · posture 35 → 60 · level **critical** · conclusion **failure**');
  });

  it('tables new findings, most severe first, with rule links to the docs', () => {
    const table = md.slice(md.indexOf('#### New and worsened findings (2)'));
    expect(table).toContain('| Severity | Rule | Object | Location | Message |');
    expect(table.indexOf('auth-removed')).toBeLessThan(table.indexOf('tls-removed'));
    expect(md).toContain(
      '[`auth-removed`](https://github.com/acme/ingress-audit/blob/v1/docs/rules/auth-removed.md)',
    );
    expect(md).toContain('`apps/shop/ingress.yaml:12`<br>`shop.example.com/`');
  });

  it('shows resolved findings as improvements', () => {
    expect(md).toContain('#### Improvements: resolved findings (1)');
    expect(md).toContain('CORS fixed');
  });

  it('folds preexisting findings and notices in <details>', () => {
    expect(md).toContain('<details><summary>1 preexisting finding (not caused by this change)</summary>');
    expect(md).toContain('<details><summary>1 notice</summary>');
    expect(md.match(/<details/g)?.length).toBe(md.match(/<\/details>/g)?.length);
  });

  it('lists waived findings with who, why and expiry', () => {
    const waived = md.slice(md.indexOf('#### Waived (1)'));
    expect(waived).toContain('waived by alice on 2026-01-10 (config): shared CDN, expires 2027-01-31');
  });

  it('includes the routing diagram as a mermaid block', () => {
    expect(md).toContain('```mermaid\nflowchart LR');
  });

  it('shows owners by name without notifying them', () => {
    const out = renderMarkdown(failing, {
      owners: new Map([['Ingress web/shop', ['@acme/web-team', '@bob']]]),
    });
    expect(out).toContain('#### Owners');
    expect(out).toContain('acme/web-team');
    expect(out).not.toMatch(/@[A-Za-z0-9]/);
  });

  it('shows the reasons of an incomplete audit', () => {
    const out = renderMarkdown(
      result({ conclusion: 'neutral', conclusionReasons: ['config: failOn: bad value'] }),
    );
    expect(out).toContain('**The audit is incomplete:**');
    expect(out).toContain('config: failOn: bad value');
  });

  it('notes an expired waiver next to the finding it no longer waives', () => {
    const out = renderMarkdown(
      result({ findings: [finding({ expiredWaiver: waiver({ expires: '2020-01-01' }) })] }),
    );
    expect(out).toContain('_waiver by alice expired on 2020-01-01_');
  });

  it('scan mode titles findings and posture', () => {
    const out = renderMarkdown(
      result({
        mode: 'scan',
        base: null,
        risk: { score: 20, level: 'high', basePosture: 0, headPosture: 20 },
        findings: [finding({ status: 'present' })],
      }),
    );
    expect(out).toContain('#### Findings (1)');
    expect(out).toContain('**Posture 20/100**');
  });

  it('says so when nothing is new', () => {
    expect(renderMarkdown(result())).toContain('No new or worsened findings.');
  });
});

describe('renderMarkdown truncation', () => {
  it('fits the default limit without a note when small', () => {
    const out = renderMarkdown(failing);
    expect(out.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH);
    expect(out).not.toContain('truncated');
  });

  it('drops preexisting details and notices first, with a visible note', () => {
    const big = manyFindings(60);
    const full = renderMarkdown(big, { maxLength: 1_000_000 });
    const noPre = full.slice(0, full.indexOf('<details><summary>20 preexisting'));
    const out = renderMarkdown(big, { maxLength: noPre.length + 200 });
    expect(out.length).toBeLessThanOrEqual(noPre.length + 200);
    expect(out).not.toContain('preexisting finding');
    expect(out).toContain(
      '…truncated:** 20 findings, 200 notices not shown; see the check run / JSON report.',
    );
    expect(out).toContain('finding number 58'); // every new row still there
  });

  it('drops rows from the bottom when sections are not enough, and says how many', () => {
    const big = manyFindings(3_000);
    const out = renderMarkdown(big, { maxLength: 20_000 });
    expect(out.length).toBeLessThanOrEqual(20_000);
    const shown = (out.match(/finding number/g) ?? []).length;
    expect(shown).toBeGreaterThan(10);
    expect(out).toContain(`…truncated:** ${3_000 - shown} findings, 200 notices not shown`);
    expect(out.match(/<details/g)?.length ?? 0).toBe(out.match(/<\/details>/g)?.length ?? 0);
  });

  it('stays within the default limit for a huge result', () => {
    const out = renderMarkdown(manyFindings(5_000));
    expect(out.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH);
    expect(out).toContain('…truncated:**');
  });

  it('caps a single giant message instead of dropping every other row', () => {
    const out = renderMarkdown(
      result({ findings: [finding({ message: 'z'.repeat(200_000) }), finding({ ruleId: 'other' })] }),
    );
    expect(out.length).toBeLessThan(10_000);
    expect(out).toContain('`other`');
  });

  it('still returns something within a tiny limit', () => {
    const out = renderMarkdown(manyFindings(100), { maxLength: 120 });
    expect(out.length).toBeLessThanOrEqual(120);
  });
});
