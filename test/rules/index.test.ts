import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.ts';
import { renderRuleIndex, ruleFiles } from '../../scripts/generate-rule-index.ts';

describe('rule registry', () => {
  it('rules/index.ts lists every rule module (run `npm run rules:index` when this fails)', async () => {
    const { readFile } = await import('node:fs/promises');
    const committed = await readFile(new URL('../../rules/index.ts', import.meta.url), 'utf8');
    expect(committed).toBe(renderRuleIndex(ruleFiles()));
  });
  it('each module is named after its rule id and ids are unique', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    const files = ruleFiles()
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.slice(0, -3));
    expect(ids.sort()).toEqual(files.sort());
  });
});
