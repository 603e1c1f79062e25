import { foldPerHost, type RouteHit } from '../src/core/conditions/fold-per-host.ts';
import type { AuthMechanism } from '../src/core/model/exposure.ts';
import { basisOf, type Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${v}\n`);
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: admin\n  namespace: ops\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: admin.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: admin, port: {number: 80}}}}]}\n`;
};
const MTLS = { 'auth-tls-secret': 'ops/client-ca' };

/** Scheme and host of an auth URL; null when it is not an absolute URL. */
function endpoint(url: string): { scheme: string; host: string } | null {
  try {
    const u = new URL(url.trim());
    return { scheme: u.protocol.replace(/:$/, '').toLowerCase(), host: u.hostname.toLowerCase() };
  } catch {
    return null;
  }
}

/** Second-level labels that registries sell under a country code (`co.uk`, `com.au`, `ne.jp`). */
const COUNTRY_SECOND_LEVEL = new Set([
  'ac',
  'co',
  'com',
  'edu',
  'go',
  'gov',
  'mil',
  'ne',
  'net',
  'or',
  'org',
]);

/**
 * The administrative site a host belongs to, so that auth.example.com → sso.example.com is not a move
 * while example.com → example.net is. In-cluster names compare by service and namespace. A heuristic
 * in place of the public-suffix list, which the pure core does not carry.
 */
function site(host: string): string {
  if (/^[\d.]+$/.test(host) || host.includes(':')) return host;
  const labels = host.split('.');
  const svc = labels.indexOf('svc');
  if (svc > 0) return labels.slice(0, svc).slice(-2).join('.');
  const n = labels.length;
  const take = n >= 3 && labels[n - 1].length === 2 && COUNTRY_SECOND_LEVEL.has(labels[n - 2]) ? 3 : 2;
  return labels.slice(-take).join('.');
}

const external = (auth: AuthMechanism[]) => auth.find((m) => m.kind === 'external' && m.url);

export const rule: Rule = {
  meta: {
    id: 'auth-weakened',
    severity: 'high',
    title: 'Authentication weakened',
    rationale:
      'Authentication that is still configured can stop protecting anything: client certificates made optional, `satisfy: any` letting a request through when only the IP check passes, an opt-out of the controller-wide auth, or credentials sent to an external auth service over plain HTTP or to another domain. The route looks protected in review while it is not.',
    fires:
      '`auth-tls-verify-client` becomes `optional`/`off`/`optional_no_ca`, `satisfy: any` is set, `enable-global-auth: "false"` is set, ALB `auth-on-unauthenticated-request: allow`, or an external auth URL moves from `https://` to `http://` or to another domain.',
    quiet:
      'Authentication that keeps its strength; authentication removed altogether (see auth-removed); an auth URL moved within the same domain over HTTPS.',
    fix: 'Require client certificates (`auth-tls-verify-client: "on"`), drop `satisfy: any`, keep the global auth, and call the auth service over HTTPS on a domain you control.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#client-certificate-authentication',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#external-authentication',
      'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#auth-on-unauthenticated-request',
      'CVE-2025-24514 (auth-url)',
      'Kyverno check-ingress-nginx-controller-version-and-annotation-policy',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'client certificates become optional',
          base: ing(MTLS),
          head: ing({ ...MTLS, 'auth-tls-verify-client': 'optional' }),
        },
        {
          name: 'satisfy: any is added to basic auth',
          base: ing({ 'auth-type': 'basic', 'auth-secret': 'ops/htpasswd' }),
          head: ing({ 'auth-type': 'basic', 'auth-secret': 'ops/htpasswd', satisfy: 'any' }),
        },
        {
          name: 'the external auth service moves to another domain',
          base: ing({ 'auth-url': 'https://auth.example.com/oauth2/auth' }),
          head: ing({ 'auth-url': 'https://auth.example.net/oauth2/auth' }),
        },
        { name: 'opting out of the global auth (scan)', head: ing({ 'enable-global-auth': '"false"' }) },
      ],
      passes: [
        {
          name: 'client certificates stay required',
          base: ing(MTLS),
          head: ing({ ...MTLS, 'auth-tls-verify-client': '"on"' }),
        },
        {
          name: 'the external auth service moves within the same domain',
          base: ing({ 'auth-url': 'https://auth.example.com/oauth2/auth' }),
          head: ing({ 'auth-url': 'https://sso.example.com/oauth2/auth' }),
        },
      ],
    },
  },
  state(object) {
    const hits: RouteHit[] = [];
    for (const route of object.routes) {
      const seen = new Set<string>();
      // One hit per weakness code: `satisfy: any` is recorded on every mechanism it weakens.
      for (const m of route.protections.auth)
        for (const w of m.weaknesses) {
          if (seen.has(w.code)) continue;
          seen.add(w.code);
          hits.push({ kind: w.code, route, cond: { line: w.line }, text: w.message });
        }
      const optOut = route.protections.authOptOut;
      if (optOut)
        hits.push({ kind: 'global-auth-opt-out', route, cond: { line: optOut.line }, text: optOut.message });
    }
    return foldPerHost(hits);
  },
  change(pair) {
    const hits: RouteHit[] = [];
    for (const r of pair.routes) {
      const basis = basisOf(r);
      if (!basis || !r.head || r.head.object !== pair.head) continue;
      const before = external(basis.route.protections.auth);
      const after = external(r.head.route.protections.auth);
      if (!before || !after) continue;
      const from = endpoint(before.url!);
      const to = endpoint(after.url!);
      if (!from || !to) continue;
      // A plain-HTTP URL outside the cluster is already a weakness reported by `state`.
      const plainAlreadyReported = after.weaknesses.some((w) => w.code === 'plain-http');
      if (site(from.host) !== site(to.host))
        hits.push({
          kind: 'auth-url',
          route: r,
          cond: { line: after.line },
          text: `now sends its authentication checks (with the client's credentials) to ${to.host} instead of ${from.host} (${after.source ?? 'external auth URL'})`,
        });
      else if (from.scheme === 'https' && to.scheme === 'http' && !plainAlreadyReported)
        hits.push({
          kind: 'auth-url',
          route: r,
          cond: { line: after.line },
          text: `now calls its external auth service over plain HTTP (${after.url}; was ${before.url})`,
        });
    }
    return foldPerHost(hits);
  },
};
