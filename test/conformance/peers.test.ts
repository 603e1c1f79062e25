/**
 * Conformance with the peers' own labelled test cases (../shared/corpus/peers): for every Kyverno
 * and Gatekeeper policy that has an equivalent rule here, each case they label fail/disallowed must
 * get the equivalent finding in scan mode, and each pass/allowed case none. Deliberate differences
 * are listed in DIFFERENCES with the reason, and the test checks they are still differences.
 * The mapping and the reasons are documented in docs/peer-conformance.md.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Finding } from '../../src/core/findings.ts';
import { auditYaml, raised } from '../support/audit-yaml.ts';

const CORPUS = fileURLToPath(new URL('../../../shared/corpus/peers/', import.meta.url));

interface Equivalent {
  /** Rule ids whose finding counts as the peer's violation; empty = no equivalent rule. */
  rules: string[];
  /** Narrows the findings, e.g. wildcard-host only for an empty host. */
  when?: (f: Finding) => boolean;
}

interface Mapping {
  /** The equivalent for every case, unless the peer rule that judged it has its own entry. */
  all: Equivalent;
  byPeerRule?: Record<string, Equivalent>;
  /** Builds the objects the peer's check compares against (cluster inventory), as unchanged files. */
  inventory?: (dir: string) => Record<string, string>;
}

const emptyHost = (f: Finding) => f.host === null;
const wildcardHost = (f: Finding) => f.host !== null;

/** Kyverno policy (folder name, the same for the classic, -cel and -vpol variants) → equivalent rule. */
const KYVERNO: Record<string, Mapping> = {
  'disallow-empty-ingress-host': { all: { rules: ['wildcard-host'], when: emptyHost } },
  'restrict-ingress-wildcard': { all: { rules: ['wildcard-host'], when: wildcardHost } },
  'restrict-virtual-service-wildcard': { all: { rules: ['wildcard-host'] } },
  'restrict-ingress-defaultbackend': { all: { rules: ['catch-all-backend'] } },
  'ingress-host-match-tls': { all: { rules: ['tls-host-mismatch'] } },
  'require-ingress-https': {
    all: { rules: ['https-redirect-disabled', 'tls-missing'] },
    byPeerRule: {
      'has-annotation': { rules: ['https-redirect-disabled'] },
      'has-tls': { rules: ['tls-missing'] },
    },
  },
  'disallow-ingress-nginx-custom-snippets': {
    all: { rules: ['snippet-annotation'] },
    byPeerRule: { 'check-config-map': { rules: [] } },
  },
  'check-ingress-nginx-controller-version-and-annotation-policy': {
    all: { rules: ['snippet-annotation', 'auth-weakened'] },
  },
  'restrict-annotations': { all: { rules: ['annotation-injection'] } },
  'restrict-ingress-paths': { all: { rules: ['unsafe-path'] } },
  'restrict-ingress-host': {
    all: { rules: ['host-collision'] },
    byPeerRule: { 'deny-multiple-hosts': { rules: [] } },
    // The policy looks the host up among the cluster's Ingresses; its test supplies them as a variable.
    inventory: (dir) => {
      const values = parse(readFileSync(join(dir, 'variables.yaml'), 'utf8'));
      const hosts: string[] = JSON.parse(values.policies[0].rules[0].values.hosts);
      return Object.fromEntries(
        hosts.map((host, i) => [
          `inventory/${i}.yaml`,
          `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: existing-${i}, namespace: cluster}\nspec:\n  rules:\n    - host: ${host}\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: existing, port: {number: 80}}}}]}\n`,
        ]),
      );
    },
  },
};

/** Gatekeeper template folder → equivalent rule (by constraint name when the parameters change it). */
const GATEKEEPER: Record<string, Mapping> = {
  'block-wildcard-ingress': { all: { rules: ['wildcard-host'] } },
  'ingress-https-only': { all: { rules: ['https-redirect-disabled', 'tls-missing'] } },
  // tlsOptional: only the allow-http requirement remains.
  'ingress-https-only-tls-optional': { all: { rules: ['https-redirect-disabled'] } },
  'unique-ingress-host': { all: { rules: ['host-collision'] } },
  'verify-1.22': { all: { rules: ['deprecated-api'] } },
};

/** Peer policies with no equivalent here, and why (docs/peer-conformance.md repeats these). */
const NOT_MAPPED: Record<string, string> = {
  'restrict-ingress-classes':
    'a site-specific allowlist of classes (HAProxy, nginx); ingress-audit does not restrict class names, it classifies them (classes.public / classes.internal) and reports class changes',
  'disallow-default-tlsoptions':
    'an admission check on who creates a Traefik TLSOption named default; a repository has no requesting user (ingress-rbac-widened covers who may write routing objects)',
};

