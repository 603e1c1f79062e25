/**
 * Matching base and head: objects by identity (so moves, reorders and requoting are no change),
 * routes by host+path across objects (so a host moved to another object is a move, not a loss).
 */
import type { ObjectSummary } from '../audit-result.ts';
import type { ObjectExposure, Route } from '../model/exposure.ts';
import { refKey } from '../model/identity.ts';
import type { ObjectPair, RoutePair } from '../rule.ts';

export interface PairedObjects {
  pairs: ObjectPair[];
  summaries: ObjectSummary[];
}

type Located = { object: ObjectExposure; route: Route };

const routeKey = (r: Route) => `${r.host}\u0000${r.path}`;

function index(objects: ObjectExposure[]): Map<string, Located[]> {
  const map = new Map<string, Located[]>();
  for (const object of objects)
    for (const route of object.routes) {
      const k = routeKey(route);
      const list = map.get(k);
      if (list) list.push({ object, route });
      else map.set(k, [{ object, route }]);
    }
  return map;
}

/** The base route of the same object and path whose host no longer exists at head (a renamed host). */
function predecessorOf(
  route: Route,
  base: ObjectExposure | null,
  headRoutes: Map<string, Located[]>,
): Located | null {
  if (!base) return null;
  const gone = base.routes.filter((r) => r.path === route.path && !headRoutes.has(routeKey(r)));
  return gone.length === 1 ? { object: base, route: gone[0] } : null;
}

/** One object per identity: the first in place order when a repo defines the same object twice. */
function firstByIdentity(objects: ObjectExposure[]): Map<string, ObjectExposure> {
  const map = new Map<string, ObjectExposure>();
  for (const o of objects) {
    const key = refKey(o.ref);
    if (!map.has(key)) map.set(key, o);
  }
  return map;
}

function changeOf(base: ObjectExposure | null, head: ObjectExposure | null): ObjectSummary['change'] {
  if (!base) return 'added';
  if (!head) return 'removed';
  // One loaded document serves both sides when a file is identical on both (its hash is lazy: skip it).
  if (base.doc !== head.doc && base.doc.hash !== head.doc.hash) return 'modified';
  return base.file === head.file ? 'unchanged' : 'moved';
}

export function pairObjects(base: ObjectExposure[], head: ObjectExposure[]): PairedObjects {
  const baseByKey = firstByIdentity(base);
  const headByKey = firstByIdentity(head);
  const keys = [...new Set([...headByKey.keys(), ...baseByKey.keys()])];
  const baseRoutes = index(base);
  const headRoutes = index(head);
  const pairs: ObjectPair[] = [];
  const summaries: ObjectSummary[] = [];
  for (const key of keys) {
    const b = baseByKey.get(key) ?? null;
    const h = headByKey.get(key) ?? null;
    const routes: RoutePair[] = [];
    const movedHosts = new Map<string, { host: string; from: string | null; to: string | null }>();
    const seen = new Set<string>();
    // Prefer the counterpart in the same object; otherwise the route moved from/to another object.
    const counterpart = (list: Located[] | undefined, same: ObjectExposure | null): Located | null =>
      list?.find((l) => l.object === same) ?? list?.[0] ?? null;
    for (const route of h?.routes ?? []) {
      const k = routeKey(route);
      if (seen.has(k)) continue;
      seen.add(k);
      const other = counterpart(baseRoutes.get(k), b);
      routes.push({
        host: route.host,
        path: route.path,
        base: other,
        head: { object: h!, route },
        predecessor: other ? null : predecessorOf(route, b, headRoutes),
      });
      if (other && other.object !== b)
        movedHosts.set(route.host, { host: route.host, from: refKey(other.object.ref), to: null });
    }
    for (const route of b?.routes ?? []) {
      const k = routeKey(route);
      if (seen.has(k)) continue;
      seen.add(k);
      const other = counterpart(headRoutes.get(k), h);
      routes.push({
        host: route.host,
        path: route.path,
        base: { object: b!, route },
        head: other,
        predecessor: null,
      });
      if (other && other.object !== h)
        movedHosts.set(route.host, { host: route.host, from: null, to: refKey(other.object.ref) });
    }
    pairs.push({ base: b, head: h, routes, movedHosts: [...movedHosts.values()] });
    const shown = h ?? b!;
    const change = changeOf(b, h);
    summaries.push({
      kind: shown.ref.kind,
      apiVersion: shown.apiVersion,
      namespace: shown.ref.namespace,
      name: shown.ref.name,
      file: shown.file,
      line: shown.line,
      change,
      ...(b && h && b.file !== h.file ? { previousFile: b.file } : {}),
    });
  }
  return { pairs, summaries };
}
