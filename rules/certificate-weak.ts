import { num, obj, str } from '../src/core/controllers/manifest-values.ts';
import type { ManifestDocument } from '../src/core/manifests/document.ts';
import {
  type CertificateFacts,
  readCertificate,
  WEAK_SIGNATURES,
} from '../src/core/model/certificate-facts.ts';
import type { ObjectExposure } from '../src/core/model/exposure.ts';
import { hostCovers } from '../src/core/model/hosts.ts';
import { apiGroup } from '../src/core/model/identity.ts';
import { objectLabel } from '../src/core/model/route-label.ts';
import { documentLabel, storedValues } from '../src/core/model/stored-values.ts';
import type { RepoView, Rule, RuleContext } from '../src/core/rule.ts';

type DocCondition = ReturnType<NonNullable<Rule['documents']>>[number];

const EXPIRY_WINDOW_DAYS = 14;
const DAY = 86_400_000;

// An EC certificate for shop.example.com that expired on 2021-01-01 (fixtures/certificates/expired.pem).
const EXPIRED = `-----BEGIN CERTIFICATE-----
MIIBcTCCARegAwIBAgIBATAKBggqhkjOPQQDAjAbMRkwFwYDVQQDDBBzaG9wLmV4
YW1wbGUuY29tMB4XDTIwMDEwMTAwMDAwMFoXDTIxMDEwMTAwMDAwMFowGzEZMBcG
A1UEAwwQc2hvcC5leGFtcGxlLmNvbTBZMBMGByqGSM49AgEGCCqGSM49AwEHA0IA
BGswri4hJVtuYkl5/oO3q4y8lZwHqq5aqgh2YHyCaPtl9+2GutttUAPhjY5FAkea
GRzwXwfIetkHOsUVehlkEN2jTDBKMAwGA1UdEwEB/wQCMAAwGwYDVR0RBBQwEoIQ
c2hvcC5leGFtcGxlLmNvbTAdBgNVHQ4EFgQUhBsxpokgOuDq5EQFtSktpsptbWgw
CgYIKoZIzj0EAwIDSAAwRQIgJzc2+GIJfW0Vt0Q3ZS72C8okxCeqIBwKhu3c5eMF
Eg0CIQDle2uu3hIyIfgJDKxVzgmWsIdpUMbIewLBcLtktVcsCw==
-----END CERTIFICATE-----`;
const certSecret = (pem: string) =>
  `apiVersion: v1\nkind: Secret\nmetadata: {name: shop-tls, namespace: shop}\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n${pem
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n')}\n`;
const certificate = (size: number) =>
  `apiVersion: cert-manager.io/v1\nkind: Certificate\nmetadata: {name: shop, namespace: shop}\nspec:\n  secretName: shop-tls\n  dnsNames: [shop.example.com]\n  issuerRef: {name: letsencrypt, kind: ClusterIssuer}\n  privateKey:\n    algorithm: RSA\n    size: ${size}\n`;

const usersCache = new WeakMap<
  RepoView,
  Map<string, { object: ObjectExposure; hosts: string[]; line: number }[]>
