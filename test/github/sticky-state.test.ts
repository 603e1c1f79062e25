import { describe, expect, it } from 'vitest';
import { readStickyState, withStickyState } from '../../src/github/sticky-state.ts';

describe('sticky state', () => {
  it('round-trips JSON state through a hidden base64url marker', () => {
    const state = { headSha: 'abc', waivers: [{ rule: 'wildcard-host', reason: 'ok --> <!-- "quoted" ✓' }] };
    const body = withStickyState('## Summary', state);

    expect(body).toMatch(/^## Summary\n\n<!-- ingress-audit:state [A-Za-z0-9_-]+ -->$/);
    expect(readStickyState(body)).toEqual(state);
  });

  it('replaces an existing state marker instead of adding a second one', () => {
    const body = withStickyState(withStickyState('text', { n: 1 }), { n: 2 });

    expect(body.match(/ingress-audit:state/g)).toHaveLength(1);
    expect(readStickyState(body)).toEqual({ n: 2 });
  });

  it('reads no state from a body without a marker, or with one that does not decode to an object', () => {
    expect(readStickyState('## just text')).toBeNull();
    expect(readStickyState('<!-- ingress-audit:state bm90IGpzb24 -->')).toBeNull(); // "not json"
    expect(
      readStickyState(`<!-- ingress-audit:state ${Buffer.from('[1]').toString('base64url')} -->`),
    ).toBeNull();
  });
});
