import type { Route } from '../src/core/model/exposure.ts';
import { routeKey, routeLabel } from '../src/core/model/route-label.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (paths: [string, string][], annotations = '', host = 'shop.example.com') =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${host.split('.')[0]}\n  namespace: shop\n${annotations ? `  annotations:\n    ${annotations}\n` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: ${host}\n      http:\n        paths:\n${paths.map(([path, type]) => `          - path: ${path}\n            pathType: ${type}\n            backend: {service: {name: web, port: {number: 80}}}\n`).join('')}`;

/** Whether a prefix route at `prefix` matches every request `path` matches (element-wise, as Ingress Prefix does). */
function covers(prefix: string, path: string): boolean {
  if (prefix === '/' || prefix === path) return true;
  const p = prefix.endsWith('/') ? prefix : `${prefix}/`;
  return path.startsWith(p);
}

/** Route types that match every path below their own (ingress-nginx reads ImplementationSpecific as a prefix). */
const matchesBelow = (r: Route) => r.pathType === 'Prefix' || r.pathType === 'ImplementationSpecific';

export const rule: Rule = {
  meta: {
    id: 'path-broadened',
    severity: 'medium',
    title: 'A route now matches more paths',
    rationale:
      'A broader match sends requests to a backend that was never meant to receive them: `/api` becoming `/` exposes every path of the service, `Exact` becoming `Prefix` exposes everything below the path, and regular expressions match more than they look. In ingress-nginx, `use-regex` or `rewrite-target` on any Ingress switches every path of that host — on every Ingress that serves it — to case-insensitive regular-expression matching.',
    fires:
      'On an existing host: a specific path replaced by `/` (or by a shorter prefix that covers it), `Exact` changed to `Prefix`, a regular-expression path, or a setting that makes matching broader (`use-regex`, `rewrite-target`) added.',
    quiet:
      'New, longer paths; paths on a brand-new host (see new-entrypoint); a broadening setting that was already there.',
    fix: 'Route only the paths the backend serves, with `Exact` where one path is meant. Avoid regex mode; if it is needed, check every path of the host still matches only what it should.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types',
      'https://kubernetes.github.io/ingress-nginx/user-guide/ingress-path-matching/',
    ],
    kinds: ['Ingress', 'HTTPRoute'],
    examples: {
      fires: [
        { name: '/api becomes /', base: ing([['/api', 'Prefix']]), head: ing([['/', 'Prefix']]) },
        { name: 'Exact becomes Prefix', base: ing([['/login', 'Exact']]), head: ing([['/login', 'Prefix']]) },
        {
          name: 'use-regex added',
          base: ing([['/api', 'Prefix']]),
          head: ing([['/api', 'ImplementationSpecific']], 'nginx.ingress.kubernetes.io/use-regex: "true"'),
        },
      ],
      passes: [
        { name: 'a longer path', base: ing([['/api', 'Prefix']]), head: ing([['/api/v2', 'Prefix']]) },
        { name: 'Prefix becomes Exact', base: ing([['/login', 'Prefix']]), head: ing([['/login', 'Exact']]) },
        {
          name: 'a new host routing /',
          base: ing([['/api', 'Prefix']]),
          head: ing([['/api', 'Prefix']]) + '---\n' + ing([['/', 'Prefix']], '', 'blog.example.com'),
        },
      ],
    },
  },
  change(pair, ctx) {
    const head = pair.head;
    if (!head) return [];
    const out: Condition[] = [];
    for (const r of pair.routes) {
      if (!r.head || r.head.object !== head) continue;
      const now = r.head.route;
      const common = { host: now.host || null, path: now.path, line: now.pathLine };
      if (r.base) {
        const before = r.base.route;
        if (before.pathType === 'Exact' && (matchesBelow(now) || now.pathType === 'Regex'))
          out.push({
            ...common,
            key: `prefix|${routeKey(now)}`,
            message: `${routeLabel(now)} changed from Exact to ${now.pathType}: it now also matches every path below ${now.path}`,
          });
        else if (now.pathType === 'Regex' && before.pathType !== 'Regex')
          out.push({
            ...common,
            key: `regex|${routeKey(now)}`,
            message: `${routeLabel(now)} is now a regular expression (was ${before.pathType}): it can match far more than the literal path`,
          });
        continue;
      }
      // A path new to this host; a host new to the repo is new-entrypoint's concern, not a broadening.
      const before = (ctx.baseRepo.routesByHost.get(now.host) ?? []).map((b) => b.route);
      if (before.length === 0) continue;
      if (now.pathType === 'Regex') {
        out.push({
          ...common,
          key: `regex|${routeKey(now)}`,
          message: `${routeLabel(now)} adds a regular-expression path to a host that had only literal paths`,
        });
        continue;
      }
      if (!matchesBelow(now)) continue;
      const newlyCovered = before.filter((b) => b.path !== now.path && covers(now.path, b.path));
      const alreadyCovered = before.some((b) => matchesBelow(b) && covers(b.path, now.path));
      if (newlyCovered.length === 0 || alreadyCovered) continue;
      // Sorted: the base routes come in file order, and the message must not depend on it.
      const was = [...new Set(newlyCovered.map((b) => b.path))].sort().join(', ');
      out.push({
        ...common,
        key: `prefix|${routeKey(now)}`,
        message:
          now.path === '/'
            ? `${now.host || '(every host)'} now routes every path (/) where it routed only ${was}`
            : `${routeLabel(now)} now routes everything below ${now.path} where it routed only ${was}`,
      });
    }
    const had = new Set((pair.base?.signals.pathBroadeners ?? []).map((s) => s.key));
    const hosts = [...new Set(head.routes.map((r) => r.host))];
    // The setting applies to the whole host, so it matters as soon as any of its hosts already existed.
    const existing = hosts.filter((h) => (ctx.baseRepo.routesByHost.get(h) ?? []).length > 0);
    for (const s of head.signals.pathBroadeners) {
      if (had.has(s.key) || existing.length === 0) continue;
      out.push({
        key: `setting|${s.key}`,
        line: s.line,
        host: existing.length === 1 ? existing[0] || null : null,
        message: `annotation ${s.key} added: every path of ${existing.map((h) => h || '(every host)').join(', ')} is now matched as a case-insensitive regular expression, on every Ingress that serves ${existing.length === 1 ? 'it' : 'them'}`,
      });
    }
    return out;
  },
};
