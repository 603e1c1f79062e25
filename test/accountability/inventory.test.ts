import { describe, expect, it } from 'vitest';
import { audit } from '../../src/core/audit.ts';
import { buildInventory } from '../../src/core/inventory/build-inventory.ts';
import { servicesIn } from '../../src/core/inventory/entry-point-issues.ts';
import { renderInventoryCsv } from '../../src/core/inventory/render-inventory-csv.ts';
import { renderInventoryMarkdown } from '../../src/core/inventory/render-inventory-markdown.ts';
import { renderInventoryMermaid } from '../../src/core/inventory/render-inventory-mermaid.ts';
import { renderInventoryText } from '../../src/core/inventory/render-inventory-text.ts';
import { parseCodeowners } from '../../src/core/owners/codeowners.ts';
import { configSchema } from '../../src/core/policy/config-schema.ts';
import { configWaivers } from '../../src/core/policy/waivers.ts';
import { auditYaml } from '../support/audit-yaml.ts';
import { ingressYaml } from '../support/ingress-yaml.ts';
import { csvRecords } from './parse-csv.ts';

const shop = ingressYaml({
  name: 'shop',
  namespace: 'web',
  annotations: {
    'nginx.ingress.kubernetes.io/auth-type': 'basic',
    'nginx.ingress.kubernetes.io/auth-secret': 'htpasswd',
    'nginx.ingress.kubernetes.io/whitelist-source-range': '10.0.0.0/8,192.168.0.0/16',
    'nginx.ingress.kubernetes.io/limit-rps': '5',
    'cert-manager.io/cluster-issuer': 'letsencrypt-prod',
  },
  tls: ['shop.example.com'],
  rules: [
    { host: 'shop.example.com' },
    { host: 'api.example.com', paths: [{ path: '/v1', service: 'api', port: 'http' }] },
  ],
  backend: 'flow',
});

const promo = ingressYaml({
  name: 'promo',
  namespace: 'web',
  annotations: { 'ingress-audit.io/waive': 'tls-missing: plain http on purpose' },
  rules: [{ host: '*.example.com' }, { host: 'shop.example.com', paths: [{ service: 'shop' }] }],
  backend: 'flow',
});

const services = `apiVersion: v1
kind: Service
metadata: { name: shop, namespace: web }
spec: { ports: [{ port: 80 }] }
---
apiVersion: v1
kind: Service
metadata: { name: api }
spec: { ports: [{ port: 80 }] }
`;

const files = {
  'apps/shop/ingress.yaml': shop,
  'apps/promo/ingress.yaml': promo,
  'apps/services.yaml': services,
};
const waiverConfig = {
  waivers: [
    { rule: 'wildcard-host', object: 'web/promo', reason: 'campaign', by: 'erin', expires: '2026-03-31' },
    { rule: 'default-namespace', reason: 'legacy objects' },
  ],
};
const codeowners = parseCodeowners('* @acme/platform\n/apps/shop/ @acme/shop\n');

function inventoryAt(now: string) {
  const config = configSchema.parse(waiverConfig);
  const sources = Object.entries(files).map(([path, content]) => ({ path, content }));
  const result = audit(
    { base: null, head: sources, baseRef: null, headRef: 'test' },
    { config, now: new Date(now) },
  );
  return buildInventory({
    result,
    waivers: configWaivers(config),
    codeowners,
    services: servicesIn(sources),
    now: new Date(now),
  });
}

