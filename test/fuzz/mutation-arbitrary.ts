/**
 * Mutations of manifest text, the way real files go wrong: truncated, re-encoded, edited by hand, or
 * written to hurt (alias bombs, deep nesting, huge scalars). A mutation is a plain record so fast-check
 * can shrink it, and `applyMutations` turns it into the bytes or text a front door would hand in.
 */
import fc from 'fast-check';

export type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'insert-text'; at: number; text: string }
  | { kind: 'insert-bytes'; at: number; bytes: number[] }
  | { kind: 'random-bytes'; bytes: number[] }
  | { kind: 'invalid-utf8'; at: number; seq: number[] }
  | { kind: 'deep-flow'; depth: number }
  | { kind: 'deep-block'; depth: number }
  | { kind: 'huge-scalar'; size: number }
  | { kind: 'alias-bomb'; levels: number; width: number }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'delete-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'tabs' }
  | { kind: 'bom'; middle: boolean }
  | { kind: 'crlf'; lone: boolean }
  | { kind: 'garbage-between'; at: number; garbage: string }
  | { kind: 'nul'; at: number }
  | { kind: 'template'; at: number; text: string }
  | { kind: 'directive' };

const GARBAGE = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom(
    ': : :',
    '- [',
    '{',
    '"unterminated',
    '&a *a',
    '!!binary x',
    '? complex\n: key',
    '\t\tkind: x',
  ),
);

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate'), at: fc.nat() }),
  fc.record({
    kind: fc.constant('insert-text'),
    at: fc.nat(),
    text: fc.string({ unit: 'binary', maxLength: 20 }),
  }),
  fc.record({
    kind: fc.constant('insert-bytes'),
    at: fc.nat(),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 8 }),
  }),
  fc.record({
    kind: fc.constant('random-bytes'),
    bytes: fc.array(fc.integer({ min: 0, max: 255 }), { maxLength: 300 }),
  }),
  fc.record({
    kind: fc.constant('invalid-utf8'),
    at: fc.nat(),
    seq: fc.constantFrom(
      [0xc3, 0x28],
      [0xff],
      [0x80],
      [0xed, 0xa0, 0x80],
      [0xf4, 0x90, 0x80, 0x80],
      [0xe2, 0x82],
    ),
  }),
  fc.record({ kind: fc.constant('deep-flow'), depth: fc.integer({ min: 50, max: 5_000 }) }),
  fc.record({ kind: fc.constant('deep-block'), depth: fc.integer({ min: 50, max: 3_000 }) }),
  fc.record({ kind: fc.constant('huge-scalar'), size: fc.integer({ min: 1_000, max: 300_000 }) }),
  fc.record({
    kind: fc.constant('alias-bomb'),
    levels: fc.integer({ min: 2, max: 9 }),
    width: fc.integer({ min: 2, max: 10 }),
  }),
  fc.record({ kind: fc.constant('duplicate-line'), line: fc.nat() }),
  fc.record({ kind: fc.constant('delete-line'), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines'), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('tabs') }),
  fc.record({ kind: fc.constant('bom'), middle: fc.boolean() }),
  fc.record({ kind: fc.constant('crlf'), lone: fc.boolean() }),
  fc.record({ kind: fc.constant('garbage-between'), at: fc.nat(), garbage: GARBAGE }),
  fc.record({ kind: fc.constant('nul'), at: fc.nat() }),
  fc.record({
    kind: fc.constant('template'),
    at: fc.nat(),
    text: fc.constantFrom(
      '{{ .Values.host }}',
      '{{- if .Values.x }}',
      '${CLUSTER_DOMAIN}',
      '{{ include "x" . }}',
    ),
  }),
  fc.record({ kind: fc.constant('directive') }),
) as fc.Arbitrary<Mutation>;

const encoder = new TextEncoder();

function lines(text: string): string[] {
  return text.split('\n');
}

/** A billion-laughs document: `levels` anchors, each aliasing the previous one `width` times. */
export function aliasBomb(levels: number, width: number): string {
  const out = [
    'apiVersion: networking.k8s.io/v1',
    'kind: Ingress',
    'metadata:',
    '  name: bomb',
    '  annotations:',
  ];
  out.push('    l0: &l0 "lol"');
  for (let i = 1; i <= levels; i++)
    out.push(
      `    l${i}: &l${i} [${Array(width)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  out.push('spec:', `  rules: *l${levels}`);
  return `${out.join('\n')}\n`;
}

function insertAt(text: string, at: number, piece: string): string {
  const i = text.length === 0 ? 0 : at % (text.length + 1);
  return text.slice(0, i) + piece + text.slice(i);
}

function insertBytes(content: Uint8Array, at: number, bytes: number[]): Uint8Array {
  const i = at % (content.length + 1);
  const out = new Uint8Array(content.length + bytes.length);
  out.set(content.subarray(0, i), 0);
  out.set(bytes, i);
  out.set(content.subarray(i), i + bytes.length);
  return out;
}

function applyOne(content: string | Uint8Array, m: Mutation): string | Uint8Array {
  if (m.kind === 'random-bytes') return Uint8Array.from(m.bytes);
  if (m.kind === 'insert-bytes' || m.kind === 'invalid-utf8') {
    const bytes = typeof content === 'string' ? encoder.encode(content) : content;
    return insertBytes(bytes, m.at, m.kind === 'insert-bytes' ? m.bytes : m.seq);
  }
  // Text mutations of bytes that are already broken keep them broken: mutate as latin1 text.
  const text = typeof content === 'string' ? content : Buffer.from(content).toString('latin1');
  const ls = lines(text);
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
    case 'insert-text':
      return insertAt(text, m.at, m.text);
    case 'deep-flow':
      return `${text}---\napiVersion: v1\nkind: Ingress\nmetadata: {name: deep}\nspec: ${'['.repeat(m.depth)}${']'.repeat(m.depth)}\n`;
    case 'deep-block': {
      // `- - - - x` nests one sequence per dash on a single line.
      return `${text}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: deep}\nspec:\n  rules: ${'- '.repeat(m.depth)}x\n`;
    }
    case 'huge-scalar':
      return `${text}---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: huge\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: "${'x'.repeat(m.size)}"\nspec:\n  rules:\n  - host: ${'h'.repeat(Math.min(m.size, 5_000))}.example.com\n`;
    case 'alias-bomb':
      return `${text}---\n${aliasBomb(m.levels, m.width)}`;
    case 'duplicate-line': {
      const i = m.line % ls.length;
      return [...ls.slice(0, i + 1), ls[i], ...ls.slice(i + 1)].join('\n');
    }
    case 'delete-line': {
      const i = m.line % ls.length;
      return [...ls.slice(0, i), ...ls.slice(i + 1)].join('\n');
    }
    case 'swap-lines': {
      const a = m.a % ls.length;
      const b = m.b % ls.length;
      [ls[a], ls[b]] = [ls[b], ls[a]];
      return ls.join('\n');
    }
    case 'tabs':
      return text.replace(/^( {2})+/gm, (s) => '\t'.repeat(s.length / 2));
    case 'bom':
      return m.middle ? insertAt(text, text.indexOf('\n') + 1, '\uFEFF') : `\uFEFF${text}`;
    case 'crlf':
      return text.replace(/\n/g, m.lone ? '\r' : '\r\n');
    case 'garbage-between': {
      const i = m.at % ls.length;
      return [...ls.slice(0, i), '---', m.garbage, '---', ...ls.slice(i)].join('\n');
    }
    case 'nul':
      return insertAt(text, m.at, '\0');
    case 'template':
      return insertAt(text, m.at, m.text);
    case 'directive':
      return `%YAML 1.2\n---\n${text}`;
  }
}

export function applyMutations(seed: string, mutations: readonly Mutation[]): string | Uint8Array {
  return mutations.reduce<string | Uint8Array>(applyOne, seed);
}
