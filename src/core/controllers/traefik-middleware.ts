/**
 * Traefik Middleware objects (traefik.io and traefik.containo.us): what a list of middleware
 * references does to a route. Auth, IP allow-lists, HTTPS redirects and rate limits are all
 * middlewares in Traefik (docs/content/middlewares/http/*.md, ../shared/reference/ingress-security-facts.md §3.3).
 */
import type { ManifestDocument } from '../manifests/document.ts';
import { parseCidrList } from '../model/cidr.ts';
import type { AuthMechanism, Fact, Protections } from '../model/exposure.ts';
import { arr, isPlainHttpOffCluster, num, obj, str, truthy } from './manifest-values.ts';
import type { ProfileContext } from './profile.ts';
import { findRelated, labelOf } from './related-documents.ts';

export const TRAEFIK_GROUPS = ['traefik.io', 'traefik.containo.us'];

/** A reference to a middleware as written on the route, with the line of the reference. */
export interface MiddlewareRef {
  name: string;
  namespace: string | null;
  /** `kubernetescrd` (or null) resolves to a Middleware object; `file`, `docker`… live outside the repo. */
  provider: string | null;
  line: number;
  /** As written, for messages: `web-auth@kubernetescrd`. */
  text: string;
}

export interface MiddlewareEffects {
  auth: AuthMechanism[];
  sourceRanges: Fact<string[]> | null;
  httpsRedirect: Fact<'on'> | null;
  rateLimit: Fact<{ rps?: number; connections?: number }> | null;
  cors: Fact<{ enabled: boolean; origins: string[]; credentials: boolean }> | null;
}

/** Unresolved middlewares named like authentication are kept as auth: dropping one is what a reviewer must see. */
const AUTH_NAME = /auth|oidc|oauth|jwt|login|sso|keycloak/i;

function seconds(period: unknown): number {
  const n = num(period);
  if (n !== null) return n > 0 ? n : 1;
  const m = str(period)
    ?.trim()
    .match(/^(\d+(?:\.\d+)?)(ms|s|m|h)$/);
  if (!m) return 1;
  const factor = { ms: 0.001, s: 1, m: 60, h: 3600 }[m[2] as 'ms' | 's' | 'm' | 'h'];
  return Number(m[1]) * factor || 1;
}

/** The Middleware a reference names, looking in the route's namespace unless the reference says otherwise. */
export function findMiddleware(ref: MiddlewareRef, ctx: ProfileContext): ManifestDocument | null {
  if (ref.provider !== null && ref.provider !== 'kubernetescrd') return null;
  const direct = findRelated(ctx, 'Middleware', ref.name, ref.namespace, TRAEFIK_GROUPS);
  if (direct) return direct;
  // Ingress annotations name CRD middlewares `<namespace>-<name>@kubernetescrd`.
  return (
    (ctx.documentsByKind.get('Middleware') ?? []).find(
      (d) => `${d.namespace ?? ref.namespace ?? 'default'}-${d.name}` === ref.name,
    ) ?? null
  );
}

