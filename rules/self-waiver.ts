import { objectLabel } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (waiver: string | null) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${waiver ? `  annotations:\n    ingress-audit.io/waive: ${JSON.stringify(waiver)}\n` : ''}spec:\n  ingressClassName: nginx\n  tls:\n    - hosts: [shop.example.com]\n      secretName: web-tls\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

export const rule: Rule = {
  meta: {
    id: 'self-waiver',
    severity: 'medium',
    title: 'The change waives its own findings',
    rationale:
      'An inline waiver (`ingress-audit.io/waive`) silences a rule for the object it sits on. Added in the same pull request as the risky change, it lets the author approve their own exception; a reviewer should agree with it explicitly.',
    fires: 'The pull request adds an inline waiver annotation, or changes the rule or reason of one.',
    quiet: 'Inline waivers that were already on the object at base (shown as preexisting).',
    fix: 'Have a reviewer confirm the waiver (or use `/audit waive`, which records who accepted it), or remove it and fix the finding.',
    references: [
      'https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches#require-pull-request-reviews-before-merging',
    ],
    kinds: ['Ingress', 'HTTPRoute', 'Gateway'],
    examples: {
      fires: [
        {
          name: 'an inline waiver is added',
          base: ing(null),
          head: ing('wildcard-host: marketing wants every subdomain'),
        },
      ],
      passes: [
        {
          name: 'a waiver already on the object',
          base: ing('wildcard-host: marketing wants every subdomain'),
          head: ing('wildcard-host: marketing wants every subdomain'),
        },
      ],
    },
  },
  state(object) {
    // One condition per distinct entry: the engine matches base and head conditions by key.
    const distinct = new Map(object.signals.waivers.map((w) => [`${w.rule}|${w.reason}`, w]));
    return [...distinct.values()].map((w) => ({
      key: `${w.rule}|${w.reason}`,
      line: w.line,
      message: `${objectLabel(object)} waives ${w.rule} inline (${w.reason ? `reason: ${JSON.stringify(w.reason)}` : 'no reason given'}); a waiver added in the same change as what it waives needs a reviewer’s agreement`,
    }));
  },
};
