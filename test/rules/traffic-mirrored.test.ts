import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const ID = 'traffic-mirrored';
const P = 'nginx.ingress.kubernetes.io/';

/** Annotations start on line 7. Hosts: shop.example.com and www.shop.example.com. */
const ingress = (annotations: Record<string, string>) =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    ...(Object.keys(annotations).length > 0 ? ['  annotations:'] : []),
    ...Object.entries(annotations).map(([k, v]) => `    ${P}${k}: ${JSON.stringify(v)}`),
    'spec:',
    '  ingressClassName: nginx',
    '  tls: [{hosts: [shop.example.com, www.shop.example.com], secretName: web-tls}]',
    '  rules:',
    '    - host: shop.example.com',
    '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
    '    - host: www.shop.example.com',
    '      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
    '',
  ].join('\n');

const clean = ingress({});

describe('traffic-mirrored', () => {
  it('a mirror to another domain → introduced high on the annotation line, naming the target host', () => {
    const head = ingress({
      'proxy-body-size': '1m',
      'mirror-target': 'https://collector.example.net:8443$request_uri',
    });
    const found = raised(auditYaml(clean, head), ID);
    expect(found.map((f) => [f.status, f.severity, f.line])).toEqual([['introduced', 'high', 8]]);
    expect(found[0].message).toContain('copies every request to collector.example.net');
  });

  it('a redirect to another domain fires; to the object’s own host, or relative, does not', () => {
    expect(
      raised(auditYaml(clean, ingress({ 'temporal-redirect': 'https://shop.example.org/sale' })), ID),
    ).toHaveLength(1);
    expect(
      raised(auditYaml(clean, ingress({ 'permanent-redirect': 'https://www.shop.example.com/' })), ID),
    ).toEqual([]);
    expect(raised(auditYaml(clean, ingress({ 'permanent-redirect': '/new-home' })), ID)).toEqual([]);
    expect(raised(auditYaml(clean, ingress({ 'permanent-redirect': 'https://$host/new' })), ID)).toEqual([]);
  });

  it('a redirect to a host taken from the request is an open redirect', () => {
    const found = raised(auditYaml(clean, ingress({ 'permanent-redirect': 'https://$arg_next' })), ID);
    expect(found[0].message).toContain('open redirect');
  });

  it('a mirror to an in-cluster Service does not fire', () => {
    expect(
      raised(auditYaml(clean, ingress({ 'mirror-target': 'http://replay.shop.svc.cluster.local/x' })), ID),
    ).toEqual([]);
    expect(raised(auditYaml(clean, ingress({ 'mirror-host': 'replay' })), ID)).toEqual([]);
  });

  it('a server alias fires once per foreign name', () => {
    const found = raised(
      auditYaml(
        clean,
        ingress({ 'server-alias': 'shop.example.org, www.shop.example.com, old-shop.example.net' }),
      ),
      ID,
    );
    expect(found.map((f) => f.message.match(/for (\S+),/)?.[1]).sort()).toEqual([
      'old-shop.example.net',
      'shop.example.org',
    ]);
  });

  it('an unchanged mirror is preexisting, a changed target is a new finding, removing it is resolved', () => {
    const base = ingress({ 'mirror-target': 'https://a.example.net/' });
    expect(
      auditYaml(base, base)
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['preexisting']);
    const moved = auditYaml(base, ingress({ 'mirror-target': 'https://b.example.net/' })).findings.filter(
      (f) => f.ruleId === ID,
    );
    expect(moved.map((f) => f.status).sort()).toEqual(['introduced', 'resolved']);
    expect(
      auditYaml(base, clean)
        .findings.filter((f) => f.ruleId === ID)
        .map((f) => f.status),
    ).toEqual(['resolved']);
  });

  it('scan mode reports present', () => {
    expect(
      raised(auditYaml(undefined, ingress({ 'mirror-host': 'evil.example.net' })), ID).map((f) => f.status),
    ).toEqual(['present']);
  });
});
