/** Manifests and repository states shared by the App tests. */
import { ingressYaml } from '../../support/ingress-yaml.ts';

/** An Ingress `web/<name>` for `host`, with TLS for `tlsHost` (none when null). The host is on line 12. */
export function ingress(name: string, host: string, tlsHost: string | null = host): string {
  return ingressYaml({
    name,
    namespace: 'web',
    tls: tlsHost === null ? [] : [tlsHost],
    host,
    quoteHosts: true,
  });
}

export const SHOP = 'apps/shop/ingress.yaml';
/** The shop Ingress as it is on main. */
export const SHOP_BASE = ingress('shop', 'shop.example.com');
/** The change under review: the host becomes a wildcard (wildcard-host: high, so the check fails). */
export const SHOP_WILDCARD = ingress('shop', '*.example.com', '*.example.com');

interface Seedable {
  addCommit(sha: string, files: Record<string, string | Uint8Array>, parents?: string[]): void;
  addPull(pull: {
    number: number;
    base: string;
    head: string;
    author?: { login: string; type: 'User' | 'Bot' };
  }): void;
}

/** main (`base`) with the shop Ingress, and PR #1 (`head`) making its host a wildcard. */
export function seedWildcardPull(gh: Seedable, opts: { author?: string } = {}): void {
  gh.addCommit('base', { [SHOP]: SHOP_BASE, 'README.md': 'hello\n' });
  gh.addCommit('head', { [SHOP]: SHOP_WILDCARD, 'README.md': 'hello\n' }, ['base']);
  gh.addPull({
    number: 1,
    base: 'base',
    head: 'head',
    author: { login: opts.author ?? 'octocat', type: 'User' },
  });
}
