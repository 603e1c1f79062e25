import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'annotation-injection';
const P = 'nginx.ingress.kubernetes.io/';

/** Annotations start on line 7, one line each unless the value is a block scalar. */
function ingress(annotations: [string, string][]): string {
  const lines = [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    ...(annotations.length > 0 ? ['  annotations:'] : []),
  ];
  for (const [k, v] of annotations) {
    if (v.includes('\n'))
      lines.push(
        `    ${P}${k}: |`,
        ...v
          .trimEnd()
          .split('\n')
          .map((l) => `      ${l}`),
      );
    else lines.push(`    ${P}${k}: ${JSON.stringify(v)}`);
  }
  lines.push(
    'spec:',
    '  ingressClassName: nginx',
    '  rules:',
    '    - host: shop.example.com',
    '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
  );
  return `${lines.join('\n')}\n`;
}

const clean = ingress([]);

describe('annotation-injection', () => {
  it('an auth-url that ends the directive with `;` → introduced critical on the annotation line', () => {
    const head = ingress([
      ['proxy-body-size', '8m'],
      ['auth-url', 'https://auth.example.com/verify;'],
    ]);
    const found = raised(auditYaml(clean, head), ID);
    expect(found.map((f) => [f.status, f.severity, f.line])).toEqual([['introduced', 'critical', 8]]);
    expect(found[0].message).toContain(`${P}auth-url`);
    expect(found[0].message).toContain('`;`');
  });

  it('one finding per offending token: braces and a secrets path in mirror-target', () => {
    const head = ingress([
      ['mirror-target', 'https://m.example.net/x} location /t { alias /var/run/secrets/;'],
    ]);
    const messages = raised(auditYaml(clean, head), ID).map((f) => f.message);
    expect(messages.some((m) => m.includes('`{` or `}`'))).toBe(true);
    expect(messages.some((m) => m.includes('service-account token path'))).toBe(true);
    expect(messages.some((m) => m.includes('`alias` directive'))).toBe(true);
    expect(messages.some((m) => m.includes('`;`'))).toBe(true);
  });

  it('a line break in a block-scalar auth-tls-match-cn is flagged', () => {
    const head = ingress([['auth-tls-match-cn', 'CN=client\nssl_engine x']]);
    const found = raised(auditYaml(clean, head), ID);
    expect(found.map((f) => f.line)).toEqual([7]);
    expect(found[0].message).toContain('line break');
  });

  it('a snippet with its ordinary `;`, quotes and line breaks does not fire', () => {
    const head = ingress([
      ['configuration-snippet', 'more_set_headers "X-Frame-Options: DENY";\nmore_set_headers "X-A: b";\n'],
    ]);
    expect(raised(auditYaml(clean, head), ID)).toEqual([]);
  });

  it('a snippet with Lua and an alias to /etc fires once per dangerous word', () => {
    const head = ingress([
      ['server-snippet', 'location /x {\n  alias /etc/nginx/;\n}\naccess_by_lua_block { ngx.exit(200) }\n'],
    ]);
    const found = raised(auditYaml(clean, head), ID);
    expect(
      found.map((f) => f.message.match(/contains (Lua|an `alias`|a path under `\/etc\/`)/)?.[1]).sort(),
    ).toEqual(['Lua', 'a path under `/etc/`', 'an `alias`']);
    expect(new Set(found.map((f) => f.line))).toEqual(new Set([7]));
  });

  it('annotations that are not injection-prone are not inspected', () => {
    const head = ingress([
      ['proxy-body-size', '8m;'],
      ['custom-http-errors', '404,503'],
    ]);
    expect(raised(auditYaml(clean, head), ID)).toEqual([]);
  });

  it('nginx variables in an auth-signin URL are fine', () => {
    const head = ingress([
      ['auth-signin', 'https://auth.example.com/start?rd=$scheme://$host$escaped_request_uri'],
    ]);
    expect(raised(auditYaml(clean, head), ID)).toEqual([]);
  });

  it('the same bad value at base is preexisting; a new token on it is introduced on its own', () => {
    const base = ingress([['auth-url', 'https://auth.example.com/v;']]);
    expect(
      auditYaml(base, base)
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['preexisting']);
    const head = ingress([['auth-url', 'https://auth.example.com/v;#']]);
    const statuses = auditYaml(base, head)
      .findings.filter((f) => f.ruleId === ID)
      .map((f) => f.status)
      .sort();
    expect(statuses).toEqual(['introduced', 'preexisting']);
  });

  it('cleaning the value is resolved, on the base line', () => {
    const base = ingress([
      ['proxy-body-size', '8m'],
      ['auth-url', 'https://auth.example.com/v"'],
    ]);
    const found = auditYaml(base, clean).findings.filter((f) => f.ruleId === ID);
    expect(found.map((f) => [f.status, f.line])).toEqual([['resolved', 8]]);
  });

  it('scan mode reports it as present', () => {
    const head = ingress([['permanent-redirect', 'https://x.example.com/;return 200']]);
    expect(raised(auditYaml(undefined, head), ID).map((f) => f.status)).toEqual(['present']);
  });
});
