/** The scripted history shared by the inventory and log tests: who changed which entry point, and when. */
import { ingressYaml } from '../support/ingress-yaml.ts';
import { ScriptedRepo } from '../support/scripted-repo.ts';

export const alice = { name: 'Alice Admin', email: 'alice@example.com' };
export const bob = { name: 'Bob Builder', email: 'bob@example.com' };
export const carol = { name: 'Carol Coder', email: 'carol@example.com' };
export const dave = { name: 'Dave Merger', email: 'dave@example.com' };
export const erin = { name: 'Erin Auditor', email: 'erin@example.com' };
export const frank = { name: 'Frank Fixer', email: 'frank@example.com' };

export const shopWithAuth = ingressYaml({
  name: 'shop',
  namespace: 'web',
  annotations: {
    'nginx.ingress.kubernetes.io/auth-type': 'basic',
    'nginx.ingress.kubernetes.io/auth-secret': 'shop-htpasswd',
    'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8',
    'nginx.ingress.kubernetes.io/limit-rps': '10',
    'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
  },
  tls: true,
  host: 'shop.example.com',
  backend: 'flow',
});

export const shopWithoutAuth = shopWithAuth
  .replace('    nginx.ingress.kubernetes.io/auth-type: basic\n', '')
  .replace('    nginx.ingress.kubernetes.io/auth-secret: shop-htpasswd\n', '');

export const shopService = `apiVersion: v1
kind: Service
metadata:
  name: shop
  namespace: web
spec:
  selector: { app: shop }
  ports: [{ port: 80 }]
`;

export const promoWithWildcard = ingressYaml({
  name: 'promo',
  namespace: 'web',
  annotations: { 'ingress-audit.io/waive': 'tls-missing: promo pages are public http by design' },
  rules: [{ host: '*.example.com' }, { host: 'shop.example.com' }],
  backend: 'flow',
});

export const promoWithoutWildcard = promoWithWildcard.replace(
  / {4}- host: "\*\.example\.com"\n(.*\n){5}/,
  '',
);

export const waiverConfig = `waivers:
  - rule: wildcard-host
    object: web/promo
    reason: campaign sub-domains until the end of Q1
    by: erin
    expires: 2026-03-31
`;

export const codeowners = `# platform owns everything by default
* @acme/platform
/apps/shop/ @acme/shop-team shop-lead@example.com
`;

export interface ScriptedHistory {
  repo: ScriptedRepo;
  /** Commit ids by step name. */
  commits: Record<string, string>;
}

export function buildScriptedHistory(): ScriptedHistory {
  const repo = new ScriptedRepo();
  const c: Record<string, string> = {};
  c.addShop = repo.commit(
    {
      'apps/shop/ingress.yaml': shopWithAuth,
      'apps/shop/service.yaml': shopService,
      '.github/CODEOWNERS': codeowners,
      CODEOWNERS: '* @root-file-is-shadowed\n',
    },
    'Add shop ingress (#1)',
    alice,
    '2026-01-05T10:00:00Z',
  );
  c.dropAuth = repo.commit(
    { 'apps/shop/ingress.yaml': shopWithoutAuth },
    'Open the shop to "partners", for now (#2)',
    bob,
    '2026-01-20T09:30:00Z',
  );
  c.readme = repo.commit({ 'README.md': '# apps\n' }, 'Docs only', alice, '2026-01-21T08:00:00Z');
  repo.git(['checkout', '-q', '-b', 'team/promo', c.dropAuth]);
  c.promo = repo.commit(
    { 'apps/promo/ingress.yaml': promoWithWildcard },
    'Add promo pages',
    carol,
    '2026-02-02T14:00:00Z',
  );
  repo.git(['checkout', '-q', 'main']);
  c.merge = repo.merge(
    'team/promo',
    'Merge pull request #3 from team/promo\n\nAdd promo pages',
    dave,
    '2026-02-03T16:45:00Z',
  );
  c.waiver = repo.commit(
    { '.github/ingress-audit.yml': waiverConfig },
    'Accept wildcard for promo (#4)',
    erin,
    '2026-02-10T11:00:00Z',
  );
  c.comment = repo.commit(
    { 'apps/shop/ingress.yaml': `# owned by the shop team\n${shopWithoutAuth}` },
    'Comment the shop ingress (#5)',
    alice,
    '2026-02-15T12:00:00Z',
  );
  c.dropWildcard = repo.commit(
    { 'apps/promo/ingress.yaml': promoWithoutWildcard },
    'Drop the promo wildcard (#6)',
    frank,
    '2026-03-02T10:15:00Z',
  );
  return { repo, commits: c };
}
