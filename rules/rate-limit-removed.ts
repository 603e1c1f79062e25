import { changesPerHost } from '../src/core/conditions/changes-per-host.ts';
import type { Protections } from '../src/core/model/exposure.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${v}\n`);
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: login\n  namespace: shop\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: login.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: login, port: {number: 80}}}}]}\n`;
};

type Limit = NonNullable<Protections['rateLimit']['value']>;

/** Requests per second, with a per-minute limit as its per-second equivalent; null when none. */
function requestsPerSecond(limit: Limit | null): number | null {
  if (!limit) return null;
  if (limit.rps !== undefined && limit.rpm !== undefined) return Math.min(limit.rps, limit.rpm / 60);
  if (limit.rps !== undefined) return limit.rps;
  return limit.rpm !== undefined ? limit.rpm / 60 : null;
}

const fmt = (rps: number) =>
  rps >= 1 ? `${Number(rps.toFixed(2))} requests/s` : `${Number((rps * 60).toFixed(2))} requests/min`;

/** What happened to one limit: removed, raised more than twice (the threshold for noise), or nothing. */
function loosened(before: number | null, after: number | null): 'removed' | 'raised' | null {
  if (before === null) return null;
  if (after === null) return 'removed';
  return after > before * 2 ? 'raised' : null;
}

export const rule: Rule = {
  meta: {
    id: 'rate-limit-removed',
    severity: 'low',
    title: 'Rate limit removed or raised',
    rationale:
      'A rate limit at the edge caps brute force, credential stuffing, scraping and cheap denial of service before they reach the backend. Removing it, or raising it several-fold, is sometimes right (a launch, a false positive) but deserves a second look on login and API routes.',
    fires:
      'A request or connection limit (ingress-nginx `limit-rps`/`limit-rpm`/`limit-connections`, Kong/HAProxy/Traefik equivalents) is removed, or raised more than 2x (per-minute limits compared as per-second equivalents).',
    quiet:
      'A limit kept, lowered, raised up to 2x, or expressed in another unit at the same rate (`limit-rps: "2"` → `limit-rpm: "120"`).',
    fix: 'Keep a limit suited to the route (tight on login and token endpoints); raise it gradually, watching the 503/429 rate, rather than removing it.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#rate-limiting',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        { name: 'the rate limit is removed', base: ing({ 'limit-rps': '"10"' }), head: ing({}) },
        {
          name: 'the rate limit is raised tenfold',
          base: ing({ 'limit-rps': '"10"' }),
          head: ing({ 'limit-rps': '"100"' }),
        },
      ],
      passes: [
        {
          name: 'the same rate in another unit',
          base: ing({ 'limit-rps': '"2"' }),
          head: ing({ 'limit-rpm': '"120"' }),
        },
        { name: 'raised by half', base: ing({ 'limit-rps': '"10"' }), head: ing({ 'limit-rps': '"15"' }) },
      ],
    },
  },
  change(pair) {
    return changesPerHost(pair, (basisRoute, headRoute, r) => {
      const before = basisRoute.protections.rateLimit;
      const after = headRoute.protections.rateLimit;
      const host = r.host || 'every host';
      const where = { host: r.host || null, line: after.line };
      const found: Condition[] = [];
      const rpsBefore = requestsPerSecond(before.value);
      const rpsAfter = requestsPerSecond(after.value);
      const requests = loosened(rpsBefore, rpsAfter);
      if (requests)
        found.push({
          key: `requests|${r.host}`,
          ...where,
          ...(requests === 'raised' ? { status: 'worsened' as const } : {}),
          message:
            requests === 'removed'
              ? `${host} no longer has a request rate limit (was ${fmt(rpsBefore!)}, ${before.source ?? 'rate limit'})`
              : `the request rate limit of ${host} is raised from ${fmt(rpsBefore!)} to ${fmt(rpsAfter!)}`,
        });
      const connBefore = before.value?.connections ?? null;
      const connAfter = after.value?.connections ?? null;
      const connections = loosened(connBefore, connAfter);
      if (connections)
        found.push({
          key: `connections|${r.host}`,
          ...where,
          ...(connections === 'raised' ? { status: 'worsened' as const } : {}),
          message:
            connections === 'removed'
              ? `${host} no longer limits concurrent connections per client (was ${connBefore})`
              : `the concurrent connection limit of ${host} is raised from ${connBefore} to ${connAfter}`,
        });
      return found;
    });
  },
};
