/**
 * Ingress manifests for tests, as the text a person commits: block style in a fixed layout (only the
 * backend's form can be chosen), so that a test may assert the line a field is on. Top to bottom:
 *
 *   apiVersion: networking.k8s.io/v1          line 1
 *   kind: Ingress                             line 2
 *   metadata:                                 line 3
 *     name: <name>                            line 4
 *     namespace: <namespace>                  (when given)
 *     annotations:                            (when any, one line each, in the order given)
 *   spec:
 *     ingressClassName: <className>           (unless null)
 *     tls:                                    (when asked for: one entry, secret `<name>-tls`)
 *       - hosts: [<host>, …]
 *         secretName: <name>-tls
 *     rules:                                  (one `- host:` with its paths per rule)
 *
 * Scalars are written plain when YAML reads them back as the same string and they hold only letters,
 * digits and `._/-`; anything else (`*.example.com`, `"10"`, `"true"`, text with `: `) is double-quoted.
 */
import { parse } from 'yaml';

/**
 * How a path's backend is written:
 * - `block`: `backend:` / `service:` / `name:` / `port:` / `number:`, five lines;
 * - `service-flow`: `backend:` then `service: { name: …, port: { number: … } }`, two lines;
 * - `flow`: `backend: { service: { name: …, port: { number: … } } }`, one line.
 */
export type BackendLayout = 'block' | 'service-flow' | 'flow';

export interface IngressPathSpec {
  /** Default `/`. */
  path?: string;
  /** Default `Prefix`. */
  pathType?: string;
  /** Default: the Ingress's `service`. */
  service?: string;
  /** A number is `port.number`, a string `port.name`. Default: the Ingress's `port`. */
  port?: number | string;
}

export interface IngressRuleSpec {
  host: string;
  /** Default: one path, `/` (Prefix), to the Ingress's `service` and `port`. */
  paths?: readonly IngressPathSpec[];
}

export interface IngressYamlOptions {
  name: string;
  /** Left out by default. */
  namespace?: string;
  /** Left out by default, and when empty. */
  annotations?: Readonly<Record<string, string>>;
  /** Default `nginx`; null leaves `ingressClassName` out. */
  className?: string | null;
  /**
   * Left out by default (and when false). true: one entry for every rule's host; a list: one entry for
   * those hosts, `tls: []` when the list is empty.
   */
  tls?: boolean | readonly string[];
  /** One rule for this host; `rules` instead for several (one of the two is required). */
  host?: string;
  rules?: readonly IngressRuleSpec[];
  /** The backend Service of paths that name none. Default: the Ingress's name. */
  service?: string;
  /** The backend port of paths that give none. Default 80. */
  port?: number | string;
  /** Default `block`. */
  backend?: BackendLayout;
  /** Double-quote every host (in `tls` and `rules`), as templated manifests often do. Default false. */
  quoteHosts?: boolean;
}

const PLAIN = /^[A-Za-z0-9/][A-Za-z0-9._/-]*$/;

function scalar(value: string, quote = false): string {
  return !quote && PLAIN.test(value) && parse(value) === value ? value : JSON.stringify(value);
}

function backendLines(service: string, port: number | string, layout: BackendLayout): string[] {
  const portKey = typeof port === 'number' ? `number: ${port}` : `name: ${scalar(port)}`;
  const flowService = `{ name: ${scalar(service)}, port: { ${portKey} } }`;
  if (layout === 'flow') return [`backend: { service: ${flowService} }`];
  if (layout === 'service-flow') return ['backend:', `  service: ${flowService}`];
  return ['backend:', '  service:', `    name: ${scalar(service)}`, '    port:', `      ${portKey}`];
}

/** A `networking.k8s.io/v1` Ingress as YAML text, ending in a newline; see the file comment for the layout. */
export function ingressYaml(options: IngressYamlOptions): string {
  const { name, annotations = {}, className = 'nginx', backend = 'block', quoteHosts = false } = options;
  const rules = options.rules ?? (options.host === undefined ? [] : [{ host: options.host }]);
  if (rules.length === 0) throw new Error('ingressYaml: give `host` or `rules`');
  const host = (h: string) => scalar(h, quoteHosts);

  const lines = ['apiVersion: networking.k8s.io/v1', 'kind: Ingress', 'metadata:', `  name: ${scalar(name)}`];
  if (options.namespace !== undefined) lines.push(`  namespace: ${scalar(options.namespace)}`);
  const notes = Object.entries(annotations);
  if (notes.length > 0) {
    lines.push('  annotations:');
    for (const [key, value] of notes) lines.push(`    ${key}: ${scalar(value)}`);
  }
  lines.push('spec:');
  if (className !== null) lines.push(`  ingressClassName: ${scalar(className)}`);
  const tlsHosts = options.tls === true ? rules.map((r) => r.host) : options.tls || null;
  if (tlsHosts?.length === 0) lines.push('  tls: []');
  else if (tlsHosts)
    lines.push(
      '  tls:',
      `    - hosts: [${tlsHosts.map(host).join(', ')}]`,
      `      secretName: ${scalar(`${name}-tls`)}`,
    );
  lines.push('  rules:');
  for (const rule of rules) {
    lines.push(`    - host: ${host(rule.host)}`, '      http:', '        paths:');
    for (const p of rule.paths ?? [{}]) {
      lines.push(
        `          - path: ${scalar(p.path ?? '/')}`,
        `            pathType: ${scalar(p.pathType ?? 'Prefix')}`,
      );
      const service = p.service ?? options.service ?? name;
      const port = p.port ?? options.port ?? 80;
      lines.push(...backendLines(service, port, backend).map((l) => `            ${l}`));
    }
  }
  return `${lines.join('\n')}\n`;
}
