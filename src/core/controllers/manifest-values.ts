/**
 * Loose readers for manifest values. Manifests are user input: a field may be missing, a number may
 * be quoted, a boolean may be `"on"`; profiles read through these instead of trusting the shape.
 */

export type Json = Record<string, unknown>;

export const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | null =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : null;

export function num(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

const TRUE = ['true', 'on', 'yes', '1'];
const FALSE = ['false', 'off', 'no', '0'];

export const truthy = (v: unknown): boolean => {
  const s = str(v);
  return s !== null && TRUE.includes(s.trim().toLowerCase());
};
export const falsy = (v: unknown): boolean => {
  const s = str(v);
  return s !== null && FALSE.includes(s.trim().toLowerCase());
};

/** `a, b c` → ['a', 'b', 'c']. */
export function splitList(v: string | undefined | null): string[] {
  return (v ?? '').split(/[\s,]+/).filter(Boolean);
}

/** JSON inside an annotation (ALB actions, GKE backend-config); undefined when it does not parse. */
export function parseJson(v: string | undefined): unknown {
  if (v === undefined) return undefined;
  try {
    return JSON.parse(v);
  } catch {
    return undefined;
  }
}

/** Host of a URL (`https://auth.example.com/x` → `auth.example.com`), or the trimmed input. */
export function hostOfUrl(url: string): string {
  const m = url.trim().match(/^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i);
  return (m ? m[1].replace(/^[^@]*@/, '') : url.trim()).toLowerCase();
}

/** Whether a plain-HTTP URL leaves the cluster (in-cluster `*.svc` traffic stays on the pod network). */
export function isPlainHttpOffCluster(url: string): boolean {
  return /^http:\/\//i.test(url.trim()) && !/\.svc(\.cluster\.local)?(:\d+)?$/i.test(hostOfUrl(url));
}
