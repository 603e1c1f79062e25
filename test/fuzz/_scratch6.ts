import { auditInput } from './run-pipeline.ts';
const y = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\n  annotations:\n    ingress-audit.io/waive: "tls-missing: cdn; tls-missing: cdn"\nspec:\n  rules: []\n`;
const files = [{ path: 'i.yaml', content: y }];
for (const f of auditInput({ base: files, head: files }).findings) console.log(f.ruleId, f.status, f.line, f.message);
