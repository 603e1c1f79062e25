import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditYaml } from '../support/audit-yaml.ts';
import { lineOf } from './nginx-ingress.ts';

const ID = 'tls-key-committed';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

// Fake key bodies: the rule looks for the PEM armour around base64, never at the key itself.
const pemKey = (
  label = 'PRIVATE KEY',
  body = 'MC4CAQAwBQYDK2VwBCIEIFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKEFAKE',
) => `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const indent = (text: string, n: number) =>
  text
    .trimEnd()
    .split('\n')
    .map((l) => `${' '.repeat(n)}${l}`)
    .join('\n');

const tlsSecret = (data: Record<string, string>, extra = '') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-tls\n  namespace: shop\ntype: kubernetes.io/tls\ndata:\n${Object.entries(
    data,
  )
    .map(([k, v]) => `  ${k}: ${v}`)
    .join('\n')}\n${extra}`;
const stringData = (key: string, pem: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata: {name: proxy, namespace: edge}\nstringData:\n  ${key}: |\n${indent(pem, 4)}\n`;
const certificate = readFileSync(
  new URL('../../fixtures/certificates/valid-rsa2048.pem', import.meta.url),
  'utf8',
);

describe('tls-key-committed', () => {
  it('a kubernetes.io/tls Secret added with its key → introduced, critical, on the tls.key line', () => {
    const head = tlsSecret({ 'tls.crt': b64(certificate), 'tls.key': b64(pemKey()) });
    const [f, ...rest] = findings(auditYaml('', head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'critical',
      line: lineOf(head, 'tls.key'),
      object: { kind: 'Secret', namespace: 'shop', name: 'shop-tls' },
    });
    expect(f.message).toContain('Secret shop/shop-tls holds a plain private key in data.tls.key');
  });

  it.each(['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY'])(
    'a %s block in stringData fires',
    (label) => {
      expect(findings(auditYaml(undefined, stringData('server.key', pemKey(label))))).toMatchObject([
        { status: 'present' },
      ]);
    },
  );

  it('a PEM key in a ConfigMap fires on its line', () => {
    const head = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nginx, namespace: edge}\ndata:\n  nginx.conf: "ssl on;"\n  key.pem: |\n${indent(pemKey(), 4)}\n`;
    expect(findings(auditYaml(undefined, head))).toMatchObject([{ line: lineOf(head, 'key.pem:') }]);
  });

  it('DER key bytes in a TLS Secret\u2019s tls.key fire', () => {
    const der = Buffer.concat([Buffer.from([0x30, 0x82, 0x04, 0xa4]), Buffer.alloc(200, 7)]);
    expect(findings(auditYaml(undefined, tlsSecret({ 'tls.crt': '""', 'tls.key': b64(der) })))).toHaveLength(
      1,
    );
  });

  it('the same key kept → preexisting; a different key → the new one introduced, the old one resolved', () => {
    const one = tlsSecret({ 'tls.key': b64(pemKey()) });
    const two = tlsSecret({
      'tls.key': b64(
        pemKey('PRIVATE KEY', 'MC4CAQAwBQYDK2VwBCIEIOTHEROTHEROTHEROTHEROTHEROTHEROTHEROTHERXX'),
      ),
    });
    expect(findings(auditYaml(one, one)).map((f) => f.status)).toEqual(['preexisting']);
    expect(
      findings(auditYaml(one, two))
        .map((f) => f.status)
        .sort(),
    ).toEqual(['introduced', 'resolved']);
  });

  it('a key in an unchanged file is context, not a finding of this change', () => {
    const key = tlsSecret({ 'tls.key': b64(pemKey()) });
    expect(
      findings(auditYaml({ 'other.yaml': '' }, { 'other.yaml': '' }, {}, { 'secret.yaml': key })),
    ).toEqual([]);
  });

  describe('does not fire', () => {
    it('for a SOPS-encrypted Secret', () => {
      const sops = tlsSecret(
        {
          'tls.crt': 'ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]',
          'tls.key': 'ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]',
        },
        'sops:\n  version: 3.9.0\n',
      );
      expect(findings(auditYaml(undefined, sops))).toEqual([]);
    });
    it('for ENC[…] values even without the sops block (a partially shown file)', () => {
      expect(
        findings(auditYaml(undefined, tlsSecret({ 'tls.key': 'ENC[AES256_GCM,data:Zm9v,type:str]' }))),
      ).toEqual([]);
    });
    it('for a passphrase-protected ENCRYPTED PRIVATE KEY', () => {
      expect(findings(auditYaml(undefined, stringData('key.pem', pemKey('ENCRYPTED PRIVATE KEY'))))).toEqual(
        [],
      );
    });
    it('for empty or placeholder key values', () => {
      expect(findings(auditYaml(undefined, tlsSecret({ 'tls.crt': '""', 'tls.key': '""' })))).toEqual([]);
      expect(findings(auditYaml(undefined, tlsSecret({ 'tls.key': b64('REPLACE_ME') })))).toEqual([]);
    });
    it('for a certificate without its key', () => {
      expect(findings(auditYaml(undefined, tlsSecret({ 'tls.crt': b64(certificate) })))).toEqual([]);
    });
    it('for a SealedSecret (another kind, encrypted for the cluster)', () => {
      const sealed = `apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata: {name: shop-tls, namespace: shop}\nspec:\n  encryptedData:\n    tls.key: AgBy3i4OJSWK+PiTySYZZA==\n`;
      expect(findings(auditYaml(undefined, sealed))).toEqual([]);
    });
  });
});
