/**
 * Looking up documents of one ref by kind and name (a route's Service, a binding's Role), through an
 * index built once per side so repo-wide rules stay linear in the size of the repository.
 */
import type { ManifestDocument } from '../manifests/document.ts';
import type { RepoView } from '../rule.ts';

const cache = new WeakMap<RepoView, Map<string, Map<string, ManifestDocument[]>>>();

function byName(view: RepoView, kind: string): Map<string, ManifestDocument[]> {
  let kinds = cache.get(view);
  if (!kinds) {
    kinds = new Map();
    cache.set(view, kinds);
  }
  let names = kinds.get(kind);
  if (!names) {
    names = new Map();
    for (const doc of view.documentsByKind.get(kind) ?? []) {
      const list = names.get(doc.name);
      if (list) list.push(doc);
      else names.set(doc.name, [doc]);
    }
    kinds.set(kind, names);
  }
  return names;
}

/**
 * The document of `kind` named `name` in `namespace`: an exact namespace match first, then one
 * without a namespace (or any, for a reference made without one) — kustomize or `kubectl -n` fills
 * the namespace in at deploy time. `accept` narrows by API group or shape.
 */
export function findNamed(
  view: RepoView,
  kind: string,
  name: string,
  namespace: string | null,
  accept: (doc: ManifestDocument) => boolean = () => true,
): ManifestDocument | null {
  const candidates = (byName(view, kind).get(name) ?? []).filter(accept);
  return (
    candidates.find((d) => d.namespace === namespace) ??
    candidates.find((d) => d.namespace === null || namespace === null) ??
    null
  );
}
