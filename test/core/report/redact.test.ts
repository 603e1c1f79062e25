import { describe, expect, it } from 'vitest';
import { redact, redactResult } from '../../../src/core/report/redact.ts';
import { finding, result, waiver } from './factory.ts';

describe('redact', () => {
  it('hides the password of basic auth in URLs, keeps the user', () => {
    expect(redact('auth-url https://admin:hunter2@auth.example.com/check')).toBe(
      'auth-url https://admin:***@auth.example.com/check',
    );
  });

  it('hides secret query parameters', () => {
    expect(redact('https://x.io/cb?token=abc123&page=2')).toBe('https://x.io/cb?token=***&page=2');
    expect(redact('https://x.io/?password=p&secret=s&api_key=k')).toBe(
      'https://x.io/?password=***&secret=***&api_key=***',
    );
    expect(redact('https://b.s3.amazonaws.com/o?X-Amz-Signature=deadbeef')).toBe(
      'https://b.s3.amazonaws.com/o?X-Amz-Signature=***',
    );
  });

  it('hides bearer tokens but keeps prose like "basic authentication"', () => {
    expect(redact('Authorization: Bearer abcdef123456.xyz')).toBe('Authorization: Bearer ***');
    expect(redact('uses basic authentication')).toBe('uses basic authentication');
  });

  it('hides AWS access keys, GitHub tokens and JWTs', () => {
    expect(redact('key AKIAIOSFODNN7EXAMPLE here')).toBe('key AKIA*** here');
    expect(redact(`t=ghp_${'a1'.repeat(18)}`)).not.toContain('a1a1');
    expect(redact(`github_pat_${'B2'.repeat(20)}`)).toBe('github_pat_***');
    expect(redact('eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sflKxwRJSMeKKF2QT4fwpM')).toBe('eyJ***');
  });

  it('hides PEM private key blocks, even when cut off before END', () => {
    const pem = '-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----';
    expect(redact(`key: ${pem} tail`)).toBe(
      'key: -----BEGIN RSA PRIVATE KEY----- *** -----END RSA PRIVATE KEY----- tail',
    );
    expect(redact('-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBg')).not.toContain('MIIE');
  });

  it('hides long base64 values of secret-named fields, keeps secret names readable', () => {
    expect(redact('tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t')).toBe('tls.key: ***');
    expect(redact('"password": "cGFzc3dvcmQxMjM0NTY3ODkwYWJj"')).toBe('"password": "***"');
    expect(redact('auth-secret: web/basic-auth-credentials')).toBe('auth-secret: web/basic-auth-credentials');
  });

  it('leaves ordinary messages alone and is idempotent', () => {
    const msg = 'host shop.example.com lost TLS (spec.tls[0] removed)';
    expect(redact(msg)).toBe(msg);
    const once = redact('https://u:p@h/?token=t Bearer abc123def456ghi');
    expect(redact(once)).toBe(once);
  });

  it('stays fast on hostile input', () => {
    const start = performance.now();
    redact(`${'tokentoken'.repeat(20_000)}=`);
    redact(`${'a.'.repeat(50_000)}://`);
    expect(performance.now() - start).toBeLessThan(2_000);
  });
});

describe('redactResult', () => {
  it('redacts findings, waivers, notices, objects and refs', () => {
    const r = redactResult(
      result({
        base: 'https://u:pw@git.example.com/repo',
        findings: [
          finding({
            message: 'mirror to https://u:pw@evil.example.com',
            host: 'h?token=abc',
            waived: waiver({ reason: 'ok password=pw' }),
          }),
        ],
        notices: [{ file: 'a.yaml', line: 1, message: 'Bearer abc123def456ghi' }],
      }),
    );
    expect(JSON.stringify(r)).not.toMatch(/:pw@|token=abc|password=pw|abc123def456ghi/);
  });
});
