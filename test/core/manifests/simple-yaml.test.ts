import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FieldPath } from '../../../src/core/manifests/document.ts';
import { KUBERNETES_SCHEMA, parseYamlDocuments } from '../../../src/core/manifests/kubernetes-yaml.ts';
import { LineIndex, offsetOf } from '../../../src/core/manifests/positions.ts';
import {
  lineInTree,
  NON_STRING_STARTS,
  plainValue,
  readSimpleYaml,
} from '../../../src/core/manifests/simple-yaml.ts';
import { splitDocuments } from '../../../src/core/manifests/split-documents.ts';

const read = (text: string) => readSimpleYaml(text, 0, text.length, 0, true);

function allPaths(value: unknown, prefix: FieldPath = [], out: FieldPath[] = []): FieldPath[] {
  out.push(prefix);
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) allPaths(value[i], [...prefix, i], out);
  else if (value && typeof value === 'object')
    for (const key of Object.keys(value))
      allPaths((value as Record<string, unknown>)[key], [...prefix, key], out);
  return out;
}

/**
 * Null when the reader gives up; otherwise why its answer differs from yaml's (value, start line, the
 * line of every field and of a missing field below each), or '' when it is the same.
 */
function compareWithYaml(text: string, start = 0, end = text.length, firstLine = 0): string | null {
  const fast = readSimpleYaml(text, start, end, firstLine, true);
  if (!fast) return null;
  const docs = parseYamlDocuments(text.slice(start, end));
  if (docs.length !== 1) return `yaml sees ${docs.length} documents`;
  const [doc] = docs;
  if (doc.errors.length > 0) return `yaml reports ${doc.errors.map((e) => e.message).join('; ')}`;
  const value = doc.toJS();
  if (!isDeepStrictEqual(value, fast.value))
    return `value ${JSON.stringify(fast.value)} instead of ${JSON.stringify(value)}`;
  const lines = new LineIndex(text);
  const root = doc.contents!;
  const lineOf = (path: FieldPath) => lines.lineAt(start + offsetOf(doc, root, path));
  if (lineOf([]) !== fast.line + 1) return `document line ${fast.line + 1} instead of ${lineOf([])}`;
  for (const path of allPaths(value))
    for (const p of [path, [...path, 'missing', 0]]) {
      const expected = lineOf(p);
      const actual = lineInTree(fast.lines!, p) + 1;
      if (actual !== expected) return `line of ${JSON.stringify(p)}: ${actual} instead of ${expected}`;
    }
  return '';
}

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yamlFiles(path, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(path);
  }
  return out;
}

