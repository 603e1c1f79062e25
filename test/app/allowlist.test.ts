import { describe, expect, it } from 'vitest';
import { parseAllowlist, refusedBy } from '../../src/app/allowlist.ts';

const event = (fullName: string, installation = 7) => ({
  repository: { full_name: fullName },
  installation: { id: installation },
});

describe('ALLOWED_REPOS / ALLOWED_INSTALLATIONS', () => {
  it('allows everything when neither is set', () => {
    expect(refusedBy(parseAllowlist({}), event('anyone/anything'))).toBeNull();
  });

  it('allows only the listed repositories, case-insensitively, comma or space separated', () => {
    const allow = parseAllowlist({ ALLOWED_REPOS: 'Acme/GitOps, acme/infra other/x' });

    expect(refusedBy(allow, event('acme/gitops'))).toBeNull();
    expect(refusedBy(allow, event('other/x'))).toBeNull();
    expect(refusedBy(allow, event('acme/secret'))).toMatch(/acme\/secret is not in ALLOWED_REPOS/);
  });

  it('allows only the listed installations, and refuses an event without one', () => {
    const allow = parseAllowlist({ ALLOWED_INSTALLATIONS: '7, 8' });

    expect(refusedBy(allow, event('acme/gitops', 8))).toBeNull();
    expect(refusedBy(allow, event('acme/gitops', 9))).toMatch(/installation 9/);
    expect(refusedBy(allow, { repository: { full_name: 'acme/gitops' } })).toMatch(/installation \(none\)/);
  });
});