describe('inventory entries', () => {
  const inv = inventoryAt('2026-03-15T00:00:00Z');
  const entry = (name: string) => inv.entries.find((e) => e.name === name)!;

  it('lists every entry-point object with kind, namespace/name, file:line, class and controllers', () => {
    expect(inv.entries.map((e) => [e.kind, e.namespace, e.name, e.file, e.line])).toEqual([
      ['Ingress', 'web', 'promo', 'apps/promo/ingress.yaml', 1],
      ['Ingress', 'web', 'shop', 'apps/shop/ingress.yaml', 1],
    ]);
    expect(entry('shop')).toMatchObject({ ingressClass: 'nginx', classSource: 'field' });
    expect(entry('shop').controllers).toEqual(expect.arrayContaining(['ingress-nginx', 'cert-manager']));
  });

  it('gives visibility with its reason', () => {
    expect(entry('shop').visibility).toBe('unknown');
    expect(entry('shop').visibilityReason).toMatch(/nginx/);
  });

  it('lists routes with backend, TLS, authentication, allowlist and rate limit', () => {
    const [root, v1] = entry('shop').routes;
    expect(root).toMatchObject({
      host: 'shop.example.com',
      path: '/',
      backend: 'web/shop:80',
      tls: true,
      rateLimit: '5 rps',
    });
    expect(root.auth).toEqual([expect.stringMatching(/basic/)]);
    expect(root.allowlist).toEqual(['10.0.0.0/8', '192.168.0.0/16']);
    expect(v1).toMatchObject({ host: 'api.example.com', path: '/v1', backend: 'web/api:http', tls: false });
    expect(entry('promo').routes[0]).toMatchObject({ auth: [], allowlist: 'any', rateLimit: null });
  });

  it('gives TLS coverage and the certificate source', () => {
    expect(entry('shop').tls).toEqual({
      coverage: 'partial',
      hosts: ['shop.example.com'],
      uncoveredHosts: ['api.example.com'],
      secrets: ['shop-tls'],
      issuer: 'ClusterIssuer/letsencrypt-prod',
    });
    expect(entry('promo').tls.coverage).toBe('none');
  });

  it('counts open findings by severity, leaving waived ones out', () => {
    const p = entry('promo');
    expect(p.openRules).not.toContain('tls-missing');
    expect(p.openRules).not.toContain('wildcard-host');
    expect(p.waivedFindings).toBe(3);
    // The one open high finding is promo's claim on shop.example.com/, which the shop Ingress also serves.
    expect(p.openRules).toContain('host-collision');
    expect(p.findings.high).toBe(1);
  });

  it('names owners from CODEOWNERS by the object file', () => {
    expect(entry('shop').owners).toEqual(['@acme/shop']);
    expect(entry('promo').owners).toEqual(['@acme/platform']);
  });

  it('flags the same host+path declared by two objects, on both', () => {
    expect(entry('promo').issues).toContainEqual({
      kind: 'duplicate',
      host: 'shop.example.com',
      path: '/',
      message: 'shop.example.com/ is also routed by Ingress web/shop',
    });
    expect(entry('shop').issues.filter((i) => i.kind === 'duplicate')).toHaveLength(1);
  });

  it('flags routes to Services the repository does not define; a Service without namespace matches any', () => {
    expect(
      entry('promo')
        .issues.filter((i) => i.kind === 'stale')
        .map((i) => i.message),
    ).toEqual(['*.example.com/ routes to Service web/promo, which is not defined in the repository']);
    expect(entry('shop').issues.filter((i) => i.kind === 'stale')).toEqual([]);
  });
});

describe('entry point issues without Services or with a canary', () => {
  it('does not call anything stale when the repository defines no Service', () => {
    const result = auditYaml(undefined, { 'a.yaml': promo });
    const inv = buildInventory({
      result,
      waivers: [],
      codeowners: null,
      services: servicesIn([{ path: 'a.yaml', content: promo }]),
      now: new Date(),
    });
    expect(inv.entries[0].issues).toEqual([]);
  });

  it('does not call a canary a duplicate of its primary', () => {
    const canary = shop
      .replace('name: shop\n', 'name: shop-canary\n')
      .replace('  annotations:\n', '  annotations:\n    nginx.ingress.kubernetes.io/canary: "true"\n');
    const result = auditYaml(undefined, { 'a.yaml': shop, 'b.yaml': canary });
    const inv = buildInventory({ result, waivers: [], codeowners: null, services: null, now: new Date() });
    expect(inv.entries.flatMap((e) => e.issues)).toEqual([]);
  });
});

