import { describe, expect, it } from 'vitest';
import type { ObjectExposure, Route } from '../../../src/core/model/exposure.ts';
import { pathsOverlap, RouteIndex } from '../../../src/core/model/route-overlap.ts';

const object = (name: string) =>
  ({ ref: { group: 'networking.k8s.io', kind: 'Ingress', namespace: 'ns', name } }) as ObjectExposure;

function route(
  host: string,
  path: string,
  pathType: Route['pathType'] = 'Prefix',
  hostMatch?: Route['hostMatch'],
): Route {
  return {
    host,
    hostLine: 1,
    hostMatch: hostMatch ?? (host === '' ? 'any' : host.startsWith('*.') ? 'wildcard-one-label' : 'exact'),
    path,
    pathType,
    pathLine: 1,
    backend: null,
    protections: {} as Route['protections'],
  };
}

describe('pathsOverlap', () => {
  it.each([
    ['/api', 'Prefix', '/api/v1', 'Prefix', true],
    ['/api', 'Prefix', '/api/v1', 'Exact', true],
    ['/api', 'Exact', '/api/v1', 'Prefix', false],
    ['/api', 'Exact', '/api', 'Prefix', true],
    ['/api', 'Prefix', '/apix', 'Prefix', false],
    ['/', 'Prefix', '/x', 'Exact', true],
    ['/', 'Prefix', '/v[0-9]+', 'Regex', true],
    ['/a', 'Prefix', '/a.*', 'Regex', false],
    ['/a.*', 'Regex', '/a.*', 'Regex', true],
    ['/api', 'ImplementationSpecific', '/api/v1', 'Exact', true],
  ] as const)('%s (%s) vs %s (%s) → %s', (a, at, b, bt, expected) => {
    expect(pathsOverlap({ path: a, pathType: at }, { path: b, pathType: bt })).toBe(expected);
    expect(pathsOverlap({ path: b, pathType: bt }, { path: a, pathType: at })).toBe(expected);
  });
});

describe('RouteIndex', () => {
  it('finds the same overlaps as comparing every pair, on a mixed set of hosts and paths', () => {
    const hosts = [
      'shop.example.com',
      '*.example.com',
      'eu.shop.example.com',
      '*.shop.example.com',
      'example.com',
      '',
    ];
    const paths: [string, Route['pathType']][] = [
      ['/', 'Prefix'],
      ['/api', 'Prefix'],
      ['/api', 'Exact'],
      ['/api/v1', 'Prefix'],
      ['/api/v1/x', 'Exact'],
      ['/web', 'Prefix'],
      ['/a.*', 'Regex'],
    ];
    const routes = hosts.flatMap((h) =>
      paths.map(([p, t]) => ({ object: object(`${h}${p}${t}`), route: route(h, p, t) })),
    );
    const index = new RouteIndex(routes);
    const sameHosts = (a: Route, b: Route) => {
      if (a.host === '' || b.host === '') return a.host === b.host;
      const covers = (p: string, h: string) =>
        p === h ||
        (p.startsWith('*.') &&
          h.endsWith(p.slice(1)) &&
          !h.slice(0, -p.length + 1).includes('.') &&
          !h.startsWith('*.'));
      return covers(a.host, b.host) || covers(b.host, a.host);
    };
    for (const q of routes) {
      const expected = routes
        .filter((o) => sameHosts(q.route, o.route) && pathsOverlap(q.route, o.route))
        .map((o) => o.object.ref.name);
      const actual = index.overlapping(q.route).map((o) => o.object.ref.name);
      expect(actual.sort(), `${q.route.host}${q.route.path} ${q.route.pathType}`).toEqual(expected.sort());
    }
  });

  it('Gateway API wildcards match any depth', () => {
    const index = new RouteIndex([{ object: object('deep'), route: route('a.b.example.com', '/') }]);
    expect(index.overlapping(route('*.example.com', '/', 'Prefix', 'wildcard-suffix'))).toHaveLength(1);
    expect(index.overlapping(route('*.example.com', '/', 'Prefix', 'wildcard-one-label'))).toHaveLength(0);
  });
});
