import { auditInput } from './run-pipeline.ts';

const ing = (name: string, extra: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  ingressClassName: nginx\n${extra}  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}}]\n`;
const secure = {
  path: 'a.yaml',
  content: ing('storefront', '  tls: [{hosts: [shop.example.com], secretName: shop-tls}]\n'),
};
const plain = { path: 'b.yaml', content: ing('web', '') };
const head = [
  { path: 'c.yaml', content: ing('shop', '') },
  { path: 'a.yaml', content: '' },
  { path: 'b.yaml', content: '' },
];
for (const base of [
  [secure, plain],
  [plain, secure],
]) {
  const r = auditInput({ base, head });
  console.log(
    r.findings.filter((f) => f.status === 'introduced').map((f) => `${f.ruleId} ${f.file}:${f.line}`),
  );
}
