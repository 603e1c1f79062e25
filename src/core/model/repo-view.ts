/** One side of the change (base or head) as rules see it: every object, indexed for repo-wide rules. */
import type { ManifestDocument, Notice } from '../manifests/document.ts';
import type { RepoView } from '../rule.ts';
import type { ObjectExposure } from './exposure.ts';

export function buildRepoView(
  side: 'base' | 'head',
  objects: ObjectExposure[],
  documents: ManifestDocument[],
  notices: Notice[] = [],
): RepoView & { notices: Notice[] } {
  const routesByHost: RepoView['routesByHost'] = new Map();
  for (const object of objects)
    for (const route of object.routes) {
      const list = routesByHost.get(route.host);
      if (list) list.push({ object, route });
      else routesByHost.set(route.host, [{ object, route }]);
    }
  const documentsByKind = new Map<string, ManifestDocument[]>();
  for (const doc of documents) {
    const list = documentsByKind.get(doc.kind);
    if (list) list.push(doc);
    else documentsByKind.set(doc.kind, [doc]);
  }
  return { side, objects, routesByHost, documents, documentsByKind, notices };
}
