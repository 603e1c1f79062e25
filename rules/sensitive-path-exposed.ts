import { isAnyAddress, parseCidrList } from '../src/core/model/cidr.ts';
import type { Route } from '../src/core/model/exposure.ts';
import { routeKey, routeLabel } from '../src/core/model/route-label.ts';
import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>, paths: { path: string; service: string }[]) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${v}\n`);
  const rendered = paths
    .map(
      (p) =>
        `          - path: ${p.path}\n            pathType: Prefix\n            backend: {service: {name: ${p.service}, port: {number: 80}}}\n`,
    )
    .join('');
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: shop\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n${rendered}`;
};
const SHOP = { path: '/', service: 'shop' };
const AUTH = { 'auth-type': 'basic', 'auth-secret': 'shop/htpasswd' };

/** Backends that are admin consoles or expose internals, by Service name (matched as dash-separated words). */
export const DEFAULT_SENSITIVE_SERVICES = [
  'grafana',
  'prometheus',
  'alertmanager',
  'argocd-server',
  'kubernetes-dashboard',
  'vault',
  'kibana',
  'jaeger',
  'kiali',
  'opensearch-dashboards',
  'pgadmin',
  'phpmyadmin',
  'adminer',
  'portainer',
  'consul-ui',
  'longhorn-frontend',
];

/** `/admin` covers `/admin`, `/admin/`, `/admin/users` and regex forms like `/admin(/|$)(.*)`, not `/administrator`. */
function sensitivePrefix(path: string, prefixes: string[]): string | null {
  const p = path.toLowerCase();
  for (const raw of prefixes) {
    const prefix = raw.toLowerCase().replace(/(.)\/+$/, '$1');
    if (prefix === '/') return raw;
    if (p.startsWith(prefix) && !/[a-z0-9_-]/.test(p.charAt(prefix.length))) return raw;
  }
  return null;
}

/** `kube-prometheus-stack-grafana` matches `grafana`; `vaultwarden` does not match `vault`. */
function sensitiveService(service: string, names: string[]): string | null {
  const words = `-${service.toLowerCase()}-`;
  return names.find((n) => words.includes(`-${n.toLowerCase()}-`)) ?? null;
}

/** Open = nothing checks who the caller is or where they come from (passthrough bypasses both). */
function isOpen(route: Route): boolean {
  const p = route.protections;
  if (p.upstreamTls.value.passthrough) return true;
  if (p.auth.length > 0) return false;
  return p.sourceRanges.value === 'any' || isAnyAddress(parseCidrList(p.sourceRanges.value.join(',')).ranges);
}

const stringList = (v: unknown): string[] | null =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : null;

export const rule: Rule = {
  meta: {
    id: 'sensitive-path-exposed',
    severity: 'high',
    title: 'Sensitive path reachable without protection',
    rationale:
      'Admin pages, metrics, debug and actuator endpoints, `.env`/`.git` leftovers and dashboards (Grafana, Prometheus, Argo CD, the Kubernetes dashboard, Vault…) leak internals or hand out control. Routed through a public Ingress with neither authentication nor an IP allowlist, they are found by scanners within hours.',
    fires:
      'A path matching a sensitive prefix (config `sensitivePaths`, default `/admin`, `/metrics`, `/debug`, `/actuator`, `/.env`, `/.git`, `/internal`, `/swagger`, `/console`) or a backend Service named like a dashboard becomes reachable with no authentication and no IP allowlist — the path is added, or its protection removed.',
    quiet:
      'Sensitive paths behind authentication or an allowlist narrower than any address; objects whose class the config lists as internal; `/administrator` for `/admin` (prefixes match whole path segments).',
    fix: 'Put the path behind authentication (ingress-nginx `auth-url`/`auth-type`, ALB OIDC…) or an IP allowlist, serve it from an internal ingress class, or stop routing it. Adjust `sensitivePaths` (and `rules.sensitive-path-exposed.options.services`) in the config to your naming.',
    references: [
      'https://owasp.org/www-project-top-ten/2017/A6_2017-Security_Misconfiguration',
      'https://docs.spring.io/spring-boot/reference/actuator/endpoints.html#actuator.endpoints.security',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#authentication',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'an unprotected /admin path is added',
          base: ing({}, [SHOP]),
          head: ing({}, [SHOP, { path: '/admin', service: 'shop-admin' }]),
        },
        {
          name: 'authentication is removed from a Grafana route',
          base: ing(AUTH, [{ path: '/grafana', service: 'kube-prometheus-stack-grafana' }]),
          head: ing({}, [{ path: '/grafana', service: 'kube-prometheus-stack-grafana' }]),
        },
        {
          name: 'a configured sensitive prefix (scan)',
          head: ing({}, [{ path: '/ops', service: 'shop' }]),
          config: { sensitivePaths: ['/ops'] },
        },
      ],
      passes: [
        {
          name: '/admin behind basic auth',
          base: ing(AUTH, [SHOP]),
          head: ing(AUTH, [SHOP, { path: '/admin', service: 'shop-admin' }]),
        },
        {
          name: '/metrics behind an office allowlist',
          base: ing({ 'allowlist-source-range': '10.0.0.0/8' }, [SHOP]),
          head: ing({ 'allowlist-source-range': '10.0.0.0/8' }, [
            SHOP,
            { path: '/metrics', service: 'shop' },
          ]),
        },
        {
          name: 'a path that only starts with the same letters',
          base: ing({}, [SHOP]),
          head: ing({}, [SHOP, { path: '/administrators-guide', service: 'docs' }]),
        },
      ],
    },
  },
  state(object, ctx) {
    if (object.visibility.value === 'internal') return [];
    const services = stringList(ctx.options.services) ?? DEFAULT_SENSITIVE_SERVICES;
    // One condition per host+path: a path listed twice must not give two conditions with one key.
    const seen = new Set<string>();
    return object.routes.flatMap((route): Condition[] => {
      if (!isOpen(route) || seen.has(routeKey(route))) return [];
      const prefix = sensitivePrefix(route.path, ctx.config.sensitivePaths);
      const service = route.backend ? sensitiveService(route.backend.service, services) : null;
      if (!prefix && !service) return [];
      seen.add(routeKey(route));
      const why = prefix
        ? `${route.path} matches the sensitive path ${prefix}`
        : `its backend ${route.backend!.service} looks like ${service}`;
      const open = route.protections.upstreamTls.value.passthrough
        ? 'SSL passthrough bypasses any authentication or allowlist'
        : 'no authentication and no IP allowlist';
      return [
        {
          key: routeKey(route),
          host: route.host || null,
          path: route.path,
          line: prefix ? route.pathLine : route.backend!.line,
          message: `${routeLabel(route)} is open to anyone who can reach the load balancer (${open}); ${why}`,
        },
      ];
    });
  },
};
