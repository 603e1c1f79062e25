/** A loaded object as the rest of the core sees it, with its costly parts computed on first use. */
import { canonicalHash } from './canonical-hash.ts';
import type { FieldPath, ManifestDocument } from './document.ts';
import type { ObjectIdentity } from './object-identity.ts';
import { type SchemaError, validateSchema } from './schema-validation.ts';

export interface DocumentSource {
  file: string;
  index: number;
  item?: number;
  line: number;
  identity: ObjectIdentity;
  body: Record<string, unknown>;
  /** 1-based line of a field, however the loader read the document (see ManifestDocument.lineOf). */
  lineOf: (path: FieldPath) => number;
  validate: boolean;
}

export function makeDocument(source: DocumentSource): ManifestDocument {
  const { identity, body, lineOf } = source;
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
