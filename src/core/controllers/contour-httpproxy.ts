/**
 * Contour HTTPProxy objects (projectcontour.io/v1): virtual host, TLS, authorization, IP policies,
 * rate limits and routes, including routes delegated from a root proxy through `includes`.
 * Sources: projectcontour/contour site/content/docs/main/config/{tls-termination,client-authorization,
 * ip-filtering,rate-limiting,inclusion-delegation}.md.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import { parseCidrList } from '../model/cidr.ts';
import type { AuthMechanism, Backend, ObjectExposure, Protections, Route } from '../model/exposure.ts';
import { hostMatchOf, normaliseHost } from '../model/hosts.ts';
import { refOf } from '../model/identity.ts';
import { configuredVisibility } from './class-visibility.ts';
import { annotationLine, annotationsOf, defaultProtections, emptySignals } from './ingress.ts';
import { arr, num, obj, str, truthy } from './manifest-values.ts';
import type { ProfileContext } from './profile.ts';

const CLASS_KEYS = ['projectcontour.io/ingress.class', 'kubernetes.io/ingress.class'];

/** Root proxies that include this one: a non-root HTTPProxy serves only under its parents' hosts and prefixes. */
function parentsOf(
  doc: ManifestDocument,
  ctx: ProfileContext,
): { fqdn: string; prefix: string; parent: ManifestDocument }[] {
  const out: { fqdn: string; prefix: string; parent: ManifestDocument }[] = [];
  for (const parent of ctx.documentsByKind.get('HTTPProxy') ?? []) {
    const spec = obj(parent.body.spec);
    const fqdn = str(obj(spec.virtualhost).fqdn);
    if (!fqdn) continue;
    for (const inc of arr(spec.includes)) {
      const i = obj(inc);
      const ns = str(i.namespace) ?? parent.namespace;
      if (str(i.name) !== doc.name || (ns !== doc.namespace && ns !== null && doc.namespace !== null))
        continue;
      const prefixes = arr(i.conditions)
        .map((c) => str(obj(c).prefix))
        .filter((p): p is string => p !== null);
      for (const prefix of prefixes.length > 0 ? prefixes : ['']) out.push({ fqdn, prefix, parent });
    }
  }
  return out;
}

function ranges(policy: unknown): string[] | null {
  const list = arr(policy);
  return list.length === 0
    ? null
    : parseCidrList(list.map((e) => str(obj(e).cidr) ?? '').join(',')).ranges.map((r) => r.text);
}

function rateOf(policy: unknown): { rps?: number; rpm?: number } | null {
  const local = obj(obj(policy).local);
  const requests = num(local.requests);
  if (!requests) return null;
  const unit = str(local.unit)?.toLowerCase();
  return unit === 'minute' ? { rpm: requests } : unit === 'hour' ? { rpm: requests / 60 } : { rps: requests };
}

