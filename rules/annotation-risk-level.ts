import { objectLabel } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}\n`);
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;
};

const SNIPPET = 'nginx.ingress.kubernetes.io/configuration-snippet';
const AUTH_URL = 'nginx.ingress.kubernetes.io/auth-url';
const LIMIT_RPS = 'nginx.ingress.kubernetes.io/limit-rps';

/** ingress-nginx `annotations-risk-level` order: a controller accepts annotations up to its level. */
const LEVELS = ['Low', 'Medium', 'High', 'Critical'] as const;

export const rule: Rule = {
  meta: {
    id: 'annotation-risk-level',
    severity: 'high',
    title: 'Annotation above the controller’s risk level',
    rationale:
      'ingress-nginx rates every annotation Low, Medium, High or Critical and, from v1.12, refuses annotations above its `annotations-risk-level` (default `High`, so the Critical snippet annotations). It does not drop just the annotation: the whole Ingress is refused, so every host on it stops being updated or served.',
    fires:
      'An ingress-nginx annotation whose official risk level is above the configured `maxAnnotationRisk` is added. With the default `High` only the Critical ones (`*-snippet`) fire; teams running a stricter level set `maxAnnotationRisk` in config.',
    quiet: 'Annotations at or below the configured level; annotations of other controllers.',
    fix: 'Drop the annotation or replace it with a lower-risk one. If your controllers really run with a higher `annotations-risk-level`, set `maxAnnotationRisk` to that level in the base branch’s config.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations-risk/',
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/configmap/#annotations-risk-level',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        {
          name: 'a Critical snippet annotation under the default level (High)',
          base: ing({}),
          head: ing({ [SNIPPET]: 'more_set_headers "X-Frame-Options: DENY";' }),
        },
        {
          name: 'a High annotation when the controllers run at Medium',
          base: ing({}),
          head: ing({ [AUTH_URL]: 'https://auth.example.com/verify' }),
          config: { maxAnnotationRisk: 'Medium' },
        },
      ],
      passes: [
        {
          name: 'a High annotation under the default level',
          base: ing({}),
          head: ing({ [AUTH_URL]: 'https://auth.example.com/verify' }),
        },
        {
          name: 'a Low annotation when the controllers run at Low',
          base: ing({}),
          head: ing({ [LIMIT_RPS]: '10' }),
          config: { maxAnnotationRisk: 'Low' },
        },
      ],
    },
  },
  state(object, ctx) {
    const max = ctx.config.maxAnnotationRisk;
    return object.signals.riskRated
      .filter((s) => LEVELS.indexOf(s.risk) > LEVELS.indexOf(max))
      .map((s) => ({
        key: s.key,
        line: s.line,
        message: `annotation ${s.key} is rated ${s.risk} risk by ingress-nginx; a controller run at annotations-risk-level ${max} (maxAnnotationRisk) refuses the whole ${objectLabel(object)}, so none of its hosts is served`,
      }));
  },
};
