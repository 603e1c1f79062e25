/**
 * Which routes claim the same requests as a given route: hosts overlap (wildcard-aware, see
 * hosts.ts) and paths overlap (Kubernetes path semantics). Routes are indexed by host, by parent
 * domain and by path segment, so a lookup costs the number of candidates it returns, not the size
 * of the repository (repo-wide rules run it once per route).
 */
import type { RepoView } from '../rule.ts';
import type { ObjectExposure, Route } from './exposure.ts';
import { hostsOverlap } from './hosts.ts';

export interface LocatedRoute {
  object: ObjectExposure;
  route: Route;
}

interface PathNode {
  /** Created on first use: most nodes are leaves, and a large repository has hundreds of thousands. */
  children: Map<string, PathNode> | null;
  /** Routes whose path ends at this node. */
  here: LocatedRoute[];
}

interface HostEntry {
  root: PathNode;
  /** Regex paths by their literal text: only an identical regex (or a Prefix `/`) is known to overlap. */
  regex: Map<string, LocatedRoute[]>;
}

const node = (): PathNode => ({ children: null, here: [] });
const EMPTY: ReadonlyMap<string, PathNode> = new Map();
const childrenOf = (n: PathNode): ReadonlyMap<string, PathNode> => n.children ?? EMPTY;

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Exact matches one path; every other non-regex type behaves as an element-wise prefix. */
const isExact = (r: Route) => r.pathType === 'Exact';
const isRegex = (r: Route) => r.pathType === 'Regex';

/** Whether two Ingress-style paths can match a common request path. */
export function pathsOverlap(
  a: Pick<Route, 'path' | 'pathType'>,
  b: Pick<Route, 'path' | 'pathType'>,
): boolean {
  if (a.pathType === 'Regex' || b.pathType === 'Regex') {
    if (a.pathType === 'Regex' && b.pathType === 'Regex') return a.path === b.path;
    const other = a.pathType === 'Regex' ? b : a;
    return other.pathType !== 'Exact' && segments(other.path).length === 0;
  }
  if (a.pathType === 'Exact' && b.pathType === 'Exact') return a.path === b.path;
  const sa = segments(a.path);
  const sb = segments(b.path);
  const [shorter, longer, shorterIsExact] =
    sa.length <= sb.length ? [sa, sb, a.pathType === 'Exact'] : [sb, sa, b.pathType === 'Exact'];
  if (!shorter.every((s, i) => longer[i] === s)) return false;
  // An Exact path never covers a longer one; a prefix covers everything below it.
  return shorter.length === longer.length || !shorterIsExact;
}

/** `a.b.c` → [`b.c`, `c`]. */
function properParents(name: string): string[] {
  const labels = name.split('.');
  return labels.slice(1).map((_, i) => labels.slice(i + 1).join('.'));
}

export class RouteIndex {
  readonly #hosts = new Map<string, HostEntry>();
  /** Domain → host keys strictly below it (concrete or wildcard); built on the first wildcard query. */
  #below: Map<string, Set<string>> | null = null;

  constructor(routes: Iterable<LocatedRoute>) {
    for (const located of routes) this.#add(located);
  }

