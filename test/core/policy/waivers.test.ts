import { describe, expect, it } from 'vitest';
import type { Finding, Waiver } from '../../../src/core/findings.ts';
import { parseConfig } from '../../../src/core/policy/config.ts';
import { applyWaivers, configWaivers, parseInlineWaivers } from '../../../src/core/policy/waivers.ts';

function finding(ruleId: string, namespace: string | null, name: string): Finding {
  return {
    ruleId,
    severity: 'high',
    status: 'introduced',
    message: 'm',
    object: { kind: 'Ingress', namespace, name },
    file: 'f.yaml',
    line: 1,
    host: null,
    path: null,
    fingerprint: `${ruleId}/${namespace}/${name}`,
    waived: null,
  };
}

function waiver(rule: string, object: string | null, extra: Partial<Waiver> = {}): Waiver {
  return { rule, object, reason: 'accepted', by: null, at: null, expires: null, source: 'config', ...extra };
}

const NOW = new Date('2026-03-10T12:00:00Z');

describe('applyWaivers', () => {
  it('matches by rule id and namespace/name', () => {
    const [shop, blog, other] = applyWaivers(
      [
        finding('wildcard-host', 'web', 'shop'),
        finding('wildcard-host', 'web', 'blog'),
        finding('tls-removed', 'web', 'shop'),
      ],
      [waiver('wildcard-host', 'web/shop')],
      NOW,
    );
    expect(shop.waived).toMatchObject({ rule: 'wildcard-host', object: 'web/shop', reason: 'accepted' });
    expect(blog.waived).toBeNull();
    expect(other.waived).toBeNull();
  });

  it('a bare name matches an object without namespace, not a namespaced one', () => {
    const [clusterScoped, namespaced] = applyWaivers(
      [finding('default-namespace', null, 'shop'), finding('default-namespace', 'web', 'shop')],
      [waiver('default-namespace', 'shop')],
      NOW,
    );
    expect(clusterScoped.waived).not.toBeNull();
    expect(namespaced.waived).toBeNull();
  });

  it('a waiver without object matches every object of its rule', () => {
    const results = applyWaivers(
      [
        finding('wildcard-host', 'a', 'x'),
        finding('wildcard-host', null, 'y'),
        finding('tls-removed', 'a', 'x'),
      ],
      [waiver('wildcard-host', null)],
      NOW,
    );
    expect(results.map((f) => f.waived !== null)).toEqual([true, true, false]);
  });

  it('a waiver expiring today still waives; one that expired yesterday is attached as expired', () => {
    const today = applyWaivers(
      [finding('r', 'a', 'x')],
      [waiver('r', 'a/x', { expires: '2026-03-10' })],
      NOW,
    )[0];
    expect(today.waived).toMatchObject({ expires: '2026-03-10', expired: false });
    const yesterday = applyWaivers(
      [finding('r', 'a', 'x')],
      [waiver('r', 'a/x', { expires: '2026-03-09' })],
      NOW,
    )[0];
    expect(yesterday.waived).toBeNull();
    expect(yesterday.expiredWaiver).toMatchObject({ expires: '2026-03-09' });
  });

  it('expiry is judged in UTC whatever the time of day', () => {
    const lateEvening = new Date('2026-03-09T23:59:59Z');
    const early = new Date('2026-03-10T00:00:01Z');
    const w = [waiver('r', null, { expires: '2026-03-09' })];
    expect(applyWaivers([finding('r', 'a', 'x')], w, lateEvening)[0].waived).not.toBeNull();
    expect(applyWaivers([finding('r', 'a', 'x')], w, early)[0].waived).toBeNull();
  });

  it('a valid waiver wins over an expired one for the same finding', () => {
    const [result] = applyWaivers(
      [finding('r', 'a', 'x')],
      [waiver('r', 'a/x', { expires: '2020-01-01', reason: 'old' }), waiver('r', 'a/x', { reason: 'new' })],
      NOW,
    );
    expect(result.waived?.reason).toBe('new');
    expect(result.expiredWaiver).toBeNull();
  });

  it('a command waiver holds while the object hash is unchanged and lapses when it changes', () => {
    const command = waiver('r', 'a/x', { source: 'command', by: 'octocat', objectHash: 'h1' });
    const same = applyWaivers([finding('r', 'a', 'x')], [command], NOW, new Map([['a/x', 'h1']]))[0];
    expect(same.waived).toMatchObject({ source: 'command', by: 'octocat' });
    const changed = applyWaivers([finding('r', 'a', 'x')], [command], NOW, new Map([['a/x', 'h2']]))[0];
    expect(changed.waived).toBeNull();
    expect(changed.expiredWaiver).toBeUndefined();
    const gone = applyWaivers([finding('r', 'a', 'x')], [command], NOW, new Map())[0];
    expect(gone.waived).toBeNull();
  });

  it('does not modify the findings it is given', () => {
    const input = [finding('r', 'a', 'x')];
    applyWaivers(input, [waiver('r', null)], NOW);
    expect(input[0].waived).toBeNull();
  });
});

describe('configWaivers', () => {
  it('turns config entries into waivers from source config', () => {
    const { config } = parseConfig(
      'waivers:\n  - { rule: wildcard-host, object: web/shop, reason: ok, by: alice, expires: 2027-01-31 }\n  - { rule: tls-removed, reason: legacy }\n',
      'cfg.yml',
    );
    expect(configWaivers(config)).toEqual([
      {
        rule: 'wildcard-host',
        object: 'web/shop',
        reason: 'ok',
        by: 'alice',
        at: null,
        expires: '2027-01-31',
        source: 'config',
      },
      {
        rule: 'tls-removed',
        object: null,
        reason: 'legacy',
        by: null,
        at: null,
        expires: null,
        source: 'config',
      },
    ]);
  });
});

describe('parseInlineWaivers', () => {
  it('reads rule: reason entries separated by newlines or semicolons', () => {
    expect(
      parseInlineWaivers(
        'wildcard-host: marketing site\ntls-removed: TLS at the CDN; cors-widened:  public API ',
      ),
    ).toEqual([
      { rule: 'wildcard-host', reason: 'marketing site' },
      { rule: 'tls-removed', reason: 'TLS at the CDN' },
      { rule: 'cors-widened', reason: 'public API' },
    ]);
  });

  it('keeps colons inside the reason and accepts an entry without reason', () => {
    expect(parseInlineWaivers('snippet-annotation: see https://example.com/x\n\ndefault-namespace')).toEqual([
      { rule: 'snippet-annotation', reason: 'see https://example.com/x' },
      { rule: 'default-namespace', reason: '' },
    ]);
  });

  it('skips entries whose rule is not an id', () => {
    expect(parseInlineWaivers('this is not: a waiver; ok-rule: fine; : empty')).toEqual([
      { rule: 'ok-rule', reason: 'fine' },
    ]);
  });
});
