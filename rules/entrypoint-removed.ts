import { objectLabel } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (name: string, hosts: string[]) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [${hosts.join(', ')}]\n      secretName: ${name}-tls\n  rules:\n${hosts.map((h) => `    - host: ${h}\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}\n`).join('')}`;

export const rule: Rule = {
  meta: {
    id: 'entrypoint-removed',
    severity: 'info',
    title: 'Entry point removed',
    rationale:
      'Removing an entry-point object or a host takes a service off the load balancer. That may be the intent; it is shown so that an accidental removal (a bad merge, a file deleted with others) is noticed before users are.',
    fires:
      'An Ingress/HTTPRoute/Gateway object, or one of its hosts, is removed and no other object serves that host at head.',
    quiet: 'A host or object moved to another object or file, or renamed.',
    fix: 'Nothing to fix when the removal is intended; otherwise restore the object or host.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/'],
    kinds: ['Ingress', 'HTTPRoute', 'Gateway'],
    examples: {
      fires: [
        {
          name: 'one host of two removed',
          base: ing('web', ['shop.example.com', 'www.shop.example.com']),
          head: ing('web', ['shop.example.com']),
        },
      ],
      passes: [
        {
          name: 'the Ingress renamed',
          base: ing('web', ['shop.example.com']),
          head: ing('storefront', ['shop.example.com']),
        },
      ],
    },
  },
  change(pair, ctx) {
    const before = pair.base;
    if (!before) return [];
    const gone = [...new Set(before.routes.map((r) => r.host))].filter(
      (host) => (ctx.headRepo.routesByHost.get(host) ?? []).length === 0,
    );
    const names = gone.map((h) => h || '(every host)');
    if (!pair.head) {
      // Every host still served elsewhere: the object was renamed or merged, not removed.
      if (before.routes.length > 0 && gone.length === 0) return [];
      return [
        {
          key: 'object',
          line: before.line,
          message: `${objectLabel(before)} is removed${names.length > 0 ? `; no object serves ${names.join(', ')} any more` : ''}`,
        },
      ];
    }
    return gone.map((host, i) => ({
      key: `host|${host}`,
      host: host || null,
      // The host is gone from the head file, so the finding points at the object's rules.
      line: pair.head!.doc.lineOf(['spec', 'rules']),
      message: `${objectLabel(pair.head!)} no longer serves ${names[i]}, and no other object does`,
    }));
  },
};
