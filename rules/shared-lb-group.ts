import type { ObjectExposure, Signals } from '../src/core/model/exposure.ts';
import { refKey } from '../src/core/model/identity.ts';
import { objectLabel } from '../src/core/model/route-label.ts';
import type { Condition, RepoView, Rule } from '../src/core/rule.ts';

const alb = (name: string, group: string | null, order?: number) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: ${name}\n  annotations:\n    alb.ingress.kubernetes.io/scheme: internet-facing\n${group ? `    alb.ingress.kubernetes.io/group.name: ${group}\n` : ''}${order !== undefined ? `    alb.ingress.kubernetes.io/group.order: "${order}"\n` : ''}spec:\n  ingressClassName: alb\n  rules:\n    - host: ${name}.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}\n`;
const f5 = (type: string | null) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop-api\n  namespace: api\n${type ? `  annotations:\n    nginx.org/mergeable-ingress-type: ${type}\n` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 80}}}}]}\n`;

type Group = NonNullable<Signals['sharedGroup']>;

const isMergeable = (o: ObjectExposure) => o.controllers.includes('f5-nginx');

const membersCache = new WeakMap<RepoView, Map<string, ObjectExposure[]>>();
/** ALB group members by group name at one ref. */
function groupMembers(view: RepoView, name: string): ObjectExposure[] {
  let groups = membersCache.get(view);
  if (!groups) {
    groups = new Map();
    for (const o of view.objects) {
      const g = o.signals.sharedGroup;
      if (!g || isMergeable(o)) continue;
      const list = groups.get(g.value);
      if (list) list.push(o);
      else groups.set(g.value, [o]);
    }
    membersCache.set(view, groups);
  }
  return groups.get(name) ?? [];
}

function albMessage(object: ObjectExposure, g: Group, was: Group | null, view: RepoView): string {
  const others = groupMembers(view, g.value).filter((o) => refKey(o.ref) !== refKey(object.ref));
  const shown = others.slice(0, 5).map(objectLabel).join(', ');
  const members =
    others.length === 0
      ? 'no other Ingress in the repository is in it yet'
      : `it shares the load balancer with ${shown}${others.length > 5 ? ` and ${others.length - 5} more` : ''}`;
  return `${objectLabel(object)} ${was ? `moved from load balancer group "${was.value}" to "${g.value}"` : `joins the shared load balancer group "${g.value}"`} (${g.key}): its rules merge with every other member's, and exclusive settings (scheme, inbound CIDRs, SSL redirect, WAF) set by any member apply to all; ${members}`;
}

export const rule: Rule = {
  meta: {
    id: 'shared-lb-group',
    severity: 'medium',
    title: 'Joins or reorders a shared load balancer',
    rationale:
      'Ingresses in one AWS Load Balancer Controller group share a single ALB: their rules are merged in `group.order`, and exclusive settings (scheme, inbound CIDRs, SSL redirect, WAF ACL) set by any member apply to every member. Joining a group, or lowering an order so your rules are evaluated first, changes what other teams\u2019 hosts do. F5 NGINX mergeable Ingresses do the same across namespaces: minions add paths to a master\u2019s host.',
    fires:
      'ALB `group.name` added or changed (also on a new Ingress); `group.order` lowered (worsened); an F5 NGINX `mergeable-ingress-type` master or minion added or switched.',
    quiet: 'Group membership and order unchanged or raised; Ingresses that leave a group.',
    fix: 'Agree the group and order with the owners of the other members. Keep exclusive settings in IngressClassParams owned by the platform team, so one member cannot change them for all.',
    references: [
      'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#ingressgroup',
      'https://docs.nginx.com/nginx-ingress-controller/configuration/ingress-resources/cross-namespace-configuration/',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        { name: 'an Ingress joins an ALB group', base: alb('shop', null), head: alb('shop', 'public') },
        {
          name: 'the group order is lowered',
          base: alb('shop', 'public', 10),
          head: alb('shop', 'public', -10),
        },
        { name: 'an F5 NGINX minion is added', base: f5(null), head: f5('minion') },
      ],
      passes: [
        { name: 'the group is unchanged', base: alb('shop', 'public', 10), head: alb('shop', 'public', 10) },
        { name: 'the order is raised', base: alb('shop', 'public', 10), head: alb('shop', 'public', 20) },
      ],
    },
  },
  change(pair, ctx) {
    const head = pair.head;
    const g = head?.signals.sharedGroup;
    if (!head || !g) return [];
    const was = pair.base?.signals.sharedGroup ?? null;
    if (isMergeable(head)) {
      if (was && was.value === g.value) return [];
      return [
        {
          key: `mergeable|${g.value}`,
          line: g.line,
          message: `${objectLabel(head)} becomes an F5 NGINX mergeable ${g.value} (${g.key}): ${g.value === 'minion' ? 'its paths are merged into the master Ingress of the same host, whatever its namespace' : 'minion Ingresses in any namespace can add paths to its hosts'}${was ? ` (it was a ${was.value})` : ''}`,
        },
      ];
    }
    const out: Condition[] = [];
    if (!was || was.value !== g.value)
      out.push({ key: `group|${g.value}`, line: g.line, message: albMessage(head, g, was, ctx.headRepo) });
    else if ((g.order ?? 0) < (was.order ?? 0))
      out.push({
        key: `order|${g.value}`,
        line: g.line,
        status: 'worsened',
        message: `${objectLabel(head)} lowered its order in load balancer group "${g.value}" from ${was.order ?? 0} to ${g.order ?? 0}: its rules are now evaluated before those of members with a higher order, so it can take their matching requests`,
      });
    return out;
  },
};
