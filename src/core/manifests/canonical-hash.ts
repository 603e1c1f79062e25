/**
 * A hash of what an object *is*, not how it is written: key order, quoting style, comments, anchors
 * and flow vs block style all disappear once the body is resolved and keys are sorted.
 */
import { createHash } from 'node:crypto';

/** Keys repeat across documents (`metadata`, `spec`…): their JSON is made once. */
const keyJson = new Map<string, string>();
const MAX_KEYS = 4096;

function jsonKey(key: string): string {
  let json = keyJson.get(key);
  if (json === undefined) {
    json = JSON.stringify(key);
    if (keyJson.size >= MAX_KEYS) keyJson.clear();
    keyJson.set(key, json);
  }
  return json;
}

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
  // One string built left to right: hashing every document of a repository must not churn memory.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (value instanceof Map) return canonicalJson(Object.fromEntries(value));
  if (value instanceof Set) return canonicalJson([...value]);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    out += (first ? '' : ',') + jsonKey(key) + ':' + canonicalJson(member);
    first = false;
  }
  return `${out}}`;
}

/** sha1 hex of the canonical JSON: a change detector, not a security boundary. */
export function canonicalHash(value: unknown): string {
  return createHash('sha1').update(canonicalJson(value)).digest('hex');
}
