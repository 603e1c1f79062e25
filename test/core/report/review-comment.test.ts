import { describe, expect, it } from 'vitest';
import {
  fingerprintMarker,
  readFingerprint,
  renderReviewComment,
} from '../../../src/core/report/review-comment.ts';
import { finding, ruleMeta, waiver } from './factory.ts';

describe('renderReviewComment', () => {
  it('shows severity, rule, message, fix advice and ends with the fingerprint marker', () => {
    const body = renderReviewComment(finding({ fingerprint: 'abc123' }), ruleMeta(), {
      docsBaseUrl: 'https://github.com/acme/ingress-audit/blob/v1',
    });
    expect(body.split('\n')[0]).toBe(
      '🟠 **high** · [`tls-removed`](https://github.com/acme/ingress-audit/blob/v1/docs/rules/tls-removed.md "TLS removed from a host") · new',
    );
    expect(body).toContain('host shop.example.com lost TLS');
    expect(body).toContain('**Fix:** Restore the tls entry for the host.');
    expect(body.endsWith('\n\n<!-- ingress-audit:fp abc123 -->')).toBe(true);
  });

  it('works without rule meta', () => {
    const body = renderReviewComment(finding());
    expect(body).not.toContain('**Fix:**');
    expect(body).toContain('`tls-removed`');
  });

  it('notes a waiver', () => {
    expect(renderReviewComment(finding({ waived: waiver() }))).toContain(
      '_Waived by alice: TLS terminates at the CDN_',
    );
  });

  it('stays within the comment limit for a huge message', () => {
    const body = renderReviewComment(finding({ message: 'x'.repeat(100_000), fingerprint: 'big' }));
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(readFingerprint(body)).toBe('big');
  });
});

describe('readFingerprint', () => {
  it('reads back our marker, and null when there is none', () => {
    expect(readFingerprint(renderReviewComment(finding({ fingerprint: 'f00d' })))).toBe('f00d');
    expect(readFingerprint('just a comment')).toBeNull();
  });

  it('round-trips fingerprints with unusual characters through base64url', () => {
    const fp = 'rule|web/shop|host --> x';
    const marker = fingerprintMarker(fp);
    expect(marker.indexOf('-->')).toBe(marker.length - 3);
    expect(readFingerprint(marker)).toBe(fp);
  });
});
