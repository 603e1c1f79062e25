/**
 * Traefik router rules (`Host(`a`) && PathPrefix(`/b`)`) → the hosts and paths they can match.
 * Negated matchers (`!Path(...)`) narrow a route and are ignored: the result over-approximates,
 * which is the safe side for an audit. Syntax: traefik docs routing/routers (v2 and v3).
 */
import type { HostMatch } from '../model/hosts.ts';
import { hostMatchOf, normaliseHost } from '../model/hosts.ts';

export interface MatchedHost {
  host: string;
  hostMatch: HostMatch;
}

export interface MatchedPath {
  path: string;
  pathType: 'Exact' | 'Prefix' | 'Regex';
}

export interface ParsedMatch {
  /** Empty = the rule matches every host. */
  hosts: MatchedHost[];
  /** Empty = the rule matches every path. */
  paths: MatchedPath[];
}

const CALL = /(!\s*)?\b(HostRegexp|HostHeader|Host|PathRegexp|PathPrefix|Path)\s*\(([^)]*)\)/g;
const ARG = /`([^`]*)`|"([^"]*)"|'([^']*)'/g;

function args(text: string): string[] {
  return [...text.matchAll(ARG)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}

/**
 * A host regexp as a host pattern: `{sub:[a-z]+}.example.com` (v2) or `^.+\.example\.com$` (v3)
 * become `*.example.com` (any depth: a regex is not bound to one label); a fully literal regexp is
 * that host; anything else matches every host.
 */
export function hostRegexpToHost(pattern: string): MatchedHost {
  let text = pattern.trim().replace(/^\^/, '').replace(/\$$/, '');
  text = text.replace(/\{[^}]*\}/g, '\u0000');
  const literal = (s: string) => /^(?:[a-zA-Z0-9-]|\\\.|\.)*$/.test(s);
  const unescapeDots = (s: string) => s.replace(/\\\./g, '.');
  if (!text.includes('\u0000') && literal(text)) {
    const host = normaliseHost(unescapeDots(text));
    return { host, hostMatch: hostMatchOf(host, 'suffix') };
  }
  // The longest literal tail that starts at a label boundary.
  const tail = text.match(/(?:\\\.|\.)((?:[a-zA-Z0-9-]|\\?\.)+)$/);
  if (tail) {
    const suffix = normaliseHost(unescapeDots(tail[1]));
    if (suffix.includes('.')) return { host: `*.${suffix}`, hostMatch: 'wildcard-suffix' };
  }
  return { host: '', hostMatch: 'any' };
}

export function parseTraefikMatch(expression: string): ParsedMatch {
  const hosts: MatchedHost[] = [];
  const paths: MatchedPath[] = [];
  for (const m of expression.matchAll(CALL)) {
    if (m[1]) continue;
    const fn = m[2];
    for (const value of args(m[3])) {
      if (fn === 'Host' || fn === 'HostHeader') {
        const host = normaliseHost(value);
        hosts.push({ host, hostMatch: hostMatchOf(host, 'suffix') });
      } else if (fn === 'HostRegexp') hosts.push(hostRegexpToHost(value));
      else
        paths.push({
          path: value,
          pathType: fn === 'Path' ? 'Exact' : fn === 'PathPrefix' ? 'Prefix' : 'Regex',
        });
    }
  }
  return { hosts, paths };
}
