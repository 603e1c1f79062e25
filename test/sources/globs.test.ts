import { describe, expect, it } from 'vitest';
import { makeMatcher } from '../../src/sources/globs.ts';

describe('makeMatcher', () => {
  const matches = makeMatcher(['**/*.yaml', '**/*.yml'], ['charts/**', '**/kustomization.yaml']);

  it('matches included files at any depth, dot-folders included', () => {
    expect(matches('a.yaml')).toBe(true);
    expect(matches('apps/shop/ingress.yml')).toBe(true);
    expect(matches('.deploy/prod/ingress.yaml')).toBe(true);
  });

  it('rejects files outside include and files matched by exclude', () => {
    expect(matches('README.md')).toBe(false);
    expect(matches('charts/web/templates/ingress.yaml')).toBe(false);
    expect(matches('apps/kustomization.yaml')).toBe(false);
  });

  it('an empty include list matches every path not excluded', () => {
    const all = makeMatcher([], ['*.md']);
    expect(all('anything/at/all.txt')).toBe(true);
    expect(all('README.md')).toBe(false);
  });
});
