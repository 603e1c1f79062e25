import type { ManifestDocument } from '../src/core/manifests/document.ts';
import type { ObjectExposure } from '../src/core/model/exposure.ts';
import { objectLabel } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (namespace: string | null) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

/** Cluster-scoped kinds have no namespace by design. */
const CLUSTER_SCOPED = new Set(['IngressClass', 'GatewayClass']);

const folderOf = (file: string) => file.slice(0, Math.max(0, file.lastIndexOf('/')));

/** A kustomization next to the manifest that sets `namespace:` places the object there when built. */
function kustomizeNamespace(object: ObjectExposure, kustomizations: ManifestDocument[]): string | null {
  const folder = folderOf(object.file);
  for (const k of kustomizations) {
    const ns = k.body.namespace;
    if (folderOf(k.file) === folder && typeof ns === 'string' && ns.trim() !== '') return ns;
  }
  return null;
}

export const rule: Rule = {
  meta: {
    id: 'default-namespace',
    severity: 'low',
    title: 'Object in the default namespace',
    rationale:
      'The `default` namespace is where everything without a namespace lands. RBAC, NetworkPolicies, quotas and ownership set up for a team’s namespace do not apply there, and names collide with whatever else was dropped in it. An object without `metadata.namespace` lands in whatever namespace it is applied to — often `default`.',
    fires:
      'An object’s namespace is `default`, or it has no namespace and no kustomization in the same folder sets `namespace:` (a kustomization is seen when it declares `apiVersion: kustomize.config.k8s.io/v1beta1` and `kind: Kustomization`).',
    quiet: 'An explicit team namespace; no namespace in a folder whose kustomization sets one.',
    fix: 'Set `metadata.namespace` to the team’s namespace, or set `namespace:` in the folder’s kustomization.',
    references: [
      'CKV_K8S_21',
      'https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces/',
    ],
    peers: ['CKV_K8S_21'],
    kinds: ['Ingress', 'HTTPRoute', 'Gateway'],
    examples: {
      fires: [
        { name: 'namespace: default', base: ing('shop'), head: ing('default') },
        { name: 'no namespace', head: ing(null) },
      ],
      passes: [{ name: 'a team namespace', base: ing('shop'), head: ing('shop') }],
    },
  },
  state(object, ctx) {
    const ns = object.ref.namespace;
    if (CLUSTER_SCOPED.has(object.ref.kind)) return [];
    if (ns !== null && ns !== 'default') return [];
    if (ns === 'default')
      return [
        {
          key: 'namespace',
          line: object.doc.lineOf(['metadata', 'namespace']),
          message: `${objectLabel(object)} is in the default namespace, where team RBAC, NetworkPolicies and quotas do not apply`,
        },
      ];
    if (kustomizeNamespace(object, ctx.repo.documentsByKind.get('Kustomization') ?? []) !== null) return [];
    return [
      {
        key: 'namespace',
        line: object.doc.lineOf(['metadata']),
        message: `${objectLabel(object)} has no namespace: lands in the namespace it is applied to (often default); a kustomization (kind: Kustomization) in its folder that sets namespace: would place it`,
      },
    ];
  },
};
