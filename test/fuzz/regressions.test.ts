/**
 * Cases the fuzzer found, shrunk, kept as fixtures so they never come back. Each test names what went
 * wrong before the fix.
 */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.ts';
import { audit } from '../../src/core/audit.ts';
import { defaultConfig } from '../../src/core/policy/config.ts';
import { SARIF_RESULTS_MAX } from '../../src/core/report/limits.ts';
import { buildSarifLog } from '../../src/core/report/sarif.ts';
import type { Rule } from '../../src/core/rule.ts';
import { auditInput, NOW } from './run-pipeline.ts';

/** A one-host Ingress with the given annotations (values written as JSON strings: any text goes). */
function ingressWith(annotations: Record<string, string>): string {
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: web',
    '  namespace: shop',
    '  annotations:',
    ...lines,
    'spec:',
    '  ingressClassName: nginx',
    '  tls: [{hosts: [shop.example.com], secretName: shop-tls}]',
    '  rules:',
    '  - host: shop.example.com',
    '    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}',
    '',
  ].join('\n');
}

/**
 * The same files with a comment appended: nothing about the objects changes, but the files differ, so
 * the engine diffs them instead of setting them aside as context.
 */
function withComment(files: { path: string; content: string }[]): { path: string; content: string }[] {
  return files.map((f) => ({ ...f, content: `${f.content}# reviewed\n` }));
}

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

