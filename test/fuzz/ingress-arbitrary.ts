/**
 * fast-check arbitraries for Ingress manifests that a real repository could hold: annotation keys from
 * the real ingress-nginx list and the other controllers' prefixes, hosts (wildcards, unicode, empty),
 * paths, pathTypes, CIDRs (valid and junk) and TLS entries. Values are sometimes wrong on purpose.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import nginxRisk from '../../src/core/controllers/data/ingress-nginx-annotation-risk.json' with {
  type: 'json',
};

const NGINX_KEYS = nginxRisk.annotations.map((a) => a.annotation);

/** Keys the other controller profiles read (src/core/controllers/*), by prefix + name. */
const OTHER_KEYS = [
  ...[
    'scheme',
    'inbound-cidrs',
    'listen-ports',
    'certificate-arn',
    'ssl-redirect',
    'wafv2-acl-arn',
    'waf-acl-id',
  ]
    .concat(['security-groups', 'group.name', 'auth-type', 'actions.redirect', 'load-balancer-attributes'])
    .map((k) => `alb.ingress.kubernetes.io/${k}`),
  ...[
    'router.entrypoints',
    'router.middlewares',
    'router.tls',
    'router.pathmatcher',
    'router.tls.certresolver',
  ].map((k) => `traefik.ingress.kubernetes.io/${k}`),
  ...['plugins', 'protocols', 'strip-path', 'https-redirect-status-code'].map((k) => `konghq.com/${k}`),
  ...['ssl-redirect', 'allow-list', 'auth-type', 'auth-secret', 'whitelist', 'backend-config-snippet'].map(
    (k) => `haproxy.org/${k}`,
  ),
  ...['ssl-redirect', 'allowlist-source-range', 'auth-url', 'oauth', 'waf', 'config-backend'].map(
    (k) => `haproxy-ingress.github.io/${k}`,
  ),
  ...[
    'ssl-redirect',
    'waf-policy-for-path',
    'backend-protocol',
    'backend-path-prefix',
    'appgw-ssl-certificate',
  ].map((k) => `appgw.ingress.kubernetes.io/${k}`),
  ...['upstream-protocol.tls', 'tls-minimum-protocol-version', 'websocket-routes', 'ingress.class'].map(
    (k) => `projectcontour.io/${k}`,
  ),
  ...[
    'redirect-to-https',
    'ssl-redirect',
    'basic-auth-secret',
    'policies',
    'rewrites',
    'server-snippets',
  ].map((k) => `nginx.org/${k}`),
  'nginx.com/jwt-key',
  'appprotect.f5.com/app-protect-enable',
  'ingress.gcp.kubernetes.io/pre-shared-cert',
  'ingress.gcp.kubernetes.io/path-prefix-rewrite',
  'networking.gke.io/managed-certificates',
  'kubernetes.io/ingress.allow-http',
  'kubernetes.io/ingress.class',
  'kubernetes.io/ingress.global-static-ip-name',
  'cloud.google.com/backend-config',
  'cert-manager.io/cluster-issuer',
  'cert-manager.io/issuer',
  'ingress.kubernetes.io/ssl-redirect',
  'ingress-audit.io/waive',
];

export const annotationKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...NGINX_KEYS) },
  { weight: 3, arbitrary: fc.constantFrom(...OTHER_KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);

export const host: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.domain() },
  { weight: 3, arbitrary: fc.domain().map((d) => `*.${d}`) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('', '*', 'shop.example.com', 'SHOP.Example.COM', 'shop.example.com.'),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('bücher.example', 'xn--bcher-kva.example', '10.0.0.1', '[::1]', 'a b'),
  },
);

export const path: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('/', '/admin', '/metrics', '/api', '/.well-known/acme', '') },
  { weight: 3, arbitrary: fc.array(label, { minLength: 1, maxLength: 4 }).map((s) => `/${s.join('/')}`) },
  { weight: 1, arbitrary: fc.constantFrom('/api(/|$)(.*)', '/.*', '/var/run/secrets', '/x;}', '*', '/a b') },
  { weight: 1, arbitrary: fc.string({ maxLength: 20 }) },
);

export const pathType: fc.Arbitrary<string | undefined> = fc.constantFrom(
  'Prefix',
  'Exact',
  'ImplementationSpecific',
  undefined,
  'prefix',
  'Regex',
);

