import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'entrypoint-removed';

const ingress = (name: string, hosts: string[]) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    `  name: ${name}`,
    '  namespace: shop',
    'spec:',
    '  ingressClassName: nginx',
    `  tls: [{hosts: [${hosts.join(', ')}], secretName: ${name}-tls}]`,
    '  rules:',
    ...hosts.flatMap((h) => [
      `    - host: ${h}`,
      `      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}`,
    ]),
    '',
  ].join('\n');

describe('entrypoint-removed', () => {
  it('an Ingress deleted with its file → introduced info on the base file, naming its hosts', () => {
    const found = raised(
      auditYaml(
        {
          'shop.yaml': ingress('web', ['shop.example.com']),
          'blog.yaml': ingress('blog', ['blog.example.com']),
        },
        {
          'shop.yaml': ingress('web', ['shop.example.com']),
        },
      ),
      ID,
    );
    expect(found.map((f) => [f.status, f.severity, f.file, f.line])).toEqual([
      ['introduced', 'info', 'blog.yaml', 1],
    ]);
    expect(found[0].message).toContain('no object serves blog.example.com');
  });

  it('one host of two removed → on the head object’s rules line', () => {
    const found = raised(
      auditYaml(
        ingress('web', ['shop.example.com', 'www.example.com']),
        ingress('web', ['shop.example.com']),
      ),
      ID,
    );
    expect(found.map((f) => [f.host, f.line])).toEqual([['www.example.com', 9]]);
  });

  it('a rename, a file move or a host moved to another Ingress is not a removal', () => {
    const shop = ingress('web', ['shop.example.com']);
    expect(raised(auditYaml(shop, ingress('storefront', ['shop.example.com'])), ID)).toEqual([]);
    expect(raised(auditYaml({ 'a.yaml': shop }, { 'b.yaml': shop }), ID)).toEqual([]);
    const merged = ingress('web', ['shop.example.com', 'blog.example.com']);
    expect(raised(auditYaml(merged, `${shop}---\n${ingress('blog', ['blog.example.com'])}`), ID)).toEqual([]);
  });
});
