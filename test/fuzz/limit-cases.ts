/**
 * Inputs built to hit each load limit (src/core/manifests/limits.ts) or to sit just under it, and the
 * bounds the whole pipeline must stay within on them. Measured one per process by
 * measure-limit-case.ts (so peak memory is the case's own), asserted by limits.test.ts, printed by
 * `npm run fuzz`.
 */
import type { SourceFile } from '../../src/core/manifests/document.ts';
import { DEFAULT_LOAD_LIMITS } from '../../src/core/manifests/limits.ts';
import { aliasBomb } from './mutation-arbitrary.ts';

export interface LimitCase {
  name: string;
  /** The PR: files at head (base is empty, so everything is new and every rule runs). */
  head: () => SourceFile[];
  /** The notice expected (a limit hit), or null when the input is under every limit and must load. */
  notice: RegExp | null;
  /** At least this many objects must load (inputs under the limits). */
  minObjects?: number;
  /** Generous bounds: wall time of load → rules → every renderer, and peak RSS of the process. */
  maxMs: number;
  maxRssMb: number;
  /** Slow cases (whole fleets of objects) run only in `npm run fuzz`, not in `npm test`. */
  fuzzOnly?: boolean;
}

const MiB = 1024 * 1024;

function ingress(i: number, annotations = ''): string {
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: app-${i}, namespace: team-${i % 7}${annotations}}\nspec: {ingressClassName: nginx, rules: [{host: app-${i}.example.com, http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: app-${i}, port: {number: 80}}}}]}}]}\n`;
}

/** Ingress documents up to `bytes` of text. */
function ingressesUpTo(bytes: number): string {
  const docs: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const doc = `---\n${ingress(i)}`;
    if (size + doc.length > bytes) break;
    docs.push(doc);
    size += doc.length;
  }
  return docs.join('');
}

function ingressesCount(n: number): string {
  return Array.from({ length: n }, (_, i) => `---\n${ingress(i)}`).join('');
}

export const LIMIT_CASES: readonly LimitCase[] = [
  {
    name: '5 MiB file (text)',
    head: () => [{ path: 'big.yaml', content: ingressesUpTo(5 * MiB) }],
    notice: /maxFileBytes/,
    maxMs: 2_000,
    maxRssMb: 400,
  },
  {
    name: '5 MiB file (bytes)',
    head: () => [{ path: 'big.yaml', content: new TextEncoder().encode(ingressesUpTo(5 * MiB)) }],
    notice: /maxFileBytes/,
    maxMs: 2_000,
    maxRssMb: 400,
  },
  {
    name: '20,000 documents in one file',
    head: () => [{ path: 'many.yaml', content: '---\nkind: Ingress\n'.repeat(20_000) }],
    notice: /maxDocuments/,
    maxMs: 2_000,
    maxRssMb: 400,
  },
  {
    name: 'kind: List of 20,000 items',
    head: () => [
      {
        path: 'list.yaml',
        content: `apiVersion: v1\nkind: List\nitems:\n${'- {apiVersion: networking.k8s.io/v1, kind: Ingress, metadata: {name: x}}\n'.repeat(20_000)}`,
      },
    ],
    notice: /maxDocuments/,
    maxMs: 10_000,
    maxRssMb: 600,
  },
  {
    name: 'billion laughs (10^9 aliases deep)',
    head: () => [{ path: 'bomb.yaml', content: aliasBomb(9, 10) }],
    notice: /maxAliasCount/,
    maxMs: 2_000,
    maxRssMb: 400,
  },
  {
    name: '10,000-deep flow nesting',
    head: () => [
      {
        path: 'deep.yaml',
        content: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: d}\nspec: {rules: ${'['.repeat(10_000)}${']'.repeat(10_000)}}\n`,
      },
    ],
    notice: /maxDepth|nested/,
    maxMs: 2_000,
    maxRssMb: 400,
  },
  {
    name: '10,000-deep block sequence (- - - …)',
    head: () => [
      {
        path: 'deep.yaml',
        content: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: d}\nspec:\n  rules:\n  ${'- '.repeat(10_000)}x\n`,
      },
    ],
    notice: /maxDepth|nested/,
    maxMs: 5_000,
    maxRssMb: 600,
  },
  {
    name: '1,000-deep block mappings (indentation)',
    head: () => [
      {
        path: 'deep.yaml',
        content: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: d}\nspec:\n${Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(2 * (i + 1))}k:`).join('\n')} x\n`,
      },
    ],
    notice: /maxDepth|nested/,
    maxMs: 5_000,
    maxRssMb: 600,
  },
  {
    name: '150-deep block mappings (over maxDepth, within the parser)',
    head: () => [
      {
        path: 'deep.yaml',
        content: `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: d}\nspec:\n${Array.from({ length: 150 }, (_, i) => `${' '.repeat(2 * (i + 1))}k:`).join('\n')} x\n`,
      },
    ],
    notice: /maxDepth/,
    maxMs: 2_000,
    maxRssMb: 400,
  },
  {
    name: 'annotation value just under the file limit (2 MiB − 1 KiB)',
    head: () => [
      {
        path: 'huge.yaml',
        content: ingress(
          0,
          `, annotations: {nginx.ingress.kubernetes.io/configuration-snippet: "${'a'.repeat(DEFAULT_LOAD_LIMITS.maxFileBytes - 1024)}"}`,
        ),
      },
    ],
    notice: null,
    minObjects: 1,
    maxMs: 5_000,
    maxRssMb: 600,
  },
  {
    name: '10,000 annotations on one Ingress',
    head: () => [
      {
        path: 'annotations.yaml',
        content: ingress(
          0,
          `, annotations: {${Array.from({ length: 10_000 }, (_, i) => `example.com/a${i}: "v${i}"`).join(', ')}}`,
        ),
      },
    ],
    notice: null,
    minObjects: 1,
    maxMs: 5_000,
    maxRssMb: 600,
  },
  {
    name: '4,900 Ingresses in one file (under maxDocuments)',
    head: () => [{ path: 'fleet.yaml', content: ingressesCount(4_900) }],
    notice: null,
    minObjects: 4_900,
    fuzzOnly: true,
    maxMs: 60_000,
    maxRssMb: 1_000,
  },
  {
    name: '400 files × 25 Ingresses (10,000 objects)',
    head: () =>
      Array.from({ length: 400 }, (_, f) => ({
        path: `apps/app-${f}/ingress.yaml`,
        content: Array.from({ length: 25 }, (_, i) => `---\n${ingress(f * 25 + i)}`).join(''),
      })),
    notice: null,
    minObjects: 10_000,
    fuzzOnly: true,
    maxMs: 120_000,
    maxRssMb: 1_500,
  },
];
