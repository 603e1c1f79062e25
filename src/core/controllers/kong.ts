/**
 * Kong Ingress Controller: `konghq.com/*` annotations and the KongPlugin / KongClusterPlugin objects
 * `konghq.com/plugins` names. Auth, IP restriction and rate limiting are all plugins in Kong.
 * Applies to Ingress and to Gateway API routes (Kong reads the same annotation there).
 * Sources: developer.konghq.com/kubernetes-ingress-controller/reference/annotations,
 * ../shared/reference/ingress-security-facts.md §3.7.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import { parseCidrList } from '../model/cidr.ts';
import type { AuthKind, AuthMechanism, ObjectExposure, Protections } from '../model/exposure.ts';
import { annotationLine, classController } from './ingress.ts';
import { arr, num, obj, splitList, str, truthy } from './manifest-values.ts';
import type { ControllerProfile, ProfileContext } from './profile.ts';
import { findClusterScoped, findRelated, labelOf } from './related-documents.ts';

export const KONG_PREFIX = 'konghq.com/';
const CONTROLLER = 'ingress-controllers.konghq.com/kong';
const KONG_GROUP = ['configuration.konghq.com'];

const AUTH_PLUGINS: Record<string, AuthKind> = {
  'key-auth': 'plugin',
  'key-auth-enc': 'plugin',
  'basic-auth': 'basic',
  jwt: 'plugin',
  oauth2: 'plugin',
  'oauth2-introspection': 'plugin',
  'openid-connect': 'oidc',
  'hmac-auth': 'plugin',
  'ldap-auth': 'plugin',
  'ldap-auth-advanced': 'plugin',
  'mtls-auth': 'mtls',
  // acl only admits consumers an auth plugin identified; on a route it means authorisation is enforced.
  acl: 'plugin',
};

/** What the named plugins do to a route; `line` is the line of the reference in the route's file. */
export function kongPluginEffects(
  names: string[],
  namespace: string | null,
  at: { line: number; source: string },
  ctx: ProfileContext,
): (p: Protections) => void {
  const plugins = names
    .map(
      (name) =>
        findRelated(ctx, 'KongPlugin', name, namespace, KONG_GROUP) ??
        findClusterScoped(ctx, 'KongClusterPlugin', name, KONG_GROUP),
    )
    .filter((d): d is ManifestDocument => d !== null && !truthy(d.body.disabled));
  const auth: AuthMechanism[] = [];
  let allow: string[] | null = null;
  let deny: string[] | null = null;
  let rate: { rps?: number; rpm?: number } | null = null;
  const sources: Record<string, string> = {};
  for (const doc of plugins) {
    const plugin = str(doc.body.plugin)?.trim() ?? '';
    const config = obj(doc.body.config);
    const label = `${labelOf(doc)} (${plugin})`;
    const kind = AUTH_PLUGINS[plugin];
    if (kind) {
      const weaknesses: AuthMechanism['weaknesses'] = [];
      // `anonymous` names a consumer that requests without credentials are mapped to.
      if (str(config.anonymous))
        weaknesses.push({
          code: 'anonymous-allowed',
          message: `${plugin} lets requests without credentials through as consumer "${str(config.anonymous)}"`,
          line: at.line,
        });
      auth.push({
        kind,
        detail: `Kong ${plugin} (${labelOf(doc)})`,
        line: at.line,
        source: label,
        weaknesses,
      });
    } else if (plugin === 'ip-restriction') {
      const allowList = arr(config.allow ?? config.whitelist).map(String);
      const denyList = arr(config.deny ?? config.blacklist).map(String);
      if (allowList.length > 0)
        allow = [...(allow ?? []), ...parseCidrList(allowList.join(',')).ranges.map((r) => r.text)];
      if (denyList.length > 0)
        deny = [...(deny ?? []), ...parseCidrList(denyList.join(',')).ranges.map((r) => r.text)];
      sources.ranges = label;
    } else if (plugin === 'rate-limiting' || plugin === 'rate-limiting-advanced') {
      const second = num(config.second);
      const minute = num(config.minute);
      const limits = arr(config.limit).map(num);
      const windows = arr(config.window_size).map(num);
      if (second) rate = { rps: second };
      else if (minute) rate = { rpm: minute };
      else if (limits[0] && windows[0]) rate = { rps: limits[0] / windows[0] };
      sources.rate = label;
    }
  }
  return (p) => {
    if (auth.length > 0) p.auth = [...p.auth, ...auth.map((m) => ({ ...m, weaknesses: [...m.weaknesses] }))];
    if (allow)
      p.sourceRanges = {
        value: allow.length === 0 ? 'any' : [...allow],
        line: at.line,
        source: sources.ranges,
      };
    if (deny) p.denyRanges = { value: [...deny], line: at.line, source: sources.ranges };
    if (rate) p.rateLimit = { value: { ...rate }, line: at.line, source: sources.rate };
  };
}

function isKong(exposure: ObjectExposure, ctx: ProfileContext): boolean {
  if (Object.keys(exposure.annotations).some((k) => k.startsWith(KONG_PREFIX))) return true;
  if (exposure.ref.kind !== 'Ingress') return false;
  const controller = classController(exposure.ingressClass.name, ctx);
  if (controller !== null) return controller === CONTROLLER;
  return exposure.ingressClass.name !== null && /kong/.test(exposure.ingressClass.name);
}

export const kongProfile: ControllerProfile = {
  id: 'kong',
  claims: isKong,
  refine(exposure, ctx) {
    const doc = exposure.doc;
    const a = (name: string): string | undefined => exposure.annotations[KONG_PREFIX + name];
    const at = (key: string) => ({ line: annotationLine(doc, key), source: `annotation ${key}` });
    const apply = kongPluginEffects(splitList(a('plugins')), doc.namespace, at(`${KONG_PREFIX}plugins`), ctx);
    const protocols =
      a('protocols') !== undefined ? splitList(a('protocols')).map((p) => p.toLowerCase()) : null;
    const forceKey = ['ingress.kubernetes.io/force-ssl-redirect', `${KONG_PREFIX}force-ssl-redirect`].find(
      (k) => exposure.annotations[k] !== undefined,
    );
    for (const route of exposure.routes) {
      const p = route.protections;
      apply(p);
      // Kong routes accept http and https unless `protocols` says otherwise.
      if (forceKey && truthy(exposure.annotations[forceKey]))
        p.httpsRedirect = { value: 'on', ...at(forceKey) };
      else if (protocols && !protocols.some((x) => x === 'http' || x === 'grpc'))
        p.httpsRedirect = { value: 'on', ...at(`${KONG_PREFIX}protocols`) };
      else if (protocols) p.httpsRedirect = { value: 'off', ...at(`${KONG_PREFIX}protocols`) };
      else if (exposure.ref.kind === 'Ingress')
        p.httpsRedirect = {
          value: 'off',
          line: route.hostLine,
          source: 'Kong default protocols http, https',
        };
      // ImplementationSpecific paths starting with /~ are regular expressions in Kong.
      if (route.pathType === 'ImplementationSpecific' && route.path.startsWith('/~'))
        route.pathType = 'Regex';
    }
  },
};