describe('regressions found by the fuzzer', () => {
  // rules/annotation-injection.ts matched /\w*_by_lua\w*|\blua_\w+/i: `\w*` retried from every
  // position of a long word, so 220 KB of annotation text took 97 s (quadratic). Found by
  // `npm run fuzz`, seed 1: a mutated seed with a 200,000-character snippet.
  it('a 200,000-character word in an injection-prone annotation audits in linear time', () => {
    const head = ingressWith({ 'nginx.ingress.kubernetes.io/auth-url': `https://a/${'a'.repeat(200_000)}` });
    const { value, ms } = timed(() =>
      auditInput({ base: [], head: [{ path: 'ingress.yaml', content: head }] }),
    );
    expect(ms).toBeLessThan(2_000);
    expect(value.findings.some((f) => f.ruleId === 'annotation-injection')).toBe(false);
  });

  it('Lua is still found at the start, middle and end of a long word', () => {
    for (const value of ['content_by_lua_block {}', `x${'a'.repeat(1000)}_by_lua`, 'lua_shared_dict x 1m']) {
      const head = ingressWith({ 'nginx.ingress.kubernetes.io/configuration-snippet': value });
      const result = auditInput({ base: [], head: [{ path: 'ingress.yaml', content: head }] });
      expect(
        result.findings.filter((f) => f.ruleId === 'annotation-injection' && f.message.includes('Lua')),
        value.slice(0, 40),
      ).toHaveLength(1);
    }
  });

  // rules/cert-issuer-changed.ts compared every TLS entry of a host with the *first* base entry that
  // lists it; a host in two entries (once with a secret, once without) was "no longer naming a TLS
  // secret" although nothing changed. Shrunk from `npm run fuzz`, seed 2 (audit(x, x) property).
  it('a host listed in two TLS entries of an unchanged object: nothing introduced', () => {
    const base = [{ path: 'apps/shop/ingress.yaml', content: TWO_TLS_ENTRIES_ONE_HOST }];
    const result = auditInput({ base, head: withComment(base) });
    expect(result.findings.filter((f) => f.status === 'introduced' || f.status === 'worsened')).toEqual([]);
  });

  it('the secret that serves a host (its first TLS entry) changing is still reported once', () => {
    const base = [{ path: 'apps/shop/ingress.yaml', content: TWO_TLS_ENTRIES_ONE_HOST }];
    const head = [
      {
        path: 'apps/shop/ingress.yaml',
        content: TWO_TLS_ENTRIES_ONE_HOST.replace('secretName: a', 'secretName: b'),
      },
    ];
    const found = auditInput({ base, head }).findings.filter((f) => f.ruleId === 'cert-issuer-changed');
    expect(found.map((f) => [f.status, f.line, f.message])).toEqual([
      ['introduced', 10, 'shop.example.com is now served with the certificate in secret b (was a)'],
    ]);
  });

  // rules/cert-issuer-changed.ts took "the secret a host had" from the first base object listing the
  // host, in file order: with two base objects (one without a secret), the finding came and went with
  // the order of the files. Shrunk by hand from `npm run fuzz`, seed 6 (determinism property).
  it('the secret a moved host had does not depend on the order of the base files', () => {
    const tlsIngress = (name: string, secret: string | null, routes: boolean) =>
      [
        'apiVersion: networking.k8s.io/v1',
        'kind: Ingress',
        `metadata: {name: ${name}, namespace: web}`,
        'spec:',
        '  ingressClassName: nginx',
        `  tls: [{hosts: [shop.example.com]${secret ? `, secretName: ${secret}` : ''}}]`,
        routes
          ? '  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]'
          : '  rules: []',
        '',
      ].join('\n');
    const a = { path: 'a.yaml', content: tlsIngress('a', null, false) };
    const b = { path: 'b.yaml', content: tlsIngress('b', 'old', true) };
    const head = [{ path: 'c.yaml', content: tlsIngress('c', 'new', true) }];
    const messages = (base: typeof head) =>
      auditInput({ base, head })
        .findings.filter((f) => f.ruleId === 'cert-issuer-changed')
        .map((f) => f.message);
    expect(messages([a, b])).toEqual([
      'shop.example.com is now served with the certificate in secret new (was old)',
    ]);
    expect(messages([b, a])).toEqual(messages([a, b]));
  });

  // rules/wildcard-host.ts deduped routes by host but keyed conditions by routeKey, which writes a
  // host-less rule as `*`: `host: "*"` plus a rule without a host gave two conditions with one key, and
  // one was "introduced" on an unchanged object. Shrunk from `npm run fuzz`, seeds 1–4 (audit(x, x)).
  it('host "*" and a host-less rule on an unchanged object: nothing introduced', () => {
    const star =
      'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\n  namespace: web\nspec:\n  rules:\n    - host: "*"\n    - {}\n';
    const base = [{ path: 'apps/shop/ingress.yaml', content: star }];
    const result = auditInput({ base, head: withComment(base) });
    expect(result.findings.filter((f) => f.ruleId === 'wildcard-host').map((f) => f.status)).toEqual([
      'preexisting',
    ]);
  });

  // rules/sensitive-path-exposed.ts returned one condition per route, so a path listed twice under one
  // host (Kubernetes accepts it) gave two conditions with one key, one of them "introduced".
  // Shrunk from `npm run fuzz`, seed 5 (audit(x, x) property).
  it('a sensitive path listed twice on an unchanged object: nothing introduced', () => {
    const path = (svc: string) =>
      `          - path: /metrics\n            backend: {service: {name: ${svc}, port: {number: 80}}}\n`;
    const twice = `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n  rules:\n    - http:\n        paths:\n${path('a')}${path('b')}`;
    const base = [{ path: 'apps/shop/ingress.yaml', content: twice }];
    const result = auditInput({ base, head: withComment(base) });
    expect(result.findings.filter((f) => f.ruleId === 'sensitive-path-exposed').map((f) => f.status)).toEqual(
      ['preexisting'],
    );
  });

  // rules/path-broadened.ts listed the paths a host "routed only" in the order the base files were
  // read, so the message (and every report) changed with the file order. Shrunk from `npm run fuzz`,
  // seed 12 (determinism property).
  it('the paths a broadened host had are listed the same whatever the file order', () => {
    const route = (name: string, path: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  rules: [{host: shop.example.com, http: {paths: [{path: ${path}, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}}]\n`;
    const a = { path: 'a.yaml', content: route('a', '/zeta') };
    const b = { path: 'b.yaml', content: route('b', '/alpha') };
    const head = [a, b, { path: 'c.yaml', content: route('c', '/') }];
    const messages = (base: typeof head) =>
      auditInput({ base, head })
        .findings.filter((f) => f.ruleId === 'path-broadened')
        .map((f) => f.message);
    expect(messages([a, b])).toEqual([
      'shop.example.com now routes every path (/) where it routed only /alpha, /zeta',
    ]);
    expect(messages([b, a])).toEqual(messages([a, b]));
  });

  // rules/host-collision.ts named the first overlapping route of the other object in index order, and
  // the index's order follows the files: the message changed with the order of the files. Shrunk by
  // hand from `npm run fuzz`, seed 24 (determinism property).
  it('the overlapping route a collision names does not depend on the file order', () => {
    const hostless = (ns: string, name: string, paths: string[]) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  ingressClassName: nginx\n  rules: [{http: {paths: [${paths.map((p) => `{path: ${p}, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}`).join(', ')}]}}]\n`;
    const other = { path: 'o.yaml', content: hostless('other', 'o', ['/admin']) };
    const shop = { path: 'shop.yaml', content: hostless('web', 'shop', ['/api', '/admin']) };
    const a = { path: 'a.yaml', content: hostless('team', 'a', ['/']) };
    const messages = (head: (typeof a)[]) =>
      auditInput({ base: null, head })
        .findings.filter((f) => f.ruleId === 'host-collision' && f.file === 'a.yaml')
        .map((f) => f.message)
        .sort();
    expect(messages([shop, other, a])).toEqual(messages([other, shop, a]));
  });

  // rules/canary-diversion.ts has the same pattern as host-collision (first overlapping route of the
  // other object, in index order): its message pointed at a line that depended on the file order.
  it('the route a canary diversion points at does not depend on the file order', () => {
    const ing = (ns: string, name: string, paths: string[], canary = false) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: ${ns}\n${canary ? '  annotations: {nginx.ingress.kubernetes.io/canary: "true"}\n' : ''}spec:\n  ingressClassName: nginx\n  rules:\n    - host: shop.example.com\n      http:\n        paths:\n${paths.map((p) => `          - {path: ${p}, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}\n`).join('')}`;
    const other = { path: 'o.yaml', content: ing('other', 'o', ['/admin']) };
    const shop = { path: 'shop.yaml', content: ing('web', 'shop', ['/api', '/admin']) };
    const canary = { path: 'canary.yaml', content: ing('team', 'canary', ['/'], true) };
    const messages = (head: (typeof canary)[]) =>
      auditInput({ base: null, head })
        .findings.filter((f) => f.ruleId === 'canary-diversion')
        .map((f) => f.message)
        .sort();
    expect(messages([shop, other, canary]).length).toBeGreaterThan(0);
    expect(messages([shop, other, canary])).toEqual(messages([other, shop, canary]));
  });

  // rules/self-waiver.ts returned one condition per entry of the waive annotation, and the engine keys
  // conditions by `key`: a repeated entry matched only once at base, so the copy became "introduced"
  // in a file nobody changed. Found by `npm run fuzz` (audit(x, x) property, `x;x;…` annotation).
  it('an inline waiver listed twice on an unchanged object: nothing introduced', () => {
    const waive = ingressWith({ 'ingress-audit.io/waive': 'tls-missing: cdn; tls-missing: cdn' });
    const base = [{ path: 'ingress.yaml', content: waive }];
    const result = auditInput({ base, head: withComment(base) });
    expect(result.findings.filter((f) => f.ruleId === 'self-waiver').map((f) => f.status)).toEqual([
      'preexisting',
    ]);
  });
});

describe('limits found while measuring (test/fuzz/limit-cases.ts)', () => {
  // renderSarif wrote every finding: 10,000 changed Ingresses gave 20,000 results, and GitHub code
  // scanning rejects a run with more than 25,000 ("Analysis SARIF file rejected due to result limits").
  it('SARIF keeps at most 25,000 results per run, the most severe new ones first, and says so', () => {
    const finding = (i: number, severity: 'low' | 'critical') => ({
      ruleId: 'wildcard-host',
      severity,
      status: 'introduced' as const,
      message: `finding ${i}`,
      object: { kind: 'Ingress', namespace: 'web', name: `app-${i}` },
      file: `apps/app-${i}.yaml`,
      line: 1,
      host: null,
      path: null,
      fingerprint: `fp-${i}`,
      waived: null,
    });
    const findings = Array.from({ length: 30_000 }, (_, i) => finding(i, i % 10 === 0 ? 'critical' : 'low'));
    const result = { ...auditInput({ base: [], head: [] }), findings };
    const log = buildSarifLog(result, { toolVersion: '0', ruleMeta: allRules.map((r) => r.meta) });
    const run = log.runs[0];
    expect(run.results).toHaveLength(SARIF_RESULTS_MAX);
    expect(run.results.filter((r) => r.properties.severity === 'critical')).toHaveLength(3_000);
    expect(JSON.stringify(run.invocations)).toContain('5,000 of 30,000 results left out');
  });
});

describe('engine issues the fuzzer found (each case was an expected failure until fixed)', () => {
  // src/core/diff/pair.ts indexes objects with `new Map(objects.map(...))`: of two files defining the
  // same Ingress, the one listed last is audited and the other silently dropped. Shrunk from
  // `npm run fuzz`, seed 3 (determinism property).
  const shop =
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: shop\nspec:\n  rules: []\n';
  const a = { path: 'apps/shop/gateway.yaml', content: shop };
  const b = { path: 'apps/shop/ingress.yaml', content: shop };

  // src/core/audit.ts matches a rule's base and head conditions through `new Map(b.map((c) => [c.key, c]))`:
  // when a rule returns two conditions with one key for one object, the copy at head finds no partner
  // and is reported as introduced on an object nobody changed. (self-waiver did this; it now dedupes.)
  it('a rule repeating a condition key on an unchanged object: nothing introduced', () => {
    const twice: Rule = {
      meta: { ...allRules[0].meta, id: 'twice' },
      state: () => [
        { key: 'same', line: 1, message: 'one' },
        { key: 'same', line: 1, message: 'one' },
      ],
    };
    const result = audit(
      { base: [a], head: withComment([a]), baseRef: 'main', headRef: 'feature' },
      { config: defaultConfig(), now: NOW, rules: [twice] },
    );
    expect(result.findings.map((f) => f.status)).not.toContain('introduced');
  });

  // The same through a repo-wide (`documents`) rule: its base and head conditions were matched through
  // a Map as well, so the fuzzer still saw it twice in 20,000 cases (seed 20261122).
  it('a repo-wide rule repeating a condition key for an unchanged file: nothing introduced', () => {
    const twice: Rule = {
      meta: { ...allRules[0].meta, id: 'twice-documents' },
      documents: (ctx) =>
        ctx.repo.objects.flatMap((o) => [
          { key: 'same', file: o.file, line: 1, object: null, message: 'one' },
          { key: 'same', file: o.file, line: 1, object: null, message: 'one' },
        ]),
    };
    const result = audit(
      { base: [a], head: withComment([a]), baseRef: 'main', headRef: 'feature' },
      { config: defaultConfig(), now: NOW, rules: [twice] },
    );
    expect(result.findings.map((f) => f.status)).toEqual(['preexisting', 'preexisting']);
  });

  // src/core/audit.ts keyed findings of `documents` rules that name no object by file path, so a
  // broken file that was only moved was "introduced" at its new path (and "resolved" at the old one):
  // invalid-manifest blocked a pure rename. Shrunk from `npm run fuzz`, seed 1 (audit(x, x) property).
  it('moving a file that cannot be parsed introduces nothing', () => {
    const broken =
      'apiVersion: networking.k8s.io/v1\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: blog}\n';
    const result = auditInput({
      base: [{ path: 'apps/ingress.yaml', content: broken }],
      head: [{ path: 'moved/apps/ingress.yaml', content: broken }],
    });
    expect(result.findings.filter((f) => f.status === 'introduced').map((f) => f.ruleId)).toEqual([]);
  });

  // The first fix paired a moved broken file with the first new broken file in listing order, so with
  // two new broken files the statuses depended on the order. Shrunk from `npm run fuzz`, seed 1.
  it('which new broken file a vanished broken file moved to does not depend on file order', () => {
    const broken = (name: string) =>
      `apiVersion: networking.k8s.io/v1\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}}\n`;
    const base = [{ path: 'apps/api/gateway.yaml', content: broken('gw') }];
    const a = { path: 'infra/gateway.yaml', content: broken('other') };
    const b = { path: 'all.yaml', content: broken('all') };
    const statuses = (head: (typeof base)[number][]) =>
      auditInput({ base, head })
        .findings.filter((f) => f.ruleId === 'invalid-manifest')
        .map((f) => `${f.status} ${f.file}`)
        .sort();
    expect(statuses([a, b])).toEqual(statuses([b, a]));
    // Same bytes win over path order: the moved copy is the one that stays preexisting.
    const moved = { path: 'z/moved.yaml', content: broken('gw') };
    expect(statuses([a, moved])).toContain('preexisting z/moved.yaml');
    expect(statuses([moved, a])).toContain('introduced infra/gateway.yaml');
  });

  it('a new broken file is still introduced when the old broken file stays where it was', () => {
    const broken =
      'apiVersion: networking.k8s.io/v1\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: blog}\n';
    const result = auditInput({
      base: [{ path: 'apps/ingress.yaml', content: broken }],
      head: [
        { path: 'apps/ingress.yaml', content: broken },
        { path: 'copy/ingress.yaml', content: broken },
      ],
    });
    const invalid = result.findings.filter((f) => f.ruleId === 'invalid-manifest');
    expect(invalid.map((f) => `${f.status} ${f.file}`).sort()).toEqual([
      'introduced copy/ingress.yaml',
      'preexisting apps/ingress.yaml',
    ]);
  });

  // src/core/audit.ts treats a condition that vanished from one object and appeared on another as a
  // moved host, taking the *first* vanished one with that key in pair order: when two base objects had
  // it, which one stays "resolved" depends on the file order. Shrunk by hand from `npm run fuzz`, seed 13.
  it('which resolved finding a renamed object absorbs does not depend on file order', () => {
    const ing = (name: string, namespace: string, path: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}, namespace: ${namespace}}\nspec:\n  ingressClassName: nginx\n  rules: [{host: shop.example.com, http: {paths: [{path: ${path}, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}]}}]\n`;
    const admin = { path: 'a.yaml', content: ing('admin', 'shop', '/admin') };
    const web = { path: 'b.yaml', content: ing('web', 'shop', '/') };
    const unchanged = [{ path: 'ctx.yaml', content: ing('storefront', 'default', '/') }];
    const head = [{ path: 'b.yaml', content: ing('web2', 'shop', '/') }];
    const resolved = (base: typeof head) =>
      auditInput({ base, head, unchanged })
        .findings.filter((f) => f.status === 'resolved')
        .map((f) => `${f.ruleId} ${f.object?.name}`)
        .sort();
    expect(resolved([web, admin])).toEqual(resolved([admin, web]));
  });

  // src/core/diff/pair.ts pairs a head route with `list.find(sameObject) ?? list[0]`: when the route is
  // new to its object and two base objects served it, the first in file order is "the base" — here with
  // TLS in one order (tls-removed) and without it in the other. Shrunk by hand from `npm run fuzz`, seed 32.
  it('a host two base objects served, taken over by a new object: findings do not depend on file order', () => {
    const ing = (name: string, tls: boolean) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  ingressClassName: nginx\n${tls ? '  tls: [{hosts: [shop.example.com], secretName: shop-tls}]\n' : ''}  rules: [{host: shop.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: ${name}, port: {number: 80}}}}]}}]\n`;
    const secure = { path: 'a.yaml', content: ing('storefront', true) };
    const plain = { path: 'b.yaml', content: ing('web', false) };
    const head = [
      { path: 'a.yaml', content: '' },
      { path: 'b.yaml', content: '' },
      { path: 'c.yaml', content: ing('shop', false) },
    ];
    const introduced = (base: typeof head) =>
      auditInput({ base, head })
        .findings.filter((f) => f.status === 'introduced')
        .map((f) => f.ruleId)
        .sort();
    expect(introduced([plain, secure])).toEqual(introduced([secure, plain]));
  });

  // src/core/audit.ts handed repo-wide rules the documents in the order the files were listed, so of two
  // Roles with one name, the one a RoleBinding "grants" (found first) depended on that order:
  // ingress-rbac-widened was introduced or preexisting. Shrunk from `npm run fuzz`, seed 20261122.
  it('two definitions of one Role on the base side: findings do not depend on file order', () => {
    const narrow = {
      path: 'ingress.yaml',
      content:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: deployer, namespace: shop}\nrules:\n  - apiGroups: ["", apps]\n    resources: [services, deployments, configmaps]\n    verbs: [get, list, watch, create, update, patch]\n',
    };
    const wide = {
      path: 'apps/shop/ingress.yaml',
      content:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: deployer, namespace: shop}\nrules:\n  - apiGroups: ["", apps, networking.k8s.io]\n    resources: [services, deployments, ingresses]\n    verbs: [get, list, create, update, patch]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: deployer, namespace: shop}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: deployer}\nsubjects:\n  - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: shop-devs}\n',
    };
    const statuses = (base: (typeof wide)[]) =>
      auditInput({ base, head: [wide] })
        .findings.map((f) => `${f.ruleId} ${f.status}`)
        .sort();
    expect(statuses([narrow, wide])).toEqual(statuses([wide, narrow]));
  });

  it('the same object in two files: findings do not depend on the order files are listed in', () => {
    const files = (r: ReturnType<typeof auditInput>) =>
      r.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort();
    expect(files(auditInput({ base: null, head: [b, a] }))).toEqual(
      files(auditInput({ base: null, head: [a, b] })),
    );
  });
});

/** Shrunk by fast-check: `SHOP.Example.COM` and `shop.example.com.` normalise to the same host. */
const TWO_TLS_ENTRIES_ONE_HOST = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: shop
spec:
  rules: []
  tls:
    - hosts:
        - SHOP.Example.COM
      secretName: a
    - hosts:
        - shop.example.com.
`;
