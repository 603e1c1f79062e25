import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditYaml } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'certificate-weak';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

// Generated once by fixtures/certificates/generate.sh; dates are fixed around the tests' clock (2026-11-22).
const pem = (name: string) =>
  readFileSync(new URL(`../../fixtures/certificates/${name}.pem`, import.meta.url), 'utf8');
const b64 = (s: string) => Buffer.from(s).toString('base64');

const tlsSecret = (cert: string, name = 'shop-tls') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${name}\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ${b64(cert)}\n  tls.key: ""\n`;
const caBundle = (cert: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: trust, namespace: shop}\ndata:\n  ca.crt: |\n${cert
    .trimEnd()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;
const web = (hosts: string[]) =>
  ingress({ tls: hosts, rules: hosts.map((host) => ({ host })) }).replace(
    'secretName: web-tls',
    'secretName: shop-tls',
  );

describe('certificate-weak', () => {
  it('an expired certificate added → introduced, high, on the tls.crt line', () => {
    const head = tlsSecret(pem('expired'));
    const [f, ...rest] = findings(auditYaml('', head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({ status: 'introduced', severity: 'high', line: lineOf(head, 'tls.crt') });
    expect(f.message).toBe(
      'the certificate in Secret shop/shop-tls data.tls.crt (CN=shop.example.com) expired on 2021-01-01',
    );
  });

  it('a certificate expiring within 14 days (by the injected clock)', () => {
    const [f] = findings(auditYaml(undefined, tlsSecret(pem('expiring'))));
    expect(f.message).toContain('expires on 2026-11-30, in 8 days');
  });

  it('a 1024-bit RSA key', () => {
    const [f] = findings(auditYaml(undefined, tlsSecret(pem('rsa1024'))));
    expect(f.message).toContain('1024-bit RSA key');
  });

  it('a SHA-1 signature', () => {
    const [f] = findings(auditYaml(undefined, tlsSecret(pem('sha1'))));
    expect(f.message).toContain('SHA-1 with RSA');
  });

  it('a root CA\u2019s SHA-1 self-signature is not a weakness (clients never check it)', () => {
    expect(findings(auditYaml(undefined, caBundle(pem('sha1-root-ca'))))).toEqual([]);
  });

  it('certificates in ConfigMaps are read too', () => {
    expect(findings(auditYaml(undefined, caBundle(pem('expired'))))).toHaveLength(1);
  });

  it('a valid RSA 2048 / SHA-256 certificate covering the hosts is quiet', () => {
    expect(
      findings(
        auditYaml(
          undefined,
          `${tlsSecret(pem('valid-rsa2048'))}---\n${web(['shop.example.com', 'eu.shop.example.com'])}`,
        ),
      ),
    ).toEqual([]);
  });

  describe('subjectAltName coverage', () => {
    it('an Ingress adds a host the certificate does not cover → on the Ingress tls line, naming the Secret', () => {
      const secret = tlsSecret(pem('valid-rsa2048'));
      const head = web(['shop.example.com', 'www.example.com']);
      const result = auditYaml(
        { 'ingress.yaml': web(['shop.example.com']) },
        { 'ingress.yaml': head },
        {},
        { 'secret.yaml': secret },
      );
      const [f, ...rest] = findings(result);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({
        status: 'introduced',
        file: 'ingress.yaml',
        host: 'www.example.com',
        line: lineOf(head, '- hosts:'),
      });
      expect(f.message).toContain('Secret shop/shop-tls (secret.yaml:1)');
      expect(f.message).toContain('it covers shop.example.com, *.shop.example.com');
    });

    it('the Secret replaced by a certificate for another host → on the Secret, naming the Ingress', () => {
      const ing = web(['shop.example.com']);
      const result = auditYaml(
        { 'secret.yaml': tlsSecret(pem('valid-rsa2048')) },
        { 'secret.yaml': tlsSecret(pem('other-host')) },
        {},
        { 'ingress.yaml': ing },
      );
      const [f, ...rest] = findings(result);
      expect(rest).toEqual([]);
      expect(f).toMatchObject({ status: 'introduced', file: 'secret.yaml', host: 'shop.example.com' });
      expect(f.message).toContain('does not cover shop.example.com, which Ingress shop/web serves with it');
    });

    it('a one-label wildcard SAN does not cover a two-label subdomain', () => {
      const found = findings(
        auditYaml(undefined, `${tlsSecret(pem('valid-rsa2048'))}---\n${web(['a.eu.shop.example.com'])}`),
      );
      expect(found.map((f) => f.object?.kind).sort()).toEqual(['Ingress', 'Secret']);
    });

    it('an Ingress in another namespace using a Secret of the same name is not matched', () => {
      const other = web(['www.example.com']).replace('namespace: shop', 'namespace: elsewhere');
      expect(findings(auditYaml(undefined, `${tlsSecret(pem('valid-rsa2048'))}---\n${other}`))).toEqual([]);
    });
  });

  describe('cert-manager Certificate', () => {
    const cert = (privateKey: string) =>
      `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: shop, namespace: shop}\nspec:\n  secretName: shop-tls\n  dnsNames: [shop.example.com]\n  issuerRef: {name: letsencrypt, kind: ClusterIssuer}\n${privateKey}`;
    it('RSA under 2048 bits → on the size line', () => {
      const head = cert('  privateKey: {algorithm: RSA, size: 1024}\n');
      expect(findings(auditYaml(undefined, head))).toMatchObject([
        { line: lineOf(head, 'privateKey'), status: 'present' },
      ]);
    });
    it('the default algorithm is RSA', () => {
      expect(findings(auditYaml(undefined, cert('  privateKey: {size: 1024}\n')))).toHaveLength(1);
    });
    it('ECDSA sizes and RSA 2048+ are fine', () => {
      expect(findings(auditYaml(undefined, cert('  privateKey: {algorithm: ECDSA, size: 256}\n')))).toEqual(
        [],
      );
      expect(findings(auditYaml(undefined, cert('  privateKey: {algorithm: RSA, size: 2048}\n')))).toEqual(
        [],
      );
      expect(findings(auditYaml(undefined, cert('')))).toEqual([]);
    });
  });

  it('an expired certificate kept → preexisting; replaced by a valid one → resolved', () => {
    const old = tlsSecret(pem('expired'));
    expect(findings(auditYaml(old, old)).map((f) => f.status)).toEqual(['preexisting']);
    expect(findings(auditYaml(old, tlsSecret(pem('valid-rsa2048')))).map((f) => f.status)).toEqual([
      'resolved',
    ]);
  });

  it('an unparseable certificate is ignored, not a crash', () => {
    const broken = tlsSecret(
      '-----BEGIN CERTIFICATE-----\nTm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n',
    );
    expect(findings(auditYaml(undefined, broken))).toEqual([]);
  });
});
