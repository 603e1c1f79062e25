/**
 * F5 NGINX Ingress Controller (nginx/kubernetes-ingress): `nginx.org/*`, `nginx.com/*` (NGINX Plus)
 * and `appprotect.f5.com/*` annotations, and Policy objects named by `nginx.org/policies`. Not the
 * same controller as ingress-nginx. Sources: internal/configs/annotations.go,
 * docs configuration/ingress-resources/advanced-configuration-with-annotations and policy-resource,
 * ../shared/reference/ingress-security-facts.md §3.2.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import { parseCidrList } from '../model/cidr.ts';
import type { AnnotatedValue, AuthMechanism, Protections } from '../model/exposure.ts';
import { annotationLine, classController } from './ingress.ts';
import { arr, falsy, obj, splitList, str, truthy } from './manifest-values.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';
import { findRelated, labelOf } from './related-documents.ts';

const PREFIXES = ['nginx.org/', 'nginx.com/', 'appprotect.f5.com/'];
const CONTROLLER = 'nginx.org/ingress-controller';
const APP_PROTECT = 'appprotect.f5.com/app-protect-enable';

/** `10r/s`, `600r/m` → requests per second or minute. */
function parseRate(value: string | undefined): { rps?: number; rpm?: number } | null {
  const m = value?.trim().match(/^(\d+(?:\.\d+)?)r\/([sm])$/);
  if (!m) return null;
  return m[2] === 's' ? { rps: Number(m[1]) } : { rpm: Number(m[1]) };
}

/** Policy objects (k8s.nginx.org) an Ingress names with `nginx.org/policies` (supported on Ingress since 5.4). */
function policies(names: string[], namespace: string | null, ctx: ProfileContext): ManifestDocument[] {
  return names
    .map((n) => {
      const [ns, name] = n.includes('/') ? n.split('/', 2) : [namespace, n];
      return findRelated(ctx, 'Policy', name, ns, ['k8s.nginx.org']);
    })
    .filter((d): d is ManifestDocument => d !== null);
}

