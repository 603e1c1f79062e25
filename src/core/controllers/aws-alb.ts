/**
 * AWS Load Balancer Controller (kubernetes-sigs/aws-load-balancer-controller): `alb.ingress.kubernetes.io/*`
 * annotations and IngressClassParams. Sources: docs/guide/ingress/annotations.md,
 * pkg/ingress/model_build_listener.go and model_build_actions.go, ../shared/reference/ingress-security-facts.md §3.4.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import { parseCidrList } from '../model/cidr.ts';
import type { AnnotatedValue, AuthMechanism, ObjectExposure } from '../model/exposure.ts';
import { classListedInConfig } from './class-visibility.ts';
import { annotationLine, classController } from './ingress.ts';
import { arr, falsy, num, obj, parseJson, splitList, str, truthy } from './manifest-values.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';
import { findClusterScoped } from './related-documents.ts';

export const ALB_PREFIX = 'alb.ingress.kubernetes.io/';
const CONTROLLER = 'ingress.k8s.aws/alb';

interface Listener {
  protocol: 'HTTP' | 'HTTPS';
  port: number;
}

/** `[{"HTTP": 80}, {"HTTPS": 443}]` → listeners; null when absent or unreadable. */
function parseListenPorts(value: string | undefined): Listener[] | null {
  const parsed = parseJson(value);
  if (!Array.isArray(parsed)) return null;
  const out: Listener[] = [];
  for (const entry of parsed)
    for (const [protocol, port] of Object.entries(obj(entry))) {
      const p = protocol.toUpperCase();
      if (p === 'HTTP' || p === 'HTTPS')
        out.push({ protocol: p, port: num(port) ?? (p === 'HTTPS' ? 443 : 80) });
    }
  return out;
}

/** The IngressClassParams the Ingress's IngressClass points at, when both are in the repo. */
function classParams(exposure: ObjectExposure, ctx: ProfileContext): ManifestDocument | null {
  const name = exposure.ingressClass.name;
  if (name === null) return null;
  const cls = (ctx.documentsByKind.get('IngressClass') ?? []).find((c) => c.name === name);
  const params = obj(obj(cls?.body.spec).parameters);
  if (str(params.kind) !== 'IngressClassParams' || !str(params.name)) return null;
  return findClusterScoped(ctx, 'IngressClassParams', str(params.name)!, ['elbv2.k8s.aws']);
}

function redirectTarget(config: Record<string, unknown>): string | null {
  const host = str(config.host)?.trim().toLowerCase();
  // `#{host}` (the default) keeps the request's host: an HTTPS upgrade, not a diversion.
  return host && host !== '#{host}' ? host : null;
}

