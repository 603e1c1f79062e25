import type { ObjectExposure } from '../src/core/model/exposure.ts';
import { objectLabel } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (classField: string | null, classAnnotation: string | null = null) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n${classAnnotation ? `  annotations:\n    kubernetes.io/ingress.class: ${classAnnotation}\n` : ''}spec:\n${classField ? `  ingressClassName: ${classField}\n` : ''}  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;

type IngressClass = ObjectExposure['ingressClass'];

const explicit = (c: IngressClass) => c.source === 'field' || c.source === 'annotation';

function describeClass(c: IngressClass): string {
  if (c.name === null) return 'no class';
  if (c.source === 'default') return `the cluster default class "${c.name}"`;
  return `class "${c.name}"`;
}

export const rule: Rule = {
  meta: {
    id: 'class-changed',
    severity: 'medium',
    title: 'Ingress class changed or removed',
    rationale:
      'The class decides which controller serves the object, and with it which load balancer (public or internal), which annotations are understood and which protections apply. Without a class the object goes to the cluster default — or, depending on the controllers, to none or to several that fight over it. When the class field and the deprecated annotation disagree, controllers disagree about which wins.',
    fires:
      '`ingressClassName` / `kubernetes.io/ingress.class` removed or changed to another class; field and annotation naming different classes (also in scan mode).',
    quiet:
      'Moving the class from the deprecated annotation to `spec.ingressClassName` with the same name; adding a class to an object that had none.',
    fix: 'Keep the class the object was reviewed for. If it must move to another controller, check that the protections it relied on (auth, allowlist, TLS redirect, WAF) are expressed for the new one; set only `spec.ingressClassName`.',
    references: [
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#ingress-class',
      'https://kubernetes.io/docs/concepts/services-networking/ingress/#default-ingress-class',
      'Kyverno restrict-ingress-classes',
    ],
    peers: ['restrict-ingress-classes'],
    kinds: ['Ingress'],
    examples: {
      fires: [
        { name: 'the class moves to another controller', base: ing('nginx'), head: ing('traefik') },
        { name: 'the class is removed', base: ing('nginx'), head: ing(null) },
        { name: 'field and annotation disagree', head: ing('nginx', 'nginx-internal') },
      ],
      passes: [
        {
          name: 'annotation migrated to the field, same class',
          base: ing(null, 'nginx'),
          head: ing('nginx'),
        },
        { name: 'a class added where there was none', base: ing(null), head: ing('nginx') },
      ],
    },
  },
  state(object) {
    const c = object.ingressClass;
    if (!c.conflict) return [];
    return [
      {
        key: 'conflict',
        line: c.line,
        message: `${c.conflict}: controllers disagree on which one wins, so ${objectLabel(object)} may be served by another controller than the one it was reviewed for`,
      },
    ];
  },
  change(pair) {
    if (!pair.base || !pair.head) return [];
    const before = pair.base.ingressClass;
    const now = pair.head.ingressClass;
    const label = objectLabel(pair.head);
    if (explicit(before) && !explicit(now))
      return [
        {
          key: `class|${before.name}|`,
          line: now.line,
          message: `${label} no longer names its class (was "${before.name}"): it is now served by ${now.name === null ? 'whichever controllers take Ingresses without a class — possibly none, possibly several' : describeClass(now)}`,
        },
      ];
    if (before.name !== null && now.name !== null && before.name !== now.name)
      return [
        {
          key: `class|${before.name}|${now.name}`,
          line: now.line,
          message: `${label} moved from ${describeClass(before)} to ${describeClass(now)}: another controller, load balancer and set of understood annotations`,
        },
      ];
    return [];
  },
};