interface Difference {
  policy: string;
  cases: string[];
  /** The peer rule that judged the case (Kyverno), when the policy has several and names them. */
  peerRule?: string;
  peer: 'fail' | 'pass';
  reason: string;
}

/** Cases where ingress-audit deliberately disagrees with the peer. Keep these few, each argued. */
const DIFFERENCES: Difference[] = [
  {
    policy: 'restrict-annotations',
    cases: ['alias', 'root', 'etc-passwd', 'var-run-secrets', 'lua'],
    peer: 'fail',
    reason:
      'the values sit under `nginx.org/bad`, a key no controller reads, so they never reach the proxy configuration; annotation-injection judges the annotations controllers interpolate (the CVE vectors). The same values under a real key fire — checked below.',
  },
  {
    policy: 'require-ingress-https',
    cases: ['badingress01', 'badingress02', 'badingress03'],
    peerRule: 'has-annotation',
    peer: 'fail',
    reason:
      '`kubernetes.io/ingress.allow-http` is read by GKE (and Contour); these Ingresses use other classes, where the annotation is a no-op and HTTPS behaviour is the controller\u2019s (ingress-nginx redirects to HTTPS whenever a tls section exists). On a GKE Ingress the same manifests fire https-redirect-disabled — checked below.',
  },
  {
    policy: 'ingress-https-only-tls-optional',
    cases: ['example-disallowed-tls-optional'],
    peer: 'fail',
    reason:
      'same as require-ingress-https: without a GKE class the allow-http annotation means nothing to the controller.',
  },
  {
    policy: 'disallow-ingress-nginx-custom-snippets',
    cases: ['config-map-true'],
    peerRule: 'check-config-map',
    peer: 'fail',
    reason:
      'controller ConfigMap hardening (`allow-snippet-annotations`) is not a rule yet; snippet-annotation reports every snippet on the Ingresses themselves, whatever the controller allows.',
  },
  {
    policy: 'restrict-ingress-host',
    cases: ['ingress-foo-host'],
    peerRule: 'deny-multiple-hosts',
    peer: 'fail',
    reason:
      'one host per Ingress is a style rule, not a risk: several hosts in one object collide with nobody.',
  },
  {
    policy: 'check-ingress-nginx-controller-version-and-annotation-policy',
    cases: ['bad-pod'],
    peer: 'fail',
    reason:
      'the controller\u2019s image version is cluster state, not part of the Ingress change under review.',
  },
];

interface Case {
  /** Where the case comes from, e.g. `kyverno other-cel/require-ingress-https`. */
  source: string;
  policy: string;
  name: string;
  peerRule: string | null;
  expected: 'fail' | 'pass';
  yaml: string;
  inventory: Record<string, string>;
  equivalent: Equivalent;
}

function documents(text: string): { yaml: string; kind: string; name: string }[] {
  return text
    .split(/^---\s*$/m)
    .map((yaml) => ({ yaml, body: parse(yaml) as { kind?: string; metadata?: { name?: string } } | null }))
    .filter((d) => d.body?.kind)
    .map((d) => ({ yaml: d.yaml, kind: d.body!.kind!, name: d.body!.metadata?.name ?? '' }));
}

function kyvernoCases(): Case[] {
  const root = join(CORPUS, 'kyverno');
  return readdirSync(root).flatMap((category) =>
    readdirSync(join(root, category)).flatMap((policy) => {
      const mapping = KYVERNO[policy];
      if (!mapping) return [];
      const dir = join(root, category, policy);
      const docs = documents(readFileSync(join(dir, 'resources.yaml'), 'utf8'));
      const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as {
        results: { kind: string; name: string; result: string; rule?: string }[];
      };
      const inventory = mapping.inventory?.(dir) ?? {};
      return expected.results
        .filter((r) => r.result === 'fail' || r.result === 'pass')
        .map((r) => {
          const matching = docs.filter((d) => d.kind === r.kind && d.name === r.name);
          if (matching.length !== 1)
            throw new Error(`${category}/${policy}: ${matching.length} documents for ${r.kind} ${r.name}`);
          return {
            source: `kyverno ${category}/${policy}`,
            policy,
            name: r.name,
            peerRule: r.rule ?? null,
            expected: r.result as 'fail' | 'pass',
            yaml: matching[0].yaml,
            inventory,
            equivalent: (r.rule && mapping.byPeerRule?.[r.rule]) || mapping.all,
          };
        });
    }),
  );
}

