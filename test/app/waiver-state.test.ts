import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.ts';
import { applyWaivers } from '../../src/core/policy/waivers.ts';
import { readStickyState, withStickyState } from '../../src/github/sticky-state.ts';
import {
  addCommandWaivers,
  type CommandWaiver,
  readCommandWaivers,
  removeCommandWaivers,
  toCoreWaiver,
  withCommandWaivers,
} from '../../src/github/waiver-state.ts';

const waiver = (over: Partial<CommandWaiver> = {}): CommandWaiver => ({
  rule: 'wildcard-host',
  object: 'web/shop',
  reason: 'tenants',
  by: 'lead',
  at: '2026-05-01T10:00:00.000Z',
  objectHash: 'h1',
  ...over,
});
const finding: Finding = {
  ruleId: 'wildcard-host',
  severity: 'high',
  status: 'introduced',
  message: 'wildcard',
  object: { kind: 'Ingress', namespace: 'web', name: 'shop' },
  file: 'a.yaml',
  line: 12,
  host: '*.example.com',
  path: '/',
  fingerprint: 'fp',
  waived: null,
};

describe('command waivers in the sticky state', () => {
  it('round-trip through the hidden state of the comment, next to other keys', () => {
    const body = withStickyState('summary', withCommandWaivers({ headSha: 'abc' }, [waiver()]));

    const state = readStickyState(body);

    expect(state?.headSha).toBe('abc');
    expect(readCommandWaivers(state)).toEqual([waiver()]);
  });

  it('drop entries that do not have the waiver shape', () => {
    expect(readCommandWaivers({ waivers: [waiver(), { rule: 'x' }, 'junk'] })).toEqual([waiver()]);
    expect(readCommandWaivers({ waivers: 'nope' })).toEqual([]);
    expect(readCommandWaivers(null)).toEqual([]);
  });

  it('a new waiver for the same rule and object replaces the old one', () => {
    const updated = addCommandWaivers(
      [waiver(), waiver({ rule: 'tls-removed' })],
      [waiver({ reason: 'newer', by: 'boss' })],
    );

    expect(updated).toHaveLength(2);
    expect(updated.find((w) => w.rule === 'wildcard-host')).toMatchObject({ reason: 'newer', by: 'boss' });
  });

  it('unwaive without an object removes the rule on every object', () => {
    const { kept, removed } = removeCommandWaivers(
      [waiver(), waiver({ object: 'web/blog' }), waiver({ rule: 'tls-removed' })],
      'wildcard-host',
      null,
    );

    expect(removed).toHaveLength(2);
    expect(kept).toEqual([waiver({ rule: 'tls-removed' })]);
  });

  it('waives the finding while the object keeps the hash it was waived at, and lapses once it changes', () => {
    const core = toCoreWaiver(waiver());
    const now = new Date('2026-05-02T00:00:00Z');

    const same = applyWaivers([finding], [core], now, new Map([['web/shop', 'h1']]));
    const changed = applyWaivers([finding], [core], now, new Map([['web/shop', 'h2']]));

    expect(same[0].waived).toMatchObject({
      by: 'lead',
      reason: 'tenants',
      at: '2026-05-01',
      source: 'command',
    });
    expect(changed[0].waived).toBeNull();
  });
});
