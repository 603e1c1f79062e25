/**
 * Writes docs/schema/ingress-audit.schema.json from the zod config schema (`npm run schema`).
 * test/core/policy/json-schema.test.ts fails when the committed file is stale.
 */
import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { configSchema } from '../src/core/policy/config-schema.ts';

export const SCHEMA_FILE = new URL('../docs/schema/ingress-audit.schema.json', import.meta.url);

/** The JSON Schema text, exactly as committed. */
export function renderConfigJsonSchema(): string {
  // `io: 'input'` describes what users write: keys with defaults are optional.
  const generated = z.toJSONSchema(configSchema, { io: 'input' });
  const { $schema, ...rest } = generated;
  const schema = {
    $schema,
    // Relative: the published URL depends on where the repository is hosted.
    $id: 'ingress-audit.schema.json',
    title: 'ingress-audit repository config (.github/ingress-audit.yml)',
    ...rest,
  };
  return `${JSON.stringify(schema, null, 2)}\n`;
}

if (import.meta.main) {
  await writeFile(SCHEMA_FILE, renderConfigJsonSchema());
  console.log(`wrote ${SCHEMA_FILE.pathname}`);
}
