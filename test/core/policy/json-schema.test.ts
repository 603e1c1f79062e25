import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { renderConfigJsonSchema, SCHEMA_FILE } from '../../../scripts/generate-schema.ts';

describe('docs/schema/ingress-audit.schema.json', () => {
  it('matches the zod config schema (run npm run schema when this fails)', async () => {
    const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
    expect(
      committed === renderConfigJsonSchema(),
      'docs/schema/ingress-audit.schema.json is stale: run npm run schema',
    ).toBe(true);
  });

  it('describes what users write: keys with defaults are optional, unknown keys are not allowed', () => {
    const schema = JSON.parse(renderConfigJsonSchema());
    expect(schema.required).toBeUndefined();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.failOn.default).toBe('high');
    expect(schema.properties.waivers.items.required).toEqual(['rule', 'reason']);
  });
});
