import { X509Certificate } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCertificate, signatureOidFromDer } from '../../../src/core/model/certificate-facts.ts';

const dir = new URL('../../../fixtures/certificates/', import.meta.url);
const pems = readdirSync(dir).filter((f) => f.endsWith('.pem'));

describe('certificate facts', () => {
  it.each(pems)('%s: the DER fallback reads the same signature OID as node:crypto', (file) => {
    const cert = new X509Certificate(readFileSync(new URL(file, dir)));
    expect(signatureOidFromDer(cert.raw)).toBe(cert.signatureAlgorithmOid);
  });

  it('reads key size, DNS names and the CA flag of the first certificate in a value', () => {
    const two = `${readFileSync(new URL('rsa1024.pem', dir), 'utf8')}\n${readFileSync(new URL('valid-rsa2048.pem', dir), 'utf8')}`;
    expect(readCertificate(two)).toMatchObject({
      rsaBits: 1024,
      dnsNames: ['shop.example.com'],
      selfSignedCa: false,
    });
    expect(readCertificate(readFileSync(new URL('sha1-root-ca.pem', dir), 'utf8'))).toMatchObject({
      selfSignedCa: true,
    });
  });

  it('returns null for text without a certificate or with a broken one', () => {
    expect(readCertificate('hello')).toBeNull();
    expect(readCertificate('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----')).toBeNull();
  });
});