// Documents generated as trees, then written in the styles people use (block, flow, quoted, literal,
// comments, compact or indented sequences), with scalars picked to hit YAML 1.1 resolution.
const keyArb = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z][a-z0-9.-]{0,8}$/), weight: 8 },
  {
    arbitrary: fc.constantFrom(
      'on',
      'y',
      'No',
      '1',
      'e5',
      'a.b/c-d',
      '-x',
      '__proto__',
      'null',
      'constructor',
      '.x',
    ),
    weight: 1,
  },
);
const scalarArb = fc.oneof(
  { arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9 ./_-]{0,12}[a-z0-9]$/), weight: 12 },
  { arbitrary: fc.stringMatching(/^[a-z][a-z0-9 ./:#-]{0,12}$/), weight: 2 },
  fc.constantFrom(
    ...['80', '0755', '08', '1_000', '0x1F', '0b101', '1.5', '.5', '1e3', '1.2.3', '10.0.0.0/8', 'yes', 'No'],
    ...[
      'ON',
      'off',
      'true',
      'null',
      '~',
      '-1',
      '-.5',
      '--x',
      'a#b',
      'a:b',
      'http://x:80/y',
      'é',
      '<<',
      'foo[0]',
    ],
    ...[
      '...',
      '---',
      '.inf',
      '.NaN',
      '+1',
      '1:20',
      '2001-01-01',
      'a,b',
      'x]',
      "it's",
      'say "hi"',
      '-',
      '- a',
    ],
    ...['a: b', 'a:', '#x', '@x', '%x', '!x', '&x', '*x', '?x', ':x', '|', '>', 'a\\b', 'tab\there'],
  ),
  { arbitrary: fc.stringMatching(/^[ -~]{0,12}$/), weight: 1 },
);
type Tree =
  | { t: 'map'; e: [string, Tree][] }
  | { t: 'seq'; i: Tree[] }
  | { t: 's'; v: string; style: number };
const { node: treeArb } = fc.letrec<{ node: Tree; scalar: Tree; map: Tree; seq: Tree }>((tie) => ({
  node: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('map'), tie('seq')),
  scalar: fc.record({ t: fc.constant('s' as const), v: scalarArb, style: fc.nat(9) }),
  map: fc.record({
    t: fc.constant('map' as const),
    e: fc.uniqueArray(fc.tuple(keyArb, tie('node')), { minLength: 1, maxLength: 4, selector: (e) => e[0] }),
  }),
  seq: fc.record({
    t: fc.constant('seq' as const),
    i: fc.array(tie('node'), { minLength: 1, maxLength: 3 }),
  }),
}));
const rootArb = fc.record({
  t: fc.constant('map' as const),
  e: fc.uniqueArray(fc.tuple(keyArb, treeArb), { minLength: 1, maxLength: 5, selector: (e) => e[0] }),
});

function scalarText(s: { v: string; style: number }, inFlow: boolean): string {
  if (s.style === 0) return `"${s.v}"`;
  if (s.style === 1) return `'${s.v.replaceAll("'", "''")}'`;
  return s.style === 2 && !inFlow ? `${s.v} # note` : s.v;
}
function flow(t: Tree): string {
  if (t.t === 's') return scalarText(t, true);
  if (t.t === 'map') return `{${t.e.map(([k, v]) => `${k}: ${flow(v)}`).join(', ')}}`;
  return `[${t.i.map(flow).join(', ')}]`;
}
function write(t: Tree, indent: number, choice: () => number, out: string[], lead = ''): void {
  const pad = ' '.repeat(indent);
  if (t.t === 's') return;
  if (indent > 0 && choice() < 0.15) {
    out.push(`${lead}${flow(t)}`);
    return;
  }
  if (t.t === 'seq') {
    for (const item of t.i) {
      if (item.t === 's') out.push(`${pad}- ${scalarText(item, false)}`);
      else if (choice() < 0.6) write(item, indent + 2, choice, out, `${pad}- `);
      else {
        out.push(`${pad}-`);
        write(item, indent + 2, choice, out);
      }
    }
    return;
  }
  t.e.forEach(([key, value], i) => {
    const prefix = i === 0 && lead !== '' ? lead : pad;
    if (choice() < 0.1) out.push(`${pad}# a comment`);
    if (choice() < 0.05) out.push('');
    if (value.t === 's' && choice() < 0.15) {
      out.push(`${prefix}${key}: |${['', '-', '+'][Math.floor(choice() * 3)]}`);
      const width = indent + (choice() < 0.2 ? 4 : 2);
      out.push(' '.repeat(width) + value.v);
      if (choice() < 0.3) out.push('');
      if (choice() < 0.5) out.push(`${' '.repeat(width)}${value.v} again`);
    } else if (value.t === 's') out.push(`${prefix}${key}: ${scalarText(value, false)}`);
    else {
      out.push(`${prefix}${key}:`);
      const sameColumn = value.t === 'seq' && choice() < 0.4;
      const column =
        (i === 0 && lead !== '' ? lead.length : indent) + (sameColumn ? 0 : choice() < 0.2 ? 4 : 2);
      write(value, column, choice, out);
    }
  });
}
const documentArb = fc
  .tuple(
    rootArb,
    fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 32, maxLength: 32 }),
    fc.nat(8),
    fc.nat(60),
    fc.boolean(),
  )
  .map(([tree, choices, mutation, where, crlf]) => {
    let n = 0;
    const out: string[] = [];
    write(tree, 0, () => choices[n++ % choices.length], out);
    const i = where % out.length;
    // Small damage: indentation off by one or two, trailing spaces, a missing final newline.
    if (mutation === 1) out[i] = ` ${out[i]}`;
    if (mutation === 2) out[i] = out[i].replace(/^ {2}/, '');
    if (mutation === 3) out[i] = `${out[i]} `;
    if (mutation === 4) out[i] = `${out[i]}\t`;
    const text = out.join(crlf ? '\r\n' : '\n') + (mutation === 5 ? '' : '\n');
    return mutation === 6 ? `---\n${text}` : mutation === 7 ? `# head\n${text}` : text;
  });

