/**
 * The values a Secret or ConfigMap stores, decoded, with where each one is written — for rules that
 * look inside them (committed private keys, weak certificates). Encrypted manifests (SOPS) are
 * recognised so they are never mistaken for plain data.
 */
import type { FieldPath, ManifestDocument } from '../manifests/document.ts';

export interface StoredValue {
  /** `data.tls.key`, `stringData.ca.crt`… for messages and condition keys. */
  label: string;
  path: FieldPath;
  text: string;
}

const BASE64 = /^[A-Za-z0-9+/=\s_-]*$/;

function decodeBase64(value: string): string | null {
  if (!BASE64.test(value)) return null;
  return Buffer.from(value.replace(/\s+/g, ''), 'base64').toString('latin1');
}

/** A SOPS-encrypted file carries a top-level `sops` key and `ENC[…]` values: nothing readable inside. */
export function isEncrypted(doc: ManifestDocument): boolean {
  if ('sops' in doc.body) return true;
  for (const field of ['data', 'stringData', 'binaryData']) {
    const map = doc.body[field];
    if (map && typeof map === 'object')
      for (const v of Object.values(map as Record<string, unknown>))
        if (typeof v === 'string' && v.trimStart().startsWith('ENC[')) return true;
  }
  return false;
}

/** Every readable value of a Secret (`data` base64, `stringData` plain) or ConfigMap (`data`, `binaryData`). */
export function storedValues(doc: ManifestDocument): StoredValue[] {
  if ((doc.kind !== 'Secret' && doc.kind !== 'ConfigMap') || doc.apiVersion !== 'v1' || isEncrypted(doc))
    return [];
  const fields: [string, boolean][] =
    doc.kind === 'Secret'
      ? [
          ['data', true],
          ['stringData', false],
        ]
      : [
          ['data', false],
          ['binaryData', true],
        ];
  const out: StoredValue[] = [];
  for (const [field, base64] of fields) {
    const map = doc.body[field];
    if (!map || typeof map !== 'object' || Array.isArray(map)) continue;
    for (const [key, raw] of Object.entries(map as Record<string, unknown>)) {
      if (typeof raw !== 'string' || raw.trim() === '') continue;
      const text = base64 ? decodeBase64(raw) : raw;
      if (text !== null) out.push({ label: `${field}.${key}`, path: [field, key], text });
    }
  }
  return out;
}

export function documentLabel(doc: ManifestDocument): string {
  return `${doc.kind} ${doc.namespace ? `${doc.namespace}/` : ''}${doc.name}`;
}
