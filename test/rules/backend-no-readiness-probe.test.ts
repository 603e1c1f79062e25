import { describe, expect, it } from 'vitest';
import { auditYaml } from '../support/audit-yaml.ts';
import { ingress, lineOf } from './nginx-ingress.ts';

const ID = 'backend-no-readiness-probe';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

const service = (selector = '{app: web}') =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec:\n  selector: ${selector}\n  ports: [{port: 80, targetPort: 8080}]\n`;
const workload = (
  opts: { kind?: string; labels?: string; probe?: boolean; sidecarProbe?: boolean; namespace?: string } = {},
) =>
  `apiVersion: apps/v1\nkind: ${opts.kind ?? 'Deployment'}\nmetadata: {name: web, namespace: ${opts.namespace ?? 'shop'}}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: ${opts.labels ?? '{app: web, tier: front}'}}\n    spec:\n      containers:\n        - name: web\n          image: registry.example.com/web:1\n${opts.probe ? '          readinessProbe: {tcpSocket: {port: 8080}}\n' : ''}        - name: proxy\n          image: registry.example.com/proxy:1\n${opts.sidecarProbe ? '          readinessProbe: {tcpSocket: {port: 15021}}\n' : ''}`;
const docs = (...d: string[]) => d.join('---\n');

describe('backend-no-readiness-probe', () => {
  it('a new route to a Service whose Deployment (unchanged file) has no readiness probe → introduced, low, on the backend line', () => {
    const head = ingress();
    const result = auditYaml(
      { 'ingress.yaml': '' },
      { 'ingress.yaml': head },
      {},
      { 'app.yaml': docs(service(), workload()) },
    );
    const [f, ...rest] = findings(result);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'low',
      line: lineOf(head, 'backend:'),
      host: 'shop.example.com',
    });
    expect(f.message).toContain('Deployment shop/web (app.yaml:');
  });

  it('StatefulSets and DaemonSets are workloads too (scan: present)', () => {
    for (const kind of ['StatefulSet', 'DaemonSet'])
      expect(findings(auditYaml(undefined, docs(ingress(), service(), workload({ kind }))))).toMatchObject([
        { status: 'present' },
      ]);
  });

  it('an unchanged route keeps the finding preexisting; adding the probe resolves it', () => {
    const before = docs(ingress(), service(), workload());
    expect(findings(auditYaml(before, before)).map((f) => f.status)).toEqual(['preexisting']);
    expect(
      findings(auditYaml(before, docs(ingress(), service(), workload({ probe: true })))).map((f) => f.status),
    ).toEqual(['resolved']);
  });

  describe('does not fire', () => {
    it('when a container has a readiness probe', () => {
      expect(findings(auditYaml(undefined, docs(ingress(), service(), workload({ probe: true }))))).toEqual(
        [],
      );
      expect(
        findings(auditYaml(undefined, docs(ingress(), service(), workload({ sidecarProbe: true })))),
      ).toEqual([]);
    });
    it('when the selector does not match the pod labels', () => {
      expect(
        findings(auditYaml(undefined, docs(ingress(), service('{app: web, tier: back}'), workload()))),
      ).toEqual([]);
    });
    it('for a workload in another namespace', () => {
      expect(
        findings(auditYaml(undefined, docs(ingress(), service(), workload({ namespace: 'other' })))),
      ).toEqual([]);
    });
    it('for a Service without a selector, or a Service not in the repository', () => {
      expect(findings(auditYaml(undefined, docs(ingress(), service('{}'), workload())))).toEqual([]);
      expect(findings(auditYaml(undefined, docs(ingress(), workload())))).toEqual([]);
    });
  });
});
