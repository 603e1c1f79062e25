import { describe, expect, it } from 'vitest';
import { findSubstitution, scanTemplates } from '../../../src/core/manifests/template-syntax.ts';

describe('scanTemplates', () => {
  it('finds {{ at structural positions: line start, key, value start, flow collection', () => {
    const structural = [
      '{{- if .Values.enabled }}\nkind: Ingress\n',
      'metadata:\n  name: {{ .Release.Name }}\n',
      'spec:\n  hosts: [{{ .Values.host }}]\n',
      'rules:\n- {{ toYaml .Values.rules }}\n',
      'labels:\n  {{ .Values.key }}: x\n',
      'a: 1\n{{/* comment */}}\n',
    ];
    for (const text of structural) expect(scanTemplates(text).structural, text).not.toBeNull();
  });

  it('reports the first template line of the file, even when a later one is the structural one', () => {
    const text = 'metadata:\n  labels:\n    a: "{{ .Values.a }}"\n  name: {{ .Values.name }}\n';
    expect(scanTemplates(text).structural).toEqual({ line: 3, excerpt: 'a: "{{ .Values.a }}"' });
  });

  it('treats {{ inside quoted values, plain text, block scalars and comments as text', () => {
    const text = [
      '# {{- if .Values.x }}',
      'summary: "Instance {{ $labels.instance }} down"',
      "single: '{{ x }}'",
      'plain: Instance {{ $labels.instance }} down',
      'template: |',
      '  {{ define "x" }}',
      '  {{- end }}',
      'after: ok',
    ].join('\n');
    expect(scanTemplates(text)).toEqual({ structural: null, helmValue: null });
  });

  it('notes Helm expressions inside values (they are loaded as written)', () => {
    expect(scanTemplates('name: "{{ .Values.name }}"\n').helmValue).toEqual({
      line: 1,
      excerpt: 'name: "{{ .Values.name }}"',
    });
    expect(scanTemplates('cfg: |\n  x {{ include "a" . }}\n').helmValue?.line).toBe(2);
  });

  it('a block scalar ends at a line indented no deeper than its key', () => {
    const text = 'data:\n  script: |\n    {{ ok }}\n{{- end }}\n';
    expect(scanTemplates(text).structural).toEqual({ line: 3, excerpt: '{{ ok }}' });
  });
});

describe('findSubstitution', () => {
  it('finds ${VAR} forms Flux substitutes, skipping comments', () => {
    const text = '# ${COMMENTED}\nhost: app.${DOMAIN}\nport: ${PORT:=80}\n';
    expect(findSubstitution(text, 0, text.length)).toEqual({
      offset: text.indexOf('${DOMAIN}'),
      match: '${DOMAIN}',
    });
    expect(findSubstitution(text, text.indexOf('port'), text.length)?.match).toBe('${PORT:=80}');
  });

  it('ignores $VAR without braces, $(VAR) and matches outside the range', () => {
    const text = 'a: $HOME $(VAR)\nb: ${LATER}\n';
    expect(findSubstitution(text, 0, text.indexOf('b:'))).toBeNull();
  });
});
