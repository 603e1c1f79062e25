/**
 * HAProxy: both controllers. haproxytech/kubernetes-ingress reads `haproxy.org/`, `haproxy.com/` and
 * `ingress.kubernetes.io/` as equivalent prefixes; jcmoraisjr/haproxy-ingress reads
 * `haproxy-ingress.github.io/` and the legacy `ingress.kubernetes.io/`. Key names overlap, so one
 * profile reads the union. Sources: haproxytech documentation/annotations.md,
 * haproxy-ingress docs/content/en/docs/configuration/keys.md, ../shared/reference/ingress-security-facts.md §3.6.
 */
import { parseCidrList } from '../model/cidr.ts';
import type { AnnotatedValue, AuthMechanism, Protections } from '../model/exposure.ts';
import { annotationLine, classController } from './ingress.ts';
import { falsy, isPlainHttpOffCluster, num, splitList, truthy } from './manifest-values.ts';
import type { ControllerProfile } from './profile.ts';

/** In order of precedence when the same key is written twice. */
const PREFIXES = ['haproxy.org/', 'haproxy.com/', 'haproxy-ingress.github.io/', 'ingress.kubernetes.io/'];
/** Prefixes that name HAProxy on their own (`ingress.kubernetes.io/` is shared with Kong, Contour, F5). */
const OWN_PREFIXES = PREFIXES.slice(0, 3);
const CONTROLLERS = ['haproxy.org/ingress-controller/haproxy', 'haproxy-ingress.github.io/controller'];
const SNIPPETS = ['backend-config-snippet', 'frontend-config-snippet', 'config-backend', 'config-frontend'];

