/**
 * ingress-nginx (kubernetes/ingress-nginx): annotation semantics and defaults.
 * Sources: docs/user-guide/nginx-configuration/annotations.md, annotations-risk.md (bundled JSON),
 * and ../shared/reference/ingress-security-facts.md §1.
 */

import { parseCidrList } from '../model/cidr.ts';
import type { AnnotatedValue, AuthMechanism, ObjectExposure, Protections } from '../model/exposure.ts';
import riskTable from './data/ingress-nginx-annotation-risk.json' with { type: 'json' };
import { annotationLine, classController } from './ingress.ts';
import type { ControllerProfile } from './profile.ts';

export const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';

type Risk = 'Low' | 'Medium' | 'High' | 'Critical';
const RISK = new Map<string, Risk>(riskTable.annotations.map((a) => [a.annotation, a.risk as Risk]));

/** Annotations whose values were injection vectors (CVE-2021-25742, -25746, 2023-5043/5044, 2025-1097/1098/24514…). */
const INJECTION_PRONE = [
  'auth-url',
  'auth-signin',
  'auth-tls-match-cn',
  'mirror-target',
  'mirror-host',
  'permanent-redirect',
  'temporal-redirect',
  'auth-proxy-set-headers',
  'auth-method',
  'rewrite-target',
  'connection-proxy-header',
  'auth-realm',
];

const truthy = (v: string | undefined) =>
  v !== undefined && ['true', 'on', 'yes', '1'].includes(v.trim().toLowerCase());
const falsy = (v: string | undefined) =>
  v !== undefined && ['false', 'off', 'no', '0'].includes(v.trim().toLowerCase());

function hostOfUrl(url: string): string {
  const m = url.trim().match(/^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i);
  return (m ? m[1].replace(/^[^@]*@/, '') : url.trim()).toLowerCase();
}

function isNginxClass(exposure: ObjectExposure, controller: string | null): boolean {
  if (controller !== null) return controller === 'k8s.io/ingress-nginx';
  const name = exposure.ingressClass.name;
  return name !== null && /nginx/.test(name) && !/nginx-plus|nginx\.org/.test(name);
}

