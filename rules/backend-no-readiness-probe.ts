import { arr, obj, str } from '../src/core/controllers/manifest-values.ts';
import type { ManifestDocument } from '../src/core/manifests/document.ts';
import type { Backend, ObjectExposure } from '../src/core/model/exposure.ts';
import { findNamed } from '../src/core/model/named-documents.ts';
import { routeLabel } from '../src/core/model/route-label.ts';
import { documentLabel } from '../src/core/model/stored-values.ts';
import type { Condition, RepoView, Rule } from '../src/core/rule.ts';

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'];

const ing = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;
const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {app: web}\n  ports: [{port: 80, targetPort: 8080}]\n`;
const deployment = (probe: boolean) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1.2.3\n          ports: [{containerPort: 8080}]\n${probe ? '          readinessProbe: {httpGet: {path: /healthz, port: 8080}}\n' : ''}`;
const docs = (...d: string[]) => d.join('---\n');

function podLabels(workload: ManifestDocument): Record<string, unknown> {
  return obj(obj(obj(obj(workload.body.spec).template).metadata).labels);
}

interface Workloads {
  all: ManifestDocument[];
  /** By `label\u0000value` of the pod template: a selector looks up its candidates, not every workload. */
  byLabel: Map<string, ManifestDocument[]>;
}

const workloadsCache = new WeakMap<RepoView, Workloads>();
function workloads(view: RepoView): Workloads {
  let found = workloadsCache.get(view);
  if (!found) {
    const all = WORKLOAD_KINDS.flatMap((k) =>
      (view.documentsByKind.get(k) ?? []).filter((d) => d.apiVersion === 'apps/v1'),
    );
    const byLabel = new Map<string, ManifestDocument[]>();
    for (const w of all)
      for (const [k, v] of Object.entries(podLabels(w))) {
        const value = str(v);
        if (value === null) continue;
        const list = byLabel.get(`${k}\u0000${value}`);
        if (list) list.push(w);
        else byLabel.set(`${k}\u0000${value}`, [w]);
      }
    found = { all, byLabel };
    workloadsCache.set(view, found);
  }
  return found;
}

/** Workloads in the Service's namespace whose pod template carries every label of its selector. */
function selected(service: ManifestDocument, view: RepoView): ManifestDocument[] {
  const selector = Object.entries(obj(obj(service.body.spec).selector));
  if (selector.length === 0) return [];
  const { all, byLabel } = workloads(view);
  const indexed = selector.find(([, v]) => str(v) !== null);
  const candidates = indexed ? (byLabel.get(`${indexed[0]}\u0000${str(indexed[1])}`) ?? []) : all;
  return candidates.filter((w) => {
    if (w.namespace !== service.namespace && w.namespace !== null && service.namespace !== null) return false;
    const labels = podLabels(w);
    return selector.every(([k, v]) => str(labels[k]) === str(v));
  });
}

function lacksReadiness(workload: ManifestDocument): boolean {
  const containers = arr(obj(obj(obj(workload.body.spec).template).spec).containers);
  return containers.length > 0 && containers.every((c) => obj(c).readinessProbe === undefined);
}

function serviceBackend(object: ObjectExposure, backend: Backend | null): backend is Backend {
  if (
    !backend ||
    backend.service === '' ||
    backend.service.startsWith('resource:') ||
    backend.service.includes('@')
  )
    return false;
  return object.ref.group !== 'networking.istio.io';
}

export const rule: Rule = {
  meta: {
    id: 'backend-no-readiness-probe',
    severity: 'low',
    title: 'Route to a workload without a readiness probe',
    rationale:
      'Without a readiness probe, a pod counts as ready as soon as its containers start: the controller sends requests to it before the application listens, and keeps sending them to a pod that has stopped answering. Every rollout and every hang becomes errors for the users of this route.',
    fires:
      'A route (new, changed or present in a scan) points at a Service whose selected Deployment, StatefulSet or DaemonSet in the repository has no container with a `readinessProbe`.',
    quiet:
      'Workloads with a readiness probe on any container; Services without a selector; Services or workloads that are not in the repository; backends that are not Services.',
    fix: 'Add a `readinessProbe` that checks the endpoint the route serves (an HTTP health path or the TCP port).',
    references: [
      'https://kubernetes.io/docs/concepts/configuration/liveness-readiness-startup-probes/',
      'kube-score container-readiness-probe',
      'Polaris readinessProbeMissing',
    ],
    peers: ['container-readiness-probe', 'readinessProbeMissing'],
    kinds: [
      'Ingress',
      'HTTPRoute',
      'GRPCRoute',
      'IngressRoute',
      'HTTPProxy',
      'Service',
      'Deployment',
      'StatefulSet',
      'DaemonSet',
    ],
    examples: {
      fires: [
        {
          name: 'a new Ingress for a Deployment without a readiness probe',
          base: docs(svc, deployment(false)),
          head: docs(ing, svc, deployment(false)),
        },
      ],
      passes: [
        {
          name: 'the Deployment has a readiness probe',
          base: docs(svc, deployment(true)),
          head: docs(ing, svc, deployment(true)),
        },
      ],
    },
  },
  state(object, ctx) {
    const found = new Map<string, Condition>();
    for (const route of object.routes) {
      const backend = route.backend;
      if (!serviceBackend(object, backend)) continue;
      const service = findNamed(
        ctx.repo,
        'Service',
        backend.service,
        backend.namespace ?? object.ref.namespace,
        (d) => d.apiVersion === 'v1',
      );
      if (!service) continue;
      for (const w of selected(service, ctx.repo)) {
        const key = `${backend.service}|${w.kind}/${w.name}`;
        if (found.has(key) || !lacksReadiness(w)) continue;
        found.set(key, {
          key,
          host: route.host || null,
          path: route.path,
          line: backend.line,
          message: `${routeLabel(route)} is served by Service ${backend.service}, whose ${documentLabel(w)} (${w.file}:${w.line}) has no readiness probe: requests reach pods before they are ready and keep reaching pods that stopped answering`,
        });
      }
    }
    return [...found.values()];
  },
};
