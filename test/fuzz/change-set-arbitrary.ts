/**
 * Pull requests to audit: files at base and head (each generated, taken from the seed corpus, or
 * mutated), with odd file names now and then. Small by default so a case runs in milliseconds;
 * `largeChangeSet` builds the reports that have to be cut to fit GitHub's limits.
 */
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import type { SourceFile } from '../../src/core/manifests/document.ts';
import { ingress, ingressFile, toYaml } from './ingress-arbitrary.ts';
import { applyMutations, mutation } from './mutation-arbitrary.ts';
import { SEED_CORPUS } from './seed-corpus.ts';

export interface FuzzChange {
  base: SourceFile[] | null;
  head: SourceFile[];
  unchanged: SourceFile[];
}

const seed: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: ingressFile },
  { weight: 1, arbitrary: fc.nat({ max: SEED_CORPUS.length - 1 }).map((i) => SEED_CORPUS[i]) },
);

export const fileContent: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  { weight: 2, arbitrary: seed },
  {
    weight: 3,
    arbitrary: fc
      .tuple(seed, fc.array(mutation, { minLength: 1, maxLength: 3 }))
      .map(([text, ms]) => applyMutations(text, ms)),
  },
);

const dir = fc.constantFrom('apps/shop', 'apps/api', 'infra', 'clusters/prod', '');
const fileName = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('ingress.yaml', 'routes.yml', 'gateway.yaml', 'all.yaml') },
  {
    weight: 1,
    arbitrary: fc.constantFrom('a b.yaml', 'ünï.yaml', '@org team #1.yaml', '`x`.yaml', 'x<img>.yaml'),
  },
);

const filePath = fc.tuple(dir, fileName).map(([d, n]) => (d ? `${d}/${n}` : n));

/** What happens to one path between base and head. */
const fileChange = fc.record({
  path: filePath,
  base: fc.option(fileContent, { nil: null }),
  head: fc.oneof(
    fc.constant<'same'>('same'),
    fc.constant(null),
    fileContent,
    fc.array(mutation, { minLength: 1, maxLength: 2 }),
  ),
});

function distinctPaths<T extends { path: string }>(items: T[]): T[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.path) && seen.add(i.path));
}

function asText(content: string | Uint8Array): string {
  return typeof content === 'string' ? content : Buffer.from(content).toString('latin1');
}

export const changeSet: fc.Arbitrary<FuzzChange> = fc
  .tuple(
    fc.array(fileChange, { minLength: 1, maxLength: 4 }),
    fc.array(fc.record({ path: filePath.map((p) => `ctx/${p}`), content: seed }), { maxLength: 2 }),
    fc.boolean(),
  )
  .map(([changes, unchanged, scan]) => {
    const base: SourceFile[] = [];
    const head: SourceFile[] = [];
    for (const c of distinctPaths(changes)) {
      if (c.base !== null) base.push({ path: c.path, content: c.base });
      const h =
        c.head === 'same'
          ? c.base
          : Array.isArray(c.head)
            ? applyMutations(asText(c.base ?? ''), c.head)
            : c.head;
      if (h !== null) head.push({ path: c.path, content: h });
    }
    return { base: scan ? null : base, head, unchanged: distinctPaths(unchanged) };
  });

/** A change that changes no object: the same bytes, a comment appended, or every file moved. */
export type BenignEdit = 'identical' | 'comment' | 'move';

/**
 * A comment after the last line changes no value — unless the text ends inside a quoted scalar or a
 * flow collection (a truncated file), where it would become part of the value. Such files, and bytes,
 * are left as they are.
 */
function appendComment(content: string | Uint8Array): string | Uint8Array {
  const text = typeof content === 'string' ? content : null;
  if (text === null || text.includes('\0') || parseAllDocuments(text).some((d) => d.errors.length > 0))
    return content;
  return `${text}${text === '' || text.endsWith('\n') ? '' : '\n'}# reviewed\n`;
}

export interface BenignChange {
  edit: BenignEdit;
  base: SourceFile[];
  head: SourceFile[];
}

export const benignChange: fc.Arbitrary<BenignChange> = fc
  .tuple(
    fc
      .array(fc.record({ path: filePath, content: fileContent }), { minLength: 1, maxLength: 4 })
      .map(distinctPaths),
    fc.constantFrom<BenignEdit>('identical', 'comment', 'move'),
  )
  .map(([base, edit]) => {
    const head =
      edit === 'identical'
        ? base
        : edit === 'move'
          ? base.map((f) => ({ ...f, path: `moved/${f.path}` }))
          : base.map((f) => ({ ...f, content: appendComment(f.content) }));
    return { edit, base, head };
  });

/** Many objects with long values: reports that only fit GitHub's limits once cut down. */
export const largeChangeSet: fc.Arbitrary<FuzzChange> = fc
  .tuple(
    fc.array(ingress, { minLength: 20, maxLength: 80 }),
    fc.integer({ min: 0, max: 20_000 }),
    fc.integer({ min: 1, max: 8 }),
  )
  .map(([objects, padding, perFile]) => {
    const head: SourceFile[] = [];
    for (let i = 0; i < objects.length; i += perFile) {
      const docs = objects.slice(i, i + perFile).map((o, k) => {
        // Distinct names, and a long snippet so messages, rows and annotations are big.
        o.metadata.name = `${o.metadata.name}-${i + k}`;
        o.metadata.annotations = {
          ...o.metadata.annotations,
          'nginx.ingress.kubernetes.io/server-snippet': `set $x "${'y'.repeat(padding)}";`,
        };
        return toYaml(o, 'block');
      });
      head.push({ path: `apps/app-${i}/ingress.yaml`, content: docs.join('---\n') });
    }
    return { base: [], head, unchanged: [] };
  });