export const awsAlbProfile: ControllerProfile = {
  id: 'aws-alb',
  claims(exposure, ctx) {
    if (exposure.ref.kind !== 'Ingress') return false;
    if (Object.keys(exposure.annotations).some((k) => k.startsWith(ALB_PREFIX))) return true;
    const controller = classController(exposure.ingressClass.name, ctx);
    return controller !== null ? controller === CONTROLLER : exposure.ingressClass.name === 'alb';
  },
  refine(exposure, ctx) {
    const doc = exposure.doc;
    const a = (name: string): string | undefined => exposure.annotations[ALB_PREFIX + name];
    const line = (name: string) => annotationLine(doc, ALB_PREFIX + name);
    const src = (name: string) => `annotation ${ALB_PREFIX}${name}`;
    const value = (name: string): AnnotatedValue => ({
      key: ALB_PREFIX + name,
      value: a(name)!,
      line: line(name),
    });
    // IngressClassParams settings override the annotations of every Ingress of the class.
    const paramsDoc = classParams(exposure, ctx);
    const params = obj(paramsDoc?.body.spec);
    const fromParams = (field: string) => ({
      line: exposure.ingressClass.line,
      source: `IngressClassParams ${paramsDoc?.name} spec.${field}`,
    });

    // Visibility: `scheme`, default internal.
    if (!classListedInConfig(exposure.ingressClass.name, ctx)) {
      const scheme = str(params.scheme) ?? a('scheme');
      const at =
        str(params.scheme) !== null ? fromParams('scheme') : { line: line('scheme'), source: src('scheme') };
      const normalised = scheme?.trim().toLowerCase();
      exposure.visibility =
        normalised === 'internet-facing'
          ? { value: 'public', line: at.line, reason: `ALB scheme internet-facing (${at.source})` }
          : normalised === 'internal'
            ? { value: 'internal', line: at.line, reason: `ALB scheme internal (${at.source})` }
            : scheme === undefined
              ? {
                  value: 'internal',
                  line: exposure.ingressClass.line,
                  reason:
                    'no ALB scheme set: the AWS Load Balancer Controller creates an internal ALB by default',
                }
              : {
                  value: 'unknown',
                  line: at.line,
                  reason: `unrecognised ALB scheme "${scheme}" (${at.source})`,
                };
    }

    // Listeners: HTTPS only when a certificate is named or listen-ports asks for it (spec.tls secrets are ignored).
    const certArns =
      arr(params.certificateArn).length > 0 ? arr(params.certificateArn) : splitList(a('certificate-arn'));
    const listeners = parseListenPorts(a('listen-ports')) ?? [
      certArns.length > 0
        ? { protocol: 'HTTPS' as const, port: 443 }
        : { protocol: 'HTTP' as const, port: 80 },
    ];
    const hasHttps = listeners.some((l) => l.protocol === 'HTTPS');
    const hasHttp = listeners.some((l) => l.protocol === 'HTTP');
    const listenersAt =
      a('listen-ports') !== undefined
        ? { line: line('listen-ports'), source: src('listen-ports') }
        : a('certificate-arn') !== undefined
          ? { line: line('certificate-arn'), source: src('certificate-arn') }
          : null;
    const sslRedirect = str(params.sslRedirectPort) ?? a('ssl-redirect');
    const sslRedirectAt =
      str(params.sslRedirectPort) !== null
        ? fromParams('sslRedirectPort')
        : { line: line('ssl-redirect'), source: src('ssl-redirect') };

    // Source ranges: inbound-cidrs (default every address); ignored when security-groups are given.
    const cidrsFromParams = arr(params.inboundCIDRs)
      .map(str)
      .filter((s): s is string => s !== null);
    const cidrs = cidrsFromParams.length > 0 ? cidrsFromParams.join(',') : a('inbound-cidrs');
    const cidrsAt =
      cidrsFromParams.length > 0
        ? fromParams('inboundCIDRs')
        : { line: line('inbound-cidrs'), source: src('inbound-cidrs') };

    // Authentication: authenticate actions are only added to HTTPS listener rules.
    const auth: AuthMechanism[] = [];
    const authType = a('auth-type')?.trim().toLowerCase();
    if (authType === 'oidc' || authType === 'cognito') {
      const idp = obj(parseJson(a(authType === 'oidc' ? 'auth-idp-oidc' : 'auth-idp-cognito')));
      const issuer = str(idp.issuer) ?? str(idp.authorizationEndpoint);
      const weaknesses: AuthMechanism['weaknesses'] = [];
      if (a('auth-on-unauthenticated-request')?.trim().toLowerCase() === 'allow')
        weaknesses.push({
          code: 'unauthenticated-allowed',
          message: 'auth-on-unauthenticated-request: allow forwards requests without a login to the backend',
          line: line('auth-on-unauthenticated-request'),
        });
      if (hasHttp && !sslRedirect)
        weaknesses.push({
          code: 'http-listener-unauthenticated',
          message:
            'the ALB only authenticates on HTTPS listeners; the plain-HTTP listener serves the same routes without login',
          line: listenersAt?.line ?? line('auth-type'),
        });
      auth.push({
        kind: 'oidc',
        detail:
          authType === 'oidc'
            ? `OIDC login at the ALB${issuer ? ` (issuer ${issuer})` : ''}`
            : `Cognito login at the ALB${str(idp.userPoolARN) ? ` (user pool ${str(idp.userPoolARN)})` : ''}`,
        line: line('auth-type'),
        source: src('auth-type'),
        weaknesses,
        ...(issuer ? { url: issuer } : {}),
      });
    }
    if (a('jwt-validation') !== undefined)
      auth.push({
        kind: 'other',
        detail: 'JWT validation at the ALB',
        line: line('jwt-validation'),
        source: src('jwt-validation'),
        weaknesses: [],
      });
    const mutual = arr(parseJson(a('mutual-authentication'))).find(
      (m) => str(obj(m).mode)?.toLowerCase() === 'verify',
    );
    if (mutual)
      auth.push({
        kind: 'mtls',
        detail: `client certificate (mTLS, trust store ${str(obj(mutual).trustStore) ?? 'unnamed'})`,
        line: line('mutual-authentication'),
        source: src('mutual-authentication'),
        weaknesses: [],
      });

    const waf = a('wafv2-acl-arn') ?? a('waf-acl-id');
    const wafKey = a('wafv2-acl-arn') !== undefined ? 'wafv2-acl-arn' : 'waf-acl-id';
    const wafParam = str(params.wafv2AclArn);
    const attributes = a('load-balancer-attributes') ?? '';
    const accessLogs = attributes.match(/access_logs\.s3\.enabled\s*=\s*(\w+)/i);
    const protocol = (a('backend-protocol') ?? 'HTTP').trim().toUpperCase();

    for (const route of exposure.routes) {
      const p = route.protections;
      p.tls = hasHttps
        ? {
            value: true,
            line: listenersAt?.line ?? p.tls.line,
            source: listenersAt?.source ?? 'HTTPS listener',
          }
        : {
            value: false,
            line: listenersAt?.line ?? p.tls.line,
            source: 'no HTTPS listener (the ALB ignores spec.tls secrets)',
          };
      if (sslRedirect && hasHttps) p.httpsRedirect = { value: 'on', ...sslRedirectAt };
      else if (hasHttp)
        p.httpsRedirect = {
          value: 'off',
          line: listenersAt?.line ?? route.hostLine,
          source: listenersAt
            ? `plain-HTTP listener (${listenersAt.source})`
            : 'plain-HTTP listener (ALB default listen-ports)',
        };
      else
        p.httpsRedirect = {
          value: 'on',
          line: listenersAt?.line ?? route.hostLine,
          source: 'HTTPS-only listeners',
        };
      if (a('security-groups') !== undefined)
        p.sourceRanges = {
          value: 'any',
          line: line('security-groups'),
          source: `${src('security-groups')} (rules kept outside the repo)`,
        };
      else if (cidrs !== undefined) {
        const ranges = parseCidrList(cidrs).ranges.map((r) => r.text);
        p.sourceRanges = { value: ranges.length === 0 ? 'any' : ranges, ...cidrsAt };
      } else
        p.sourceRanges = {
          value: 'any',
          line: route.hostLine,
          source: 'ALB default inbound-cidrs 0.0.0.0/0',
        };
      if (auth.length > 0) p.auth = auth.map((m) => ({ ...m, weaknesses: [...m.weaknesses] }));
      if (wafParam !== null)
        p.waf = {
          value: wafParam.trim().toLowerCase() === 'none' || wafParam === '' ? 'off' : 'on',
          ...fromParams('wafv2AclArn'),
        };
      else if (waf !== undefined)
        // `none` detaches the web ACL; an empty value leaves whatever is attached untouched.
        p.waf = {
          value: waf.trim().toLowerCase() === 'none' ? 'off' : waf.trim() === '' ? 'unknown' : 'on',
          line: line(wafKey),
          source: src(wafKey),
        };
      if (accessLogs)
        p.accessLog = {
          value: !falsy(accessLogs[1]),
          line: line('load-balancer-attributes'),
          source: src('load-balancer-attributes'),
        };
      if (a('backend-protocol') !== undefined)
        // The ALB does not validate target certificates.
        p.upstreamTls = {
          value: { protocol, verify: false, passthrough: false },
          line: line('backend-protocol'),
          source: src('backend-protocol'),
        };
    }

    // Signals: shared ALB membership and custom actions.
    const s = exposure.signals;
    const groupParam = str(obj(params.group).name);
    if (groupParam !== null)
      s.sharedGroup = {
        key: 'IngressClassParams spec.group.name',
        value: groupParam,
        line: exposure.ingressClass.line,
      };
    else if (a('group.name') !== undefined) {
      const order = num(a('group.order'));
      s.sharedGroup = { ...value('group.name'), ...(order !== null ? { order } : {}) };
    }
    for (const key of Object.keys(exposure.annotations).sort()) {
      if (!key.startsWith(`${ALB_PREFIX}actions.`)) continue;
      const name = key.slice(ALB_PREFIX.length);
      const action = obj(parseJson(a(name)));
      const type = str(action.type)?.toLowerCase();
      if (type === 'redirect') {
        const target = redirectTarget(obj(action.redirectConfig));
        if (target) s.diversions.push({ ...value(name), kind: 'redirect', target });
      } else if (type === 'forward') {
        const groups = arr(obj(action.forwardConfig).targetGroups);
        const single = str(action.targetGroupARN);
        for (const tg of single ? [{ targetGroupARN: single }] : groups) {
          const t = obj(tg);
          const target =
            str(t.targetGroupARN) ??
            str(t.targetGroupName) ??
            (str(t.serviceName) ? `service/${str(t.serviceName)}` : null);
          if (target) s.diversions.push({ ...value(name), kind: 'forward', target });
        }
      }
    }
    if (truthy(a('use-regex-path-match'))) s.pathBroadeners.push(value('use-regex-path-match'));
  },
};
