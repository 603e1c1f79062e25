/**
 * The loop shared by rules that compare a route's protections with what it had at base: every head
 * route of the object against its counterpart (or the route it renamed), reported at most once per host
 * because annotations apply to every path of the object.
 */
import type { Route } from '../model/exposure.ts';
import { basisOf, type Condition, type ObjectPair, type RoutePair } from '../rule.ts';

export function changesPerHost(
  pair: ObjectPair,
  compare: (before: Route, after: Route, route: RoutePair) => Condition[],
): Condition[] {
  const out: Condition[] = [];
  const reported = new Set<string>();
  for (const r of pair.routes) {
    const basis = basisOf(r);
    if (!basis || !r.head || r.head.object !== pair.head || reported.has(r.host)) continue;
    const found = compare(basis.route, r.head.route, r);
    if (found.length > 0) reported.add(r.host);
    out.push(...found);
  }
  return out;
}