  #add(located: LocatedRoute): void {
    const { host } = located.route;
    let entry = this.#hosts.get(host);
    if (!entry) {
      entry = { root: node(), regex: new Map() };
      this.#hosts.set(host, entry);
      this.#below = null;
    }
    if (isRegex(located.route)) {
      const list = entry.regex.get(located.route.path);
      if (list) list.push(located);
      else entry.regex.set(located.route.path, [located]);
      return;
    }
    let at = entry.root;
    for (const s of segments(located.route.path)) {
      at.children ??= new Map();
      let next = at.children.get(s);
      if (!next) {
        next = node();
        at.children.set(s, next);
      }
      at = next;
    }
    at.here.push(located);
  }

  /**
   * Routes whose host and path overlap `route`. A host-less route (every host) is only compared with
   * other host-less routes: every controller prefers a named host over the catch-all.
   */
  overlapping(route: Route): LocatedRoute[] {
    const out: LocatedRoute[] = [];
    for (const host of this.#candidateHosts(route)) {
      const entry = this.#hosts.get(host);
      if (!entry) continue;
      if (host === route.host) {
        this.#collectPaths(entry, route, out);
        continue;
      }
      const found: LocatedRoute[] = [];
      this.#collectPaths(entry, route, found);
      for (const l of found) if (hostsMatch(route, l.route)) out.push(l);
    }
    return out;
  }

  #belowIndex(): Map<string, Set<string>> {
    if (this.#below) return this.#below;
    const below = new Map<string, Set<string>>();
    for (const host of this.#hosts.keys()) {
      if (host === '') continue;
      const name = host.startsWith('*.') ? host.slice(2) : host;
      for (const d of host.startsWith('*.') ? [name, ...properParents(name)] : properParents(name)) {
        const set = below.get(d);
        if (set) set.add(host);
        else below.set(d, new Set([host]));
      }
    }
    this.#below = below;
    return below;
  }

  #candidateHosts(route: Route): string[] {
    const host = route.host;
    if (host === '') return [''];
    const name = host.startsWith('*.') ? host.slice(2) : host;
    const wildcardsAbove = properParents(name).map((d) => `*.${d}`);
    if (!host.startsWith('*.')) return [host, ...wildcardsAbove];
    return [...new Set([host, ...(this.#belowIndex().get(name) ?? []), ...wildcardsAbove])];
  }

  #collectPaths(entry: HostEntry, route: Route, out: LocatedRoute[]): void {
    const segs = segments(route.path);
    if (isRegex(route)) {
      out.push(...(entry.regex.get(route.path) ?? []));
      out.push(...entry.root.here.filter((l) => !isExact(l.route)));
      return;
    }
    let at: PathNode | undefined = entry.root;
    for (let depth = 0; at && depth < segs.length; depth++) {
      // A prefix above the route covers it.
      for (const l of at.here) if (!isExact(l.route)) out.push(l);
      at = childrenOf(at).get(segs[depth]);
    }
    if (!at) return;
    for (const l of at.here)
      if (!(isExact(l.route) && isExact(route)) || l.route.path === route.path) out.push(l);
    if (isExact(route)) return;
    // A prefix covers everything below it.
    const stack = [...childrenOf(at).values()];
    while (stack.length > 0) {
      const n = stack.pop()!;
      out.push(...n.here);
      stack.push(...childrenOf(n).values());
    }
    if (segs.length === 0) for (const list of entry.regex.values()) out.push(...list);
  }
}

/** Host overlap with the wildcard semantics of the more permissive side (Gateway API suffix, else one label). */
function hostsMatch(a: Route, b: Route): boolean {
  const semantics =
    a.hostMatch === 'wildcard-suffix' || b.hostMatch === 'wildcard-suffix' ? 'suffix' : 'one-label';
  return hostsOverlap(a.host, b.host, semantics);
}

const claimedCache = new WeakMap<RepoView, RouteIndex>();

/**
 * The routes that own traffic at one ref: every route with a path, except Gateway listeners (they
 * accept traffic for routes, they do not serve it) and canary Ingresses (they borrow another
 * Ingress's host/path by design). Built once per side and shared by the repo-wide rules.
 */
export function claimedRoutes(view: RepoView): RouteIndex {
  let index = claimedCache.get(view);
  if (!index) {
    index = new RouteIndex(
      view.objects
        .filter((o) => !o.gateway && !o.referenceGrant && !o.signals.canary)
        .flatMap((object) => object.routes.filter((r) => r.path !== '').map((route) => ({ object, route }))),
    );
    claimedCache.set(view, index);
  }
  return index;
}
