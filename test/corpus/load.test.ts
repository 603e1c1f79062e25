/**
 * The loader against the shared corpus of real-world files (see ../shared/corpus/SOURCES.md).
 * Skipped when the corpus is not checked out next to the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { LoadedFiles, SourceFile } from '../../src/core/manifests/document.ts';
import { isIngressFamily } from '../../src/core/manifests/kinds.ts';
import { loadFiles } from '../../src/core/manifests/load.ts';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CORPUS = resolve(REPO_ROOT, '../shared/corpus');
const exists = existsSync(join(CORPUS, 'manifests'));

function yamlFilesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...yamlFilesUnder(path));
    else if (/\.ya?ml$/.test(name)) out.push(path);
  }
  return out;
}

/** Bytes, as a front door hands them over: the loader decodes and checks them itself. */
function sourceFiles(folder: string): SourceFile[] {
  return yamlFilesUnder(join(CORPUS, folder)).map((path) => ({
    path: relative(CORPUS, path),
    content: new Uint8Array(readFileSync(path)),
  }));
}

function expectWellFormedNotices(result: LoadedFiles, files: SourceFile[]): void {
  const paths = new Set(files.map((f) => f.path));
  for (const notice of result.notices) {
    expect(paths.has(notice.file), notice.file).toBe(true);
    expect(Number.isInteger(notice.line) && notice.line >= 1, `${notice.file}: ${notice.message}`).toBe(true);
    expect(notice.message.length).toBeGreaterThan(0);
  }
  for (const doc of result.documents) {
    expect(doc.line).toBeGreaterThanOrEqual(1);
    for (const error of doc.schemaErrors) expect(error.line).toBeGreaterThanOrEqual(doc.line);
  }
}

interface IndexDocument {
  apiVersion: string | null;
  kind: string | null;
  name: string | null;
  namespace: string | null;
  family: boolean;
}
interface Index {
  manifests: { files: { file: string; documents: IndexDocument[] }[] };
}

describe.skipIf(!exists)('corpus: loadFiles on real-world files', () => {
  it('manifests/: parses every file, and finds every object the corpus index lists', () => {
    const files = sourceFiles('manifests');
    const result = loadFiles(files);
    expectWellFormedNotices(result, files);
    // The corpus promises these files parse (PyYAML and node-yaml) and hold no template syntax.
    expect(result.notices.filter((n) => n.kind !== 'schema')).toEqual([]);

    const family = result.documents.filter((d) => isIngressFamily(d.apiVersion, d.kind));
    expect(family.length).toBeGreaterThan(1_200);

    const loaded = new Set(
      result.documents.map((d) => `${d.file}|${d.apiVersion}|${d.kind}|${d.namespace}|${d.name}`),
    );
    const index = JSON.parse(readFileSync(join(CORPUS, 'INDEX.json'), 'utf8')) as Index;
    const missing: string[] = [];
    for (const { file, documents } of index.manifests.files)
      for (const d of documents) {
        // Objects without apiVersion, kind or name are refused by Kubernetes: a notice, not an object.
        if (d.apiVersion === null || d.kind === null || d.name === null) continue;
        const key = `${file}|${d.apiVersion}|${d.kind}|${d.namespace}|${d.name}`;
        if (!loaded.has(key)) missing.push(key);
      }
    expect(missing).toEqual([]);

    // Every file holds an Ingress-family object (that is how the corpus was selected) or says why not.
    const explained = new Set([...family.map((d) => d.file), ...result.notices.map((n) => n.file)]);
    expect(files.filter((f) => !explained.has(f.path)).map((f) => f.path)).toEqual([]);
  });

  it('templated/: files with {{ at the start of a line are skipped with a template notice', () => {
    const files = sourceFiles('templated');
    const result = loadFiles(files);
    expectWellFormedNotices(result, files);
    const skipped = new Set(
      result.notices.filter((n) => n.message.startsWith('templated file skipped')).map((n) => n.file),
    );
    const helm = files.filter((f) => /^\s*\{\{/m.test(new TextDecoder().decode(f.content as Uint8Array)));
    expect(helm.length).toBeGreaterThan(10);
    for (const file of helm) expect(skipped.has(file.path), file.path).toBe(true);
    for (const doc of result.documents) expect(skipped.has(doc.file)).toBe(false);
  });

  it('invalid/: every broken file gets a parse notice; duplicate keys still load the Ingress', () => {
    const files = sourceFiles('invalid');
    const result = loadFiles(files);
    expectWellFormedNotices(result, files);
    const parseNoticed = new Set(result.notices.filter((n) => n.kind === 'parse').map((n) => n.file));
    const broken = files.filter((f) => !f.path.includes('history-duplicate-keys'));
    expect(broken.length).toBeGreaterThan(5);
    for (const file of broken) expect(parseNoticed.has(file.path), file.path).toBe(true);
    // Pairs where one side or both repeat a key: both sides still hold their Ingress.
    const pairs = new Map<string, SourceFile[]>();
    for (const file of files.filter((f) => f.path.includes('history-duplicate-keys')))
      pairs.set(dirname(file.path), [...(pairs.get(dirname(file.path)) ?? []), file]);
    expect(pairs.size).toBeGreaterThan(0);
    for (const [dir, sides] of pairs) {
      const duplicate = result.notices.some(
        (n) => dirname(n.file) === dir && n.message.startsWith('duplicate key'),
      );
      expect(duplicate, dir).toBe(true);
      for (const side of sides)
        expect(result.documents.some((d) => d.file === side.path && d.kind === 'Ingress')).toBe(true);
    }
  });

  it('history/: both sides of every pair load; hashes agree with the corpus on which pairs changed', () => {
    const index = JSON.parse(readFileSync(join(CORPUS, 'INDEX.json'), 'utf8')) as Index;
    // The corpus's own notion of "Ingress-family" for `ingress_docs_changed`.
    const familyKinds = new Set(
      index.manifests.files.flatMap((f) => f.documents.filter((d) => d.family).map((d) => d.kind)),
    );
    const historyRoot = join(CORPUS, 'history');
    let compared = 0;
    const disagreements: string[] = [];
    for (const repo of readdirSync(historyRoot).sort())
      for (const pair of readdirSync(join(historyRoot, repo)).sort()) {
        const dir = join(historyRoot, repo, pair);
        const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as {
          ingress_docs_changed: boolean;
        };
        const sides = ['base.yaml', 'head.yaml'].map((name) => {
          const path = join(dir, name);
          const files: SourceFile[] = existsSync(path)
            ? [{ path: relative(CORPUS, path), content: readFileSync(path) }]
            : [];
          const result = loadFiles(files);
          expectWellFormedNotices(result, files);
          return result;
        });
        // A side with a notice lost an object the corpus (PyYAML) may have kept: not comparable.
        if (sides.some((s) => s.notices.some((n) => n.kind !== 'empty'))) continue;
        const [base, head] = sides.map((s) =>
          s.documents
            .filter((d) => familyKinds.has(d.kind))
            .map((d) => d.hash)
            .sort()
            .join(),
        );
        compared++;
        if ((base !== head) !== meta.ingress_docs_changed) disagreements.push(relative(CORPUS, dir));
      }
    expect(compared).toBeGreaterThan(500);
    expect(disagreements).toEqual([]);
  });
});
