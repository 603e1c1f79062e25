import { describe, expect, it } from 'vitest';
import { rule as rbacRule } from '../../rules/ingress-rbac-widened.ts';
import { loadFiles } from '../../src/core/manifests/load.ts';
import { buildRepoView } from '../../src/core/model/repo-view.ts';
import { configSchema } from '../../src/core/policy/config-schema.ts';
import type { RuleContext } from '../../src/core/rule.ts';
import { auditYaml, NOW } from '../support/audit-yaml.ts';
import { lineOf } from './nginx-ingress.ts';

const ID = 'ingress-rbac-widened';
const findings = (r: ReturnType<typeof auditYaml>) => r.findings.filter((f) => f.ruleId === ID);

const role = (rules: string, kind = 'Role', labels = '') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: deployer\n${kind === 'Role' ? '  namespace: shop\n' : ''}${labels}rules:\n${rules}`;
const rule = (groups: string, resources: string, verbs: string) =>
  `  - apiGroups: [${groups}]\n    resources: [${resources}]\n    verbs: [${verbs}]\n`;
const binding = (subjects: string[], roleKind = 'Role', roleName = 'deployer', kind = 'RoleBinding') =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: deployers\n${kind === 'RoleBinding' ? '  namespace: shop\n' : ''}roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ${roleKind}, name: ${roleName}}\nsubjects:\n${subjects.map((s) => `  - ${s}\n`).join('')}`;
const group = (name: string) => `{apiGroup: rbac.authorization.k8s.io, kind: Group, name: "${name}"}`;

