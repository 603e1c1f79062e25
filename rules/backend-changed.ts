import type { Backend } from '../src/core/model/exposure.ts';
import { routeKey, routeLabel } from '../src/core/model/route-label.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (service: string, port: number) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /api\n            pathType: Prefix\n            backend:\n              service:\n                name: ${service}\n                port: {number: ${port}}\n`;

const label = (b: Backend) =>
  `${b.namespace ? `${b.namespace}/` : ''}${b.service}${b.port ? `:${b.port}` : ''}`;
const same = (a: Backend, b: Backend) =>
  a.service === b.service && a.port === b.port && a.namespace === b.namespace;

export const rule: Rule = {
  meta: {
    id: 'backend-changed',
    severity: 'info',
    title: 'Backend behind a route changed',
    rationale:
      'The same host and path now reach another Service or port. Usually a deliberate cut-over; shown so a reviewer can check that the new backend is the intended one and carries the same expectations (authentication inside the app, data it may see).',
    fires: 'The service or port behind an existing host+path changed (also the default backend).',
    quiet: 'New routes; routes whose backend is unchanged, including when the object moved to another file.',
    fix: 'Nothing to fix when the cut-over is intended.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/#the-ingress-resource'],
    kinds: ['Ingress', 'HTTPRoute'],
    examples: {
      fires: [{ name: 'another Service behind /api', base: ing('api', 8080), head: ing('api-v2', 8080) }],
      passes: [{ name: 'same Service and port', base: ing('api', 8080), head: ing('api', 8080) }],
    },
  },
  change(pair) {
    const head = pair.head;
    if (!head) return [];
    const out: Condition[] = [];
    for (const r of pair.routes) {
      if (!r.base || !r.head || r.head.object !== head) continue;
      const before = r.base.route.backend;
      const now = r.head.route.backend;
      if (!before || !now || same(before, now)) continue;
      out.push({
        key: `route|${routeKey(r)}`,
        host: r.host || null,
        path: r.path,
        line: now.line,
        message: `${routeLabel(r)} now goes to ${label(now)} (was ${label(before)})`,
      });
    }
    const before = pair.base?.defaultBackend;
    const now = head.defaultBackend;
    if (before && now && !same(before, now))
      out.push({
        key: 'default-backend',
        line: now.line,
        message: `the default backend of this object now goes to ${label(now)} (was ${label(before)})`,
      });
    return out;
  },
};