>();
/** Objects whose TLS entries name a Secret, by `namespace/secret`. */
function secretUsers(view: RepoView) {
  let map = usersCache.get(view);
  if (!map) {
    map = new Map();
    for (const object of view.objects)
      for (const t of object.tls) {
        if (!t.secretName || t.hosts.length === 0) continue;
        const key = `${object.ref.namespace ?? ''}/${t.secretName}`;
        const list = map.get(key);
        const entry = { object, hosts: t.hosts, line: t.line };
        if (list) list.push(entry);
        else map.set(key, [entry]);
      }
    usersCache.set(view, map);
  }
  return map;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Expiry, key size and signature problems of one certificate. */
function weaknesses(cert: CertificateFacts, now: Date): { code: string; text: string; magnitude?: number }[] {
  const out: { code: string; text: string; magnitude?: number }[] = [];
  const left = cert.notAfter.getTime() - now.getTime();
  if (left <= 0) out.push({ code: 'expiry', text: `expired on ${day(cert.notAfter)}`, magnitude: 2 });
  else if (left <= EXPIRY_WINDOW_DAYS * DAY)
    out.push({
      code: 'expiry',
      text: `expires on ${day(cert.notAfter)}, in ${Math.ceil(left / DAY)} days`,
      magnitude: 1,
    });
  if (cert.rsaBits !== null && cert.rsaBits < 2048)
    out.push({
      code: 'rsa',
      text: `has a ${cert.rsaBits}-bit RSA key (under 2048 bits, factorable with modest resources)`,
    });
  const weak = WEAK_SIGNATURES[cert.signatureOid];
  if (weak && !cert.selfSignedCa)
    out.push({
      code: 'signature',
      text: `is signed with ${weak}, which browsers and TLS libraries reject (collisions are practical)`,
    });
  return out;
}

function secretConditions(doc: ManifestDocument, ctx: RuleContext): DocCondition[] {
  const object = { kind: doc.kind, namespace: doc.namespace, name: doc.name };
  const users =
    doc.kind === 'Secret' ? (secretUsers(ctx.repo).get(`${doc.namespace ?? ''}/${doc.name}`) ?? []) : [];
  return storedValues(doc).flatMap((v) => {
    const cert = readCertificate(v.text);
    if (!cert) return [];
    const line = doc.lineOf(v.path);
    const what = `the certificate in ${documentLabel(doc)} ${v.label} (${cert.subject})`;
    const out: DocCondition[] = weaknesses(cert, ctx.now).map((w) => ({
      key: `${v.label}|${w.code}`,
      file: doc.file,
      line,
      object,
      magnitude: w.magnitude,
      message: `${what} ${w.text}`,
    }));
    // Only a Secret named in a TLS entry serves hosts; a ConfigMap holds CA bundles and the like.
    if (v.path[1] !== 'tls.crt') return out;
    for (const u of users)
      for (const host of u.hosts) {
        if (cert.dnsNames.some((name) => hostCovers(name, host))) continue;
        out.push({
          key: `${v.label}|san|${host}`,
          file: doc.file,
          line,
          object,
          host,
          message: `${what} does not cover ${host}, which ${objectLabel(u.object)} serves with it (${u.object.file}:${u.line}); it covers ${cert.dnsNames.join(', ') || 'no DNS names (no subjectAltName)'}`,
        });
      }
    return out;
  });
}

/** The same host gap, reported on the Ingress (or Gateway) that serves the host with that Secret. */
function userConditions(
  object: ObjectExposure,
  certs: Map<string, { doc: ManifestDocument; cert: CertificateFacts }>,
): DocCondition[] {
  return object.tls.flatMap((t) => {
    const found = t.secretName ? certs.get(`${object.ref.namespace ?? ''}/${t.secretName}`) : undefined;
    if (!found) return [];
    return t.hosts
      .filter((host) => !found.cert.dnsNames.some((name) => hostCovers(name, host)))
      .map((host) => ({
        key: `certificate|${t.secretName}|${host}`,
        file: object.file,
        line: t.line,
        host,
        object: { kind: object.ref.kind, namespace: object.ref.namespace, name: object.ref.name },
        message: `${host} is served with the certificate in Secret ${found.doc.namespace ? `${found.doc.namespace}/` : ''}${found.doc.name} (${found.doc.file}:${found.doc.line}), which does not cover it — it covers ${found.cert.dnsNames.join(', ') || 'no DNS names'}: clients will reject the connection`,
      }));
  });
}

function certificateRequestConditions(doc: ManifestDocument): DocCondition[] {
  if (apiGroup(doc.apiVersion) !== 'cert-manager.io') return [];
  const spec = obj(doc.body.spec);
  const key = obj(spec.privateKey);
  // cert-manager v1 `privateKey`, and the older `keyAlgorithm` / `keySize` fields.
  const algorithm = (str(key.algorithm) ?? str(spec.keyAlgorithm) ?? 'RSA').toUpperCase();
  const size = num(key.size) ?? num(spec.keySize);
  if (algorithm !== 'RSA' || size === null || size >= 2048) return [];
  return [
    {
      key: 'privateKey.size',
      file: doc.file,
      line: doc.lineOf(key.size !== undefined ? ['spec', 'privateKey', 'size'] : ['spec', 'keySize']),
      object: { kind: doc.kind, namespace: doc.namespace, name: doc.name },
      message: `${documentLabel(doc)} asks cert-manager for a ${size}-bit RSA key: under 2048 bits, public CAs refuse to sign it and it can be factored with modest resources`,
    },
  ];
}

export const rule: Rule = {
  meta: {
    id: 'certificate-weak',
    severity: 'high',
    title: 'Weak, expiring or mismatched certificate',
    rationale:
      'A certificate committed with the manifests is what clients will be shown. An expired one, or one that does not name the host, makes browsers and API clients refuse the connection (or trains users to click through warnings); RSA keys under 2048 bits and SHA-1 signatures are breakable and rejected by current TLS stacks.',
    fires:
      'A PEM certificate in a Secret or ConfigMap is expired or expires within 14 days, has an RSA key under 2048 bits, or a SHA-1 (or MD5) signature; the certificate of a TLS Secret does not cover a host that an Ingress or Gateway in the same namespace serves with it (reported on both the Secret and the object); a cert-manager `Certificate` asks for an RSA key under 2048 bits.',
    quiet:
      'Valid certificates with RSA 2048+ or EC keys and SHA-2 signatures; the SHA-1 self-signature of a root CA (clients never check it); certificates managed by cert-manager in the cluster (not in the repository); SOPS-encrypted Secrets.',
    fix: 'Issue a new certificate (RSA 2048+ or ECDSA P-256, SHA-256) that lists every host in its subjectAltName — ideally let cert-manager issue and renew it in the cluster instead of committing it.',
    references: [
      'https://cabforum.org/working-groups/server/baseline-requirements/requirements/ (6.1.5 key sizes, 7.1.3 algorithms)',
      'https://shattered.io/',
      'https://cert-manager.io/docs/reference/api-docs/#cert-manager.io/v1.CertificatePrivateKey',
    ],
    kinds: ['Secret', 'ConfigMap', 'Certificate', 'Ingress', 'Gateway'],
    examples: {
      fires: [
        { name: 'an expired certificate in a TLS Secret', head: certSecret(EXPIRED) },
        {
          name: 'a cert-manager Certificate asks for a 1024-bit RSA key',
          base: certificate(2048),
          head: certificate(1024),
        },
      ],
      passes: [
        {
          name: 'a cert-manager Certificate with a 2048-bit RSA key',
          base: certificate(2048),
          head: certificate(4096),
        },
        { name: 'a TLS Secret without a certificate yet', head: certSecret('') },
      ],
    },
  },
  documents(ctx) {
    const certs = new Map<string, { doc: ManifestDocument; cert: CertificateFacts }>();
    const out: DocCondition[] = [];
    for (const doc of ctx.repo.documentsByKind.get('Secret') ?? []) {
      out.push(...secretConditions(doc, ctx));
      const crt = storedValues(doc).find((v) => v.path[1] === 'tls.crt');
      const cert = crt ? readCertificate(crt.text) : null;
      if (cert) certs.set(`${doc.namespace ?? ''}/${doc.name}`, { doc, cert });
    }
    for (const doc of ctx.repo.documentsByKind.get('ConfigMap') ?? [])
      out.push(...secretConditions(doc, ctx));
    for (const doc of ctx.repo.documentsByKind.get('Certificate') ?? [])
      out.push(...certificateRequestConditions(doc));
    for (const object of ctx.repo.objects) out.push(...userConditions(object, certs));
    return out;
  },
};
