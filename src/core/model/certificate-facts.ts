/**
 * What a PEM certificate says about itself, read with node:crypto's X509Certificate: validity,
 * key, signature algorithm and DNS names. Only the first certificate of a PEM value is read — the
 * leaf of a chain, which is the one a server presents for its hosts.
 */
import { X509Certificate } from 'node:crypto';

export interface CertificateFacts {
  subject: string;
  notAfter: Date;
  keyType: string;
  /** RSA modulus length in bits; null for other key types. */
  rsaBits: number | null;
  signatureOid: string;
  /** A self-issued CA certificate: its own signature is never checked by clients. */
  selfSignedCa: boolean;
  /** DNS subjectAltNames, lower-cased; empty when the certificate has none. */
  dnsNames: string[];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+-----END CERTIFICATE-----/;

/** Signature algorithms clients no longer trust: MD2, MD5 and SHA-1 with RSA, DSA or ECDSA. */
export const WEAK_SIGNATURES: Record<string, string> = {
  '1.2.840.113549.1.1.2': 'MD2 with RSA',
  '1.2.840.113549.1.1.4': 'MD5 with RSA',
  '1.2.840.113549.1.1.5': 'SHA-1 with RSA',
  '1.3.14.3.2.29': 'SHA-1 with RSA',
  '1.2.840.10040.4.3': 'SHA-1 with DSA',
  '1.2.840.10045.4.1': 'SHA-1 with ECDSA',
};

/** DER: the signatureAlgorithm OID of a Certificate (for Node versions without `signatureAlgorithmOid`). */
export function signatureOidFromDer(der: Buffer): string {
  let pos = 0;
  const header = (): { length: number } => {
    pos++; // tag
    let length = der[pos++];
    if (length & 0x80) {
      const bytes = length & 0x7f;
      length = 0;
      for (let i = 0; i < bytes; i++) length = length * 256 + der[pos++];
    }
    return { length };
  };
  header(); // Certificate SEQUENCE
  const tbs = header();
  pos += tbs.length;
  header(); // AlgorithmIdentifier SEQUENCE
  const oid = header();
  const bytes = der.subarray(pos, pos + oid.length);
  const parts = [Math.floor(bytes[0] / 40), bytes[0] % 40];
  let value = 0;
  for (const b of bytes.subarray(1)) {
    value = value * 128 + (b & 0x7f);
    if (!(b & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  return parts.join('.');
}

/** The first PEM certificate in `text`, or null when there is none or it does not parse. */
export function readCertificate(text: string): CertificateFacts | null {
  const pem = text.match(PEM_CERTIFICATE);
  if (!pem) return null;
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem[0]);
  } catch {
    return null;
  }
  const details = cert.publicKey.asymmetricKeyDetails ?? {};
  const withOid = cert as X509Certificate & { signatureAlgorithmOid?: string };
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    notAfter: new Date(cert.validTo),
    keyType: cert.publicKey.asymmetricKeyType ?? 'unknown',
    rsaBits: cert.publicKey.asymmetricKeyType === 'rsa' ? (details.modulusLength ?? null) : null,
    signatureOid: withOid.signatureAlgorithmOid ?? signatureOidFromDer(cert.raw),
    selfSignedCa: cert.ca && cert.issuer === cert.subject,
    dnsNames: (cert.subjectAltName ?? '')
      .split(/,\s*/)
      .filter((n) => n.startsWith('DNS:'))
      .map((n) => n.slice(4).trim().toLowerCase()),
  };
}
