import type { AuthMechanism } from '../src/core/model/exposure.ts';
import { objectLabel, routeLabel } from '../src/core/model/route-label.ts';
import { basisOf, type Condition, type Rule } from '../src/core/rule.ts';

const ing = (auth: boolean) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: admin\n  namespace: ops\n${auth ? '  annotations:\n    nginx.ingress.kubernetes.io/auth-type: basic\n    nginx.ingress.kubernetes.io/auth-secret: ops/htpasswd\n' : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: admin.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: admin, port: {number: 80}}}}]}\n`;

export const rule: Rule = {
  meta: {
    id: 'auth-removed',
    severity: 'critical',
    title: 'Authentication removed',
    rationale:
      'A route that required authentication at base is open at head: anyone who can reach the load balancer can now reach the backend.',
    fires:
      'A host/path had authentication at base (nginx basic/digest/external/mTLS, ALB OIDC/Cognito, Traefik auth middleware, Kong auth plugin, Gateway filter) and has none at head — also when the host moved to another object.',
    quiet: 'Authentication replaced by another mechanism (see auth-weakened); a route removed altogether.',
    fix: 'Restore the authentication, or move it to the new object or route that now serves the host.',
    references: ['https://kubernetes.github.io/ingress-nginx/examples/auth/basic/'],
    examples: {
      fires: [{ name: 'basic auth annotations removed', base: ing(true), head: ing(false) }],
      passes: [{ name: 'auth kept', base: ing(true), head: ing(true) }],
    },
  },
  change(pair) {
    if (!pair.head) return [];
    const out = new Map<string, Condition>();
    const lost = (host: string, path: string, line: number, before: AuthMechanism[], note: string) => {
      const key = host || '*';
      const prev = out.get(key);
      if (prev) {
        prev.path = null;
        return;
      }
      out.set(key, {
        key,
        host: host || null,
        path,
        line,
        message: `${routeLabel({ host, path })} no longer requires authentication${note}; it had ${before.map((m) => m.detail).join(' and ')}`,
      });
    };
    for (const r of pair.routes) {
      const basis = basisOf(r);
      if (!basis || !r.head || r.head.object !== pair.head || r.head.route.protections.auth.length > 0)
        continue;
      const before = basis.route.protections.auth;
      if (before.length === 0) continue;
      const note =
        r.base === null
          ? ` (it replaces ${basis.route.host || '(every host)'} of the same object)`
          : basis.object !== pair.base
            ? ` (moved here from ${objectLabel(basis.object)})`
            : '';
      lost(r.host, r.path, r.head.route.pathLine, before, note);
    }
    return [...out.values()];
  },
};
