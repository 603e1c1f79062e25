import { changesPerHost } from '../src/core/conditions/changes-per-host.ts';
import type { Protections } from '../src/core/model/exposure.ts';
import type { Rule } from '../src/core/rule.ts';

const ing = (annotations: Record<string, string>) => {
  const lines = Object.entries(annotations).map(([k, v]) => `    nginx.ingress.kubernetes.io/${k}: ${v}\n`);
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: shop\n${lines.length > 0 ? `  annotations:\n${lines.join('')}` : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}\n`;
};
const CRS = { 'enable-modsecurity': '"true"', 'enable-owasp-core-rules': '"true"' };

type Waf = Protections['waf']['value'];
const DESCRIBE: Record<Waf, string> = {
  on: 'blocking',
  detect: 'detection-only',
  off: 'turned off',
  unknown: 'no longer configured',
};

export const rule: Rule = {
  meta: {
    id: 'waf-disabled',
    severity: 'high',
    title: 'WAF disabled',
    rationale:
      'A web application firewall in front of a route blocks known attack patterns (OWASP CRS: injection, path traversal, scanners). Turning it off, removing its rule set or switching it to detection-only exposes the backend to requests it was never hardened against — usually the reason the WAF was put there.',
    fires:
      'A route that had a WAF at base has none, or a weaker one, at head: ingress-nginx `enable-modsecurity` turned off or removed, OWASP CRS removed (blocking → detection-only); ALB `wafv2-acl-arn` removed or `none`; AGIC WAF policy removed.',
    quiet: 'A WAF kept or strengthened; a route that never had one.',
    fix: 'Restore the WAF annotation(s). If a rule blocks legitimate traffic, exclude that one rule (ModSecurity `SecRuleRemoveById`, a WAF rule exclusion) rather than the whole WAF.',
    references: [
      'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#modsecurity',
      'https://kubernetes-sigs.github.io/aws-load-balancer-controller/latest/guide/ingress/annotations/#wafv2-acl-arn',
    ],
    kinds: ['Ingress'],
    examples: {
      fires: [
        { name: 'ModSecurity with the OWASP CRS removed', base: ing(CRS), head: ing({}) },
        {
          name: 'ModSecurity turned off',
          base: ing(CRS),
          head: ing({ ...CRS, 'enable-modsecurity': '"false"' }),
        },
      ],
      passes: [
        {
          name: 'annotations reordered and requoted',
          base: ing(CRS),
          head: ing({ 'enable-owasp-core-rules': 'true', 'enable-modsecurity': 'true' }),
        },
        { name: 'a route that never had a WAF', base: ing({}), head: ing({}) },
      ],
    },
  },
  change(pair) {
    return changesPerHost(pair, (basisRoute, headRoute, r) => {
      const before = basisRoute.protections.waf;
      const after = headRoute.protections.waf;
      const weaker =
        (before.value === 'on' && after.value !== 'on') ||
        (before.value === 'detect' && (after.value === 'off' || after.value === 'unknown'));
      if (!weaker) return [];
      return [
        {
          key: r.host,
          host: r.host || null,
          line: after.line,
          // Detection-only still logs attacks; the WAF existed and got weaker.
          ...(after.value === 'detect' ? { status: 'worsened' as const } : {}),
          message: `the WAF in front of ${r.host || 'every host'} is ${DESCRIBE[after.value]} (was ${DESCRIBE[before.value]}, ${before.source ?? 'WAF'})`,
        },
      ];
    });
  },
};
