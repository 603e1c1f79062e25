/** Builds ingress-nginx Ingress YAML for rule tests, and finds the line a field landed on. */

export interface IngressShape {
  name?: string;
  namespace?: string;
  /** Keys without a `/` get the ingress-nginx prefix; values are written as given (quote them yourself). */
  annotations?: Record<string, string>;
  /** Hosts listed in a single `tls` entry; omitted = no tls section. */
  tls?: string[];
  rules?: { host?: string; paths?: { path: string; service?: string; pathType?: string }[] }[];
  defaultBackend?: string;
}

export function ingress(shape: IngressShape = {}): string {
  const out = [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    `  name: ${shape.name ?? 'web'}`,
    `  namespace: ${shape.namespace ?? 'shop'}`,
  ];
  const annotations = Object.entries(shape.annotations ?? {});
  if (annotations.length > 0) {
    out.push('  annotations:');
    for (const [k, v] of annotations)
      out.push(`    ${k.includes('/') ? k : `nginx.ingress.kubernetes.io/${k}`}: ${v}`);
  }
  out.push('spec:', '  ingressClassName: nginx');
  if (shape.defaultBackend)
    out.push('  defaultBackend:', `    service: {name: ${shape.defaultBackend}, port: {number: 80}}`);
  if (shape.tls)
    out.push(
      '  tls:',
      `    - hosts: [${shape.tls.map((h) => `"${h}"`).join(', ')}]`,
      '      secretName: web-tls',
    );
  const rules = shape.rules ?? [{ host: 'shop.example.com' }];
  if (rules.length > 0) {
    out.push('  rules:');
    for (const r of rules) {
      out.push(r.host === undefined ? '    - http:' : `    - host: "${r.host}"`);
      if (r.host !== undefined) out.push('      http:');
      out.push('        paths:');
      for (const p of r.paths ?? [{ path: '/' }])
        out.push(
          `          - path: ${p.path}`,
          `            pathType: ${p.pathType ?? 'Prefix'}`,
          `            backend: {service: {name: ${p.service ?? 'web'}, port: {number: 80}}}`,
        );
    }
  }
  return `${out.join('\n')}\n`;
}

/** 1-based line of the first line containing `text` (after `from`, when given); throws when absent. */
export function lineOf(yaml: string, text: string, from = 0): number {
  const i = yaml.split('\n').findIndex((l, n) => n >= from && l.includes(text));
  if (i === -1) throw new Error(`"${text}" not in YAML`);
  return i + 1;
}
