/**
 * One condition per host and kind of problem. Annotations apply to every path of an object, so a
 * finding per path would multiply the risk score by the number of paths; keys carry no path, so adding
 * a path does not turn a preexisting finding into a new one.
 */

import type { Route } from '../model/exposure.ts';
import { routeLabel } from '../model/route-label.ts';
import type { Condition } from '../rule.ts';

/** What one route says; `kind` separates problems on the same host (e.g. allowlist vs denylist). */
export interface RouteHit {
  kind: string;
  route: Pick<Route, 'host' | 'path'>;
  cond: Pick<Condition, 'line' | 'severity' | 'magnitude' | 'status'>;
  /** Text after the route label; a text starting with "now" reads as a sentence, others get a colon. */
  text: string;
}

export function foldPerHost(hits: RouteHit[]): Condition[] {
  const groups = new Map<string, RouteHit[]>();
  for (const hit of hits) {
    const key = `${hit.kind}|${hit.route.host || '*'}`;
    const group = groups.get(key);
    if (group) group.push(hit);
    else groups.set(key, [hit]);
  }
  return [...groups].map(([key, group]) => {
    const [first] = group;
    const where =
      group.length === 1
        ? routeLabel(first.route)
        : `${first.route.host || '(every host)'} (paths ${group.map((h) => h.route.path).join(', ')})`;
    const magnitude = Math.max(...group.map((h) => h.cond.magnitude ?? 0));
    return {
      ...first.cond,
      ...(magnitude > 0 ? { magnitude } : {}),
      key,
      host: first.route.host || null,
      path: group.length === 1 ? first.route.path : null,
      message: first.text.startsWith('now ') ? `${where} ${first.text}` : `${where}: ${first.text}`,
    };
  });
}
