import { foldPerHost, type RouteHit } from '../src/core/conditions/fold-per-host.ts';
import { breadth, isAnyAddress, parseCidrList, widening } from '../src/core/model/cidr.ts';
import { basisOf, type Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${v}\n`);
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: admin\n  namespace: ops\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: admin.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: admin, port: {number: 80}}}}]}\n`;
};

const ranges = (list: string[]) => parseCidrList(list.join(',')).ranges;
const anyAddressEntries = (list: string[]) =>
  ranges(list)
    .filter((r) => isAnyAddress([r]))
    .map((r) => r.text);

export const rule: Rule = {
  meta: {
    id: 'source-range-widened',
    severity: 'high',
    title: 'IP allowlist widened or removed',
    rationale:
      'A source-range allowlist is often the only thing between an internal tool and the internet. Removing it, or widening it (a /24 becoming a /8, or 0.0.0.0/0), lets addresses in that nobody reviewed; removing a denylist lets back in addresses that were blocked on purpose. The comparison is done on the address sets, so reordering, requoting or merging ranges is not a change.',
    fires:
      'An IP allowlist (ingress-nginx `allowlist-source-range`/`whitelist-source-range`, ALB `inbound-cidrs`, HAProxy `allow-list`, Traefik ipAllowList) is removed (critical: every address may connect) or now admits addresses it did not; an allowlist contains `0.0.0.0/0` or `::/0` (critical); a denylist is removed or shrunk.',
    quiet:
      'An allowlist rewritten to the same set of addresses (two /25s merged into their /24, reordered, requoted); a narrower allowlist; a route that never had an allowlist.',
    fix: 'Keep the allowlist to the networks that need access (office, VPN, peered VPCs). If the service must be public, protect it with authentication instead and waive this finding with the reason.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#allowlist-source-range',
      'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#inbound-cidrs',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'the allowlist is widened from a /24 to a /8',
          base: ing({ 'allowlist-source-range': '10.0.1.0/24' }),
          head: ing({ 'allowlist-source-range': '10.0.0.0/8' }),
        },
        {
          name: 'the allowlist is removed',
          base: ing({ 'allowlist-source-range': '"10.0.1.0/24,192.168.0.0/16"' }),
          head: ing({}),
        },
        {
          name: 'an allowlist that admits every address (scan)',
          head: ing({ 'allowlist-source-range': '0.0.0.0/0' }),
        },
        {
          name: 'a denylist is removed',
          base: ing({ 'denylist-source-range': '203.0.113.0/24' }),
          head: ing({}),
        },
      ],
      passes: [
        {
          name: 'two /25s merged into the /24 they make up, reordered and requoted',
          base: ing({ 'allowlist-source-range': '10.0.1.128/25,10.0.1.0/25' }),
          head: ing({ 'allowlist-source-range': '"10.0.1.0/24"' }),
        },
        {
          name: 'the allowlist is narrowed',
          base: ing({ 'allowlist-source-range': '10.0.0.0/8' }),
          head: ing({ 'allowlist-source-range': '10.0.1.0/24' }),
        },
        { name: 'no allowlist before or after', base: ing({}), head: ing({}) },
      ],
    },
  },
  // Only an explicit any-address allowlist is a finding on its own. A narrower allowlist is a protection,
  // not a finding, so its widening or removal can only be seen by comparing both sides (see `change`).
  state(object) {
    const hits = object.routes.flatMap((route): RouteHit[] => {
      const allow = route.protections.sourceRanges;
      if (allow.value === 'any') return [];
      const wide = anyAddressEntries(allow.value);
      if (wide.length === 0) return [];
      return [
        {
          kind: 'allow',
          route,
          // Wider = larger, so adding ::/0 next to 0.0.0.0/0 is reported as worsened.
          cond: { line: allow.line, severity: 'critical', magnitude: breadth(ranges(allow.value)) },
          text: `accepts connections from any address: ${allow.source ?? 'the IP allowlist'} includes ${wide.join(', ')}`,
        },
      ];
    });
    return foldPerHost(hits);
  },
  change(pair) {
    const hits: RouteHit[] = [];
    for (const r of pair.routes) {
      const basis = basisOf(r);
      if (!basis || !r.head || r.head.object !== pair.head) continue;
      const before = basis.route.protections;
      const after = r.head.route.protections;

      if (before.sourceRanges.value !== 'any' && !isAnyAddress(ranges(before.sourceRanges.value))) {
        const was = before.sourceRanges.value.join(', ');
        if (after.sourceRanges.value === 'any') {
          hits.push({
            kind: 'allow',
            route: r,
            cond: { line: after.sourceRanges.line, severity: 'critical' },
            text: `now accepts connections from any address: the IP allowlist ${was} (${before.sourceRanges.source ?? 'source ranges'}) was removed`,
          });
        } else if (!isAnyAddress(ranges(after.sourceRanges.value))) {
          // An any-address allowlist at head is reported by `state`, with its own severity.
          const added = widening(ranges(before.sourceRanges.value), ranges(after.sourceRanges.value));
          if (added.length > 0)
            hits.push({
              kind: 'allow',
              route: r,
              cond: { line: after.sourceRanges.line, status: 'worsened' },
              text: `now allows ${added.join(', ')} (was ${was}): ${after.sourceRanges.source ?? 'IP allowlist'}`,
            });
        }
      }

      if (before.denyRanges.value.length > 0) {
        // Addresses the base denylist blocked and the head one no longer does.
        const unblocked = widening(ranges(after.denyRanges.value), ranges(before.denyRanges.value));
        if (unblocked.length > 0) {
          const removed = after.denyRanges.value.length === 0;
          hits.push({
            kind: 'deny',
            route: r,
            cond: { line: after.denyRanges.line, ...(removed ? {} : { status: 'worsened' as const }) },
            text: removed
              ? `no longer blocks ${unblocked.join(', ')}: the IP denylist (${before.denyRanges.source ?? 'deny ranges'}) was removed`
              : `no longer blocks ${unblocked.join(', ')}: ${after.denyRanges.source ?? 'the IP denylist'} is now ${after.denyRanges.value.join(', ')} (was ${before.denyRanges.value.join(', ')})`,
          });
        }
      }
    }
    return foldPerHost(hits);
  },
};
