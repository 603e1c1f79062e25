/** Loads YAML strings and runs every controller profile over them: the model as rules will see it. */
import { normalise } from '../../../src/core/controllers/index.ts';
import type { ManifestDocument } from '../../../src/core/manifests/document.ts';
import { loadFiles } from '../../../src/core/manifests/load.ts';
import type { ObjectExposure } from '../../../src/core/model/exposure.ts';
import { configSchema } from '../../../src/core/policy/config-schema.ts';

export function normaliseYaml(
  files: string | Record<string, string>,
  config: Record<string, unknown> = {},
): ObjectExposure[] {
  const entries = Object.entries(typeof files === 'string' ? { 'manifests.yaml': files } : files);
  const { documents } = loadFiles(entries.map(([path, content]) => ({ path, content })));
  const documentsByKind = new Map<string, ManifestDocument[]>();
  for (const doc of documents) documentsByKind.set(doc.kind, [...(documentsByKind.get(doc.kind) ?? []), doc]);
  return normalise(documents, { config: configSchema.parse(config), documentsByKind });
}

/** The one view of `kind`/`name` (fails loudly when missing, so a test cannot pass on nothing). */
export function view(views: ObjectExposure[], kind: string, name: string): ObjectExposure {
  const found = views.find((v) => v.ref.kind === kind && v.ref.name === name);
  if (!found)
    throw new Error(`no ${kind} ${name} among ${views.map((v) => `${v.ref.kind}/${v.ref.name}`).join(', ')}`);
  return found;
}
