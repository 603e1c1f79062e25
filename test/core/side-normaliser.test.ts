/**
 * Documents on both sides of a change are read once and normalised once when nothing they look up
 * differs between the sides (src/core/side-normaliser.ts, the shared loader in src/core/audit.ts).
 * The results must be exactly those of reading and normalising each side on its own.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/core/audit.ts';
import type { AuditResult } from '../../src/core/audit-result.ts';
import { normalise } from '../../src/core/controllers/index.ts';
import type { ManifestDocument, SourceFile } from '../../src/core/manifests/document.ts';
import { isRelevantKind } from '../../src/core/manifests/kinds.ts';
import { loadFiles } from '../../src/core/manifests/load.ts';
import type { ObjectExposure } from '../../src/core/model/exposure.ts';
import { buildRepoView } from '../../src/core/model/repo-view.ts';
import { defaultConfig } from '../../src/core/policy/config.ts';
import { SideNormaliser } from '../../src/core/side-normaliser.ts';

const ROOT = fileURLToPath(new URL('../../fixtures/scenarios/', import.meta.url));
const config = defaultConfig();
const now = new Date('2026-11-22T00:00:00Z');

function readTree(dir: string, prefix = ''): SourceFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = prefix ? `${prefix}/${entry.name}` : entry.name;
      if (entry.isDirectory()) return readTree(join(dir, entry.name), path);
      return path.startsWith('.github/')
        ? []
        : [{ path, content: readFileSync(join(dir, entry.name), 'utf8') }];
    });
}

const scenarios = readdirSync(ROOT, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => ({
    name: e.name,
    base: readTree(join(ROOT, e.name, 'base')),
    head: readTree(join(ROOT, e.name, 'head')),
  }))
  .filter((s) => s.base.length > 0);

/** Exposures as data: the document a view was built from by file and line, not by identity. */
function views(objects: ObjectExposure[]): unknown {
  return JSON.parse(
    JSON.stringify(objects, (key, value) =>
      key === 'doc' ? `${(value as ManifestDocument).file}:${(value as ManifestDocument).line}` : value,
    ),
  );
}

function comparable(result: AuditResult) {
  const { exposures, ...rest } = result;
  return { ...rest, exposures: { base: views(exposures.base), head: views(exposures.head) } };
}

/** The same bytes as a Uint8Array: not recognised as the same file, so each side is read on its own. */
const unshared = (files: SourceFile[]) =>
  files.map((f) => ({ ...f, content: new TextEncoder().encode(String(f.content)) }));

const INGRESS = (cls: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: shop, namespace: web}\nspec:\n  ingressClassName: ${cls}\n  rules:\n    - host: shop.example.com\n      http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}]}\n`;
const CLASS = (controller: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: edge}\nspec:\n  controller: ${controller}\n`;

describe('documents on both sides are read and normalised once', () => {
  it('every scenario, all files handed in: the same result as reading each side on its own', () => {
    expect(scenarios.length).toBeGreaterThan(20);
    for (const s of scenarios) {
      const change = (base: SourceFile[]) =>
        audit({ base, head: s.head, baseRef: 'base', headRef: 'head' }, { config, now });
      expect(comparable(change(s.base)), s.name).toEqual(comparable(change(unshared(s.base))));
    }
  });

  it('every scenario, with unchanged files as context: the same views as normalising each side alone', () => {
    for (const s of scenarios) {
      const same = (f: SourceFile) => s.base.some((b) => b.path === f.path && b.content === f.content);
      const load = (files: SourceFile[]) => loadFiles(files, { wantKind: isRelevantKind }).documents;
      const context = load(s.head.filter(same));
      const sides = [load(s.head.filter((f) => !same(f))), load(s.base.filter((f) => !same(f)))];
      const normaliser = new SideNormaliser(config);
      const shared = new Set(context);
      for (const documents of sides) {
        const { documentsByKind } = buildRepoView('head', [], [...documents, ...context]);
        const alone = normalise([...documents, ...context], { config, documentsByKind });
        const once = [
          ...normaliser.side(documents, documentsByKind, (d) => shared.has(d)),
          ...normaliser.side(context, documentsByKind, (d) => shared.has(d)),
        ];
        expect(views(once), s.name).toEqual(views(alone));
      }
    }
  });

  it('an unchanged Ingress gets one view for both sides when nothing it looks up changed', () => {
    const files = [
      { path: 'ingress.yaml', content: INGRESS('edge') },
      { path: 'class.yaml', content: CLASS('k8s.io/ingress-nginx') },
    ];
    const result = audit(
      {
        base: [...files, { path: 'other.yaml', content: INGRESS('edge').replace('shop', 'blog') }],
        head: files,
        baseRef: 'b',
        headRef: 'h',
      },
      { config, now },
    );
    const shop = (objects: ObjectExposure[]) => objects.find((o) => o.ref.name === 'shop');
    expect(shop(result.exposures.base)).toBe(shop(result.exposures.head));
  });

  it('an unchanged Ingress whose IngressClass changed in another file is normalised on each side', () => {
    const ingress = { path: 'ingress.yaml', content: INGRESS('edge') };
    const result = audit(
      {
        base: [ingress, { path: 'class.yaml', content: CLASS('k8s.io/ingress-nginx') }],
        head: [ingress, { path: 'class.yaml', content: CLASS('traefik.io/ingress-controller') }],
        baseRef: 'b',
        headRef: 'h',
      },
      { config, now },
    );
    const [base] = result.exposures.base;
    const [head] = result.exposures.head;
    expect(base).not.toBe(head);
    expect(base.controllers).toContain('ingress-nginx');
    expect(head.controllers).toContain('traefik');
    expect(head.controllers).not.toContain('ingress-nginx');
  });
});
