import type { Rule } from '../src/core/rule.ts';

const ing = (apiVersion: string) =>
  apiVersion === 'networking.k8s.io/v1'
    ? `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`
    : `apiVersion: ${apiVersion}\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, backend: {serviceName: web, servicePort: 80}}]}\n`;

/** Kinds served by these API versions until Kubernetes 1.22 removed them. */
const REMOVED: Record<string, string[]> = {
  'extensions/v1beta1': ['Ingress'],
  'networking.k8s.io/v1beta1': ['Ingress', 'IngressClass'],
};

const isRemoved = (apiVersion: string, kind: string) => REMOVED[apiVersion]?.includes(kind) ?? false;

const message = (kind: string, apiVersion: string) =>
  `${kind} uses ${apiVersion}, removed in Kubernetes 1.22: clusters at 1.22 or later reject it, so the deploy fails; use networking.k8s.io/v1`;

export const rule: Rule = {
  meta: {
    id: 'deprecated-api',
    severity: 'high',
    title: 'Removed Ingress API version',
    rationale:
      '`extensions/v1beta1` and `networking.k8s.io/v1beta1` Ingress and IngressClass were removed in Kubernetes 1.22. A manifest still using them fails to apply on any current cluster, and the old shape (`serviceName`/`servicePort`, no `pathType`) hides how paths are matched.',
    fires:
      'An Ingress uses `extensions/v1beta1` or `networking.k8s.io/v1beta1`, or an IngressClass uses `networking.k8s.io/v1beta1`.',
    quiet: '`networking.k8s.io/v1`; other kinds.',
    fix: 'Move to `networking.k8s.io/v1`: `backend.service.name`/`port.number`, and an explicit `pathType` on every path.',
    references: [
      'https://kubernetes.io/docs/reference/using-api/deprecation-guide/#ingress-v122',
      'kube-linter no-extensions-v1beta',
      'kube-score stable-version',
      'Trivy KSV-0107',
    ],
    peers: ['no-extensions-v1beta', 'stable-version', 'KSV-0107'],
    kinds: ['Ingress', 'IngressClass'],
    examples: {
      fires: [
        { name: 'a new Ingress in extensions/v1beta1', head: ing('extensions/v1beta1') },
        {
          name: 'an Ingress moved back to networking.k8s.io/v1beta1',
          base: ing('networking.k8s.io/v1'),
          head: ing('networking.k8s.io/v1beta1'),
        },
      ],
      passes: [
        { name: 'networking.k8s.io/v1', base: ing('extensions/v1beta1'), head: ing('networking.k8s.io/v1') },
      ],
    },
  },
  state(object) {
    if (!isRemoved(object.apiVersion, object.ref.kind)) return [];
    // The key leaves out the version: moving between the two removed versions is no improvement.
    return [
      {
        key: 'apiVersion',
        line: object.doc.lineOf(['apiVersion']),
        message: message(object.ref.kind, object.apiVersion),
      },
    ];
  },
  documents(ctx) {
    // IngressClass is context, not an entry point, so it has no Exposure view of its own.
    const viewed = new Set(ctx.repo.objects.map((o) => o.doc));
    return (ctx.repo.documentsByKind.get('IngressClass') ?? [])
      .filter((doc) => !viewed.has(doc) && isRemoved(doc.apiVersion, doc.kind))
      .map((doc) => ({
        key: 'apiVersion',
        file: doc.file,
        line: doc.lineOf(['apiVersion']),
        object: { kind: doc.kind, namespace: doc.namespace, name: doc.name },
        message: message(doc.kind, doc.apiVersion),
      }));
  },
};