function gatekeeperCases(): Case[] {
  const root = join(CORPUS, 'gatekeeper');
  return readdirSync(root).flatMap((template) =>
    readdirSync(join(root, template)).flatMap((sample) => {
      const mapping = GATEKEEPER[sample];
      if (!mapping) return [];
      const dir = join(root, template, sample);
      const params = JSON.parse(readFileSync(join(dir, 'params.json'), 'utf8')) as {
        cases: {
          name: string;
          expected: string;
          file: string;
          doc_index: number;
          inventory?: { file: string; doc_index: number }[];
        }[];
      };
      const docOf = (file: string, index: number) =>
        documents(readFileSync(join(dir, file), 'utf8'))[index].yaml;
      return params.cases.map((c) => ({
        source: `gatekeeper ${template}/${sample}`,
        policy: sample,
        name: c.name,
        peerRule: null,
        expected: c.expected === 'disallowed' ? ('fail' as const) : ('pass' as const),
        yaml: docOf(c.file, c.doc_index),
        // Gatekeeper compares against synced cluster objects: they are unchanged files of the repository here.
        inventory: Object.fromEntries(
          (c.inventory ?? []).map((i, k) => [`inventory/${k}.yaml`, docOf(i.file, i.doc_index)]),
        ),
        equivalent: mapping.all,
      }));
    }),
  );
}

function equivalentFindings(c: Case): Finding[] {
  const result = auditYaml(undefined, { 'case.yaml': c.yaml }, {}, c.inventory);
  return raised(result).filter(
    (f) => c.equivalent.rules.includes(f.ruleId) && (c.equivalent.when?.(f) ?? true),
  );
}

const differenceFor = (c: Case) =>
  DIFFERENCES.find(
    (d) =>
      d.policy === c.policy &&
      d.cases.includes(c.name) && // Variants without rule names (ValidatingPolicy) report one result per resource.
      (d.peerRule === undefined || c.peerRule === null || d.peerRule === c.peerRule),
  );

describe.skipIf(!existsSync(CORPUS))('conformance with Kyverno and Gatekeeper test cases', () => {
  const cases = existsSync(CORPUS) ? [...kyvernoCases(), ...gatekeeperCases()] : [];
  const label = (c: Case) => `${c.source}${c.peerRule ? ` (${c.peerRule})` : ''}: ${c.name} is ${c.expected}`;

  it('every peer policy in the corpus is mapped to a rule or listed as not mapped', () => {
    const kyverno = readdirSync(join(CORPUS, 'kyverno')).flatMap((c) =>
      readdirSync(join(CORPUS, 'kyverno', c)),
    );
    const gatekeeper = readdirSync(join(CORPUS, 'gatekeeper')).flatMap((t) =>
      readdirSync(join(CORPUS, 'gatekeeper', t)),
    );
    expect(kyverno.filter((p) => !KYVERNO[p] && !NOT_MAPPED[p])).toEqual([]);
    expect(gatekeeper.filter((p) => !GATEKEEPER[p] && !NOT_MAPPED[p])).toEqual([]);
    expect(cases.length).toBeGreaterThan(50);
  });

  for (const c of cases) {
    const difference = differenceFor(c);
    if (difference)
      it(`${label(c)} — deliberate difference, still different`, () => {
        const found = equivalentFindings(c);
        expect(found.length > 0, difference.reason).toBe(c.expected === 'pass');
      });
    else
      it(`${label(c)} → ${c.expected === 'fail' ? c.equivalent.rules.join(' or ') : 'no equivalent finding'}`, () => {
        const found = equivalentFindings(c);
        if (c.expected === 'fail')
          expect(found.length, `no ${c.equivalent.rules.join('/')} finding`).toBeGreaterThan(0);
        else expect(found.map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
      });
  }

  it('every listed difference matches a case in the corpus', () => {
    for (const d of DIFFERENCES)
      for (const name of d.cases)
        expect(
          cases.some((c) => c.policy === d.policy && c.name === name && c.expected === d.peer),
          `${d.policy}: ${name}`,
        ).toBe(true);
  });

  describe('the differences are about the key or the controller, not the value', () => {
    it('the restrict-annotations values fire annotation-injection under a key the controller reads', () => {
      const real = cases.filter((c) => c.policy === 'restrict-annotations' && c.expected === 'fail');
      expect(real.length).toBeGreaterThan(0);
      for (const c of real) {
        const yaml = c.yaml.replace('nginx.org/bad:', 'nginx.org/rewrites:');
        const found = raised(auditYaml(undefined, yaml), 'annotation-injection');
        expect(found.length, c.name).toBeGreaterThan(0);
      }
    });

    it('allow-http "true" on a GKE Ingress fires https-redirect-disabled', () => {
      const c = cases.find((x) => x.policy === 'require-ingress-https' && x.name === 'badingress01')!;
      const gke = c.yaml.replace('ingressClassName: someingress', 'ingressClassName: gce');
      expect(raised(auditYaml(undefined, gke), 'https-redirect-disabled').length).toBeGreaterThan(0);
    });
  });
});
