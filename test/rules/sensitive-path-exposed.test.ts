import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'sensitive-path-exposed';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);
const routes = (
  paths: { path: string; service?: string; pathType?: string }[],
  annotations: Record<string, string> = {},
) => ingress({ annotations, rules: [{ host: 'shop.example.com', paths }] });
const ROOT = { path: '/' };
const AUTH = { 'auth-type': 'basic', 'auth-secret': 'shop/htpasswd' };

describe('sensitive-path-exposed', () => {
  it('an unprotected /admin path added → introduced, high, on its path line', () => {
    const head = routes([ROOT, { path: '/admin', service: 'admin' }]);
    const [f, ...rest] = findings(auditYaml(routes([ROOT]), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'high',
      host: 'shop.example.com',
      path: '/admin',
      line: lineOf(head, 'path: /admin'),
    });
    expect(f.message).toContain('matches the sensitive path /admin');
  });

  it('authentication removed from an existing /metrics path → introduced', () => {
    const paths = [{ path: '/metrics' }];
    expect(findings(auditYaml(routes(paths, AUTH), routes(paths)))).toMatchObject([{ status: 'introduced' }]);
  });

  it('the allowlist removed from /actuator → introduced', () => {
    const paths = [{ path: '/actuator/health' }];
    const base = routes(paths, { 'allowlist-source-range': '10.0.0.0/8' });
    expect(raised(auditYaml(base, routes(paths)), ID)).toHaveLength(1);
  });

  it('a dashboard backend at / → fires on the backend line, naming the service', () => {
    const head = routes([{ path: '/', service: 'kube-prometheus-stack-grafana' }]);
    const [f] = raised(auditYaml(undefined, head), ID);
    expect(f).toMatchObject({ status: 'present', line: lineOf(head, 'kube-prometheus-stack-grafana') });
    expect(f.message).toContain('looks like grafana');
  });

  it('an allowlist of 0.0.0.0/0 does not count as protection', () => {
    const head = routes([{ path: '/debug/pprof' }], { 'allowlist-source-range': '0.0.0.0/0' });
    expect(raised(auditYaml(undefined, head), ID)).toHaveLength(1);
  });

  it('ssl-passthrough bypasses authentication → still fires', () => {
    const head = routes([{ path: '/', service: 'vault' }], { ...AUTH, 'ssl-passthrough': '"true"' });
    const [f] = raised(auditYaml(undefined, head), ID);
    expect(f.message).toContain('SSL passthrough');
  });

  it('regex paths match on the literal prefix', () => {
    const head = routes([{ path: '/admin(/|$)(.*)', pathType: 'ImplementationSpecific' }], {
      'use-regex': '"true"',
    });
    expect(raised(auditYaml(undefined, head), ID)).toHaveLength(1);
  });

  it('matches case-insensitively and ignores a trailing slash in the configured prefix', () => {
    const head = routes([{ path: '/Swagger-UI' }, { path: '/OPS/tools' }]);
    const found = findings(auditYaml(undefined, head, { sensitivePaths: ['/ops/'] }));
    expect(found.map((f) => f.path)).toEqual(['/OPS/tools']);
  });

  it('config sensitivePaths replaces the default list', () => {
    const head = routes([{ path: '/admin' }, { path: '/ops' }]);
    expect(findings(auditYaml(undefined, head, { sensitivePaths: ['/ops'] })).map((f) => f.path)).toEqual([
      '/ops',
    ]);
  });

  it('rule option `services` replaces the default dashboard list', () => {
    const head = routes([
      { path: '/', service: 'grafana' },
      { path: '/x', service: 'my-console' },
    ]);
    const config = { rules: { [ID]: { options: { services: ['my-console'] } } } };
    expect(findings(auditYaml(undefined, head, config)).map((f) => f.path)).toEqual(['/x']);
  });

  it('an exposed path kept → preexisting; protected later → resolved', () => {
    const exposed = routes([{ path: '/metrics' }]);
    expect(findings(auditYaml(exposed, exposed))).toMatchObject([{ status: 'preexisting' }]);
    expect(findings(auditYaml(exposed, routes([{ path: '/metrics' }], AUTH)))).toMatchObject([
      { status: 'resolved' },
    ]);
  });

  describe('does not fire', () => {
    const cases: [string, string][] = [
      ['behind basic auth', routes([{ path: '/admin' }], AUTH)],
      [
        'behind external auth',
        routes([{ path: '/grafana', service: 'grafana' }], {
          'auth-url': '"https://auth.example.com/check"',
        }),
      ],
      [
        'behind an office allowlist',
        routes([{ path: '/metrics' }], { 'allowlist-source-range': '10.0.0.0/8' }),
      ],
      ['a path that only shares letters', routes([{ path: '/administrators-guide' }, { path: '/.envoy' }])],
      ['a service that only contains a dashboard name', routes([{ path: '/', service: 'vaultwarden' }])],
      ['an ordinary path', routes([{ path: '/api/orders' }])],
    ];
    it.each(cases)('%s', (_name, head) => {
      expect(findings(auditYaml(undefined, head))).toEqual([]);
    });
    it('on an ingress class the config lists as internal', () => {
      const head = routes([{ path: '/admin' }]);
      expect(findings(auditYaml(undefined, head, { classes: { internal: ['nginx'] } }))).toEqual([]);
    });
  });
});
