/**
 * Finding the objects an entry point refers to (Middleware, KongPlugin, BackendConfig, Gateway,
 * Service…) among the documents of the same ref.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import { apiGroup } from '../model/identity.ts';
import type { ProfileContext } from './profile.ts';

/**
 * The document of `kind` named `name` in `namespace`. An exact namespace match wins; a document
 * without a namespace (or a reference made from one) also matches, because kustomize or
 * `kubectl -n` fills the namespace in at deploy time.
 */
export function findRelated(
  ctx: ProfileContext,
  kind: string,
  name: string,
  namespace: string | null,
  groups?: readonly string[],
): ManifestDocument | null {
  const candidates = (ctx.documentsByKind.get(kind) ?? []).filter(
    (d) => d.name === name && (groups === undefined || groups.includes(apiGroup(d.apiVersion))),
  );
  return (
    candidates.find((d) => d.namespace === namespace) ??
    candidates.find((d) => d.namespace === null || namespace === null) ??
    null
  );
}

/** A cluster-scoped document (KongClusterPlugin, IngressClassParams, ClusterIssuer). */
export function findClusterScoped(
  ctx: ProfileContext,
  kind: string,
  name: string,
  groups?: readonly string[],
): ManifestDocument | null {
  return (
    (ctx.documentsByKind.get(kind) ?? []).find(
      (d) => d.name === name && (groups === undefined || groups.includes(apiGroup(d.apiVersion))),
    ) ?? null
  );
}

/** Human label of a related document for `source` texts: `Middleware web/auth`. */
export function labelOf(doc: ManifestDocument): string {
  return `${doc.kind} ${doc.namespace ? `${doc.namespace}/` : ''}${doc.name}`;
}
