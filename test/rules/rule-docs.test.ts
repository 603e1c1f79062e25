/** The committed rule pages are exactly what the rules' meta renders (ESLint-style docs check). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.ts';
import { RULE_DOCS_DIR, renderRuleDocs } from '../../scripts/generate-rule-docs.ts';

const STALE = 'docs/rules is out of date: run `npm run docs:rules` and commit the result';
const pages = renderRuleDocs();

describe('docs/rules', () => {
  it('has a page for every rule, the index, and nothing else', () => {
    const committed = existsSync(RULE_DOCS_DIR)
      ? readdirSync(RULE_DOCS_DIR).filter((f) => f.endsWith('.md'))
      : [];
    expect(committed.sort(), STALE).toEqual([...pages.keys()].sort());
  });

  it.each([...pages.keys()])('%s matches the rule meta', (file) => {
    const path = join(RULE_DOCS_DIR, file);
    expect(existsSync(path), STALE).toBe(true);
    expect(readFileSync(path, 'utf8'), STALE).toBe(pages.get(file));
  });

  it('every page has the sections a reader needs, and the index links every rule', () => {
    for (const rule of allRules) {
      const page = pages.get(`${rule.meta.id}.md`)!;
      for (const section of [
        '## Why it matters',
        '## What fires',
        '## How to fix',
        '## Examples',
        '#### Fires:',
        '#### Does not fire:',
      ])
        expect(page, `${rule.meta.id}: ${section}`).toContain(section);
      expect(pages.get('README.md')).toContain(`](${rule.meta.id}.md)`);
    }
  });
});
