/** Every rule's documented examples behave as documented (the docs are generated from the same meta). */
import { describe, expect, it } from 'vitest';
import { allRules } from '../../rules/index.ts';
import { auditYaml, raised } from '../support/audit-yaml.ts';

describe.each(allRules.map((r) => [r.meta.id, r] as const))('%s', (id, rule) => {
  it('has at least one example that fires and one that does not', () => {
    expect(rule.meta.examples.fires.length).toBeGreaterThan(0);
    expect(rule.meta.examples.passes.length).toBeGreaterThan(0);
  });
  for (const ex of rule.meta.examples.fires)
    it(`fires: ${ex.name}`, () => {
      const found = raised(auditYaml(ex.base, ex.head, ex.config), id);
      expect(
        found.length,
        JSON.stringify(auditYaml(ex.base, ex.head, ex.config).findings, null, 1),
      ).toBeGreaterThan(0);
      for (const f of found) expect(f.line).toBeGreaterThanOrEqual(1);
    });
  for (const ex of rule.meta.examples.passes)
    it(`does not fire: ${ex.name}`, () => {
      expect(raised(auditYaml(ex.base, ex.head, ex.config), id)).toEqual([]);
    });
});
