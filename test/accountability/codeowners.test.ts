import { describe, expect, it } from 'vitest';
import {
  matchingRule,
  ownersFor,
  parseCodeowners,
  pickCodeowners,
} from '../../src/core/owners/codeowners.ts';

const owners = (text: string, path: string) => ownersFor(parseCodeowners(text), path);

describe('CODEOWNERS matching (GitHub rules)', () => {
  it('the last matching pattern wins, not the most specific one', () => {
    const text = ['apps/shop/ @shop-team', '*.yaml @platform'].join('\n');
    expect(owners(text, 'apps/shop/ingress.yaml')).toEqual(['@platform']);
    expect(owners(text, 'apps/shop/README.md')).toEqual(['@shop-team']);
  });

  it('a later, broader pattern overrides an earlier, narrower one, and vice versa', () => {
    expect(owners('/apps/shop/ingress.yaml @a\n* @everyone', 'apps/shop/ingress.yaml')).toEqual([
      '@everyone',
    ]);
    expect(owners('* @everyone\n/apps/shop/ingress.yaml @a @org/b', 'apps/shop/ingress.yaml')).toEqual([
      '@a',
      '@org/b',
    ]);
  });

  it('*.yaml matches at any depth', () => {
    expect(owners('*.yaml @yaml', 'deep/er/x.yaml')).toEqual(['@yaml']);
    expect(owners('*.yaml @yaml', 'x.yml')).toEqual([]);
  });

  it('a leading slash anchors /docs/ to the repository root', () => {
    const text = '/docs/ @docs';
    expect(owners(text, 'docs/guide/a.md')).toEqual(['@docs']);
    expect(owners(text, 'apps/docs/a.md')).toEqual([]);
  });

  it('an unanchored directory pattern matches that folder anywhere, with everything below it', () => {
    const text = 'apps/ @apps';
    expect(owners(text, 'apps/x.yaml')).toEqual(['@apps']);
    expect(owners(text, 'team/apps/deep/x.yaml')).toEqual(['@apps']);
    expect(owners(text, 'apps.yaml')).toEqual([]);
  });

  it('a pattern with a slash in the middle is anchored to the root', () => {
    expect(owners('build/logs/ @logs', 'build/logs/a')).toEqual(['@logs']);
    expect(owners('build/logs/ @logs', 'x/build/logs/a')).toEqual([]);
  });

  it('**/logs matches a logs folder at any depth', () => {
    expect(owners('**/logs @logs', 'deeply/nested/logs/x.yaml')).toEqual(['@logs']);
    expect(owners('**/logs @logs', 'logs/x.yaml')).toEqual(['@logs']);
  });

  it('docs/* owns files directly in docs/ but not nested ones', () => {
    const text = 'docs/* @docs';
    expect(owners(text, 'docs/getting-started.md')).toEqual(['@docs']);
    expect(owners(text, 'docs/build-app/troubleshooting.md')).toEqual([]);
  });

  it('a matching line without owners leaves the path unowned', () => {
    const text = '/apps/ @octocat\n/apps/github';
    expect(owners(text, 'apps/x.yaml')).toEqual(['@octocat']);
    expect(owners(text, 'apps/github/x.yaml')).toEqual([]);
    expect(matchingRule(parseCodeowners(text), 'apps/github/x.yaml')?.line).toBe(2);
  });

  it('paths are case sensitive', () => {
    expect(owners('/Docs/ @docs', 'docs/a.md')).toEqual([]);
  });

  it('e-mail owners are kept; comments and blank lines are skipped, also after the owners', () => {
    const text = '# header\n\n*.yaml  ops@example.com @ops # the ops team\n';
    expect(owners(text, 'a.yaml')).toEqual(['ops@example.com', '@ops']);
  });

  it('escaped spaces stay inside a pattern', () => {
    expect(owners('my\\ apps/ @spaces', 'my apps/x.yaml')).toEqual(['@spaces']);
  });

  it('skips lines GitHub rejects and reports them with their line', () => {
    const parsed = parseCodeowners('* @all\n!secret.yaml @nobody\n[ab].yaml @x\n*.yaml not-an-owner!\n');
    expect(parsed.rules.map((r) => r.line)).toEqual([1]);
    expect(parsed.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(ownersFor(parsed, 'secret.yaml')).toEqual(['@all']);
  });

  it('no CODEOWNERS means no owners', () => {
    expect(ownersFor(null, 'a.yaml')).toEqual([]);
  });
});

describe('CODEOWNERS file location', () => {
  const files = (entries: Record<string, string>) => (path: string) => entries[path];

  it('.github/CODEOWNERS is used before the root and docs/ files', () => {
    const picked = pickCodeowners(
      files({ 'docs/CODEOWNERS': '* @docs', CODEOWNERS: '* @root', '.github/CODEOWNERS': '* @github' }),
    );
    expect(picked?.file).toBe('.github/CODEOWNERS');
    expect(ownersFor(picked, 'a.yaml')).toEqual(['@github']);
  });

  it('the root file comes before docs/CODEOWNERS, which is the last resort', () => {
    expect(pickCodeowners(files({ 'docs/CODEOWNERS': '* @docs', CODEOWNERS: '* @root' }))?.file).toBe(
      'CODEOWNERS',
    );
    expect(pickCodeowners(files({ 'docs/CODEOWNERS': '* @docs' }))?.file).toBe('docs/CODEOWNERS');
    expect(pickCodeowners(files({}))).toBeNull();
  });

  it('an empty file in the first location still wins (and owns nothing)', () => {
    const picked = pickCodeowners(files({ '.github/CODEOWNERS': '', CODEOWNERS: '* @root' }));
    expect(picked?.file).toBe('.github/CODEOWNERS');
    expect(ownersFor(picked, 'a.yaml')).toEqual([]);
  });
});
