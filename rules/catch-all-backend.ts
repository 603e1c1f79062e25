import { objectLabel } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const RULES = `  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;
const DEFAULT = `  defaultBackend:\n    service: {name: web, port: {number: 80}}\n`;
const ing = (opts: { defaultBackend: boolean; rules: boolean }) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: shop}\nspec:\n  ingressClassName: nginx\n${opts.defaultBackend ? DEFAULT : ''}${opts.rules ? RULES : ''}`;

export const rule: Rule = {
  meta: {
    id: 'catch-all-backend',
    severity: 'high',
    title: 'Default (catch-all) backend',
    rationale:
      "`spec.defaultBackend` receives every request that no rule matches. On ingress-nginx an Ingress that has a default backend and no rules reconfigures the controller-wide catch-all server `_`: every host name pointed at the load balancer that nobody else claims — including other teams' typos and stale DNS records — lands on this service.",
    fires:
      '`spec.defaultBackend` (or v1beta1 `spec.backend`) is added; an Ingress with a default backend loses its last rule (critical: it now takes over the controller-wide catch-all).',
    quiet: 'An Ingress that only has rules; a default backend that was already there (shown as preexisting).',
    fix: 'Route concrete hosts with `spec.rules` instead. If a catch-all is intended, let the platform team own it (ingress-nginx `--default-backend-service`) and run the controller with `--disable-catch-all`.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#default-backend',
      'https://kubernetes.github.io/ingress-nginx/user-guide/cli-arguments/ (--disable-catch-all)',
      'Kyverno restrict-ingress-defaultbackend',
    ],
    peers: ['restrict-ingress-defaultbackend'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'a default backend is added next to the rules',
          base: ing({ defaultBackend: false, rules: true }),
          head: ing({ defaultBackend: true, rules: true }),
        },
        {
          name: 'an Ingress with only a default backend (controller-wide catch-all)',
          head: ing({ defaultBackend: true, rules: false }),
        },
      ],
      passes: [
        {
          name: 'rules only',
          base: ing({ defaultBackend: false, rules: true }),
          head: ing({ defaultBackend: false, rules: true }),
        },
        {
          name: 'a default backend that was already there',
          base: ing({ defaultBackend: true, rules: true }),
          head: ing({ defaultBackend: true, rules: true }),
        },
      ],
    },
  },
  state(object) {
    const backend = object.defaultBackend;
    if (!backend) return [];
    const target = `${backend.service}${backend.port ? `:${backend.port}` : ''}`;
    return [
      {
        key: 'default-backend',
        line: backend.line,
        // Controller-wide is the worse of the two: the engine reports the change from one to the other as worsened.
        magnitude: backend.controllerWide ? 2 : 1,
        ...(backend.controllerWide ? { severity: 'critical' as const } : {}),
        message: backend.controllerWide
          ? `${objectLabel(object)} has a default backend and no rules: it becomes the controller-wide catch-all, so every unclaimed host name on this load balancer is sent to ${target}`
          : `${objectLabel(object)} sends every request its rules do not match to ${target} (spec.defaultBackend)`,
      },
    ];
  },
};
