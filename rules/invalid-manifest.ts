import type { Notice } from '../src/core/manifests/document.ts';
import { objectLabel } from '../src/core/model/route-label.ts';
import type { Rule } from '../src/core/rule.ts';

const VALID = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: web, port: {number: 80}}}\n`;
const BAD_YAML = VALID.replace('          - path: /\n', '          - path: /\n         bad: [\n');
const BAD_SCHEMA = VALID.replace('            pathType: Prefix\n', '            pathType: Sometimes\n');

/**
 * Problems are matched across base and head by their text without positions: an unrelated edit above
 * a broken line shifts its line number but leaves it the same problem.
 */
function withoutPosition(message: string): string {
  return message
    .replace(/\s*\(?\b(?:at )?line \d+(?:,? col(?:umn)? \d+)?\)?/gi, '')
    .replace(/:\d+:\d+\b/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export const rule: Rule = {
  meta: {
    id: 'invalid-manifest',
    severity: 'high',
    title: 'Manifest that cannot be applied',
    rationale:
      'A document that is not valid YAML, or that Kubernetes’ schema rejects, fails the deploy — often after other objects of the same sync were already applied — and nothing in it can be audited, so its risk stays unknown.',
    fires:
      'A changed file fails YAML parsing, or an Ingress-family document in it fails Kubernetes schema validation.',
    quiet: 'A file that was already broken at base and is still broken the same way (shown as preexisting).',
    fix: 'Fix the reported field or syntax; `kubectl apply --dry-run=server -f FILE` shows what the API server says.',
    references: [
      'https://kubernetes.io/docs/reference/kubernetes-api/service-resources/ingress-v1/',
      'https://yaml.org/spec/1.2.2/',
    ],
    kinds: ['Ingress', 'IngressClass', 'Gateway', 'HTTPRoute'],
    examples: {
      fires: [
        { name: 'the YAML no longer parses', base: VALID, head: BAD_YAML },
        { name: 'a pathType Kubernetes does not know', base: VALID, head: BAD_SCHEMA },
      ],
      passes: [{ name: 'a valid change', base: VALID, head: VALID.replace('path: /\n', 'path: /shop\n') }],
    },
  },
  state(object) {
    return object.doc.schemaErrors.map((e) => ({
      key: `schema|${withoutPosition(e.message)}`,
      line: e.line,
      message: `${objectLabel(object)} fails schema validation: ${e.message}; the API server would reject it`,
    }));
  },
  documents(ctx) {
    // Documents without an Exposure view (IngressClass) carry their schema problems themselves.
    const viewed = new Set(ctx.repo.objects.map((o) => o.doc));
    const unviewed = ctx.repo.documents
      .filter((doc) => !viewed.has(doc))
      .flatMap((doc) =>
        doc.schemaErrors.map((e) => ({
          key: `schema|${withoutPosition(e.message)}`,
          file: doc.file,
          line: e.line,
          object: { kind: doc.kind, namespace: doc.namespace, name: doc.name },
          message: `${doc.kind} ${doc.namespace ? `${doc.namespace}/` : ''}${doc.name} fails schema validation: ${e.message}; the API server would reject it`,
        })),
      );
    // One parse error cascades into several; one finding per file says it and keeps the statuses stable.
    const parseByFile = new Map<string, Notice[]>();
    for (const n of ctx.repo.notices) {
      if (n.kind !== 'parse') continue;
      const list = parseByFile.get(n.file);
      if (list) list.push(n);
      else parseByFile.set(n.file, [n]);
    }
    // Keys leave the file out: the engine already knows these findings by file, and a moved file must
    // keep its key to be recognised as the same finding.
    const parse = [...parseByFile].map(([file, [first, ...rest]]) => ({
      key: 'parse',
      file,
      line: first.line,
      object: null,
      message: `${file} cannot be read as YAML (${first.message}${rest.length > 0 ? `, and ${rest.length} more error${rest.length > 1 ? 's' : ''}` : ''}); nothing in the broken document can be applied or audited`,
    }));
    const schema = ctx.repo.notices
      .filter((n) => n.kind === 'schema')
      .map((n) => ({
        key: `schema|${withoutPosition(n.message)}`,
        file: n.file,
        line: n.line,
        object: null,
        message: `${n.file} has a document Kubernetes would reject: ${n.message}`,
      }));
    return [...unviewed, ...parse, ...schema];
  },
};
