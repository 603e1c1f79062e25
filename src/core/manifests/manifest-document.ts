/**
 * A loaded object as the rest of the core sees it, with its costly parts computed on first use.
 * A class, not an object literal with accessors: a repository holds tens of thousands of these, and
 * per-object getters cost about a kilobyte each.
 */
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

class LoadedDocument implements ManifestDocument {
  readonly file: string;
  readonly index: number;
  declare readonly item?: number;
  readonly line: number;
  readonly apiVersion: string;
  readonly kind: string;
  readonly namespace: string | null;
  readonly name: string;
  readonly body: Record<string, unknown>;
  readonly lineOf: (path: FieldPath) => number;
  readonly #validate: boolean;
  #hash: string | undefined;
  #schemaErrors: SchemaError[] | undefined;

  constructor(source: DocumentSource) {
    const { identity } = source;
    this.file = source.file;
    this.index = source.index;
    if (source.item !== undefined) this.item = source.item;
    this.line = source.line;
    this.apiVersion = identity.apiVersion;
    this.kind = identity.kind;
    this.namespace = identity.namespace;
    this.name = identity.name;
    this.body = source.body;
    this.lineOf = source.lineOf;
    this.#validate = source.validate;
  }

  // Lazy: most objects are never compared or validated by anything.
  get hash(): string {
    this.#hash ??= canonicalHash(this.body);
    return this.#hash;
  }

  set hash(value: string) {
    this.#hash = value;
  }

  get schemaErrors(): SchemaError[] {
    this.#schemaErrors ??= this.#validate
      ? validateSchema(this.apiVersion, this.kind, this.body, this.lineOf)
      : [];
    return this.#schemaErrors;
  }

  set schemaErrors(value: SchemaError[]) {
    this.#schemaErrors = value;
  }
}

export function makeDocument(source: DocumentSource): ManifestDocument {
  return new LoadedDocument(source);
}