describe('waivers in the inventory', () => {
  it('shows config waivers with who, why and expiry, and inline ones', () => {
    const promoEntry = inventoryAt('2026-03-15T00:00:00Z').entries.find((e) => e.name === 'promo')!;
    expect(promoEntry.waivers).toContainEqual(
      expect.objectContaining({
        rule: 'wildcard-host',
        source: 'config',
        by: 'erin',
        reason: 'campaign',
        expires: '2026-03-31',
        state: 'active',
      }),
    );
    expect(promoEntry.waivers).toContainEqual(
      expect.objectContaining({
        rule: 'tls-missing',
        source: 'inline',
        reason: 'plain http on purpose',
        state: 'active',
        matches: 2,
      }),
    );
  });

  it('a waiver past its expiry is listed as expired, not dropped', () => {
    const inv = inventoryAt('2026-04-01T00:00:00Z');
    const waiver = inv.entries
      .find((e) => e.name === 'promo')!
      .waivers.find((w) => w.rule === 'wildcard-host');
    expect(waiver).toMatchObject({ state: 'expired', expires: '2026-03-31', matches: 1 });
    const promoEntry = inv.entries.find((e) => e.name === 'promo')!;
    expect(promoEntry.openRules).toContain('wildcard-host');
    // wildcard-host, open again, plus the host-collision on shop.example.com/.
    expect(promoEntry.findings.high).toBe(2);
    expect(renderInventoryText(inv)).toContain('wildcard-host (config by erin EXPIRED 2026-03-31): campaign');
  });

  it('still holds on its expiry day (UTC)', () => {
    const waiver = inventoryAt('2026-03-31T23:59:00Z')
      .entries.find((e) => e.name === 'promo')!
      .waivers.find((w) => w.rule === 'wildcard-host');
    expect(waiver?.state).toBe('active');
  });
});

describe('inventory renderers', () => {
  const inv = inventoryAt('2026-03-15T00:00:00Z');

  it('CSV has one row per route with object columns repeated, and reads back', () => {
    const records = csvRecords(renderInventoryCsv(inv));
    expect(records.map((r) => [r.name, r.host, r.path])).toEqual([
      ['promo', '*.example.com', '/'],
      ['promo', 'shop.example.com', '/'],
      ['shop', 'shop.example.com', '/'],
      ['shop', 'api.example.com', '/v1'],
    ]);
    const shopRoot = records[2];
    expect(shopRoot).toMatchObject({
      kind: 'Ingress',
      namespace: 'web',
      file: 'apps/shop/ingress.yaml',
      line: '1',
      class: 'nginx',
      backend: 'web/shop:80',
      tls: 'yes',
      tls_secrets: 'shop-tls',
      cert_issuer: 'ClusterIssuer/letsencrypt-prod',
      allowlist: '10.0.0.0/8; 192.168.0.0/16',
      rate_limit: '5 rps',
      owners: "'@acme/shop",
    });
    expect(records[0].waivers).toContain('wildcard-host (config by erin until 2026-03-31): campaign');
    expect(records[0].issues).toContain('stale: *.example.com/ routes to Service web/promo');
  });

  it('mermaid draws host → path → service and marks stale services and duplicate paths', () => {
    const graph = renderInventoryMermaid(inv);
    expect(graph.startsWith('flowchart LR\n')).toBe(true);
    const ids = Object.fromEntries(
      [...graph.matchAll(/^ {2}(\w+)\["([^"]*)"\]$/gm)].map((m) => [m[2], m[1]]),
    );
    expect(graph).toContain(`${ids['shop.example.com']} --> ${ids['/']}`);
    expect(graph).toMatch(new RegExp(`class [\\w,]*${ids['web/promo:80']}[\\w,]* stale`));
    expect(graph).toMatch(/class p\d+(,p\d+)* duplicate/);
  });

  it('mermaid labels cannot break out of their quotes', () => {
    const odd = promo.replace('path: /\n', "path: '/a\"]; click x call evil()'\n");
    const result = auditYaml(undefined, { 'a.yaml': odd });
    const graph = renderInventoryMermaid(
      buildInventory({ result, waivers: [], codeowners: null, services: null, now: new Date() }),
    );
    for (const line of graph.split('\n').filter((l) => l.includes('["')))
      expect(line).toMatch(/^ {2}\w+\["[^"]*"\]$/);
  });

  it('markdown keeps manifest text inert in the table', () => {
    const md = renderInventoryMarkdown(inv);
    expect(md).toContain('| Object | File |');
    expect(md).toContain('@\u2060acme/shop');
    expect(md.split('\n').filter((l) => l.startsWith('| Ingress'))).toHaveLength(4);
  });
});
