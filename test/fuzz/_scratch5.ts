import { auditInput } from './run-pipeline.ts';
const cases: [string, (n: number) => string][] = [
  ['nginx.ingress.kubernetes.io/auth-keepalive-timeout', (n) => '_'.repeat(n)],
  ['ingress-audit.io/waive', (n) => 'x;'.repeat(n / 2)],
  ['nginx.ingress.kubernetes.io/configuration-snippet', (n) => 'http://' + 'a'.repeat(n)],
  ['nginx.ingress.kubernetes.io/proxy-max-temp-file-size', (n) => '_'.repeat(n)],
];
for (const [k, f] of cases) for (const n of [100_000, 400_000]) {
  const head = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: x\n  namespace: web\n  annotations:\n    ${k}: ${JSON.stringify(f(n))}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: shop.example.com\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}\n`;
  const t = performance.now();
  auditInput({ base: [], head: [{ path: 'i.yaml', content: head }] });
  console.log(k, n, Math.round(performance.now() - t), 'ms');
}
