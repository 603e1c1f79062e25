import type { ObjectExposure } from '../src/core/model/exposure.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (issuer: string | null, secret = 'web-tls') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${issuer ? `  annotations:\n    cert-manager.io/cluster-issuer: ${issuer}\n` : ''}spec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [shop.example.com]\n      secretName: ${secret}\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

/** Issuers whose certificates browsers do not trust. */
const UNTRUSTED = /staging|self-?signed|test|fake/i;

function secretLine(object: ObjectExposure, index: number): number {
  // For an Ingress the tls list is spec.tls itself, so the secretName field can be pointed at.
  return object.ref.kind === 'Ingress'
    ? object.doc.lineOf(['spec', 'tls', index, 'secretName'])
    : object.tls[index].line;
}

export const rule: Rule = {
  meta: {
    id: 'cert-issuer-changed',
    severity: 'low',
    title: 'Certificate issuer or secret changed',
    rationale:
      'Who signs a host’s certificate decides whether browsers trust it: a switch from a production issuer to a staging or self-signed one breaks every client, and removing the issuer stops automatic renewal, so the certificate expires unnoticed. A different `secretName` serves a different certificate — possibly one for other names, or one another team controls.',
    fires:
      'The cert-manager issuer (`cert-manager.io/cluster-issuer`, `cert-manager.io/issuer`) is changed or removed, or the `tls[].secretName` serving a host changed — also when the host moved to another object.',
    quiet: 'An issuer added where there was none; TLS hosts added with their own secret.',
    fix: 'Keep the production issuer and the secret the host was using, or confirm the new ones serve a trusted certificate for every host.',
    references: ['https://cert-manager.io/docs/usage/ingress/', 'Kyverno cert-manager restrict-issuer'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'production issuer replaced by staging',
          base: ing('letsencrypt-prod'),
          head: ing('letsencrypt-staging'),
        },
        {
          name: 'another secret serves the host',
          base: ing(null, 'web-tls'),
          head: ing(null, 'wildcard-tls'),
        },
      ],
      passes: [
        { name: 'issuer unchanged', base: ing('letsencrypt-prod'), head: ing('letsencrypt-prod') },
        { name: 'issuer added', base: ing(null), head: ing('letsencrypt-prod') },
      ],
    },
  },
  change(pair, ctx) {
    const head = pair.head;
    if (!head) return [];
    // Where the hosts came from: the same object, or (after a rename or a merge) the object that served them.
    const origin =
      pair.base ??
      pair.routes.find((r) => r.base && r.base.object.ref.kind === head.ref.kind)?.base?.object ??
      null;
    if (!origin) return [];
    const out: Condition[] = [];
    const hosts = [...new Set(head.tls.flatMap((t) => t.hosts))].join(', ') || 'its hosts';
    const before = origin.signals.certIssuer;
    const now = head.signals.certIssuer;
    if (before && !now)
      out.push({
        key: 'issuer',
        line: head.doc.lineOf(['metadata', 'annotations']),
        message: `the certificate issuer ${before.value} (${before.key}) was removed: certificates for ${hosts} are no longer issued or renewed automatically`,
      });
    else if (before && now && before.value !== now.value)
      out.push({
        key: 'issuer',
        line: now.line,
        message: `certificates for ${hosts} are now issued by ${now.value} (was ${before.value})${UNTRUSTED.test(now.value) && !UNTRUSTED.test(before.value) ? ': browsers do not trust certificates from this issuer' : ''}`,
      });
    // The secrets that served a host at base: the object's own, else those of every base object listing
    // it (sorted, so the answer never depends on the order files were read in).
    const firstSecret = (o: ObjectExposure, host: string) =>
      o.tls.find((t) => t.hosts.includes(host))?.secretName ?? null;
    const previousSecrets = (host: string): string[] => {
      if (pair.base?.tls.some((t) => t.hosts.includes(host))) {
        const own = firstSecret(pair.base, host);
        return own === null ? [] : [own];
      }
      const all = ctx.baseRepo.objects.map((o) => firstSecret(o, host)).filter((s) => s !== null);
      return [...new Set(all)].sort();
    };
    // A host listed in several entries is served by the first one: compare that one, once per host.
    const seen = new Set<string>();
    for (const [i, entry] of head.tls.entries())
      for (const host of entry.hosts) {
        if (seen.has(host)) continue;
        seen.add(host);
        const old = previousSecrets(host);
        if (old.length === 0 || (entry.secretName !== null && old.includes(entry.secretName))) continue;
        const was = old.join(' or ');
        out.push({
          key: `secret|${host}`,
          host,
          line: secretLine(head, i),
          message:
            entry.secretName === null
              ? `${host} no longer names a TLS secret (was ${was}): it is served with the controller’s default certificate`
              : `${host} is now served with the certificate in secret ${entry.secretName} (was ${was})`,
        });
      }
    return out;
  },
};
