import type { Route } from '../src/core/model/exposure.ts';
import { objectLabel } from '../src/core/model/route-label.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (name: string, host: string, tls: boolean) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  ingressClassName: nginx\n${tls ? `  tls:\n    - hosts: [${host}]\n      secretName: ${name}-tls\n` : ''}  rules:\n    - host: ${host}\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}\n`;

const open = (r: Route) => !r.protections.tls.value && r.protections.auth.length === 0;

export const rule: Rule = {
  meta: {
    id: 'new-entrypoint',
    severity: 'info',
    title: 'New entry point',
    rationale:
      'A new host or entry-point object is new attack surface: names now answer on the load balancer that nobody had to think about before. Most are intended; this makes them visible in the review. A new host that may be public and has neither TLS nor authentication is raised to low.',
    fires:
      'A new Ingress/HTTPRoute/Gateway object, or a host that no object served at base. Low when the host is public (or its visibility is unknown) and has neither TLS nor authentication.',
    quiet: 'Hosts moved from another object or file (a move is not new); new paths on an existing host.',
    fix: 'Nothing to fix when the entry point is intended. Give a public host TLS, and authentication when it is not meant for everyone.',
    references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/'],
    kinds: ['Ingress', 'HTTPRoute', 'Gateway'],
    examples: {
      fires: [
        {
          name: 'a new Ingress for a new host',
          base: ing('web', 'shop.example.com', true),
          head: `${ing('web', 'shop.example.com', true)}---\n${ing('blog', 'blog.example.com', true)}`,
        },
      ],
      passes: [
        {
          name: 'an Ingress renamed, same host',
          base: ing('web', 'shop.example.com', true),
          head: ing('storefront', 'shop.example.com', true),
        },
      ],
    },
  },
  change(pair, ctx) {
    const head = pair.head;
    if (!head) return [];
    const byHost = new Map<string, Route[]>();
    for (const route of head.routes) {
      // A host any base object served is not new, whichever object serves it now.
      if ((ctx.baseRepo.routesByHost.get(route.host) ?? []).length > 0) continue;
      const list = byHost.get(route.host);
      if (list) list.push(route);
      else byHost.set(route.host, [route]);
    }
    const isNewObject = pair.base === null;
    const what = isNewObject ? `new ${objectLabel(head)}` : objectLabel(head);
    const out: Condition[] = [];
    for (const [host, routes] of byHost) {
      const exposed = head.visibility.value !== 'internal' && routes.some(open);
      const name = host || '(every host)';
      out.push({
        key: `host|${host}`,
        host: host || null,
        line: routes[0].hostLine,
        ...(exposed ? { severity: 'low' as const } : {}),
        message: exposed
          ? `${what} serves new host ${name} without TLS or authentication (visibility ${head.visibility.value}: ${head.visibility.reason})`
          : `${what} serves new host ${name}`,
      });
    }
    if (isNewObject && head.routes.length === 0)
      out.push({ key: 'object', line: head.line, message: `${what} is added (no host rules of its own)` });
    return out;
  },
};
