/**
 * A hash of what an object *is*, not how it is written: key order, quoting style, comments, anchors
 * and flow vs block style all disappear once the body is resolved and keys are sorted.
 */
import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level; `undefined` members are dropped as JSON does. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : JSON.stringify(String(value));
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return JSON.stringify(String(value));
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (value instanceof Map) return canonicalJson(Object.fromEntries(value));
  if (value instanceof Set) return canonicalJson([...value]);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  const members: string[] = [];
  for (const key of keys) {
    if (record[key] === undefined) continue;
    members.push(`${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  }
  return `{${members.join(',')}}`;
}

/** sha1 hex of the canonical JSON: a change detector, not a security boundary. */
export function canonicalHash(value: unknown): string {
  return createHash('sha1').update(canonicalJson(value)).digest('hex');
}
