import { arr, obj, str } from '../src/core/controllers/manifest-values.ts';
import type { ManifestDocument } from '../src/core/manifests/document.ts';
import { apiGroup } from '../src/core/model/identity.ts';
import { findNamed } from '../src/core/model/named-documents.ts';
import { documentLabel } from '../src/core/model/stored-values.ts';
import type { RepoView, Rule } from '../src/core/rule.ts';

type DocCondition = ReturnType<NonNullable<Rule['documents']>>[number];

const RBAC = 'rbac.authorization.k8s.io';
const WRITE_VERBS = ['create', 'update', 'patch', 'delete', 'deletecollection'];

const GATEWAY_API_RESOURCES = [
  'gateways',
  'httproutes',
  'grpcroutes',
  'tlsroutes',
  'tcproutes',
  'udproutes',
  'referencegrants',
];

/** Resources that decide routing at the edge, by API group. */
const ROUTING_RESOURCES: Record<string, string[]> = {
  'networking.k8s.io': ['ingresses', 'ingressclasses'],
  extensions: ['ingresses'],
  'gateway.networking.k8s.io': GATEWAY_API_RESOURCES,
  // The experimental group serves the same kinds, plus ListenerSets.
  'gateway.networking.x-k8s.io': [...GATEWAY_API_RESOURCES, 'xlistenersets'],
  'traefik.io': ['ingressroutes', 'ingressroutetcps', 'ingressrouteudps', 'middlewares', 'middlewaretcps'],
  'traefik.containo.us': [
    'ingressroutes',
    'ingressroutetcps',
    'ingressrouteudps',
    'middlewares',
    'middlewaretcps',
  ],
  'networking.istio.io': ['gateways', 'virtualservices'],
  'projectcontour.io': ['httpproxies'],
  'configuration.konghq.com': ['kongplugins', 'kongclusterplugins'],
};

/** Built-in ClusterRoles that exist in every cluster without a manifest. */
const BUILT_IN: Record<string, Grants> = {
  'cluster-admin': {
    resources: new Map(
      Object.values(ROUTING_RESOURCES)
        .flat()
        .map((r) => [r, new Set(WRITE_VERBS)]),
    ),
    line: 0,
  },
  admin: { resources: new Map([['ingresses', new Set(WRITE_VERBS)]]), line: 0 },
  edit: { resources: new Map([['ingresses', new Set(WRITE_VERBS)]]), line: 0 },
};

/** Which subjects count as "everyone": every signed-in user, every service account. */
const BROAD_GROUPS: Record<string, string> = {
  'system:authenticated': 'every authenticated user',
  'system:unauthenticated': 'every anonymous request',
  'system:serviceaccounts': 'every service account in the cluster',
};

interface Grants {
  /** Resource → write verbs granted on it. */
  resources: Map<string, Set<string>>;
  /** Line of the first rule that grants them (0 for built-in roles). */
  line: number;
  /** Named objects only (`resourceNames`). */
  restricted?: boolean;
}

const strings = (v: unknown) =>
  arr(v)
    .map(str)
    .filter((s): s is string => s !== null);

/** Write access on routing resources that a Role or ClusterRole grants. */
function grantsOf(doc: ManifestDocument): Grants {
  const resources = new Map<string, Set<string>>();
  let line = 0;
  let restricted = false;
  for (const [i, raw] of arr(doc.body.rules).entries()) {
    const r = obj(raw);
    const groups = strings(r.apiGroups);
    const names = strings(r.resources);
    const verbs = strings(r.verbs);
    const write = verbs.includes('*') ? WRITE_VERBS : WRITE_VERBS.filter((v) => verbs.includes(v));
    if (write.length === 0) continue;
    let granted = false;
    for (const [group, list] of Object.entries(ROUTING_RESOURCES)) {
      if (!groups.includes('*') && !groups.includes(group)) continue;
      for (const resource of list) {
        if (!names.includes('*') && !names.includes(resource)) continue;
        const set = resources.get(resource) ?? new Set<string>();
        for (const v of write) set.add(v);
        resources.set(resource, set);
        granted = true;
      }
    }
    if (granted) {
      line ||= doc.lineOf(['rules', i]);
      if (strings(r.resourceNames).length > 0) restricted = true;
    }
  }
  return { resources, line, restricted };
}

function magnitude(g: Grants): number {
  let n = 0;
  for (const verbs of g.resources.values()) n += verbs.size;
  return n;
}

function describe(g: Grants): string {
  const byVerbs = new Map<string, string[]>();
  for (const [resource, verbs] of g.resources) {
    const key = WRITE_VERBS.filter((v) => verbs.has(v)).join('/');
    byVerbs.set(key, [...(byVerbs.get(key) ?? []), resource]);
  }
  const text = [...byVerbs].map(([verbs, resources]) => `${verbs} ${resources.join(', ')}`).join('; ');
  return `${text}${g.restricted ? ' (some only for named objects)' : ''}`;
}