export function buildHttpProxy(doc: ManifestDocument, ctx: ProfileContext): ObjectExposure {
  const spec = obj(doc.body.spec);
  const vhost = obj(spec.virtualhost);
  const tls = obj(vhost.tls);
  const annotations = annotationsOf(doc);
  const classKey = CLASS_KEYS.find((k) => annotations[k] !== undefined);
  const className = str(spec.ingressClassName) ?? (classKey ? annotations[classKey] : null);
  const classLine = str(spec.ingressClassName)
    ? doc.lineOf(['spec', 'ingressClassName'])
    : classKey
      ? annotationLine(doc, classKey)
      : doc.line;
  const hasTls = str(tls.secretName) !== null || truthy(tls.passthrough);
  const tlsLine = doc.lineOf(['spec', 'virtualhost', 'tls']);
  const fqdn = str(vhost.fqdn);
  const hosts = fqdn
    ? [{ host: normaliseHost(fqdn), prefix: '', line: doc.lineOf(['spec', 'virtualhost', 'fqdn']) }]
    : parentsOf(doc, ctx).map((p) => ({ host: normaliseHost(p.fqdn), prefix: p.prefix, line: doc.line }));
  const vAuth = obj(obj(vhost.authorization).extensionRef);
  const client = obj(tls.clientValidation);
  const signals = emptySignals();

  const routes: Route[] = [];
  for (const [i, raw] of arr(spec.routes).entries()) {
    const r = obj(raw);
    const base = ['spec', 'routes', i] as const;
    const conditions = arr(r.conditions).map(obj);
    const cond = conditions.find(
      (c) => c.prefix !== undefined || c.exact !== undefined || c.regex !== undefined,
    );
    const path = str(cond?.exact) ?? str(cond?.regex) ?? str(cond?.prefix) ?? '/';
    const pathType = cond?.exact !== undefined ? 'Exact' : cond?.regex !== undefined ? 'Regex' : 'Prefix';
    const pathLine = cond
      ? doc.lineOf([...base, 'conditions', conditions.indexOf(cond)])
      : doc.lineOf([...base]);
    const services = arr(r.services).map(obj);
    const primary = services.find((s) => !truthy(s.mirror));
    const backend: Backend | null = primary
      ? {
          service: str(primary.name) ?? '',
          port: str(primary.port) ?? '',
          namespace: doc.namespace,
          line: doc.lineOf([...base, 'services', services.indexOf(primary), 'name']),
        }
      : null;
    for (const [j, s] of services.entries())
      if (truthy(s.mirror) && str(s.name))
        signals.diversions.push({
          key: `spec.routes[${i}].services[${j}].mirror`,
          value: 'true',
          line: doc.lineOf([...base, 'services', j, 'mirror']),
          kind: 'mirror',
          target: `${str(s.name)}.${doc.namespace ?? 'default'}.svc`,
        });
    const redirectHost = str(obj(r.requestRedirectPolicy).hostname);
    if (redirectHost)
      signals.diversions.push({
        key: `spec.routes[${i}].requestRedirectPolicy.hostname`,
        value: redirectHost,
        line: doc.lineOf([...base, 'requestRedirectPolicy', 'hostname']),
        kind: 'redirect',
        target: redirectHost.toLowerCase(),
      });
    if (r.pathRewritePolicy !== undefined)
      signals.pathBroadeners.push({
        key: `spec.routes[${i}].pathRewritePolicy`,
        value: JSON.stringify(r.pathRewritePolicy),
        line: doc.lineOf([...base, 'pathRewritePolicy']),
      });

    for (const h of hosts) {
      const p: Protections = defaultProtections(h.line, hasTls);
      if (hasTls) p.tls = { value: true, line: tlsLine, source: 'spec.virtualhost.tls' };
      // HTTPProxy redirects HTTP to HTTPS on TLS virtual hosts unless a route sets permitInsecure.
      if (truthy(r.permitInsecure))
        p.httpsRedirect = {
          value: 'off',
          line: doc.lineOf([...base, 'permitInsecure']),
          source: 'permitInsecure',
        };
      else
        p.httpsRedirect = hasTls
          ? { value: 'on', line: tlsLine, source: 'TLS virtual host (HTTPProxy default)' }
          : { value: 'off', line: h.line, source: 'no TLS on the virtual host' };
      const auth: AuthMechanism[] = [];
      if (str(vAuth.name) && !truthy(obj(r.authPolicy).disabled))
        auth.push({
          kind: 'external',
          detail: `external authorization (ExtensionService ${str(vAuth.namespace) ?? doc.namespace ?? ''}/${str(vAuth.name)})`,
          line: doc.lineOf(['spec', 'virtualhost', 'authorization']),
          source: 'spec.virtualhost.authorization',
          weaknesses: [],
        });
      if (str(client.caSecret) || truthy(client.skipClientCertValidation)) {
        const optional = truthy(client.optionalClientCertificate) || truthy(client.skipClientCertValidation);
        const line = doc.lineOf(['spec', 'virtualhost', 'tls', 'clientValidation']);
        auth.push({
          kind: 'mtls',
          detail: `client certificate (mTLS, CA ${str(client.caSecret) ?? 'none'})`,
          line,
          source: 'spec.virtualhost.tls.clientValidation',
          weaknesses: optional
            ? [
                {
                  code: 'client-cert-optional',
                  message: 'client certificates are optional or not validated',
                  line,
                },
              ]
            : [],
        });
      }
      if (arr(vhost.jwtProviders).length > 0 && !truthy(obj(r.jwtVerificationPolicy).disabled))
        auth.push({
          kind: 'other',
          detail: 'JWT verification',
          line: doc.lineOf(['spec', 'virtualhost', 'jwtProviders']),
          source: 'spec.virtualhost.jwtProviders',
          weaknesses: [],
        });
      p.auth = auth;
      const allowField =
        r.ipAllowPolicy !== undefined ? [...base, 'ipAllowPolicy'] : ['spec', 'virtualhost', 'ipAllowPolicy'];
      const allow = ranges(r.ipAllowPolicy ?? vhost.ipAllowPolicy);
      if (allow)
        p.sourceRanges = {
          value: allow.length === 0 ? 'any' : allow,
          line: doc.lineOf(allowField),
          source: allowField.slice(1).join('.'),
        };
      const deny = ranges(r.ipDenyPolicy ?? vhost.ipDenyPolicy);
      if (deny)
        p.denyRanges = {
          value: deny,
          line: doc.lineOf(
            r.ipDenyPolicy !== undefined
              ? [...base, 'ipDenyPolicy']
              : ['spec', 'virtualhost', 'ipDenyPolicy'],
          ),
          source: 'ipDenyPolicy',
        };
      const rate = rateOf(r.rateLimitPolicy ?? vhost.rateLimitPolicy);
      if (rate)
        p.rateLimit = {
          value: rate,
          line: doc.lineOf(
            r.rateLimitPolicy !== undefined
              ? [...base, 'rateLimitPolicy']
              : ['spec', 'virtualhost', 'rateLimitPolicy'],
          ),
          source: 'rateLimitPolicy',
        };
      const cors = obj(vhost.corsPolicy);
      if (vhost.corsPolicy !== undefined)
        p.cors = {
          value: {
            enabled: true,
            origins: arr(cors.allowOrigin).map(String),
            credentials: truthy(cors.allowCredentials),
          },
          line: doc.lineOf(['spec', 'virtualhost', 'corsPolicy']),
          source: 'spec.virtualhost.corsPolicy',
        };
      if (truthy(tls.passthrough) || (primary && str(primary.protocol) === 'tls'))
        p.upstreamTls = {
          value: {
            protocol: truthy(tls.passthrough) ? 'TLS' : 'HTTPS',
            verify: primary?.validation !== undefined,
            passthrough: truthy(tls.passthrough),
          },
          line: truthy(tls.passthrough) ? tlsLine : backend!.line,
          source: truthy(tls.passthrough) ? 'spec.virtualhost.tls.passthrough' : 'services[].protocol',
        };
      const fullPath =
        h.prefix && h.prefix !== '/'
          ? `${h.prefix.replace(/\/$/, '')}${path === '/' ? '' : path}` || '/'
          : path;
      routes.push({
        host: h.host,
        hostLine: h.line,
        hostMatch: hostMatchOf(h.host, 'one-label'),
        path: fullPath,
        pathType,
        pathLine,
        backend,
        protections: p,
      });
    }
  }
  return {
    ref: refOf(doc),
    apiVersion: doc.apiVersion,
    file: doc.file,
    line: doc.line,
    controllers: ['contour'],
    ingressClass: {
      name: className,
      source: str(spec.ingressClassName) ? 'field' : className !== null ? 'annotation' : 'none',
      line: classLine,
    },
    visibility: configuredVisibility(className, classLine, ctx) ?? {
      value: 'unknown',
      line: classLine,
      reason:
        fqdn || hosts.length > 0
          ? 'HTTPProxy: exposure depends on how the Envoy Service is published'
          : 'HTTPProxy without a virtual host and not included by a root HTTPProxy in the repo: not served',
    },
    routes,
    tls:
      hasTls && fqdn
        ? [{ hosts: [normaliseHost(fqdn)], secretName: str(tls.secretName), line: tlsLine }]
        : [],
    defaultBackend: null,
    signals,
    annotations,
    doc,
  };
}
