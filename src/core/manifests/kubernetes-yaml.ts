/**
 * YAML read the way kubectl reads it. sigs.k8s.io/yaml decodes with go-yaml v2, a YAML 1.1 reader:
 * `yes`/`no`/`on`/`off` are booleans, `0755` is octal, `<<` merge keys apply. go-yaml keeps
 * timestamps and sexagesimal numbers (`1:20`) as strings when decoding untyped data, so those
 * YAML 1.1 tags are left out.
 */
import { Composer, type Document, Parser, Schema } from 'yaml';

export const KUBERNETES_SCHEMA = new Schema({
  schema: 'yaml-1.1',
  merge: true,
  customTags: (tags) =>
    tags.filter(
      (tag) => !(typeof tag === 'object' && (tag.format === 'TIME' || tag.tag.endsWith(':timestamp'))),
    ),
});

/** Built once: yaml would otherwise rebuild the schema for every document. */
const PARSE_OPTIONS = { schema: KUBERNETES_SCHEMA, uniqueKeys: true, prettyErrors: false } as const;

/** Every document in `source` (usually one chunk = one document), with errors attached, never thrown. */
export function parseYamlDocuments(source: string): Document.Parsed[] {
  const composer = new Composer(PARSE_OPTIONS);
  return Array.from(composer.compose(new Parser().parse(source)));
}
