import { describe, expect, it } from 'vitest';
import { auditYaml } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'dangling-backend';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

const service = (name: string, namespace: string | null = 'shop', ports = '[{name: http, port: 80}]') =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\n${namespace ? `  namespace: ${namespace}\n` : ''}spec:\n  selector: {app: ${name}}\n  ports: ${ports}\n`;
const route = (svc: string) =>
  ingress({ rules: [{ host: 'shop.example.com', paths: [{ path: '/', service: svc }] }] });

describe('dangling-backend', () => {
  it('a backend renamed to a Service nobody defines → introduced, medium, on the service name line', () => {
    const head = route('shop-api');
    const [f, ...rest] = findings(auditYaml(route('web'), head, {}, { 'svc.yaml': service('web') }));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'medium',
      line: lineOf(head, 'name: shop-api'),
      host: 'shop.example.com',
      path: '/',
    });
    expect(f.message).toContain('Service shop/shop-api, which no manifest in the repository defines');
  });

  it('the Service is looked up across the whole repository, including unchanged files', () => {
    expect(findings(auditYaml('', route('web'), {}, { 'apps/web/service.yaml': service('web') }))).toEqual(
      [],
    );
  });

  it('a Service in another namespace does not satisfy the backend', () => {
    expect(
      findings(
        auditYaml(undefined, `${route('web')}---\n${service('web', 'other')}---\n${service('cache')}`),
      ),
    ).toHaveLength(1);
  });

  it('a namespace for which the repository defines no Service is not judged (its Services live elsewhere)', () => {
    expect(findings(auditYaml(undefined, `${route('web')}---\n${service('web', 'other')}`))).toEqual([]);
  });

  it('a Service without a namespace in the manifest matches (kustomize sets it)', () => {
    expect(findings(auditYaml(undefined, `${route('web')}---\n${service('web', null)}`))).toEqual([]);
  });

  it('a port the Service does not expose → the finding names the ports it has', () => {
    const head = `${route('web').replace('number: 80', 'number: 8080')}---\n${service('web')}`;
    const [f] = findings(auditYaml(undefined, head));
    expect(f.status).toBe('present');
    expect(f.message).toContain('port 8080 of Service shop/web, which only exposes 80/http');
  });

  it('a named port matches the Service port name', () => {
    const head = `${route('web').replace('port: {number: 80}', 'port: {name: http}')}---\n${service('web')}`;
    expect(findings(auditYaml(undefined, head))).toEqual([]);
  });

  it('the default backend is checked too', () => {
    const head = `${ingress({ defaultBackend: 'fallback' })}---\n${service('web')}`;
    const [f] = findings(auditYaml(undefined, head));
    expect(f.message).toContain('the default backend points at Service shop/fallback');
  });

  it('an HTTPRoute backend in another namespace is looked up there', () => {
    const httpRoute = `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: web}
spec:
  hostnames: [shop.example.com]
  rules:
    - backendRefs: [{name: billing, namespace: payments, port: 80}]
`;
    expect(
      findings(auditYaml(undefined, `${httpRoute}---\n${service('billing', 'payments', '[{port: 80}]')}`)),
    ).toEqual([]);
    expect(
      findings(auditYaml(undefined, `${httpRoute}---\n${service('ledger', 'payments', '[{port: 80}]')}`)),
    ).toHaveLength(1);
  });

  it('kept → preexisting; Service added → resolved', () => {
    const before = `${route('api')}---\n${service('web')}`;
    expect(findings(auditYaml(before, before)).map((f) => f.status)).toEqual(['preexisting']);
    expect(findings(auditYaml(before, `${before}---\n${service('api')}`)).map((f) => f.status)).toEqual([
      'resolved',
    ]);
  });

  describe('does not fire', () => {
    it('when the repository defines no Service at all', () => {
      expect(findings(auditYaml(undefined, route('anything')))).toEqual([]);
    });
    it('for resource backends', () => {
      const head = route('web').replace(
        'backend: {service: {name: web, port: {number: 80}}}',
        'backend: {resource: {apiGroup: k8s.example.com, kind: StorageBucket, name: assets}}',
      );
      expect(findings(auditYaml(undefined, `${head}---\n${service('other')}`))).toEqual([]);
    });
  });
});