export const haproxyProfile: ControllerProfile = {
  id: 'haproxy',
  claims(exposure, ctx) {
    if (exposure.ref.kind !== 'Ingress') return false;
    if (Object.keys(exposure.annotations).some((k) => OWN_PREFIXES.some((p) => k.startsWith(p)))) return true;
    const controller = classController(exposure.ingressClass.name, ctx);
    if (controller !== null) return CONTROLLERS.includes(controller) || controller.startsWith('haproxy');
    return exposure.ingressClass.name !== null && /haproxy/.test(exposure.ingressClass.name);
  },
  refine(exposure) {
    const doc = exposure.doc;
    const keyOf = (name: string): string | null => {
      const prefix = PREFIXES.find((p) => exposure.annotations[p + name] !== undefined);
      return prefix ? prefix + name : null;
    };
    const a = (name: string): string | undefined => {
      const key = keyOf(name);
      return key ? exposure.annotations[key] : undefined;
    };
    const first = (...names: string[]): string | null => names.find((n) => keyOf(n) !== null) ?? null;
    const at = (name: string) => ({
      line: annotationLine(doc, keyOf(name)!),
      source: `annotation ${keyOf(name)}`,
    });
    const value = (name: string): AnnotatedValue => ({
      key: keyOf(name)!,
      value: a(name)!,
      line: at(name).line,
    });

    const auth: AuthMechanism[] = [];
    const authType = a('auth-type')?.trim().toLowerCase();
    // haproxy-ingress needs only auth-secret; haproxytech needs auth-type: basic-auth as well.
    if (a('auth-secret') && (authType === undefined || authType.startsWith('basic')))
      auth.push({
        kind: 'basic',
        detail: `basic auth (secret ${a('auth-secret')})`,
        ...at(keyOf('auth-type') ? 'auth-type' : 'auth-secret'),
        weaknesses: [],
      });
    if (a('auth-url')) {
      const url = a('auth-url')!.trim();
      const weaknesses: AuthMechanism['weaknesses'] = isPlainHttpOffCluster(url)
        ? [
            {
              code: 'plain-http',
              message: `external auth is called over plain HTTP (${url})`,
              line: at('auth-url').line,
            },
          ]
        : [];
      auth.push({ kind: 'external', detail: `external auth (${url})`, ...at('auth-url'), weaknesses, url });
    }
    if (a('oauth'))
      auth.push({ kind: 'external', detail: `OAuth proxy (${a('oauth')})`, ...at('oauth'), weaknesses: [] });
    const caKey = first('auth-tls-secret', 'client-ca');
    if (caKey) {
      const optionalKey = first('auth-tls-verify-client', 'client-crt-optional');
      const optional =
        optionalKey === 'client-crt-optional'
          ? truthy(a(optionalKey))
          : optionalKey !== null &&
            ['optional', 'optional_no_ca', 'off'].includes(a(optionalKey)!.trim().toLowerCase());
      auth.push({
        kind: 'mtls',
        detail: `client certificate (mTLS, CA ${a(caKey)})`,
        ...at(caKey),
        weaknesses: optional
          ? [
              {
                code: 'client-cert-optional',
                message: `client certificates are not required (${optionalKey}: ${a(optionalKey!)})`,
                line: at(optionalKey!).line,
              },
            ]
          : [],
      });
    }

    const allowKey = first('allow-list', 'whitelist', 'allowlist-source-range', 'whitelist-source-range');
    const denyKey = first('deny-list', 'blacklist', 'denylist-source-range', 'blacklist-source-range');
    const redirectKey = first('ssl-redirect', 'force-ssl-redirect');
    const rateKey = first('rate-limit-requests', 'limit-rps');
    const period = num(a('rate-limit-period')?.replace(/s$/, '')) ?? 1;
    const rate = rateKey ? num(a(rateKey)) : null;
    const connections = num(a('limit-connections'));
    const cors = truthy(a('cors-enable'))
      ? {
          enabled: true,
          origins: splitList(a('cors-allow-origin') ?? '*'),
          credentials: truthy(a('cors-allow-credentials')),
        }
      : null;
    const upstreamKey = first('server-ssl', 'secure-backends', 'backend-protocol');
    const upstreamHttps =
      upstreamKey === 'backend-protocol'
        ? /ssl|https|h2/i.test(a(upstreamKey) ?? '')
        : upstreamKey !== null && truthy(a(upstreamKey));
    const passthrough = truthy(a('ssl-passthrough'));
    const wafMode = a('waf-mode')?.trim().toLowerCase();

    for (const route of exposure.routes) {
      const p: Protections = route.protections;
      if (auth.length > 0) p.auth = auth.map((m) => ({ ...m, weaknesses: [...m.weaknesses] }));
      if (allowKey) {
        const ranges = parseCidrList(a(allowKey)!).ranges.map((r) => r.text);
        p.sourceRanges = { value: ranges.length === 0 ? 'any' : ranges, ...at(allowKey) };
      }
      if (denyKey)
        p.denyRanges = { value: parseCidrList(a(denyKey)!).ranges.map((r) => r.text), ...at(denyKey) };
      if (redirectKey)
        p.httpsRedirect = {
          value: falsy(a(redirectKey)) ? 'off' : truthy(a(redirectKey)) ? 'on' : 'unknown',
          ...at(redirectKey),
        };
      // Both controllers redirect hosts that have TLS unless told otherwise.
      else if (p.tls.value)
        p.httpsRedirect = {
          value: 'on',
          line: p.tls.line,
          source: 'tls section (HAProxy default for TLS hosts)',
        };
      if (rateKey && rate !== null && rate > 0)
        p.rateLimit = { value: { rps: rate / period }, ...at(rateKey) };
      else if (connections !== null && connections > 0)
        p.rateLimit = { value: { connections }, ...at('limit-connections') };
      if (cors) p.cors = { value: { ...cors, origins: [...cors.origins] }, ...at('cors-enable') };
      if (upstreamKey || passthrough)
        p.upstreamTls = {
          value: {
            protocol: upstreamHttps ? 'HTTPS' : 'HTTP',
            verify: a('server-ca') !== undefined || a('secure-verify-ca-secret') !== undefined,
            passthrough,
          },
          ...at(passthrough ? 'ssl-passthrough' : upstreamKey!),
        };
      if (a('waf') !== undefined)
        p.waf = {
          value: wafMode === 'detect' ? 'detect' : a('waf')!.trim() === '' ? 'off' : 'on',
          ...at('waf'),
        };
    }

    const s = exposure.signals;
    for (const name of SNIPPETS)
      if (a(name) !== undefined) {
        s.snippets.push(value(name));
        s.injectionProne.push(value(name));
      }
    for (const name of ['auth-url', 'request-redirect', 'set-host'])
      if (a(name) !== undefined) s.injectionProne.push(value(name));
    if (a('request-redirect'))
      s.diversions.push({
        ...value('request-redirect'),
        kind: 'redirect',
        target: a('request-redirect')!.trim().toLowerCase().replace(/:\d+$/, ''),
      });
    if (a('path-rewrite') !== undefined || a('rewrite-target') !== undefined)
      s.pathBroadeners.push(value(a('path-rewrite') !== undefined ? 'path-rewrite' : 'rewrite-target'));
  },
};