function applySpec(
  mw: ManifestDocument,
  ref: MiddlewareRef,
  ctx: ProfileContext,
  out: MiddlewareEffects,
  depth: number,
): void {
  const spec = obj(mw.body.spec);
  const at = (kind: string) => ({ line: ref.line, source: `${labelOf(mw)} (${kind})` });
  if (spec.basicAuth !== undefined || spec.digestAuth !== undefined) {
    const kind = spec.basicAuth !== undefined ? 'basic' : 'digest';
    const secret = str(obj(spec.basicAuth ?? spec.digestAuth).secret);
    out.auth.push({
      kind,
      detail: `${kind} auth (${labelOf(mw)}${secret ? `, secret ${secret}` : ''})`,
      ...at(`${kind}Auth`),
      weaknesses: [],
    });
  }
  if (spec.forwardAuth !== undefined) {
    const fa = obj(spec.forwardAuth);
    const url = str(fa.address)?.trim() ?? '';
    const weaknesses: AuthMechanism['weaknesses'] = [];
    if (isPlainHttpOffCluster(url))
      weaknesses.push({
        code: 'plain-http',
        message: `forward auth is called over plain HTTP (${url})`,
        line: ref.line,
      });
    if (truthy(obj(fa.tls).insecureSkipVerify))
      weaknesses.push({
        code: 'tls-unverified',
        message: `forward auth does not verify ${url}'s certificate`,
        line: ref.line,
      });
    out.auth.push({
      kind: 'external',
      detail: `forward auth (${url}, ${labelOf(mw)})`,
      ...at('forwardAuth'),
      weaknesses,
      url,
    });
  }
  const allow = spec.ipAllowList ?? spec.ipWhiteList;
  if (allow !== undefined) {
    const ranges = parseCidrList(arr(obj(allow).sourceRange).map(String).join(',')).ranges.map((r) => r.text);
    out.sourceRanges = {
      value: [...(out.sourceRanges?.value ?? []), ...ranges],
      ...at(spec.ipAllowList !== undefined ? 'ipAllowList' : 'ipWhiteList'),
    };
  }
  if (str(obj(spec.redirectScheme).scheme)?.toLowerCase() === 'https')
    out.httpsRedirect = { value: 'on', ...at('redirectScheme') };
  if (spec.rateLimit !== undefined) {
    const rl = obj(spec.rateLimit);
    const average = num(rl.average) ?? 0;
    if (average > 0)
      out.rateLimit = {
        value: { ...out.rateLimit?.value, rps: average / seconds(rl.period) },
        ...at('rateLimit'),
      };
  }
  if (spec.inFlightReq !== undefined) {
    const amount = num(obj(spec.inFlightReq).amount) ?? 0;
    if (amount > 0)
      out.rateLimit = { value: { ...out.rateLimit?.value, connections: amount }, ...at('inFlightReq') };
  }
  const headers = obj(spec.headers);
  const origins = arr(headers.accessControlAllowOriginList).map(String);
  if (origins.length > 0)
    out.cors = {
      value: { enabled: true, origins, credentials: truthy(headers.accessControlAllowCredentials) },
      ...at('headers'),
    };
  for (const plugin of Object.keys(obj(spec.plugin)))
    if (AUTH_NAME.test(plugin))
      out.auth.push({
        kind: 'plugin',
        detail: `plugin ${plugin} (${labelOf(mw)})`,
        ...at(`plugin ${plugin}`),
        weaknesses: [],
      });
  if (spec.chain !== undefined && depth < 5)
    for (const m of arr(obj(spec.chain).middlewares)) {
      const name = str(obj(m).name);
      if (!name) continue;
      collect(
        [
          {
            ...splitProvider(name),
            namespace: str(obj(m).namespace) ?? mw.namespace,
            line: ref.line,
            text: name,
          },
        ],
        ctx,
        out,
        depth + 1,
      );
    }
}

function collect(refs: MiddlewareRef[], ctx: ProfileContext, out: MiddlewareEffects, depth: number): void {
  for (const ref of refs) {
    const mw = findMiddleware(ref, ctx);
    if (mw) applySpec(mw, ref, ctx, out, depth);
    else if (AUTH_NAME.test(ref.name))
      out.auth.push({
        kind: 'other',
        detail: `middleware ${ref.text} (not in the repo; its name suggests authentication)`,
        line: ref.line,
        source: `middleware ${ref.text}`,
        weaknesses: [],
      });
  }
}

/** `name@provider` → its parts. */
export function splitProvider(text: string): { name: string; provider: string | null } {
  const at = text.lastIndexOf('@');
  return at === -1
    ? { name: text.trim(), provider: null }
    : { name: text.slice(0, at).trim(), provider: text.slice(at + 1).trim() };
}

/** What the referenced middlewares, in order, do to a route. */
export function middlewareEffects(refs: MiddlewareRef[], ctx: ProfileContext): MiddlewareEffects {
  const out: MiddlewareEffects = {
    auth: [],
    sourceRanges: null,
    httpsRedirect: null,
    rateLimit: null,
    cors: null,
  };
  collect(refs, ctx, out, 0);
  return out;
}

/** Writes middleware effects onto a route's protections (each route gets its own copies). */
export function applyMiddlewareEffects(p: Protections, effects: MiddlewareEffects): void {
  if (effects.auth.length > 0)
    p.auth = [...p.auth, ...effects.auth.map((m) => ({ ...m, weaknesses: [...m.weaknesses] }))];
  if (effects.sourceRanges)
    p.sourceRanges = {
      ...effects.sourceRanges,
      value: effects.sourceRanges.value.length === 0 ? 'any' : [...effects.sourceRanges.value],
    };
  if (effects.httpsRedirect) p.httpsRedirect = { ...effects.httpsRedirect };
  if (effects.rateLimit) p.rateLimit = { ...effects.rateLimit, value: { ...effects.rateLimit.value } };
  if (effects.cors)
    p.cors = { ...effects.cors, value: { ...effects.cors.value, origins: [...effects.cors.value.origins] } };
}