export const f5NginxProfile: ControllerProfile = {
  id: 'f5-nginx',
  claims(exposure, ctx) {
    if (exposure.ref.kind !== 'Ingress') return false;
    if (Object.keys(exposure.annotations).some((k) => PREFIXES.some((p) => k.startsWith(p)))) return true;
    const controller = classController(exposure.ingressClass.name, ctx);
    if (controller !== null) return controller === CONTROLLER;
    return exposure.ingressClass.name !== null && /nginx-plus|nginx\.org/.test(exposure.ingressClass.name);
  },
  refine(exposure, ctx) {
    const doc = exposure.doc;
    const a = (key: string): string | undefined => exposure.annotations[key];
    const at = (key: string) => ({ line: annotationLine(doc, key), source: `annotation ${key}` });
    const value = (key: string): AnnotatedValue => ({ key, value: a(key)!, line: at(key).line });

    const auth: AuthMechanism[] = [];
    if (a('nginx.org/basic-auth-secret'))
      auth.push({
        kind: 'basic',
        detail: `basic auth (secret ${a('nginx.org/basic-auth-secret')})`,
        ...at('nginx.org/basic-auth-secret'),
        weaknesses: [],
      });
    if (a('nginx.com/jwt-key'))
      auth.push({
        kind: 'other',
        detail: `JWT validation (key secret ${a('nginx.com/jwt-key')})`,
        ...at('nginx.com/jwt-key'),
        weaknesses: [],
      });
    const policyAt = at('nginx.org/policies');
    let allow: string[] | null = null;
    let deny: string[] | null = null;
    let policyRate: { rps?: number; rpm?: number } | null = null;
    for (const policy of policies(splitList(a('nginx.org/policies')), doc.namespace, ctx)) {
      const spec = obj(policy.body.spec);
      const src = labelOf(policy);
      const access = obj(spec.accessControl);
      if (access.allow !== undefined)
        allow = [...(allow ?? []), ...parseCidrList(arr(access.allow).join(',')).ranges.map((r) => r.text)];
      if (access.deny !== undefined)
        deny = [...(deny ?? []), ...parseCidrList(arr(access.deny).join(',')).ranges.map((r) => r.text)];
      if (spec.basicAuth !== undefined)
        auth.push({
          kind: 'basic',
          detail: `basic auth (${src})`,
          line: policyAt.line,
          source: src,
          weaknesses: [],
        });
      if (spec.jwt !== undefined)
        auth.push({
          kind: 'other',
          detail: `JWT validation (${src})`,
          line: policyAt.line,
          source: src,
          weaknesses: [],
        });
      if (spec.oidc !== undefined)
        auth.push({
          kind: 'oidc',
          detail: `OIDC (${src})`,
          line: policyAt.line,
          source: src,
          weaknesses: [],
          ...(str(obj(spec.oidc).authEndpoint) ? { url: str(obj(spec.oidc).authEndpoint)! } : {}),
        });
      if (spec.ingressMTLS !== undefined) {
        const mode = str(obj(spec.ingressMTLS).verifyClient) ?? 'on';
        auth.push({
          kind: 'mtls',
          detail: `client certificate (${src})`,
          line: policyAt.line,
          source: src,
          weaknesses:
            mode === 'on'
              ? []
              : [
                  {
                    code: `verify-client-${mode}`,
                    message: `client certificates are not required (verifyClient: ${mode})`,
                    line: policyAt.line,
                  },
                ],
        });
      }
      if (spec.apiKey !== undefined)
        auth.push({
          kind: 'plugin',
          detail: `API key (${src})`,
          line: policyAt.line,
          source: src,
          weaknesses: [],
        });
      if (spec.rateLimit !== undefined) policyRate = parseRate(str(obj(spec.rateLimit).rate) ?? undefined);
    }

    const sslRedirectKey = ['nginx.org/ssl-redirect', 'ingress.kubernetes.io/ssl-redirect'].find(
      (k) => a(k) !== undefined,
    );
    const rate = parseRate(a('nginx.org/limit-req-rate'));
    const sslServices = splitList(a('nginx.org/ssl-services'));
    const grpcServices = splitList(a('nginx.org/grpc-services'));
    const pathRegex = a('nginx.org/path-regex')?.trim();

    for (const route of exposure.routes) {
      const p: Protections = route.protections;
      if (auth.length > 0) p.auth = auth.map((m) => ({ ...m, weaknesses: [...m.weaknesses] }));
      if (allow) p.sourceRanges = { value: allow.length === 0 ? 'any' : [...allow], ...policyAt };
      if (deny) p.denyRanges = { value: [...deny], ...policyAt };
      if (truthy(a('nginx.org/redirect-to-https')))
        p.httpsRedirect = { value: 'on', ...at('nginx.org/redirect-to-https') };
      else if (sslRedirectKey && falsy(a(sslRedirectKey)))
        p.httpsRedirect = { value: 'off', ...at(sslRedirectKey) };
      // ssl-redirect defaults to true for hosts with TLS.
      else if (p.tls.value)
        p.httpsRedirect = {
          value: 'on',
          line: p.tls.line,
          source: 'tls section (F5 NGINX default ssl-redirect)',
        };
      if (rate) p.rateLimit = { value: { ...rate }, ...at('nginx.org/limit-req-rate') };
      else if (policyRate) p.rateLimit = { value: { ...policyRate }, ...policyAt };
      if (a(APP_PROTECT) !== undefined)
        p.waf = { value: truthy(a(APP_PROTECT)) ? 'on' : 'off', ...at(APP_PROTECT) };
      const svc = route.backend?.service ?? '';
      if (sslServices.includes(svc) || grpcServices.includes(svc)) {
        const key = sslServices.includes(svc) ? 'nginx.org/ssl-services' : 'nginx.org/grpc-services';
        p.upstreamTls = {
          value: {
            protocol: sslServices.includes(svc) ? 'HTTPS' : 'GRPC',
            verify: false,
            passthrough: false,
          },
          ...at(key),
        };
      }
      if (pathRegex === 'case_sensitive' || pathRegex === 'case_insensitive') route.pathType = 'Regex';
      else if (pathRegex === 'exact') route.pathType = 'Exact';
    }

    const s = exposure.signals;
    for (const key of Object.keys(exposure.annotations).sort()) {
      if (!PREFIXES.some((p) => key.startsWith(p))) continue;
      if (/-snippets?$/.test(key)) {
        s.snippets.push(value(key));
        s.injectionProne.push(value(key));
      } else if (['nginx.org/rewrites', 'nginx.org/rewrite-target', 'nginx.com/jwt-login-url'].includes(key))
        s.injectionProne.push(value(key));
    }
    const mergeable = a('nginx.org/mergeable-ingress-type')?.trim().toLowerCase();
    if (mergeable === 'master' || mergeable === 'minion')
      s.sharedGroup = { ...value('nginx.org/mergeable-ingress-type'), value: mergeable };
    for (const key of ['nginx.org/rewrites', 'nginx.org/rewrite-target', 'nginx.org/path-regex'])
      if (a(key) !== undefined) s.pathBroadeners.push(value(key));
  },
};
