import { describe, expect, it } from 'vitest';
import { MAX_DIAGRAM_EDGES, mermaidLabel, renderRoutingDiagram } from '../../../src/core/report/mermaid.ts';
import { exposure, finding, result, route } from './factory.ts';

describe('renderRoutingDiagram', () => {
  it("returns '' when no object has a route", () => {
    expect(renderRoutingDiagram(result())).toBe('');
  });

  it('draws host → path → service with generated node ids', () => {
    const out = renderRoutingDiagram(
      result({
        exposures: {
          base: [exposure('shop', [route('shop.example.com', '/', 'shop')])],
          head: [exposure('shop', [route('shop.example.com', '/', 'shop')])],
        },
      }),
    );
    expect(out).toBe(
      [
        'flowchart LR',
        '  n1["shop.example.com"]',
        '  n2["/"]',
        '  n1 --> n2',
        '  n3["web/shop:80"]',
        '  n2 --> n3',
        '  linkStyle 0,1 stroke:#8c959f,stroke-width:1px',
      ].join('\n'),
    );
  });

  it('classifies edges: added green, removed red dashed, riskier orange bold, unchanged grey', () => {
    const out = renderRoutingDiagram(
      result({
        exposures: {
          base: [
            exposure('shop', [route('shop.example.com', '/', 'shop'), route('old.example.com', '/', 'old')]),
          ],
          head: [
            exposure('shop', [
              route('shop.example.com', '/', 'shop'),
              route('new.example.com', '/', 'new'),
              route('admin.example.com', '/admin', 'admin'),
            ]),
          ],
        },
        findings: [finding({ host: 'admin.example.com', path: '/admin', ruleId: 'sensitive-path-exposed' })],
      }),
    );
    // Path nodes are per host (several are labelled "/"), so find the edge leaving each host node.
    const fromHost = (host: string): string => {
      const id = out.match(new RegExp(` (n\\d+)\\["${host.replace(/\./g, '\\.')}"\\]`))?.[1];
      return out.split('\n').find((l) => id !== undefined && l.startsWith(`  ${id} `)) ?? '';
    };
    expect(fromHost('new.example.com')).toContain('-->|added|');
    expect(fromHost('old.example.com')).toContain('-.->|removed|');
    expect(fromHost('admin.example.com')).toContain('==>|riskier|');
    expect(fromHost('shop.example.com')).toMatch(/ --> /);
    const edgeLines = out.split('\n').filter((l) => / (-->|==>|-\.->)/.test(l));
    const riskyIndex = edgeLines.indexOf(fromHost('admin.example.com'));
    const orange = out
      .match(/linkStyle ([\d,]+) stroke:#fb8500/)?.[1]
      .split(',')
      .map(Number);
    expect(orange).toContain(riskyIndex);
    expect(out).toMatch(/linkStyle [\d,]+ stroke:#2da44e/);
    expect(out).toMatch(/linkStyle [\d,]+ stroke:#cf222e,stroke-width:2px,stroke-dasharray:4 4/);
  });

  it('a waived finding does not make an edge riskier', () => {
    const out = renderRoutingDiagram(
      result({
        exposures: {
          base: [exposure('s', [route('a.io', '/', 's')])],
          head: [exposure('s', [route('a.io', '/', 's')])],
        },
        findings: [
          finding({
            host: 'a.io',
            path: '/',
            waived: {
              rule: 'x',
              object: null,
              reason: 'r',
              by: null,
              at: null,
              expires: null,
              source: 'config',
            },
          }),
        ],
      }),
    );
    expect(out).not.toContain('riskier');
  });

  it('scan mode draws routes as they are, not as added', () => {
    const out = renderRoutingDiagram(
      result({
        mode: 'scan',
        base: null,
        exposures: { base: [], head: [exposure('s', [route('a.io', '/', 's')])] },
      }),
    );
    expect(out).not.toContain('added');
  });

  it(`caps at ${MAX_DIAGRAM_EDGES} edges with a "… N more" node, keeping riskier edges`, () => {
    const routes = Array.from({ length: 50 }, (_, i) =>
      route(`h${String(i).padStart(2, '0')}.io`, '/', `s${i}`),
    );
    const out = renderRoutingDiagram(
      result({
        exposures: { base: [], head: [exposure('big', routes)] },
        findings: [finding({ host: 'h49.io', path: '/' })],
      }),
    );
    const edges = out.split('\n').filter((l) => / (-->|==>|-\.->)/.test(l));
    expect(edges).toHaveLength(MAX_DIAGRAM_EDGES);
    expect(out).toContain('["… 40 more"]');
    expect(out).toContain('h49.io');
  });

  it('escapes labels: quotes, brackets, #, <, >, backticks and @ become entity codes', () => {
    expect(mermaidLabel('a"b[c]#d<e>`f@g')).toBe('a#34;b#91;c#93;#35;d#60;e#62;#96;f#64;g');
    expect(mermaidLabel('https://u:pw@x.io')).not.toContain('pw');
  });
});
