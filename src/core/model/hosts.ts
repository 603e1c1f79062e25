/** Host matching with each API's wildcard semantics. */

export type HostMatch = 'exact' | 'wildcard-one-label' | 'wildcard-suffix' | 'any';

export function normaliseHost(host: unknown): string {
  return typeof host === 'string' ? host.trim().toLowerCase().replace(/\.$/, '') : '';
}

export function hostMatchOf(host: string, wildcardSemantics: 'one-label' | 'suffix'): HostMatch {
  if (host === '' || host === '*') return 'any';
  if (host.startsWith('*.'))
    return wildcardSemantics === 'one-label' ? 'wildcard-one-label' : 'wildcard-suffix';
  return 'exact';
}

/**
 * Whether `pattern` (a TLS host, a listener hostname) covers the concrete or wildcard `host`.
 * Ingress wildcards match exactly one label; Gateway API wildcards match any depth.
 */
export function hostCovers(
  pattern: string,
  host: string,
  semantics: 'one-label' | 'suffix' = 'one-label',
): boolean {
  if (pattern === '' || pattern === '*') return true;
  if (pattern === host) return true;
  if (!pattern.startsWith('*.')) return false;
  const suffix = pattern.slice(1); // ".example.com"
  if (host.startsWith('*.'))
    return semantics === 'suffix' ? host.slice(1).endsWith(suffix) : host === pattern;
  if (!host.endsWith(suffix)) return false;
  const label = host.slice(0, -suffix.length);
  return label.length > 0 && (semantics === 'suffix' || !label.includes('.'));
}

/** Whether two host patterns can match a common request host (used for collisions). */
export function hostsOverlap(a: string, b: string, semantics: 'one-label' | 'suffix' = 'one-label'): boolean {
  return hostCovers(a, b, semantics) || hostCovers(b, a, semantics);
}
