import { createHash } from 'node:crypto';
import type { ManifestDocument } from '../src/core/manifests/document.ts';
import { documentLabel, type StoredValue, storedValues } from '../src/core/model/stored-values.ts';
import type { Rule } from '../src/core/rule.ts';

// Not a real key: the rule looks for the PEM armour and a body, which is all the examples need.
const FAKE_KEY =
  '-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLEEXAMPLE\n-----END PRIVATE KEY-----';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const tlsSecret = (key: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata: {name: shop-tls, namespace: shop}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ""\n  tls.key: ${key}\n`;
const configMap = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: proxy-config, namespace: edge}\ndata:\n  server.key: |\n${FAKE_KEY.split(
  '\n',
)
  .map((l) => `    ${l}`)
  .join('\n')}\n`;
const sops = `apiVersion: v1\nkind: Secret\nmetadata: {name: shop-tls, namespace: shop}\ntype: kubernetes.io/tls\ndata:\n  tls.crt: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]\n  tls.key: ENC[AES256_GCM,data:Zm9v,iv:YmFy,tag:YmF6,type:str]\nsops:\n  version: 3.9.0\n`;

const PEM_KEY =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH )?)PRIVATE KEY-----\s*[A-Za-z0-9+/=\s]{16,}-----END \1PRIVATE KEY-----/;

/** A DER-encoded key starts with an ASN.1 SEQUENCE and is a few hundred bytes at least. */
function looksLikeDer(text: string): boolean {
  return text.length >= 100 && text.charCodeAt(0) === 0x30;
}

function keyMaterial(doc: ManifestDocument, value: StoredValue): string | null {
  const pem = value.text.match(PEM_KEY);
  if (pem) return pem[0];
  const tlsKey =
    doc.kind === 'Secret' && doc.body.type === 'kubernetes.io/tls' && value.path[1] === 'tls.key';
  return tlsKey && looksLikeDer(value.text) ? value.text : null;
}

export const rule: Rule = {
  meta: {
    id: 'tls-key-committed',
    severity: 'critical',
    title: 'Private key committed to the repository',
    rationale:
      'A TLS private key in a manifest is readable by everyone who can read the repository, its forks and its history — forever: deleting the file later does not remove it from git. Whoever has it can impersonate the hosts its certificate covers or decrypt recorded traffic (for key-exchange modes without forward secrecy).',
    fires:
      'A Secret (typically `type: kubernetes.io/tls`) or a ConfigMap holds a plain private key: a PEM `PRIVATE KEY` block in `data` (base64) or `stringData`, or DER key bytes in a TLS Secret\u2019s `tls.key`. A different key in the same place is a new finding.',
    quiet:
      'SOPS-encrypted manifests (`sops:` metadata, `ENC[…]` values); SealedSecrets and ExternalSecrets (other kinds); empty or placeholder values; passphrase-protected `ENCRYPTED PRIVATE KEY` blocks; certificates without their key.',
    fix: 'Revoke and rotate the key now — it must be treated as public. Then keep keys out of git: let cert-manager issue them in the cluster, or commit them encrypted (SOPS, Sealed Secrets) or as references (External Secrets).',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets',
      'https://github.com/getsops/sops',
      'https://github.com/bitnami-labs/sealed-secrets',
      'https://cert-manager.io/docs/usage/ingress/',
    ],
    kinds: ['Secret', 'ConfigMap'],
    examples: {
      fires: [
        { name: 'a TLS Secret with its key in data', head: tlsSecret(b64(FAKE_KEY)) },
        { name: 'a ConfigMap with a PEM key added', base: '', head: configMap },
      ],
      passes: [
        { name: 'a SOPS-encrypted TLS Secret', head: sops },
        { name: 'a TLS Secret with an empty placeholder key', head: tlsSecret('""') },
      ],
    },
  },
  documents(ctx) {
    return ctx.repo.documents.flatMap((doc) =>
      storedValues(doc).flatMap((v) => {
        const key = keyMaterial(doc, v);
        if (key === null) return [];
        // A different key in the same field is a new leak, not the same finding.
        const digest = createHash('sha256').update(key).digest('hex').slice(0, 12);
        return [
          {
            key: `${v.label}|${digest}`,
            file: doc.file,
            line: doc.lineOf(v.path),
            object: { kind: doc.kind, namespace: doc.namespace, name: doc.name },
            message: `${documentLabel(doc)} holds a plain private key in ${v.label}: everyone who can read this repository or its history can use it — rotate the key, and keep keys out of git (cert-manager, SOPS, Sealed Secrets)`,
          },
        ];
      }),
    );
  },
};
