/**
 * Credentials are redacted wherever they appear in what we print — including when an excerpt (a notice
 * quoting 80 characters, a finding quoting ±15) has already cut them short, which leaves no closing `@`
 * or full-length token for a pattern to recognise.
 */
import { describe, expect, it } from 'vitest';
import { redact } from '../../src/core/report/redact.ts';

describe('redaction of credentials cut short by an excerpt', () => {
  it.each([
    ['a GitHub token', 'key ghp_Zq8mN3vR7tY2wK5pL9x…', 'Zq8mN3vR'],
    ['a fine-grained GitHub token', 'github_pat_11ABCDEFG0abcdefghij…', 'ABCDEFG0'],
    ['an AWS access key id', 'id AKIAZ7QW3ER5…', 'Z7QW3ER5'],
    ['a basic-auth password', 'auth-url https://admin:Pw0rd9fK…', 'Pw0rd9fK'],
    ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx…', 'eyJzdWIiOiIx'],
  ])('%s', (_what, text, secret) => {
    expect(redact(text)).not.toContain(secret);
    expect(redact(text)).toContain('***');
  });

  it('a token longer than any real one is redacted to its end', () => {
    const token = `ghp_${'a1B2'.repeat(100)}`;
    expect(redact(`t ${token} x`)).toBe('t ghp_*** x');
  });

  it('keeps words that merely start like a credential prefix', () => {
    expect(redact('ghp_short and AKIA alone, https://example.com/a:b…')).toBe(
      'ghp_short and AKIA alone, https://example.com/a:b…',
    );
  });
});