describe('readSimpleYaml: the same answer as yaml, or none', () => {
  it('reads every document of the fixtures and scenarios as yaml does (value, lines)', () => {
    let answered = 0;
    for (const path of [...yamlFiles('fixtures'), ...yamlFiles('test')]) {
      const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
      const split = splitDocuments(text);
      if (split.hasDirectives) continue;
      for (const chunk of split.chunks) {
        const difference = compareWithYaml(text, chunk.start, chunk.end, chunk.line);
        if (difference === null) continue;
        answered++;
        expect(difference, `${path}:${chunk.line + 1}`).toBe('');
      }
    }
    expect(answered).toBeGreaterThan(100);
  });

  it('generated documents in every style: whenever it answers, yaml agrees', () => {
    let answered = 0;
    fc.assert(
      fc.property(documentArb, (text) => {
        const difference = compareWithYaml(text);
        if (difference !== null) answered++;
        expect(difference ?? '', text).toBe('');
      }),
      { numRuns: 600 },
    );
    // The generator is meant to produce mostly readable documents: the property must not be vacuous.
    expect(answered).toBeGreaterThan(60);
  });

  it('reads a manifest with comments, flow collections, quotes and a literal block', () => {
    const text = [
      '# leading comment',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata: {name: web, labels: {app: web, "tier": x}}',
      'data:',
      "  a: 'it''s'   # comment",
      '  b: "quoted # not a comment"',
      '  ports: [80, "443", {name: http}]',
      '  script: |',
      '    echo one',
      '',
      '    echo two',
      'list:',
      '- 0755',
      '- on',
      '- ~',
      '',
    ].join('\n');
    // A quoted key inside a flow mapping is left to yaml.
    expect(read(text)).toBeNull();
    const fixed = text.replace('"tier": x', 'tier: x');
    expect(compareWithYaml(fixed)).toBe('');
    expect(read(fixed)?.value).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web', labels: { app: 'web', tier: 'x' } },
      data: {
        a: "it's",
        b: 'quoted # not a comment',
        ports: [80, '443', { name: 'http' }],
        script: 'echo one\n\necho two\n',
      },
      list: [493, true, null],
    });
    expect(read(fixed)?.line).toBe(2);
  });

  it.each([
    ['an anchor and an alias', 'a: &x 1\nb: *x\n'],
    ['a merge key', 'a: {x: 1}\nb:\n  <<: {y: 2}\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a plain scalar over two lines', 'a: one\n  two\n'],
    ['a folded block scalar', 'a: >\n  one\n  two\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n   x\n'],
    ['a quoted key', '"a": 1\n'],
    ['an escape in a double-quoted scalar', 'a: "x\\ty"\n'],
    ['a tab used as indentation', 'a:\n\tb: 1\n'],
    ['a lone carriage return', 'a: 1\rb: 2\n'],
    ['a byte order mark', '\uFEFFa: 1\n'],
    ['a flow collection over two lines', 'a: [1,\n  2]\n'],
    ['an empty sequence item', 'a:\n- \n- 1\n'],
    ['a key that YAML 1.1 reads as a boolean', 'on: push\n'],
    ['a key that YAML 1.1 reads as a number', 'e5: x\n'],
    ['a document that is not a mapping', '- a\n- b\n'],
    ['a directive', '%YAML 1.1\n---\na: 1\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a value after a colon inside a value', 'a: b: c\n'],
  ])('gives %s to yaml', (_, text) => {
    expect(read(text)).toBeNull();
  });

  it('lineInTree answers like yaml: entries at their key, items at themselves, the deepest existing field', () => {
    const text = 'a:\n  b:\n  - x\n  -\n    c: 1\nd: [1, {e: 2}]\n';
    const tree = read(text)!.lines!;
    expect(lineInTree(tree, ['a'])).toBe(0);
    expect(lineInTree(tree, ['a', 'b', 0])).toBe(2);
    expect(lineInTree(tree, ['a', 'b', 1])).toBe(4);
    expect(lineInTree(tree, ['a', 'b', '1', 'c'])).toBe(4);
    expect(lineInTree(tree, ['a', 'b', 7, 'c'])).toBe(1);
    expect(lineInTree(tree, ['d', 1, 'e'])).toBe(5);
    expect(compareWithYaml(text)).toBe('');
  });
});

describe('plainValue', () => {
  it('only strings starting with NON_STRING_STARTS can resolve to something other than a string', () => {
    const tags = (KUBERNETES_SCHEMA.tags as unknown as { default?: unknown; test?: RegExp }[]).filter(
      (t) => t.default !== false && t.test instanceof RegExp,
    );
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 12 }), (text) => {
        if (NON_STRING_STARTS.includes(text[0])) return;
        expect(tags.filter((t) => t.test!.test(text))).toEqual([]);
        expect(plainValue(text)).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('resolves scalars as yaml with the Kubernetes schema does', () => {
    for (const text of [
      '0755',
      '08',
      '0x1F',
      '1_000',
      'yes',
      'Off',
      '~',
      'null',
      '.inf',
      '1e3',
      '1:20',
      '2001-01-01',
    ])
      expect(plainValue(text), text).toEqual(parseYamlDocuments(`v: ${text}\n`)[0].toJS().v);
  });
});