const isRbac = (d: ManifestDocument) => apiGroup(d.apiVersion) === RBAC;

/** The role a binding refers to: a manifest in the repository, or a built-in ClusterRole. */
function roleOf(binding: ManifestDocument, view: RepoView): { label: string; grants: Grants } | null {
  const ref = obj(binding.body.roleRef);
  const kind = str(ref.kind);
  const name = str(ref.name);
  if (!name || (kind !== 'Role' && kind !== 'ClusterRole')) return null;
  const ns = kind === 'Role' ? binding.namespace : null;
  const doc = findNamed(view, kind, name, ns, isRbac);
  if (doc) return { label: documentLabel(doc), grants: grantsOf(doc) };
  const builtIn = kind === 'ClusterRole' ? BUILT_IN[name] : undefined;
  return builtIn ? { label: `built-in ClusterRole ${name}`, grants: builtIn } : null;
}

interface Subject {
  kind: string;
  name: string;
  namespace: string | null;
  line: number;
}

function subjectsOf(binding: ManifestDocument): Subject[] {
  return arr(binding.body.subjects).flatMap((raw, i) => {
    const s = obj(raw);
    const kind = str(s.kind);
    const name = str(s.name);
    if (!kind || !name) return [];
    const namespace = kind === 'ServiceAccount' ? (str(s.namespace) ?? binding.namespace) : null;
    return [{ kind, name, namespace, line: binding.lineOf(['subjects', i]) }];
  });
}

/** Every user, every service account, or every service account of a namespace. */
function isBroad(s: Subject): boolean {
  return (
    s.kind === 'Group' && (BROAD_GROUPS[s.name] !== undefined || s.name.startsWith('system:serviceaccounts:'))
  );
}

