import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'new-entrypoint';

/** The first host is on line 10 (line 9 without TLS). */
const ingress = (name: string, hosts: string[], opts: { tls?: boolean; auth?: boolean; cls?: string } = {}) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    ...(opts.auth
      ? [
          '  annotations:',
          '    nginx.ingress.kubernetes.io/auth-type: basic',
          '    nginx.ingress.kubernetes.io/auth-secret: shop/htpasswd',
        ]
      : []),
    'spec:',
    `  ingressClassName: ${opts.cls ?? 'nginx'}`,
    ...(opts.tls === false ? [] : [`  tls: [{hosts: [${hosts.join(', ')}], secretName: ${name}-tls}]`]),
    '  rules:',
    ...hosts.flatMap((h) => [
      `    - host: ${h}`,
      `      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}`,
    ]),
    '',
  ].join('\n');

const shop = ingress('web', ['shop.example.com']);

describe('new-entrypoint', () => {
  it('a new Ingress for a new host with TLS → introduced info on the host line', () => {
    const found = raised(
      auditYaml(
        { 'shop.yaml': shop },
        { 'shop.yaml': shop, 'blog.yaml': ingress('blog', ['blog.example.com']) },
      ),
      ID,
    );
    expect(found.map((f) => [f.status, f.severity, f.file, f.line, f.host])).toEqual([
      ['introduced', 'info', 'blog.yaml', 10, 'blog.example.com'],
    ]);
    expect(found[0].message).toContain('new Ingress shop/blog');
  });

  it('a new host without TLS or auth on a class of unknown visibility → low', () => {
    const found = raised(
      auditYaml(
        { 'shop.yaml': shop },
        { 'shop.yaml': shop, 'blog.yaml': ingress('blog', ['blog.example.com'], { tls: false }) },
      ),
      ID,
    );
    expect(found.map((f) => [f.severity, f.line])).toEqual([['low', 9]]);
    expect(found[0].message).toContain('without TLS or authentication');
  });

  it('a new host without TLS but with auth stays info; on an internal class too', () => {
    const withAuth = raised(
      auditYaml(shop, `${shop}---\n${ingress('blog', ['blog.example.com'], { tls: false, auth: true })}`),
      ID,
    );
    expect(withAuth.map((f) => f.severity)).toEqual(['info']);
    const internal = raised(
      auditYaml(
        shop,
        `${shop}---\n${ingress('blog', ['blog.example.com'], { tls: false, cls: 'nginx-internal' })}`,
        {
          classes: { internal: ['nginx-internal'] },
        },
      ),
      ID,
    );
    expect(internal.map((f) => f.severity)).toEqual(['info']);
  });

  it('a host added to an existing Ingress fires for that host only', () => {
    const found = raised(auditYaml(shop, ingress('web', ['shop.example.com', 'www.shop.example.com'])), ID);
    expect(found.map((f) => [f.host, f.line])).toEqual([['www.shop.example.com', 12]]);
  });

  it('renaming an Ingress, moving its file, or moving its host to another Ingress is not new', () => {
    expect(raised(auditYaml(shop, ingress('storefront', ['shop.example.com'])), ID)).toEqual([]);
    expect(raised(auditYaml({ 'a.yaml': shop }, { 'b/a.yaml': shop }), ID)).toEqual([]);
    const two = `${shop}---\n${ingress('blog', ['blog.example.com'])}`;
    const merged = ingress('web', ['shop.example.com', 'blog.example.com']);
    expect(raised(auditYaml(two, merged), ID)).toEqual([]);
  });
});
