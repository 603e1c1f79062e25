import type { Rule } from '../src/core/rule.ts';

const ing = (snippet: string | null) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${snippet ? `  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      ${snippet}\n` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

export const rule: Rule = {
  meta: {
    id: 'snippet-annotation',
    severity: 'critical',
    title: 'Raw proxy configuration snippet',
    rationale:
      'Snippet annotations paste raw configuration into the shared proxy. They were the vector of CVE-2021-25742 and CVE-2023-5043 (reading every Secret the controller can see, code execution) and ingress-nginx rates them Critical; one tenant can change routing for all.',
    fires:
      'Any `*-snippet` annotation added or changed (ingress-nginx, F5 `nginx.org/*-snippets`, HAProxy `backend-config-snippet`).',
    quiet: 'A snippet that is unchanged (shown as preexisting).',
    fix: 'Use a dedicated annotation or a controller-level setting instead; if the snippet is unavoidable, have the platform team review and waive it.',
    references: [
      'CVE-2021-25742',
      'CVE-2023-5043',
      'CKV_K8S_153',
      'Kyverno disallow-ingress-nginx-custom-snippets',
    ],
    peers: ['disallow-ingress-nginx-custom-snippets'],
    examples: {
      fires: [
        {
          name: 'a configuration snippet is added',
          base: ing(null),
          head: ing('more_set_headers "X-Frame-Options: DENY";'),
        },
      ],
      passes: [{ name: 'no snippet', base: ing(null), head: ing(null) }],
    },
  },
  state(object) {
    return object.signals.snippets.map((s) => ({
      // The value is part of the key: a changed snippet is a new snippet to review.
      key: `${s.key}=${s.value}`,
      line: s.line,
      message: `${s.key} injects raw proxy configuration`,
    }));
  },
};
