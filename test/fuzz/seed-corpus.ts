/**
 * Real manifests to mutate: every YAML file of the scenario fixtures and every rule example, so the
 * fuzzer starts from documents of every controller family (Traefik, Gateway API, Istio, Kong…), not
 * only the Ingresses the generator writes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allRules } from '../../rules/index.ts';

const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name) && !e.parentPath.includes('.github'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

function ruleExamples(): string[] {
  const out: string[] = [];
  for (const rule of allRules)
    for (const example of [...rule.meta.examples.fires, ...rule.meta.examples.passes]) {
      if (example.base) out.push(example.base);
      out.push(example.head);
    }
  return out;
}

/** Distinct seed texts, in a stable order (the same seed number always means the same file). */
export const SEED_CORPUS: readonly string[] = [
  ...new Set([...yamlFiles(FIXTURES).map((f) => readFileSync(f, 'utf8')), ...ruleExamples()]),
];
