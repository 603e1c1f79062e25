import { arr, obj, str } from '../src/core/controllers/manifest-values.ts';
import type { ManifestDocument } from '../src/core/manifests/document.ts';
import type { Backend, ObjectExposure } from '../src/core/model/exposure.ts';
import { findNamed } from '../src/core/model/named-documents.ts';
import { routeLabel } from '../src/core/model/route-label.ts';
import type { Condition, RepoView, Rule } from '../src/core/rule.ts';

const ing = (service: string, port = 80) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${service}, port: {number: ${port}}}}}]}\n`;
const svc = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  selector: {app: ${name}}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n`;
const both = (a: string, b: string) => `${a}---\n${b}`;

/** Backends that are Kubernetes Services by name (not a TraefikService, a resource, or a mesh host). */
function serviceBackend(object: ObjectExposure, backend: Backend | null): backend is Backend {
  if (!backend || backend.service === '' || backend.service.startsWith('resource:')) return false;
  // Istio destinations may be ServiceEntry or external hosts; Traefik `name@provider` are internal services.
  return object.ref.group !== 'networking.istio.io' && !backend.service.includes('@');
}

function portMatches(service: ManifestDocument, port: string): boolean {
  if (port === '') return true;
  return arr(obj(service.body.spec).ports).some((raw) => {
    const p = obj(raw);
    return str(p.port) === port || str(p.name) === port;
  });
}

function portsOf(service: ManifestDocument): string {
  const ports = arr(obj(service.body.spec).ports).map((raw) => {
    const p = obj(raw);
    return str(p.name) ? `${str(p.port)}/${str(p.name)}` : (str(p.port) ?? '?');
  });
  return ports.length > 0 ? ports.join(', ') : 'no ports';
}

const namespacesCache = new WeakMap<RepoView, Set<string | null>>();
/** Namespaces the repository defines Services in (null: Services without a namespace, placed at deploy time). */
function serviceNamespaces(view: RepoView): Set<string | null> {
  let set = namespacesCache.get(view);
  if (!set) {
    set = new Set(
      (view.documentsByKind.get('Service') ?? [])
        .filter((d) => d.apiVersion === 'v1')
        .map((d) => d.namespace),
    );
    namespacesCache.set(view, set);
  }
  return set;
}

export const rule: Rule = {
  meta: {
    id: 'dangling-backend',
    severity: 'medium',
    title: 'Backend Service not in the repository',
    rationale:
      'A route that points at a Service nobody defines (a typo, a renamed Service) answers 503 for its host and path once deployed. In GitOps the repository is the source of truth, so a backend missing from it is very likely missing from the cluster too.',
    fires:
      'A route or default backend names a Service (or a port of it) that no manifest in the repository at head defines — only when the repository defines Services at all, and Services in the backend\u2019s namespace (or without a namespace), so apps whose Services live in a Helm chart or another repository stay quiet.',
    quiet:
      'Backends that are Services defined anywhere in the repository with the named port; backends that are not Services (`resource` backends, TraefikService, Istio destinations); repositories without any Service manifest; namespaces for which the repository defines no Service.',
    fix: 'Fix the Service name or port, or add the Service manifest. If the Service lives in another repository, waive the finding for this object.',
    references: ['kube-linter dangling-ingress', 'kube-score ingress-targets-service'],
    peers: ['dangling-ingress', 'ingress-targets-service'],
    kinds: ['Ingress', 'HTTPRoute', 'GRPCRoute', 'IngressRoute', 'HTTPProxy', 'Service'],
    examples: {
      fires: [
        {
          name: 'the backend Service name has a typo',
          base: both(ing('web'), svc('web')),
          head: both(ing('wbe'), svc('web')),
        },
        { name: 'a port the Service does not expose (scan)', head: both(ing('web', 8080), svc('web')) },
      ],
      passes: [
        {
          name: 'the Service is defined with that port',
          base: both(ing('web'), svc('web')),
          head: both(ing('web'), svc('web')),
        },
        { name: 'the repository defines no Services at all', head: ing('web') },
      ],
    },
  },
  state(object, ctx) {
    const namespaces = serviceNamespaces(ctx.repo);
    if (namespaces.size === 0) return [];
    const found = new Map<string, Condition>();
    const check = (backend: Backend | null, where: string, host: string | null, path: string | null) => {
      if (!serviceBackend(object, backend)) return;
      const ns = backend.namespace ?? object.ref.namespace;
      // A namespace whose Services are all kept elsewhere (a chart, another repository) is not judged.
      if (ns !== null && !namespaces.has(ns) && !namespaces.has(null)) return;
      const label = `${ns ? `${ns}/` : ''}${backend.service}`;
      const service = findNamed(ctx.repo, 'Service', backend.service, ns, (d) => d.apiVersion === 'v1');
      const key = service ? `${label}:${backend.port}` : label;
      if (found.has(key) || (service && portMatches(service, backend.port))) return;
      found.set(key, {
        key,
        host,
        path,
        line: backend.line,
        message: service
          ? `${where} points at port ${backend.port} of Service ${label}, which only exposes ${portsOf(service)} (${service.file}:${service.line}): requests will fail with 503`
          : `${where} points at Service ${label}, which no manifest in the repository defines: once deployed, requests will fail with 503`,
      });
    };
    for (const route of object.routes)
      check(route.backend, routeLabel(route), route.host || null, route.path);
    if (object.defaultBackend) check(object.defaultBackend, 'the default backend', null, null);
    return [...found.values()];
  },
};
