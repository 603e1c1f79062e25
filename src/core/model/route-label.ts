/** How routes are named in condition keys and messages. */
import type { ObjectExposure, Route } from './exposure.ts';

/** Stable key of a route within an object: survives reordering of rules and paths. */
export function routeKey(route: Pick<Route, 'host' | 'path'>): string {
  return `${route.host || '*'}|${route.path}`;
}

/** `shop.example.com/api`, or `every host/api` for a host-less rule. */
export function routeLabel(route: Pick<Route, 'host' | 'path'>): string {
  return `${route.host || '(every host)'}${route.path}`;
}

export function objectLabel(o: ObjectExposure): string {
  return `${o.ref.kind} ${o.ref.namespace ? `${o.ref.namespace}/` : ''}${o.ref.name}`;
}

/** Distinct hosts of an object, first route of each (for host-level rules). */
export function hostsOf(o: ObjectExposure): Route[] {
  const seen = new Map<string, Route>();
  for (const r of o.routes) if (!seen.has(r.host)) seen.set(r.host, r);
  return [...seen.values()];
}
