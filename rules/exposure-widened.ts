import type { GatewayListener, ObjectExposure, ReferenceGrantDetail } from '../src/core/model/exposure.ts';
import { objectLabel } from '../src/core/model/route-label.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const alb = (scheme: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: admin\n  namespace: ops\n  annotations:\n    alb.ingress.kubernetes.io/scheme: ${scheme}\nspec:\n  ingressClassName: alb\n  rules:\n    - host: admin.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: admin, port: {number: 80}}}}]}\n`;
const gateway = (from: string) =>
  `apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: shared, namespace: infra}\nspec:\n  gatewayClassName: internal\n  listeners:\n    - name: https\n      protocol: HTTPS\n      port: 443\n      hostname: "*.example.com"\n      tls: {certificateRefs: [{name: wildcard-tls}]}\n      allowedRoutes:\n        namespaces:\n          from: ${from}\n`;
const grant = `apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: allow-web, namespace: payments}\nspec:\n  from:\n    - {group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: web}\n  to:\n    - {group: "", kind: Service}\n`;

const FROM_RANK: Record<GatewayListener['allowedRoutesFrom'], number> = { Same: 0, Selector: 1, All: 2 };
const FROM_TEXT: Record<GatewayListener['allowedRoutesFrom'], string> = {
  Same: 'routes from its own namespace',
  Selector: 'routes from every namespace its label selector matches',
  All: 'routes from every namespace',
};

type Combo = { from: ReferenceGrantDetail['from'][number]; to: ReferenceGrantDetail['to'][number] };

function combos(detail: ReferenceGrantDetail | undefined): Combo[] {
  return (detail?.from ?? []).flatMap((from) => (detail?.to ?? []).map((to) => ({ from, to })));
}

function covers(base: Combo, head: Combo): boolean {
  return (
    base.from.group === head.from.group &&
    base.from.kind === head.from.kind &&
    base.from.namespace === head.from.namespace &&
    base.to.group === head.to.group &&
    base.to.kind === head.to.kind &&
    (base.to.name === null || base.to.name === head.to.name)
  );
}

function visibilityWidened(base: ObjectExposure, head: ObjectExposure): Condition[] {
  if (base.visibility.value !== 'internal' || head.visibility.value !== 'public') return [];
  return [
    {
      key: 'visibility',
      line: head.visibility.line,
      message: `${objectLabel(head)} is now reachable from the internet — ${head.visibility.reason}${head.visibility.source && !head.visibility.reason.includes(head.visibility.source) ? ` (${head.visibility.source})` : ''}; at base it was internal — ${base.visibility.reason}`,
    },
  ];
}

/** Hosts that moved here from an internal object into this public one. */
function movedIntoPublic(pair: Parameters<NonNullable<Rule['change']>>[0]): Condition[] {
  const head = pair.head!;
  if (head.visibility.value !== 'public') return [];
  const out = new Map<string, Condition>();
  for (const r of pair.routes) {
    if (!r.base || !r.head || r.head.object !== head || r.base.object === pair.base) continue;
    const from = r.base.object;
    if (from.visibility.value !== 'internal' || out.has(r.host)) continue;
    out.set(r.host, {
      key: `moved|${r.host}`,
      host: r.host || null,
      line: r.head.route.hostLine,
      message: `${r.host || 'every host'} moved from internal ${objectLabel(from)} (${from.visibility.reason}) to ${objectLabel(head)}, which is public — ${head.visibility.reason}`,
    });
  }
  return [...out.values()];
}

function listenersWidened(base: ObjectExposure, head: ObjectExposure): Condition[] {
  if (!head.gateway || !base.gateway) return [];
  const before = new Map(base.gateway.listeners.map((l) => [l.name, l]));
  return head.gateway.listeners.flatMap((l): Condition[] => {
    const was = before.get(l.name);
    const wasFrom = was?.allowedRoutesFrom ?? 'Same';
    if (FROM_RANK[l.allowedRoutesFrom] <= FROM_RANK[wasFrom]) return [];
    return [
      {
        key: `listener|${l.name}`,
        host: l.hostname || null,
        line: l.allowedRoutesLine,
        message: `listener ${l.name} of ${objectLabel(head)} (${l.protocol} ${l.hostname || 'every host'}) now accepts ${FROM_TEXT[l.allowedRoutesFrom]} (allowedRoutes.namespaces.from: ${l.allowedRoutesFrom})${was ? `; it accepted ${FROM_TEXT[wasFrom]}` : ' on a new listener'}: any team that can create an HTTPRoute there can publish hosts on this Gateway`,
      },
    ];
  });
}

