/**
 * Gateway API route filters: RequestRedirect, RequestMirror, URLRewrite, ExternalAuth (experimental),
 * CORS, and ExtensionRef to a Traefik Middleware or a KongPlugin. Each rule's filters become changes
 * to its routes' protections, and diversions or path broadeners on the object.
 */
import type { FieldPath, ManifestDocument } from '../manifests/document.ts';
import type { Protections, Signals } from '../model/exposure.ts';
import { normaliseHost } from '../model/hosts.ts';
import { kongPluginEffects } from './kong.ts';
import { arr, obj, str } from './manifest-values.ts';
import type { ProfileContext } from './profile.ts';
import { applyMiddlewareEffects, middlewareEffects, TRAEFIK_GROUPS } from './traefik-middleware.ts';

/** A Service reference as a cluster host name, e.g. `shadow.audit.svc`. */
export function serviceTarget(ref: unknown, namespace: string | null): string {
  const r = obj(ref);
  return `${str(r.name) ?? ''}.${str(r.namespace) ?? namespace ?? 'default'}.svc`;
}

/** Applies one rule's filters: returns the protection changes and records signals on the object. */
export function filtersOf(
  doc: ManifestDocument,
  i: number,
  ctx: ProfileContext,
  signals: Signals,
): ((p: Protections, host: string) => void)[] {
  const rule = obj(arr(obj(doc.body.spec).rules)[i]);
  const located: { filter: Record<string, unknown>; path: FieldPath }[] = [
    ...arr(rule.filters).map((f, j) => ({
      filter: obj(f),
      path: ['spec', 'rules', i, 'filters', j] as FieldPath,
    })),
    ...arr(rule.backendRefs).flatMap((b, k) =>
      arr(obj(b).filters).map((f, j) => ({
        filter: obj(f),
        path: ['spec', 'rules', i, 'backendRefs', k, 'filters', j] as FieldPath,
      })),
    ),
  ];
  const out: ((p: Protections, host: string) => void)[] = [];
  for (const { filter, path } of located) {
    const type = str(filter.type);
    const line = doc.lineOf(path);
    const key = `spec.${path.slice(1).join('.')}`;
    if (type === 'RequestRedirect') {
      const r = obj(filter.requestRedirect);
      const hostname = normaliseHost(r.hostname);
      if (hostname)
        signals.diversions.push({ key, value: hostname, line, kind: 'redirect', target: hostname });
      if (str(r.scheme)?.toLowerCase() === 'https')
        out.push((p, host) => {
          if (!hostname || hostname === host)
            p.httpsRedirect = { value: 'on', line, source: 'RequestRedirect filter (scheme https)' };
        });
    } else if (type === 'RequestMirror') {
      const target = serviceTarget(obj(filter.requestMirror).backendRef, doc.namespace);
      signals.diversions.push({ key, value: target, line, kind: 'mirror', target });
    } else if (type === 'URLRewrite')
      signals.pathBroadeners.push({ key, value: JSON.stringify(filter.urlRewrite ?? {}), line });
    else if (type === 'ExternalAuth') {
      const url = serviceTarget(obj(filter.externalAuth).backendRef, doc.namespace);
      out.push((p) => {
        p.auth = [
          ...p.auth,
          {
            kind: 'external',
            detail: `external auth (${url})`,
            line,
            source: 'ExternalAuth filter',
            weaknesses: [],
            url,
          },
        ];
      });
    } else if (type === 'CORS') {
      const c = obj(filter.cors);
      out.push((p) => {
        p.cors = {
          value: {
            enabled: true,
            origins: arr(c.allowOrigins).map(String),
            credentials: c.allowCredentials === true,
          },
          line,
          source: 'CORS filter',
        };
      });
    } else if (type === 'ExtensionRef') {
      const ext = obj(filter.extensionRef);
      const name = str(ext.name) ?? '';
      if (TRAEFIK_GROUPS.includes(str(ext.group) ?? '') && str(ext.kind) === 'Middleware') {
        const effects = middlewareEffects(
          [{ name, namespace: doc.namespace, provider: null, line, text: name }],
          ctx,
        );
        out.push((p) => applyMiddlewareEffects(p, effects));
      } else if (str(ext.group) === 'configuration.konghq.com' && str(ext.kind) === 'KongPlugin')
        out.push(
          kongPluginEffects([name], doc.namespace, { line, source: `ExtensionRef KongPlugin ${name}` }, ctx),
        );
    }
  }
  return out;
}
