/** Bounds that keep one hostile or accidental file from stalling an audit. Each is overridable. */
export interface LoadLimits {
  /** Bytes (UTF-8) per file. */
  maxFileBytes: number;
  /** YAML documents per file (and items per `kind: List`). */
  maxDocuments: number;
  /** Nested mappings/sequences per document, counted after aliases are expanded. */
  maxDepth: number;
  /** yaml's `maxAliasCount`: how far alias expansion may multiply a document. */
  maxAliasCount: number;
}

export const DEFAULT_LOAD_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxFileBytes: 2 * 1024 * 1024,
  maxDocuments: 5_000,
  maxDepth: 100,
  maxAliasCount: 100,
});

export function resolveLimits(overrides: Partial<LoadLimits> = {}): LoadLimits {
  const limits = { ...DEFAULT_LOAD_LIMITS };
  for (const key of Object.keys(limits) as (keyof LoadLimits)[]) {
    const value = overrides[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) limits[key] = value;
  }
  return limits;
}

/** `2 MiB`, `1.5 KiB`, `300 bytes`: limits and sizes in notice messages. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const [value, unit] = bytes < 1024 * 1024 ? [bytes / 1024, 'KiB'] : [bytes / (1024 * 1024), 'MiB'];
  return `${Number.isInteger(value) ? value : value.toFixed(2)} ${unit}`;
}