function grantsWidened(base: ObjectExposure | null, head: ObjectExposure): Condition[] {
  if (!head.referenceGrant) return [];
  const before = combos(base?.referenceGrant);
  return combos(head.referenceGrant).flatMap(({ from, to }): Condition[] => {
    if (before.some((b) => covers(b, { from, to }))) return [];
    const target = to.name === null ? `every ${to.kind}` : `${to.kind} ${to.name}`;
    return [
      {
        key: `grant|${from.group}/${from.kind}/${from.namespace}|${to.group}/${to.kind}/${to.name ?? '*'}`,
        line: from.line,
        message: `${objectLabel(head)} lets ${from.kind} objects in namespace ${from.namespace} refer to ${target} in namespace ${head.ref.namespace ?? '(the grant\u2019s namespace)'}: a new cross-namespace trust path${to.kind === 'Secret' ? ' (a Gateway there may use these certificates and keys)' : ''}`,
      },
    ];
  });
}

export const rule: Rule = {
  meta: {
    id: 'exposure-widened',
    severity: 'critical',
    title: 'An entry point became reachable by more people',
    rationale:
      'Moving an entry point from an internal load balancer to an internet-facing one puts every route behind it — admin panels, internal APIs, services that trust the network — in front of the whole internet. Gateway API has two more ways to widen who can publish: letting routes from every namespace attach to a shared Gateway listener, and a ReferenceGrant that lets another namespace use your Services or certificates.',
    fires:
      'Visibility goes from internal to public: ALB `scheme` internal → internet-facing, GKE class `gce-internal` → `gce` or removed, AGIC `use-private-ip` → false, the class moved to one the config lists as public, a host moved from an internal object to a public one; a Gateway listener\u2019s `allowedRoutes.namespaces.from` widens to `Selector` or `All`; a new ReferenceGrant (or a grant that now allows more).',
    quiet:
      'Visibility that stays the same, narrows, or cannot be told (`unknown`: say which classes are public or internal in config); a new Gateway (see new-entrypoint); a ReferenceGrant that lost entries.',
    fix: 'Keep the internal scheme or class unless the service is meant for the internet — and if it is, review its authentication, allowlist and TLS first. For Gateways, list the namespaces allowed with a Selector or keep `Same`; scope ReferenceGrants to named objects.',
    references: [
      'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#scheme',
      'https://cloud.google.com/kubernetes-engine/docs/how-to/internal-load-balance-ingress',
      'https://azure.github.io/application-gateway-kubernetes-ingress/annotations/#use-private-ip',
      'https://gateway-api.sigs.k8s.io/guides/multiple-ns/',
      'https://gateway-api.sigs.k8s.io/api-types/referencegrant/',
    ],
    kinds: ['Ingress', 'Gateway', 'ReferenceGrant', 'HTTPRoute'],
    examples: {
      fires: [
        {
          name: 'ALB scheme internal → internet-facing',
          base: alb('internal'),
          head: alb('internet-facing'),
        },
        { name: 'a Gateway listener opens to every namespace', base: gateway('Same'), head: gateway('All') },
        {
          name: 'a new ReferenceGrant',
          base: gateway('Same'),
          head: `${gateway('Same')}---\n${grant}`,
        },
      ],
      passes: [
        { name: 'ALB scheme stays internal', base: alb('internal'), head: alb('internal') },
        { name: 'a listener narrowed to its own namespace', base: gateway('All'), head: gateway('Same') },
      ],
    },
  },
  change(pair) {
    const { base, head } = pair;
    if (!head) return [];
    return [
      ...(base ? visibilityWidened(base, head) : []),
      ...movedIntoPublic(pair),
      ...(base ? listenersWidened(base, head) : []),
      ...grantsWidened(base, head),
    ];
  },
};
