import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.ts';
import {
  highRiskObjects,
  ownerReviewGate,
  ownerReviewMet,
  withOwnerReview,
} from '../../../src/core/owners/owner-review-gate.ts';
import {
  insertSection,
  ownerReviewLines,
  renderOwnerReview,
} from '../../../src/core/owners/render-owner-review.ts';
import { WORD_JOINER } from '../../../src/core/report/escape.ts';
import { auditYaml } from '../../support/audit-yaml.ts';

function finding(over: Partial<Finding> & { name?: string }): Finding {
  const { name = 'shop', ...rest } = over;
  return {
    ruleId: 'wildcard-host',
    severity: 'high',
    status: 'introduced',
    message: 'm',
    object: { kind: 'Ingress', namespace: 'web', name },
    file: `apps/${name}.yaml`,
    line: 3,
    host: null,
    path: null,
    fingerprint: `fp-${name}-${over.ruleId ?? 'wildcard-host'}`,
    waived: null,
    ...rest,
  };
}
const SHOP = 'Ingress web/shop';
const owners = new Map([[SHOP, ['@acme/shop', '@alice']]]);

describe('highRiskObjects', () => {
  it('counts introduced or worsened findings of severity high or critical that nobody waived', () => {
    const objects = highRiskObjects([
      finding({ name: 'a' }),
      finding({ name: 'b', severity: 'critical', status: 'worsened' }),
      finding({ name: 'c', severity: 'medium' }),
      finding({ name: 'd', status: 'preexisting' }),
      finding({ name: 'e', status: 'resolved' }),
      finding({
        name: 'f',
        waived: {
          rule: 'wildcard-host',
          object: null,
          reason: 'ok',
          by: null,
          at: null,
          expires: null,
          source: 'config',
        },
      }),
    ]);
    expect([...objects.keys()]).toEqual(['Ingress web/a', 'Ingress web/b']);
  });

  it('names each rule once per object', () => {
    const objects = highRiskObjects([
      finding({}),
      finding({ fingerprint: 'other' }),
      finding({ ruleId: 'tls-removed' }),
    ]);
    expect(objects.get(SHOP)).toEqual(['wildcard-host', 'tls-removed']);
  });
});

describe('ownerReviewGate', () => {
  it('a high-risk object without an approving owner waits for its owners', () => {
    const gate = ownerReviewGate([finding({})], owners, new Set());
    expect(gate.waiting).toEqual([
      { object: SHOP, owners: ['@acme/shop', '@alice'], rules: ['wildcard-host'], approvedBy: [] },
    ]);
    expect(ownerReviewMet(gate)).toBe(false);
  });

  it('an approval from one owner (user or team, any case) is enough', () => {
    for (const by of ['@alice', '@ALICE', '@Acme/Shop']) {
      const gate = ownerReviewGate([finding({})], owners, new Set([by]));
      expect(gate.waiting).toEqual([]);
      expect(gate.approved.map((o) => o.object)).toEqual([SHOP]);
      expect(ownerReviewMet(gate)).toBe(true);
    }
  });

  it('an approval from someone who owns another object does not count', () => {
    const gate = ownerReviewGate([finding({})], owners, new Set(['@bob', '@acme/web']));
    expect(gate.waiting.map((o) => o.object)).toEqual([SHOP]);
  });

  it('every high-risk object needs its own owner: one approved, one still waiting', () => {
    const two = new Map([...owners, ['Ingress web/api', ['@acme/api']]]);
    const gate = ownerReviewGate([finding({}), finding({ name: 'api' })], two, new Set(['@alice']));
    expect(gate.approved.map((o) => [o.object, o.approvedBy])).toEqual([[SHOP, ['@alice']]]);
    expect(gate.waiting.map((o) => o.object)).toEqual(['Ingress web/api']);
  });

  it('an object CODEOWNERS gives no owner is not gated (nobody to ask), and says so', () => {
    const gate = ownerReviewGate([finding({ name: 'orphan' })], owners, new Set());
    expect(gate.unowned).toEqual(['Ingress web/orphan']);
    expect(ownerReviewMet(gate)).toBe(true);
  });

  it('a problem (CODEOWNERS or reviews unreadable) fails the gate, but only when there is a high-risk change', () => {
    expect(ownerReviewMet(ownerReviewGate([finding({})], owners, new Set(['@alice']), ['boom']))).toBe(false);
    const quiet = ownerReviewGate([finding({ severity: 'low' })], owners, new Set(), ['boom']);
    expect(quiet.problems).toEqual([]);
    expect(ownerReviewMet(quiet)).toBe(true);
  });
});

describe('withOwnerReview', () => {
  const SAFE = `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: { name: shop, namespace: web }
spec:
  ingressClassName: nginx
  rules:
    - host: shop.example.com
      http:
        paths:
          - { path: /, pathType: Prefix, backend: { service: { name: shop, port: { number: 80 } } } }
`;
  const WILD = SAFE.replace('host: shop.example.com', 'host: "*.example.com"');

  it('fails a change no finding fails by itself (failOn critical) while the owner has not approved', () => {
    const result = auditYaml(SAFE, WILD, { failOn: 'critical' });
    expect(result.conclusion).toBe('success');
    const gate = ownerReviewGate(result.findings, owners, new Set());
    expect(gate.waiting.map((o) => o.object)).toEqual([SHOP]);
    expect(withOwnerReview(result, gate).conclusion).toBe('failure');
    const approved = ownerReviewGate(result.findings, owners, new Set(['@acme/shop']));
    expect(withOwnerReview(result, approved)).toBe(result);
  });
});

describe('renderOwnerReview', () => {
  it('says which object waits for which owners, without creating a mention', () => {
    const section = renderOwnerReview(
      ownerReviewGate([finding({})], new Map([[SHOP, ['@acme/shop']]]), new Set()),
    );
    expect(section).toContain('Waiting for owner review');
    expect(section.replaceAll(WORD_JOINER, '').replaceAll('\\', '')).toContain(
      'Ingress web/shop (wildcard-host) needs an approving review from @acme/shop (CODEOWNERS)',
    );
    expect(section).not.toMatch(/@(?!\u2060)/);
  });

  it('lists several owners as "one of", and nothing at all when no change is high-risk', () => {
    expect(ownerReviewLines(ownerReviewGate([finding({})], owners, new Set()))).toEqual([
      'Ingress web/shop (wildcard-host) needs an approving review from one of @acme/shop, @alice (CODEOWNERS)',
    ]);
    expect(renderOwnerReview(ownerReviewGate([], owners, new Set()))).toBe('');
  });

  it('insertSection puts the section after the heading and the risk line', () => {
    const report = '### heading\n\n**Risk** line\n\n#### Findings\n\ntable\n';
    expect(insertSection(report, 'GATE')).toBe(
      '### heading\n\n**Risk** line\n\nGATE\n\n#### Findings\n\ntable\n',
    );
    expect(insertSection('only\n', 'GATE')).toBe('only\n\nGATE\n');
  });
});