export const ingressNginxProfile: ControllerProfile = {
  id: 'ingress-nginx',
  claims(exposure, ctx) {
    if (exposure.ref.kind !== 'Ingress') return false;
    if (Object.keys(exposure.annotations).some((k) => k.startsWith(NGINX_PREFIX))) return true;
    return isNginxClass(exposure, classController(exposure.ingressClass.name, ctx));
  },
  refine(exposure) {
    const doc = exposure.doc;
    const a = (name: string): string | undefined => exposure.annotations[NGINX_PREFIX + name];
    const line = (name: string) => annotationLine(doc, NGINX_PREFIX + name);
    const src = (name: string) => `annotation ${NGINX_PREFIX}${name}`;
    const value = (name: string): AnnotatedValue => ({
      key: NGINX_PREFIX + name,
      value: a(name)!,
      line: line(name),
    });

    // Authentication.
    const auth: AuthMechanism[] = [];
    const authType = a('auth-type')?.trim().toLowerCase();
    if ((authType === 'basic' || authType === 'digest') && a('auth-secret')) {
      auth.push({
        kind: authType,
        detail: `${authType} auth (secret ${a('auth-secret')})`,
        line: line('auth-type'),
        source: src('auth-type'),
        weaknesses: [],
      });
    }
    if (a('auth-url')) {
      const url = a('auth-url')!.trim();
      const weaknesses: AuthMechanism['weaknesses'] = [];
      if (/^http:\/\//i.test(url) && !/\.svc(\.cluster\.local)?(:\d+)?(\/|$)/i.test(hostOfUrl(url) + '/'))
        weaknesses.push({
          code: 'plain-http',
          message: `external auth is called over plain HTTP (${url})`,
          line: line('auth-url'),
        });
      auth.push({
        kind: 'external',
        detail: `external auth (${url})`,
        line: line('auth-url'),
        source: src('auth-url'),
        weaknesses,
        url,
      });
    }
    if (a('auth-tls-secret')) {
      const verify = (a('auth-tls-verify-client') ?? 'on').trim().toLowerCase();
      const weaknesses: AuthMechanism['weaknesses'] =
        verify === 'on'
          ? []
          : [
              {
                code: `verify-client-${verify}`,
                message: `client certificates are not required (auth-tls-verify-client: ${verify})`,
                line: line('auth-tls-verify-client'),
              },
            ];
      auth.push({
        kind: 'mtls',
        detail: `client certificate (mTLS, CA ${a('auth-tls-secret')})`,
        line: line('auth-tls-secret'),
        source: src('auth-tls-secret'),
        weaknesses,
      });
    }
    if (a('satisfy')?.trim().toLowerCase() === 'any' && auth.length > 0) {
      for (const m of auth)
        m.weaknesses.push({
          code: 'satisfy-any',
          message:
            'satisfy: any lets a request through when any one requirement (e.g. the IP allowlist) passes',
          line: line('satisfy'),
        });
    }

    // Network and transport.
    const allowKey =
      a('allowlist-source-range') !== undefined ? 'allowlist-source-range' : 'whitelist-source-range';
    const allow = a(allowKey);
    const allowRanges = allow !== undefined ? parseCidrList(allow) : null;
    const deny = a('denylist-source-range') ?? a('blacklist-source-range');
    const denyKey =
      a('denylist-source-range') !== undefined ? 'denylist-source-range' : 'blacklist-source-range';
    const cors = truthy(a('enable-cors'))
      ? {
          enabled: true,
          origins: (a('cors-allow-origin') ?? '*').split(/[\s,]+/).filter(Boolean),
          credentials: !falsy(a('cors-allow-credentials')),
        }
      : null;
    const rps = Number(a('limit-rps'));
    const rpm = Number(a('limit-rpm'));
    const conns = Number(a('limit-connections'));
    const rateLimit =
      rps > 0 || rpm > 0 || conns > 0
        ? {
            ...(rps > 0 ? { rps } : {}),
            ...(rpm > 0 ? { rpm } : {}),
            ...(conns > 0 ? { connections: conns } : {}),
          }
        : null;
    const rateKey = rps > 0 ? 'limit-rps' : rpm > 0 ? 'limit-rpm' : 'limit-connections';
    const modsec = a('enable-modsecurity');
    const owasp = truthy(a('enable-owasp-core-rules'));
    const modsecSnippet = a('modsecurity-snippet') ?? '';
    const wafValue: Protections['waf']['value'] = falsy(modsec)
      ? 'off'
      : truthy(modsec)
        ? /SecRuleEngine\s+On/i.test(modsecSnippet) || owasp
          ? 'on'
          : 'detect'
        : 'unknown';
    const protocol = (a('backend-protocol') ?? 'HTTP').trim().toUpperCase();
    const passthrough = truthy(a('ssl-passthrough'));

    for (const route of exposure.routes) {
      const p = route.protections;
      if (auth.length > 0) p.auth = auth.map((m) => ({ ...m, weaknesses: [...m.weaknesses] }));
      if (falsy(a('enable-global-auth')))
        p.authOptOut = {
          line: line('enable-global-auth'),
          message: 'enable-global-auth: "false" opts out of the controller-wide external authentication',
        };
      if (allowRanges) {
        p.sourceRanges = {
          value: allowRanges.ranges.length === 0 ? 'any' : allowRanges.ranges.map((r) => r.text),
          line: line(allowKey),
          source: src(allowKey),
        };
      }
      if (deny !== undefined)
        p.denyRanges = {
          value: parseCidrList(deny).ranges.map((r) => r.text),
          line: line(denyKey),
          source: src(denyKey),
        };
      // ssl-redirect defaults to on when the Ingress has a tls section; force-ssl-redirect redirects without one.
      if (truthy(a('force-ssl-redirect')))
        p.httpsRedirect = {
          value: 'on',
          line: line('force-ssl-redirect'),
          source: src('force-ssl-redirect'),
        };
      else if (falsy(a('ssl-redirect')))
        p.httpsRedirect = { value: 'off', line: line('ssl-redirect'), source: src('ssl-redirect') };
      else if (p.tls.value)
        p.httpsRedirect = { value: 'on', line: p.tls.line, source: 'tls section (ingress-nginx default)' };
      if (modsec !== undefined || owasp)
        p.waf = {
          value: wafValue,
          line: line(modsec !== undefined ? 'enable-modsecurity' : 'enable-owasp-core-rules'),
          source: 'ModSecurity',
        };
      if (rateLimit) p.rateLimit = { value: rateLimit, line: line(rateKey), source: src(rateKey) };
      if (cors) p.cors = { value: cors, line: line('enable-cors'), source: src('enable-cors') };
      if (a('backend-protocol') !== undefined || a('proxy-ssl-verify') !== undefined || passthrough) {
        const keyLine = passthrough
          ? line('ssl-passthrough')
          : a('proxy-ssl-verify') !== undefined
            ? line('proxy-ssl-verify')
            : line('backend-protocol');
        p.upstreamTls = {
          value: { protocol, verify: truthy(a('proxy-ssl-verify')), passthrough },
          line: keyLine,
          source: passthrough ? src('ssl-passthrough') : src('backend-protocol'),
        };
      }
      if (falsy(a('enable-access-log')))
        p.accessLog = { value: false, line: line('enable-access-log'), source: src('enable-access-log') };
    }

    // Signals for annotation-level rules.
    const s = exposure.signals;
    for (const key of Object.keys(exposure.annotations).sort()) {
      if (!key.startsWith(NGINX_PREFIX)) continue;
      const name = key.slice(NGINX_PREFIX.length);
      if (name.endsWith('-snippet')) s.snippets.push(value(name));
      if (name.endsWith('-snippet') || INJECTION_PRONE.includes(name)) s.injectionProne.push(value(name));
      const risk = RISK.get(key);
      if (risk) s.riskRated.push({ ...value(name), risk });
    }
    for (const [name, kind] of [
      ['mirror-target', 'mirror'],
      ['mirror-host', 'mirror'],
      ['permanent-redirect', 'redirect'],
      ['temporal-redirect', 'redirect'],
      ['server-alias', 'alias'],
    ] as const) {
      const v = a(name);
      if (v)
        s.diversions.push({
          ...value(name),
          kind,
          target: kind === 'alias' ? v.trim().toLowerCase() : hostOfUrl(v),
        });
    }
    if (truthy(a('use-regex'))) s.pathBroadeners.push(value('use-regex'));
    if (a('rewrite-target')) s.pathBroadeners.push(value('rewrite-target'));
    if (truthy(a('canary'))) s.canary = value('canary');
  },
};
