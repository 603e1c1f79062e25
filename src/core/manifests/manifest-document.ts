/** A loaded object as the rest of the core sees it, with its costly parts computed on first use. */
import type { Document, Node } from 'yaml';
import { canonicalHash } from './canonical-hash.ts';
import type { FieldPath, ManifestDocument } from './document.ts';
import type { ObjectIdentity } from './object-identity.ts';
import { offsetOf } from './positions.ts';
import { type SchemaError, validateSchema } from './schema-validation.ts';

export interface DocumentSource {
  file: string;
  /** The parsed YAML document (kept for positions) and the node of this object in it. */
  doc: Document.Parsed;
  root: Node;
  /** Offset of the parsed text within the file. */
  base: number;
  /** File offset → 1-based line. */
  lineAt: (offset: number) => number;
  index: number;
  item?: number;
  line: number;
  identity: ObjectIdentity;
  body: Record<string, unknown>;
  validate: boolean;
}

export function makeDocument(source: DocumentSource): ManifestDocument {
  const { doc, root, base, identity, body, lineAt } = source;
  const lineOf = (path: FieldPath): number => lineAt(base + offsetOf(doc, root, path));
  let hash: string | undefined;
  let schemaErrors: SchemaError[] | undefined;
  const document: ManifestDocument = {
    file: source.file,
    index: source.index,
    line: source.line,
    apiVersion: identity.apiVersion,
    kind: identity.kind,
    namespace: identity.namespace,
    name: identity.name,
    body,
    lineOf,
    // Lazy: most objects are never compared or validated by anything.
    get hash() {
      hash ??= canonicalHash(body);
      return hash;
    },
    set hash(value: string) {
      hash = value;
    },
    get schemaErrors() {
      schemaErrors ??= source.validate
        ? validateSchema(identity.apiVersion, identity.kind, body, lineOf)
        : [];
      return schemaErrors;
    },
    set schemaErrors(value: SchemaError[]) {
      schemaErrors = value;
    },
  };
  if (source.item !== undefined) document.item = source.item;
  return document;
}
