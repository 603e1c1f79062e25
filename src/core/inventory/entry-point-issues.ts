/**
 * Stale and duplicate entry points: the same host+path declared twice (in one object or across
 * objects), and routes to Services that do not exist in the repository — checked only when the
 * repository defines Services at all, since many repos keep them elsewhere (Helm charts, other repos).
 */

import type { SourceFile } from '../manifests/document.ts';
import { loadFiles } from '../manifests/load.ts';
import type { ObjectExposure } from '../model/exposure.ts';
import { objectLabel, routeLabel } from '../model/route-label.ts';
import type { EntryPointIssue } from './inventory.ts';

export interface ServiceRef {
  /** null when the manifest leaves it to the deploy (kustomize, `-n`): matches any namespace. */
  namespace: string | null;
  name: string;
}

/** Services declared in the files; null when there are none (the stale check is then skipped). */
export function servicesIn(files: SourceFile[]): ServiceRef[] | null {
  const loaded = loadFiles(files, {
    wantKind: (kind, apiVersion) => kind === 'Service' && apiVersion === 'v1',
    validateSchema: false,
  });
  const services = loaded.documents
    .filter((d) => d.kind === 'Service' && d.apiVersion === 'v1')
    .map((d) => ({ namespace: d.namespace, name: d.name }));
  return services.length > 0 ? services : null;
}

/** Issues per object, keyed by the object's index in `objects`. */
export function findEntryPointIssues(
  objects: readonly ObjectExposure[],
  services: readonly ServiceRef[] | null,
): Map<number, EntryPointIssue[]> {
  const issues = new Map<number, EntryPointIssue[]>();
  const add = (i: number, issue: EntryPointIssue) => {
    const list = issues.get(i);
    if (!list) issues.set(i, [issue]);
    else if (!list.some((x) => x.message === issue.message)) list.push(issue);
  };

  const byRoute = new Map<string, { index: number; object: ObjectExposure }[]>();
  objects.forEach((object, index) => {
    for (const route of object.routes) {
      const key = `${route.host}\u0000${route.path}`;
      const list = byRoute.get(key) ?? [];
      list.push({ index, object });
      byRoute.set(key, list);
    }
  });
  for (const [key, claims] of byRoute) {
    if (claims.length < 2) continue;
    // A canary Ingress repeats its primary's host+path on purpose.
    if (claims.some((c) => c.object.signals.canary)) continue;
    const [host, path] = key.split('\u0000');
    const label = routeLabel({ host, path });
    for (const claim of claims) {
      const others = claims.filter((c) => c.object !== claim.object).map((c) => objectLabel(c.object));
      const message =
        others.length === 0
          ? `${label} is declared more than once in this object`
          : `${label} is also routed by ${[...new Set(others)].join(', ')}`;
      add(claim.index, { kind: 'duplicate', host, path, message });
    }
  }

  if (services) {
    const known = (namespace: string | null, name: string) =>
      services.some(
        (s) => s.name === name && (s.namespace === null || namespace === null || s.namespace === namespace),
      );
    objects.forEach((object, index) => {
      const targets = object.routes.map((r) => ({
        host: r.host,
        path: r.path,
        label: routeLabel(r),
        backend: r.backend,
      }));
      if (object.defaultBackend)
        targets.push({ host: '', path: '', label: 'the default backend', backend: object.defaultBackend });
      for (const t of targets) {
        // Only plain Service names: `resource:` and other controller targets are not Services.
        if (!t.backend || /[:/]/.test(t.backend.service)) continue;
        const namespace = t.backend.namespace ?? object.ref.namespace;
        if (known(namespace, t.backend.service)) continue;
        const service = namespace ? `${namespace}/${t.backend.service}` : t.backend.service;
        add(index, {
          kind: 'stale',
          host: t.host,
          path: t.path,
          message: `${t.label} routes to Service ${service}, which is not defined in the repository`,
        });
      }
    });
  }
  return issues;
}