describe('ingress-rbac-widened', () => {
  it('a bound Role gains write on ingresses → introduced, high, on the Role\u2019s rule line, naming the bound subjects', () => {
    const head = role(
      rule('""', 'services', 'get') + rule('networking.k8s.io', 'ingresses', 'get, create, update'),
    );
    const result = auditYaml(
      { 'role.yaml': role(rule('""', 'services', 'get')) },
      { 'role.yaml': head },
      {},
      { 'binding.yaml': binding([group('shop-devs')]) },
    );
    const [f, ...rest] = findings(result);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      status: 'introduced',
      severity: 'high',
      file: 'role.yaml',
      line: lineOf(head, '- apiGroups: [networking.k8s.io]'),
    });
    expect(f.message).toContain('lets its subjects create/update ingresses');
    expect(f.message).toContain('bound to Group shop-devs (RoleBinding shop/deployers)');
  });

  it('a binding adds a subject to a role that writes routing objects → introduced on that subject\u2019s line only', () => {
    const r = role(rule('networking.k8s.io', 'ingresses', 'create'));
    const head = binding([group('shop-devs'), group('contractors')]);
    const result = auditYaml(
      { 'binding.yaml': binding([group('shop-devs')]) },
      { 'binding.yaml': head },
      {},
      { 'role.yaml': r },
    );
    expect(findings(result).map((f) => [f.status, f.line])).toEqual([
      ['introduced', lineOf(head, 'contractors')],
      ['preexisting', lineOf(head, 'shop-devs')],
    ]);
  });

  it('more verbs on the same resources → worsened', () => {
    const base = role(rule('networking.k8s.io', 'ingresses', 'create'));
    const head = role(rule('networking.k8s.io', 'ingresses', 'create, patch, delete'));
    expect(findings(auditYaml(base, head)).map((f) => f.status)).toEqual(['worsened']);
  });

  it('wildcards count: apiGroups/resources/verbs "*"', () => {
    // A Role added by the change (diff mode: an empty base) — in a scan only broad grants count.
    const [f] = findings(auditYaml({}, role(rule('"*"', '"*"', '"*"'), 'ClusterRole')));
    expect(f.message).toMatch(
      /create\/update\/patch\/delete\/deletecollection .*ingresses.*httproutes.*middlewares/,
    );
  });

  it('Gateway API and Traefik resources are routing objects too', () => {
    const [f] = findings(
      auditYaml({}, role(rule('gateway.networking.k8s.io, traefik.io', 'httproutes, middlewares', 'update'))),
    );
    expect(f.message).toContain('update httproutes, middlewares');
  });

  it('every authenticated user bound to the built-in edit ClusterRole (scan) → named as such', () => {
    const head = binding([group('system:authenticated')], 'ClusterRole', 'edit', 'ClusterRoleBinding');
    const [f] = findings(auditYaml(undefined, head));
    expect(f).toMatchObject({ status: 'present', line: lineOf(head, 'system:authenticated') });
    expect(f.message).toContain(
      'every authenticated user (Group system:authenticated) may create/update/patch/delete/deletecollection ingresses in every namespace through built-in ClusterRole edit',
    );
  });

  it('a ClusterRole aggregated into the built-in edit role says who gains it', () => {
    const labels = '  labels:\n    rbac.authorization.k8s.io/aggregate-to-edit: "true"\n';
    const [f] = findings(
      auditYaml('', role(rule('gateway.networking.k8s.io', 'httproutes', 'create'), 'ClusterRole', labels)),
    );
    expect(f.message).toContain(
      'aggregated into the built-in edit ClusterRole, so every subject bound to it gains this',
    );
  });

  it('a subject removed from the binding → resolved', () => {
    const r = role(rule('networking.k8s.io', 'ingresses', 'create'));
    const statuses = findings(
      auditYaml(`${r}---\n${binding([group('a'), group('b')])}`, `${r}---\n${binding([group('a')])}`),
    ).map((f) => f.status);
    expect(statuses.sort()).toEqual(['preexisting', 'preexisting', 'resolved']);
  });

  describe('in a scan, only grants to everyone', () => {
    const run = (yaml: string, mode: RuleContext['mode']) => {
      const { documents } = loadFiles([{ path: 'rbac.yaml', content: yaml }]);
      const ctx: RuleContext = {
        config: configSchema.parse({}),
        options: {},
        repo: buildRepoView('head', [], documents),
        now: NOW,
        mode,
      };
      return rbacRule.documents!(ctx).map((c) => c.object?.kind);
    };
    const r = role(rule('networking.k8s.io', 'ingresses', 'create'));

    it('a team\u2019s own binding is a finding in a diff, not in a scan', () => {
      const yaml = `${r}---\n${binding([group('shop-devs')])}`;
      expect(run(yaml, 'diff').sort()).toEqual(['Role', 'RoleBinding']);
      expect(run(yaml, 'scan')).toEqual([]);
    });

    it('system:authenticated and every service account of a namespace are reported in a scan', () => {
      expect(
        run(`${r}---\n${binding([group('system:authenticated'), group('shop-devs')])}`, 'scan').sort(),
      ).toEqual(['Role', 'RoleBinding']);
      expect(run(`${r}---\n${binding([group('system:serviceaccounts:ci')])}`, 'scan')).toHaveLength(2);
    });

    it('a ClusterRole aggregated into edit is reported in a scan', () => {
      const labels = '  labels:\n    rbac.authorization.k8s.io/aggregate-to-edit: "true"\n';
      expect(
        run(role(rule('networking.k8s.io', 'ingresses', 'create'), 'ClusterRole', labels), 'scan'),
      ).toEqual(['ClusterRole']);
    });
  });

  describe('does not fire', () => {
    it('for read-only access', () => {
      expect(
        findings(auditYaml(undefined, role(rule('networking.k8s.io', 'ingresses', 'get, list, watch')))),
      ).toEqual([]);
    });
    it('for the status subresource only', () => {
      expect(
        findings(auditYaml(undefined, role(rule('networking.k8s.io', 'ingresses/status', 'update, patch')))),
      ).toEqual([]);
    });
    it('for write access to other resources', () => {
      expect(findings(auditYaml(undefined, role(rule('"", apps', 'services, deployments', '"*"'))))).toEqual(
        [],
      );
    });
    it('for a binding to a role that is neither in the repository nor built in', () => {
      expect(
        findings(
          auditYaml(undefined, binding([group('x')], 'ClusterRole', 'platform-custom', 'ClusterRoleBinding')),
        ),
      ).toEqual([]);
    });
    it('for the built-in view role', () => {
      expect(
        findings(
          auditYaml(
            undefined,
            binding([group('system:authenticated')], 'ClusterRole', 'view', 'ClusterRoleBinding'),
          ),
        ),
      ).toEqual([]);
    });
  });
});
