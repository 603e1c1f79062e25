/** Whether a resolved YAML document is a Kubernetes object, and which one. */
import { groupOf } from './kinds.ts';

export interface ObjectIdentity {
  apiVersion: string;
  kind: string;
  namespace: string | null;
  name: string;
}

export type Identification =
  | { status: 'object'; identity: ObjectIdentity; body: Record<string, unknown> }
  /** Looks like a Kubernetes object but Kubernetes would refuse it. */
  | { status: 'incomplete'; problem: string; apiVersion: string; kind: string }
  /** Not a Kubernetes object at all (values files, CI configs, arrays): skipped without a word. */
  | { status: 'other' };

/** Kustomize's own files are objects without a name (and so are lists). */
const NAMELESS_GROUPS = new Set(['kustomize.config.k8s.io']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function text(value: unknown): string | null {
  if (typeof value === 'string') return value;
  return typeof value === 'number' ? String(value) : null;
}

/** `kind: List` (kubectl output) and typed lists (`IngressList`) hold objects in `items`. */
export function isListKind(kind: string): boolean {
  return kind.endsWith('List');
}

/**
 * `inherited` fills apiVersion and kind for items of a typed list, which the API server returns
 * without them.
 */
export function identify(value: unknown, inherited?: { apiVersion: string; kind: string }): Identification {
  if (!isRecord(value)) return { status: 'other' };
  const apiVersion = text(value.apiVersion) ?? inherited?.apiVersion ?? null;
  const kind = text(value.kind) ?? inherited?.kind ?? null;
  const metadata = value.metadata;
  if (apiVersion === null || kind === null) {
    if (apiVersion === null && kind === null) return { status: 'other' };
    // One of the two and a metadata block: meant as an object, and kubectl would refuse it.
    if (!isRecord(metadata)) return { status: 'other' };
    const missing = apiVersion === null ? 'apiVersion' : 'kind';
    return {
      status: 'incomplete',
      problem: `object has no ${missing}`,
      apiVersion: apiVersion ?? '',
      kind: kind ?? '',
    };
  }
  const name = isRecord(metadata) ? text(metadata.name) : null;
  const nameless =
    NAMELESS_GROUPS.has(groupOf(apiVersion)) || (isListKind(kind) && Array.isArray(value.items));
  if (name === null && !nameless)
    return { status: 'incomplete', problem: `${kind} has no metadata.name`, apiVersion, kind };
  const namespace = isRecord(metadata) ? text(metadata.namespace) : null;
  return { status: 'object', identity: { apiVersion, kind, namespace, name: name ?? '' }, body: value };
}
