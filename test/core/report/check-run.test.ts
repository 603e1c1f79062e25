import { describe, expect, it } from 'vitest';
import { batches, clipBytes, renderCheckRun } from '../../../src/core/report/check-run.ts';
import { CHECK_SUMMARY_MAX, CHECK_TEXT_MAX } from '../../../src/core/report/limits.ts';
import { finding, result, ruleMeta, waiver } from './factory.ts';

const sample = result({
  risk: { score: 68, level: 'critical', basePosture: 3, headPosture: 71 },
  conclusion: 'failure',
  findings: [
    finding({ ruleId: 'auth-removed', severity: 'critical', fingerprint: 'a' }),
    finding({ ruleId: 'tls-removed', severity: 'high', fingerprint: 'b' }),
    finding({ ruleId: 'tls-missing', severity: 'medium', fingerprint: 'c' }),
    finding({ ruleId: 'default-namespace', severity: 'low', status: 'preexisting', fingerprint: 'd' }),
    finding({ ruleId: 'cors-loosened', severity: 'medium', status: 'resolved', fingerprint: 'e' }),
    finding({ ruleId: 'wildcard-host', severity: 'high', waived: waiver(), fingerprint: 'f' }),
    finding({ ruleId: 'no-line', file: '', line: 0, fingerprint: 'g' }),
  ],
});

describe('renderCheckRun', () => {
  const out = renderCheckRun(sample, { failOn: 'high', ruleMeta: [ruleMeta()] });

  it('titles with the risk, level and new findings count', () => {
    expect(out.title).toBe('Risk 68/100 · critical · 4 new findings · 1 waived');
    expect(
      renderCheckRun(result({ findings: [finding({ status: 'preexisting' })] }), { failOn: 'high' }).title,
    ).toBe('No new risk · 1 preexisting');
  });

  it('passes the conclusion through', () => {
    expect(out.conclusion).toBe('failure');
  });

  it('annotates every finding with a file and line, at a level per status and failOn', () => {
    const level = new Map(out.annotations.map((a) => [a.title, a.annotation_level]));
    expect(level.get('auth-removed')).toBe('failure');
    expect(level.get('tls-removed')).toBe('failure');
    expect(level.get('tls-missing')).toBe('warning');
    expect(level.get('default-namespace')).toBe('notice');
    expect(level.get('cors-loosened')).toBe('notice');
    expect(level.get('wildcard-host')).toBe('notice');
    expect(level.has('no-line')).toBe(false);
    expect(out.annotations[0]).toMatchObject({
      path: 'apps/shop/ingress.yaml',
      start_line: 12,
      end_line: 12,
    });
    expect(out.annotations.find((a) => a.title === 'default-namespace')?.message).toContain('preexisting');
    expect(out.annotations[0].raw_details).toContain('Fingerprint: a');
  });

  it('failOn never turns no annotation into a failure', () => {
    const never = renderCheckRun(sample, { failOn: 'never' });
    expect(never.annotations.some((a) => a.annotation_level === 'failure')).toBe(false);
  });

  it('summary is the markdown report within 65,535 characters', () => {
    expect(out.summary).toContain('#### New and worsened findings (4)');
    const big = result({
      findings: Array.from({ length: 3_000 }, (_, i) => finding({ line: i + 1, message: 'm'.repeat(300) })),
    });
    const summary = renderCheckRun(big, { failOn: 'high' }).summary;
    expect(summary.length).toBeLessThanOrEqual(CHECK_SUMMARY_MAX);
    expect(summary).toContain('…truncated:**');
  });

  it('text carries the fix advice of rules with new findings, only when rule meta is given', () => {
    expect(out.text).toContain('**Fix:** Restore the tls entry for the host.');
    expect(out.text?.length).toBeLessThanOrEqual(CHECK_TEXT_MAX);
    expect(renderCheckRun(sample, { failOn: 'high' })).not.toHaveProperty('text');
  });

  it('caps an annotation message at 64 KB of UTF-8', () => {
    const huge = renderCheckRun(result({ findings: [finding({ message: 'é'.repeat(60_000) })] }), {
      failOn: 'high',
    });
    expect(new TextEncoder().encode(huge.annotations[0].message).length).toBeLessThanOrEqual(64 * 1024);
  });
});

describe('batches', () => {
  it('splits into chunks of 50 by default', () => {
    const chunks = batches(Array.from({ length: 120 }, (_, i) => i));
    expect(chunks.map((c) => c.length)).toEqual([50, 50, 20]);
    expect(chunks.flat()).toEqual(Array.from({ length: 120 }, (_, i) => i));
  });

  it('returns no batch for no items and rejects a non-positive size', () => {
    expect(batches([])).toEqual([]);
    expect(() => batches([1], 0)).toThrow(RangeError);
  });
});

describe('clipBytes', () => {
  it('cuts on a character boundary and marks the cut', () => {
    expect(clipBytes('abc', 3)).toBe('abc');
    const cut = clipBytes('😀😀😀', 9);
    expect(cut).toBe('😀…');
    expect(new TextEncoder().encode(cut).length).toBeLessThanOrEqual(9);
  });
});
