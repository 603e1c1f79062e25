import type { ObjectExposure, Route } from '../src/core/model/exposure.ts';
import { normaliseHost } from '../src/core/model/hosts.ts';
import { routeKey, routeLabel } from '../src/core/model/route-label.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (path: string, pathType: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: ${JSON.stringify(path)}\n            pathType: ${pathType}\n            backend: {service: {name: web, port: {number: 80}}}\n`;

/** ingress-nginx `strict-validate-path-type` allows letters, digits, `-`, `_`, `/`; `.` and `~` are plain URL characters. */
const SAFE = /^[A-Za-z0-9/_.~-]*$/;
/** Paths that name the controller's own files: the CVE-2021-25745 pattern (Kyverno restrict-ingress-paths). */
const FILESYSTEM = /\/(?:etc|root)(?:\/|$)|\/var\/run\/(?:secrets|kubernetes)(?:\/|$)/i;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Line of an explicit `pathType: ImplementationSpecific` for this route, or null. The model also
 * reports ImplementationSpecific when the field is absent (v1beta1 default, rules without paths), which
 * is not a choice someone made in this change, so the manifest itself is consulted (Ingress only).
 */
function explicitImplementationSpecific(object: ObjectExposure, route: Route): number | null {
  if (object.ref.kind !== 'Ingress' || route.pathType !== 'ImplementationSpecific') return null;
  for (const [i, rawRule] of arr(obj(object.doc.body.spec).rules).entries()) {
    if (normaliseHost(obj(rawRule).host) !== route.host) continue;
    for (const [j, rawPath] of arr(obj(obj(rawRule).http).paths).entries()) {
      const p = obj(rawPath);
      if (
        (typeof p.path === 'string' ? p.path : '/') === route.path &&
        p.pathType === 'ImplementationSpecific'
      )
        return object.doc.lineOf(['spec', 'rules', i, 'http', 'paths', j, 'pathType']);
    }
  }
  return null;
}

export const rule: Rule = {
  meta: {
    id: 'unsafe-path',
    severity: 'high',
    title: 'Path that can inject proxy configuration',
    rationale:
      'Ingress paths are written into the proxy configuration. Characters outside letters, digits and `/ _ . ~ -` (spaces, `;`, braces, quotes, line breaks) were used to inject configuration in CVE-2021-25748, CVE-2022-4886, CVE-2026-24512 and CVE-2026-4342; paths naming `/etc`, `/root` or `/var/run/secrets` were used to read the controller’s token (CVE-2021-25745). `pathType: ImplementationSpecific` turns off ingress-nginx’s strict path validation and lets the path be a regular expression — the ingress-nginx docs call it a trust boundary.',
    fires:
      'A path with characters outside `[A-Za-z0-9/_.~-]` for `Exact`/`Prefix`, a path naming `/etc`, `/var/run/secrets` or `/root`, or an explicit `pathType: ImplementationSpecific` newly introduced.',
    quiet:
      'Plain paths such as `/api/v1` or `/static/app.js`; `ImplementationSpecific` paths that were already there (shown as preexisting); rules without paths.',
    fix: 'Use `pathType: Prefix` or `Exact` with a plain path. If a regular expression is really needed, have the platform team review and waive the finding.',
    references: [
      'CVE-2021-25745',
      'CVE-2021-25748',
      'CVE-2022-4886',
      'CVE-2026-24512',
      'CVE-2026-4342',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#strict-validate-path-type',
      'Kyverno restrict-ingress-paths',
      'Gatekeeper K8sBlockIngressPathType',
    ],
    peers: ['restrict-ingress-paths', 'K8sBlockIngressPathType'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'a Prefix path with directive characters',
          base: ing('/api', 'Prefix'),
          head: ing('/api;}location /x {', 'Prefix'),
        },
        {
          name: 'a path naming the service-account token',
          base: ing('/api', 'Prefix'),
          head: ing('/var/run/secrets', 'Prefix'),
        },
        {
          name: 'ImplementationSpecific replaces Prefix',
          base: ing('/api', 'Prefix'),
          head: ing('/api', 'ImplementationSpecific'),
        },
      ],
      passes: [
        { name: 'a plain Prefix path', base: ing('/api', 'Prefix'), head: ing('/api/v2', 'Prefix') },
        {
          name: 'a file-like Exact path',
          base: ing('/api', 'Prefix'),
          head: ing('/.well-known/security.txt', 'Exact'),
        },
      ],
    },
  },
  state(object) {
    const out = new Map<string, Condition>();
    const add = (c: Condition) => {
      if (!out.has(c.key)) out.set(c.key, c);
    };
    for (const route of object.routes) {
      const label = routeLabel(route);
      const common = { host: route.host || null, path: route.path };
      if ((route.pathType === 'Exact' || route.pathType === 'Prefix') && !SAFE.test(route.path)) {
        const chars = [...new Set(route.path.replace(/[A-Za-z0-9/_.~-]/g, ''))]
          .map((c) => JSON.stringify(c))
          .join(' ');
        add({
          ...common,
          key: `characters|${routeKey(route)}`,
          line: route.pathLine,
          message: `path ${JSON.stringify(route.path)} (${route.pathType}) on ${route.host || '(every host)'} contains ${chars}: characters outside letters, digits and / _ . ~ - can inject proxy configuration`,
        });
      }
      const named = route.path.match(FILESYSTEM)?.[0];
      if (named) {
        add({
          ...common,
          key: `filesystem|${routeKey(route)}`,
          line: route.pathLine,
          message: `path ${label} names ${named}, where the controller keeps its own files and service-account token (CVE-2021-25745)`,
        });
      }
      const line = explicitImplementationSpecific(object, route);
      if (line !== null) {
        add({
          ...common,
          key: `implementation-specific|${routeKey(route)}`,
          line,
          message: `path ${label} uses pathType ImplementationSpecific: the controller skips strict path validation and may read the path as a regular expression`,
        });
      }
    }
    return [...out.values()];
  },
};
