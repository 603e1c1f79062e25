import type { Condition, Rule } from '../src/core/rule.ts';

const ing = (accessLog: string | null) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${accessLog === null ? '' : `  annotations:\n    nginx.ingress.kubernetes.io/enable-access-log: ${accessLog}\n`}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

export const rule: Rule = {
  meta: {
    id: 'access-log-disabled',
    severity: 'medium',
    title: 'Access logging turned off',
    rationale:
      'The edge access log is often the only record of who called what, from where. With it off, an incident on this route (credential stuffing, data exfiltration, an exploited endpoint) leaves no trail to investigate, and detections built on the log go blind.',
    fires:
      'Request logging at the edge is off: ingress-nginx `enable-access-log: "false"`, ALB `load-balancer-attributes` with `access_logs.s3.enabled=false`, GKE BackendConfig `logging.enable: false`.',
    quiet: 'Logging left at the controller default; logging turned back on.',
    fix: 'Remove the annotation (or set it to "true"). To cut noise, filter or sample logs in the log pipeline rather than at the edge.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#enable-access-log',
      'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#load-balancer-attributes',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        { name: 'access log turned off', base: ing(null), head: ing('"false"') },
        { name: 'access log off (scan)', head: ing('"false"') },
      ],
      passes: [
        { name: 'access log explicitly on', base: ing(null), head: ing('"true"') },
        { name: 'no annotation', base: ing(null), head: ing(null) },
      ],
    },
  },
  state(object) {
    // Settings are per route in the model; one finding per host (the first route that has it).
    const conditions = object.routes.flatMap((route): Condition[] => {
      const log = route.protections.accessLog;
      if (log.value !== false) return [];
      return [
        {
          key: route.host,
          host: route.host || null,
          line: log.line,
          message: `requests to ${route.host || 'every host'} are not written to the access log (${log.source ?? 'access log off'}): there is no audit trail for this entry point`,
        },
      ];
    });
    return conditions.filter((c, i) => conditions.findIndex((o) => o.key === c.key) === i);
  },
};