function subjectText(s: Subject): string {
  const broad = s.kind === 'Group' ? BROAD_GROUPS[s.name] : undefined;
  if (broad) return `${broad} (Group ${s.name})`;
  if (s.kind === 'Group' && s.name.startsWith('system:serviceaccounts:'))
    return `every service account in namespace ${s.name.slice('system:serviceaccounts:'.length)} (Group ${s.name})`;
  return `${s.kind} ${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
}

const bindingsCache = new WeakMap<RepoView, Map<string, ManifestDocument[]>>();
/** Bindings by the role they refer to (`Role/ns/name` or `ClusterRole//name`). */
function bindingsByRole(view: RepoView): Map<string, ManifestDocument[]> {
  let map = bindingsCache.get(view);
  if (!map) {
    map = new Map();
    for (const kind of ['RoleBinding', 'ClusterRoleBinding'])
      for (const b of (view.documentsByKind.get(kind) ?? []).filter(isRbac)) {
        const ref = obj(b.body.roleRef);
        const roleKind = str(ref.kind);
        const key = `${roleKind}/${roleKind === 'Role' ? (b.namespace ?? '') : ''}/${str(ref.name) ?? ''}`;
        map.set(key, [...(map.get(key) ?? []), b]);
      }
    bindingsCache.set(view, map);
  }
  return map;
}

const AGGREGATE_LABEL = /^rbac\.authorization\.k8s\.io\/aggregate-to-(admin|edit)$/;

function roleConditions(doc: ManifestDocument, view: RepoView, onlyBroad: boolean): DocCondition[] {
  const grants = grantsOf(doc);
  if (grants.resources.size === 0) return [];
  const labels = obj(obj(doc.body.metadata).labels);
  const aggregated = Object.keys(labels)
    .filter((k) => AGGREGATE_LABEL.test(k) && str(labels[k]) === 'true')
    .map((k) => k.match(AGGREGATE_LABEL)![1]);
  const bindings =
    bindingsByRole(view).get(`${doc.kind}/${doc.kind === 'Role' ? (doc.namespace ?? '') : ''}/${doc.name}`) ??
    [];
  const bound = bindings.flatMap((b) => subjectsOf(b).map((s) => ({ s, b })));
  if (onlyBroad && aggregated.length === 0 && !bound.some(({ s }) => isBroad(s))) return [];
  const subjects = bound.map(({ s, b }) => `${subjectText(s)} (${documentLabel(b)})`);
  const who =
    aggregated.length > 0
      ? `it is aggregated into the built-in ${aggregated.join(' and ')} ClusterRole${aggregated.length > 1 ? 's' : ''}, so every subject bound to ${aggregated.length > 1 ? 'them' : 'it'} gains this`
      : subjects.length > 0
        ? `bound to ${subjects.slice(0, 5).join(', ')}${subjects.length > 5 ? ` and ${subjects.length - 5} more` : ''}`
        : 'no binding in the repository refers to it yet';
  return [
    {
      key: 'routing-write',
      file: doc.file,
      line: grants.line,
      magnitude: magnitude(grants) + (aggregated.length > 0 ? 100 : 0),
      object: { kind: doc.kind, namespace: doc.namespace, name: doc.name },
      message: `${documentLabel(doc)} lets its subjects ${describe(grants)} — who holds it can publish hosts, strip authentication or inject proxy configuration at the edge; ${who}`,
    },
  ];
}

function bindingConditions(doc: ManifestDocument, view: RepoView, onlyBroad: boolean): DocCondition[] {
  const role = roleOf(doc, view);
  if (!role || role.grants.resources.size === 0) return [];
  const scope =
    doc.kind === 'RoleBinding'
      ? `in namespace ${doc.namespace ?? '(set at deploy time)'}`
      : 'in every namespace';
  return subjectsOf(doc)
    .filter((s) => !onlyBroad || isBroad(s))
    .map((s) => ({
      key: `${s.kind}|${s.namespace ?? ''}|${s.name}`,
      file: doc.file,
      line: s.line,
      magnitude: magnitude(role.grants),
      object: { kind: doc.kind, namespace: doc.namespace, name: doc.name },
      message: `${subjectText(s)} may ${describe(role.grants)} ${scope} through ${role.label}: they can change what the edge routes, to where, and with which protections`,
    }));
}

const role = (resources: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: deployer, namespace: shop}\nrules:\n  - apiGroups: ["", apps, networking.k8s.io]\n    resources: [${resources}]\n    verbs: [get, list, create, update, patch]\n`;
const binding = (group: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: deployer, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}\nsubjects:\n  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: ${group}}\n`;
const docs = (...d: string[]) => d.join('---\n');

export const rule: Rule = {
  meta: {
    id: 'ingress-rbac-widened',
    severity: 'high',
    title: 'More people may change routing',
    rationale:
      'Whoever may create or edit Ingresses, HTTPRoutes, Gateways or Traefik middlewares decides what the edge exposes: they can publish a host, drop authentication, divert another team\u2019s traffic, or — on ingress-nginx — inject configuration that reads every Secret in the cluster (CVE-2021-25742 and the 2025 IngressNightmare advisories name multi-tenant clusters where non-admins can create Ingresses as the most exposed).',
    fires:
      'A Role or ClusterRole starts granting (or grants more) create/update/patch/delete on ingresses, ingressclasses, gateways, httproutes, grpcroutes, referencegrants, ingressroutes, middlewares, virtualservices, httpproxies or Kong plugins — wildcards included, and ClusterRoles aggregated into the built-in admin/edit roles; a RoleBinding or ClusterRoleBinding gives such a role (or the built-in cluster-admin, admin, edit) to another subject. Broad subjects (`system:authenticated`, `system:serviceaccounts`) are named as such. In a scan, only grants to broad subjects (and ClusterRoles aggregated into admin/edit) are reported.',
    quiet:
      'Read-only access (get, list, watch); write access to other resources; `ingresses/status`; bindings to roles that are neither in the repository nor built in (their rules cannot be read).',
    fix: 'Grant write access on routing objects to the platform team or the deploy pipeline\u2019s service account only; give application teams a narrower role, or route their changes through this review.',
    references: [
      'https://kubernetes.io/docs/reference/access-authn-authz/rbac/',
      'https://github.com/kubernetes/kubernetes/issues/126811 (CVE-2021-25742)',
      'https://github.com/kubernetes/kubernetes/issues/131009 (CVE-2025-1974)',
      'Trivy KSV-0056 (manage Kubernetes networking)',
    ],
    peers: ['KSV-0056'],
    kinds: ['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'],
    examples: {
      fires: [
        {
          name: 'a deploy role gains write on ingresses',
          base: docs(role('services, deployments'), binding('shop-devs')),
          head: docs(role('services, deployments, ingresses'), binding('shop-devs')),
        },
        {
          name: 'every authenticated user is bound to the built-in edit role (scan)',
          head: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: everyone-edits}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit}\nsubjects:\n  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: system:authenticated}\n',
        },
      ],
      passes: [
        {
          name: 'read-only access to ingresses',
          head: 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: {name: ingress-viewer}\nrules:\n  - apiGroups: [networking.k8s.io]\n    resources: [ingresses]\n    verbs: [get, list, watch]\n',
        },
        {
          name: 'a deploy role unchanged',
          base: docs(role('services, ingresses'), binding('shop-devs')),
          head: docs(role('services, ingresses'), binding('shop-devs')),
        },
      ],
    },
  },
  documents(ctx) {
    // A diff reports every grant the change adds; a scan only grants to everyone (the state worth a finding).
    const onlyBroad = ctx.mode === 'scan';
    const out: DocCondition[] = [];
    for (const kind of ['Role', 'ClusterRole'])
      for (const doc of (ctx.repo.documentsByKind.get(kind) ?? []).filter(isRbac))
        out.push(...roleConditions(doc, ctx.repo, onlyBroad));
    for (const kind of ['RoleBinding', 'ClusterRoleBinding'])
      for (const doc of (ctx.repo.documentsByKind.get(kind) ?? []).filter(isRbac))
        out.push(...bindingConditions(doc, ctx.repo, onlyBroad));
    return out;
  },
};