const ipv4Cidr = fc.tuple(fc.ipV4(), fc.integer({ min: 0, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`);
const ipv6Cidr = fc.tuple(fc.ipV6(), fc.integer({ min: 0, max: 128 })).map(([ip, bits]) => `${ip}/${bits}`);

export const cidr: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: ipv4Cidr },
  { weight: 2, arbitrary: ipv6Cidr },
  { weight: 2, arbitrary: fc.constantFrom('0.0.0.0/0', '::/0', '10.0.0.0/8', '192.168.1.1', '1.2.3.4/33') },
  { weight: 1, arbitrary: fc.constantFrom('300.1.1.1/8', '10.0.0.0/-1', 'not-a-cidr', '10.0.0.0/8/8', '') },
  { weight: 1, arbitrary: fc.string({ maxLength: 15 }) },
);

export const cidrList: fc.Arbitrary<string> = fc
  .tuple(fc.array(cidr, { minLength: 1, maxLength: 4 }), fc.constantFrom(',', ', ', ' , ', ' '))
  .map(([cidrs, sep]) => cidrs.join(sep));

const annotationValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('true', 'false', 'True', 'on', 'off', '0', '1', '') },
  { weight: 2, arbitrary: cidrList },
  { weight: 1, arbitrary: fc.webUrl() },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'https://user:pass@auth.example.com/check',
      'HTTPS',
      'GRPC',
      'letsencrypt-prod',
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('more_set_headers "X: y";', 'location / { return 200; }', '}\nserver {'),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

export const annotations: fc.Arbitrary<Record<string, string>> = fc
  .array(fc.tuple(annotationKey, annotationValue), { maxLength: 8 })
  .map((entries) => Object.fromEntries(entries));

const serviceName = fc.oneof(label, fc.constant('svc'));
const backend = fc.record({
  service: fc.record({
    name: serviceName,
    port: fc.oneof(fc.record({ number: fc.integer({ min: 0, max: 70_000 }) }), fc.record({ name: label })),
  }),
});

const httpPath = fc.record({ path, pathType, backend }, { requiredKeys: ['backend'] }) as fc.Arbitrary<
  Record<string, unknown>
>;

const rule = fc.record(
  { host, http: fc.record({ paths: fc.array(httpPath, { minLength: 1, maxLength: 3 }) }) },
  { requiredKeys: [] },
);

export interface IngressSpec {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec: Record<string, unknown>;
}

export const ingress: fc.Arbitrary<IngressSpec> = fc
  .record({
    apiVersion: fc.constantFrom('networking.k8s.io/v1', 'networking.k8s.io/v1', 'extensions/v1beta1'),
    name: fc.oneof(label, fc.constant('shop')),
    namespace: fc.option(fc.constantFrom('web', 'default', 'kube-system', 'team-a'), { nil: undefined }),
    annotations,
    className: fc.option(fc.constantFrom('nginx', 'alb', 'traefik', 'kong', 'haproxy', 'gce', 'other'), {
      nil: undefined,
    }),
    rules: fc.array(rule, { maxLength: 3 }),
    tls: fc.option(
      fc.array(
        fc.record({
          hosts: fc.array(host, { maxLength: 3 }),
          secretName: fc.option(label, { nil: undefined }),
        }),
        { maxLength: 2 },
      ),
      { nil: undefined },
    ),
    defaultBackend: fc.option(backend, { nil: undefined }),
  })
  .map((r) => {
    const metadata: IngressSpec['metadata'] = { name: r.name };
    if (r.namespace !== undefined) metadata.namespace = r.namespace;
    if (Object.keys(r.annotations).length > 0) metadata.annotations = r.annotations;
    const spec: Record<string, unknown> = { rules: r.rules };
    if (r.className !== undefined) spec.ingressClassName = r.className;
    if (r.tls !== undefined) spec.tls = r.tls;
    if (r.defaultBackend !== undefined) spec.defaultBackend = r.defaultBackend;
    return { apiVersion: r.apiVersion, kind: 'Ingress', metadata, spec };
  });

/** How a document is written: the same object must audit the same whatever the style. */
export const yamlStyle = fc.constantFrom('block', 'flow', 'json', 'quoted') as fc.Arbitrary<
  'block' | 'flow' | 'json' | 'quoted'
>;

export function toYaml(value: unknown, style: 'block' | 'flow' | 'json' | 'quoted'): string {
  switch (style) {
    case 'json':
      return `${JSON.stringify(value, null, 2)}\n`;
    case 'flow':
      return stringify(value, { collectionStyle: 'flow', lineWidth: 0 });
    case 'quoted':
      return stringify(value, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });
    default:
      return stringify(value, { lineWidth: 0 });
  }
}

/** One file of 1–3 Ingresses in one style. */
export const ingressFile: fc.Arbitrary<string> = fc
  .tuple(fc.array(ingress, { minLength: 1, maxLength: 3 }), yamlStyle)
  .map(([docs, style]) => docs.map((d) => toYaml(d, style)).join('---\n'));
