import { describe, expect, it } from 'vitest';
import { auditYaml, raised } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'catch-all-backend';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

describe('catch-all-backend', () => {
  it('adds spec.defaultBackend next to rules → introduced, high, on the defaultBackend line', () => {
    const head = ingress({ defaultBackend: 'fallback' });
    const [f, ...rest] = findings(auditYaml(ingress(), head));
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'high',
      line: lineOf(head, 'defaultBackend:'),
    });
    expect(f.message).toContain('fallback:80');
  });

  it('an Ingress with only a default backend → critical controller-wide catch-all (scan: present)', () => {
    const head = ingress({ defaultBackend: 'fallback', rules: [] });
    const [f] = raised(auditYaml(undefined, head), ID);
    expect(f).toMatchObject({
      status: 'present',
      severity: 'critical',
      line: lineOf(head, 'defaultBackend:'),
    });
    expect(f.message).toContain('controller-wide catch-all');
  });

  it('removing the last rule of an Ingress with a default backend → worsened, critical', () => {
    const base = ingress({ defaultBackend: 'fallback' });
    const head = ingress({ defaultBackend: 'fallback', rules: [] });
    expect(findings(auditYaml(base, head))).toMatchObject([{ status: 'worsened', severity: 'critical' }]);
  });

  it('a default backend kept while the Ingress is reformatted → preexisting, not raised', () => {
    const base = ingress({ defaultBackend: 'fallback' });
    const head = `${base.replace('spec:\n  ingressClassName: nginx\n', 'spec:\n  ingressClassName: "nginx"\n')}`;
    const result = auditYaml(base, head);
    expect(raised(result, ID)).toEqual([]);
    expect(findings(result)).toMatchObject([{ status: 'preexisting' }]);
  });

  it('removing the default backend → resolved, pointing at the base line', () => {
    const base = ingress({ tls: ['shop.example.com'], defaultBackend: 'fallback' });
    expect(findings(auditYaml(base, ingress({ tls: ['shop.example.com'] })))).toMatchObject([
      { status: 'resolved', line: lineOf(base, 'defaultBackend:') },
    ]);
  });

  it('the v1beta1 spec.backend field is a default backend too', () => {
    const head = [
      'apiVersion: networking.k8s.io/v1beta1',
      'kind: Ingress',
      'metadata: {name: legacy, namespace: shop}',
      'spec:',
      '  backend: {serviceName: fallback, servicePort: 80}',
      '',
    ].join('\n');
    expect(raised(auditYaml(undefined, head), ID)).toMatchObject([{ severity: 'critical', line: 5 }]);
  });

  it('does not fire for an Ingress with rules only', () => {
    expect(findings(auditYaml(undefined, ingress()))).toEqual([]);
  });
});
