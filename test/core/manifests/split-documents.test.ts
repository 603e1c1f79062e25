import { describe, expect, it } from 'vitest';
import { splitDocuments } from '../../../src/core/manifests/split-documents.ts';

const pieces = (text: string) =>
  splitDocuments(text).chunks.map((c) => ({
    text: text.slice(c.start, c.end),
    line: c.line,
    kind: c.kind,
    apiVersion: c.apiVersion,
  }));

describe('splitDocuments', () => {
  it('splits on --- at column 0 and reads top-level kind and apiVersion', () => {
    const text =
      'apiVersion: v1\nkind: Service\n---\napiVersion: "networking.k8s.io/v1"\nkind: Ingress # web\n';
    expect(pieces(text)).toEqual([
      { text: 'apiVersion: v1\nkind: Service\n', line: 0, kind: 'Service', apiVersion: 'v1' },
      {
        text: '---\napiVersion: "networking.k8s.io/v1"\nkind: Ingress # web\n',
        line: 2,
        kind: 'Ingress',
        apiVersion: 'networking.k8s.io/v1',
      },
    ]);
  });

  it('ignores --- that is indented, inside a value, or followed by text', () => {
    const text = 'kind: ConfigMap\napiVersion: v1\ndata:\n  a: |\n    ---\n    x\n  b: ---x\n---x: 1\n';
    expect(pieces(text)).toHaveLength(1);
  });

  it('ends a document at ... and starts the next after it', () => {
    const text = 'kind: A\napiVersion: v1\n...\nkind: B\napiVersion: v1\n';
    expect(pieces(text).map((p) => [p.kind, p.line])).toEqual([
      ['A', 0],
      ['B', 3],
    ]);
  });

  it('drops empty documents and keeps comment-only stretches with the next document', () => {
    const text = '# header\n---\n---\n# about B\nkind: B\napiVersion: v1\n---\n# trailing comment\n';
    expect(pieces(text)).toEqual([
      { text: '---\n# about B\nkind: B\napiVersion: v1\n', line: 2, kind: 'B', apiVersion: 'v1' },
    ]);
  });

  it('--- with content on the same line starts a non-empty document', () => {
    expect(pieces('--- {kind: A, apiVersion: v1}\n').map((p) => p.line)).toEqual([0]);
  });

  it('handles CRLF line ends', () => {
    const text = 'apiVersion: v1\r\nkind: Service\r\n---\r\napiVersion: v1\r\nkind: Secret\r\n';
    expect(pieces(text).map((p) => [p.kind, p.apiVersion, p.line])).toEqual([
      ['Service', 'v1', 0],
      ['Secret', 'v1', 2],
    ]);
  });

  it('leaves the kind unknown when the text is ambiguous: repeated, quoted, missing or flow-style', () => {
    const ambiguous = [
      'apiVersion: v1\nkind: Service\nkind: Secret\n',
      'apiVersion: v1\n"kind": Service\nkind: Secret\n',
      'kind: Service\n',
      'apiVersion: v1\nkind: !!str Service\n',
      '{"apiVersion": "v1", "kind": "Service"}\n',
      'apiVersion: v1\nkind: Service\n"apiVersion": v2\n',
    ];
    for (const text of ambiguous) expect(pieces(text)[0].kind).toBeNull();
  });

  it('reports %YAML directives so the caller can parse the file whole', () => {
    expect(splitDocuments('%YAML 1.2\n---\na: 1\n').hasDirectives).toBe(true);
    expect(splitDocuments('a: "%x"\n').hasDirectives).toBe(false);
  });
});
