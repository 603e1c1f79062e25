import nginxRisk from '../../src/core/controllers/data/ingress-nginx-annotation-risk.json' with { type: 'json' };
import { auditInput } from './run-pipeline.ts';
const N = Number(process.argv[2] ?? 20000);
const keys = [...nginxRisk.annotations.map((a) => a.annotation), 'alb.ingress.kubernetes.io/inbound-cidrs','alb.ingress.kubernetes.io/actions.redirect','alb.ingress.kubernetes.io/listen-ports','alb.ingress.kubernetes.io/load-balancer-attributes','traefik.ingress.kubernetes.io/router.middlewares','traefik.ingress.kubernetes.io/router.entrypoints','konghq.com/plugins','haproxy.org/allow-list','haproxy-ingress.github.io/allowlist-source-range','appgw.ingress.kubernetes.io/waf-policy-for-path','nginx.org/rewrites','nginx.org/policies','nginx.org/server-snippets','nginx.org/ssl-services','cert-manager.io/cluster-issuer','kubernetes.io/ingress.class','ingress-audit.io/waive', 'ingress.gcp.kubernetes.io/pre-shared-cert','networking.gke.io/managed-certificates'];
const patterns: Record<string, string> = { word: 'a'.repeat(N), digits: '1'.repeat(N), url: 'http://' + 'a'.repeat(N), under: '_'.repeat(N), lua: 'lua'.repeat(N/3), by: '_by'.repeat(N/3), space: 'a' + ' '.repeat(N) + 'a', words: 'ab '.repeat(N / 3), dots: '1.'.repeat(N / 2), alias: 'alias '.repeat(N/6),semi: 'x;'.repeat(N/2), eq: 'a='.repeat(N / 2), slash: '/'.repeat(N) };
for (const [name, value] of Object.entries(patterns)) {
  for (const k of keys) {
    const head = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  namespace: web\n  annotations:\n    ${k}: ${JSON.stringify(value)}\nspec:\n  ingressClassName: nginx\n  tls: [{hosts: [shop.example.com]}]\n  rules:\n  - host: shop.example.com\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;
    const t = performance.now();
    auditInput({ base: [], head: [{ path: 'i.yaml', content: head }] });
    const ms = performance.now() - t;
    if (ms > 150) console.log(name, k, Math.round(ms), 'ms');
  }
}
console.log('done');
