/** Object identity that survives file moves, API version bumps and requoting. */
import type { ManifestDocument } from '../manifests/document.ts';
import type { ObjectRef } from './exposure.ts';

/**
 * API groups that name the same resource under another spelling. An Ingress moved from
 * `extensions/v1beta1` to `networking.k8s.io/v1` is the same object; so is a Traefik CRD moved
 * from `traefik.containo.us` to `traefik.io`.
 */
const GROUP_ALIASES: Record<string, Record<string, string>> = {
  extensions: { Ingress: 'networking.k8s.io' },
  'traefik.containo.us': { IngressRoute: 'traefik.io', Middleware: 'traefik.io' },
};

export function apiGroup(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash === -1 ? '' : apiVersion.slice(0, slash);
}

export function refOf(doc: Pick<ManifestDocument, 'apiVersion' | 'kind' | 'namespace' | 'name'>): ObjectRef {
  const raw = apiGroup(doc.apiVersion);
  const group = GROUP_ALIASES[raw]?.[doc.kind] ?? raw;
  return { group, kind: doc.kind, namespace: doc.namespace, name: doc.name };
}

export function refKey(ref: ObjectRef): string {
  return `${ref.group}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`;
}
