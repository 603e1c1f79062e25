/** What the loader produces: plain objects plus where every field came from. */

/** A file handed to the core by a front door. The core never touches the disk. */
export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  path: string;
  /** Raw bytes or decoded text. Bytes let the loader detect binary and bad UTF-8 itself. */
  content: string | Uint8Array;
  /** When the file is the output of a render step (kustomize/helm): the source it was traced to. */
  renderedFrom?: string;
}

/** A problem with input that is not a policy finding: skipped, templated, oversize, unreadable. */
export interface Notice {
  file: string;
  line: number;
  message: string;
  /** Parse and schema problems in Ingress-family documents also become `invalid-manifest` findings. */
  kind: 'parse' | 'schema' | 'template' | 'binary' | 'empty' | 'limit' | 'config' | 'render' | 'other';
}

/** A JSON path into a document's body, e.g. ['spec', 'rules', 0, 'host']. */
export type FieldPath = readonly (string | number)[];

export interface ManifestDocument {
  file: string;
  /** 0-based index of the document in its file. */
  index: number;
  /** For objects inside a `kind: List` (or a typed list such as IngressList): 0-based position in its `items`. */
  item?: number;
  /** 1-based line where the document starts (its first content line). */
  line: number;
  apiVersion: string;
  kind: string;
  /** Literal `metadata.namespace`, or null when absent. */
  namespace: string | null;
  name: string;
  /** The document as Kubernetes would see it: aliases and merge keys resolved. */
  body: Record<string, unknown>;
  /**
   * 1-based line of the field at `path`; falls back to the nearest ancestor that exists,
   * then to the document's own line. Lazy so untouched documents never pay for positions.
   */
  lineOf(path: FieldPath): number;
  /** Stable hash of `body` (key order, quoting and comments do not change it). */
  hash: string;
  /** Schema validation problems (kubernetes-models), with lines. Empty when valid or not checked. */
  schemaErrors: { line: number; message: string }[];
}

export interface LoadedFiles {
  documents: ManifestDocument[];
  notices: Notice[];
}
