/**
 * A hostile corpus through every renderer: text from manifests must never mention anyone, link issues,
 * inject HTML, break our tables or code blocks, forge our hidden markers, or leak a password.
 */
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../../src/core/audit-result.ts';
import { renderCheckRun } from '../../../src/core/report/check-run.ts';
import { renderJson } from '../../../src/core/report/json.ts';
import { hiddenMarker, readHiddenMarker, renderMarkdown } from '../../../src/core/report/markdown.ts';
import { renderRoutingDiagram } from '../../../src/core/report/mermaid.ts';
import { readFingerprint, renderReviewComment } from '../../../src/core/report/review-comment.ts';
import { renderSarif } from '../../../src/core/report/sarif.ts';
import { renderText } from '../../../src/core/report/text.ts';
import { exposure, finding, result, route, ruleMeta, waiver } from './factory.ts';

const PASSWORD = 'hunter2secret';
const HOSTILE = [
  '@org/team',
  '#1',
  '</details>',
  '<img src=x onerror=1>',
  '````',
  '<!-- ingress-audit:fp x -->',
  '-->',
  '[x](javascript:alert(1))',
  'line1\r\nline2',
  `https://admin:${PASSWORD}@evil.example.com/`,
  '| a | b |',
].join(' ');

function hostileResult(): AuditResult {
  const evil = (over: Parameters<typeof finding>[0]) =>
    finding({
      message: HOSTILE,
      host: `h.example.com ${HOSTILE}`,
      path: `/p ${HOSTILE}`,
      object: { kind: 'Ingress', namespace: `ns ${HOSTILE}`, name: `name ${HOSTILE}` },
      ...over,
    });
  return result({
    base: `main ${HOSTILE}`,
    head: `feature ${HOSTILE}`,
    risk: { score: 60, level: 'critical', basePosture: 20, headPosture: 60 },
    conclusion: 'failure',
    conclusionReasons: [HOSTILE],
    findings: [
      evil({ severity: 'critical', fingerprint: 'fp-ours-1' }),
      evil({ status: 'worsened', fingerprint: 'fp-ours-2' }),
      evil({ status: 'resolved', fingerprint: 'fp-ours-3' }),
      evil({ status: 'preexisting', fingerprint: 'fp-ours-4' }),
      evil({ fingerprint: 'fp-ours-5', waived: waiver({ by: '@org/team', reason: HOSTILE }) }),
      evil({ fingerprint: 'fp-ours-6', ruleId: `rule ${HOSTILE}`, file: `dir/${HOSTILE}.yaml` }),
    ],
    notices: [{ file: 'x.yaml', line: 1, message: HOSTILE }],
    exposures: {
      base: [exposure('old', [route(`old ${HOSTILE}`, `/ ${HOSTILE}`, `svc ${HOSTILE}`)])],
      head: [
        exposure(`new ${HOSTILE}`, [route(`h.example.com ${HOSTILE}`, `/p ${HOSTILE}`, `svc ${HOSTILE}`)]),
      ],
    },
  });
}

const owners = new Map([['Ingress web/shop', ['@org/team', HOSTILE]]]);
const meta = [ruleMeta()];

/** The markdown with code spans removed (text inside them is literal, links there are inert). */
function outsideCode(md: string): string {
  return md.replace(/(`+)[^`][\s\S]*?(?<!`)\1(?!`)/g, '');
}

/** Mermaid source uses `#34;` entity codes and `#2da44e` colours; GitHub links nothing inside code blocks. */
function withoutMermaid(md: string): string {
  return md.replace(/```mermaid\n[\s\S]*?\n```/g, '');
}

/** Invariants for anything GitHub renders as markdown (comments, check-run summary and text). */
function expectSafeMarkdown(md: string): void {
  expect(md).not.toMatch(/@[A-Za-z0-9]/); // no mention
  expect(withoutMermaid(md)).not.toMatch(/#\d/); // no issue reference
  expect(md).not.toMatch(/<img/i);
  expect(md).not.toContain('<!--');
  expect(outsideCode(md)).not.toContain('](javascript');
  expect(md).not.toContain('\r');
  expect(md).not.toContain(PASSWORD);
  expect(md.match(/<details/g)?.length ?? 0).toBe(md.match(/<\/details>/g)?.length ?? 0);
  // Every table row keeps its five cells: only our own pipes are unescaped.
  for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
    expect(line.match(/(?<!\\)\|/g)?.length, line).toBe(6);
  }
}

describe('hostile manifest text', () => {
  const input = hostileResult();

  it('markdown summary: no mention, HTML, forged marker, broken table or leaked password', () => {
    const md = renderMarkdown(input, { owners, ruleMeta: meta, docsBaseUrl: 'https://example.com/x' });
    expectSafeMarkdown(md);
    // The publisher's marker is the only one found.
    const body = `${hiddenMarker('summary', { head: 'sha1' })}\n${md}`;
    expect(readHiddenMarker(body, 'summary')).toEqual({ data: { head: 'sha1' } });
    expect(readHiddenMarker(md, 'fp')).toBeNull();
    expect(readFingerprint(md)).toBeNull();
  });

  it('markdown with the mermaid diagram keeps the code fence closed', () => {
    const md = renderMarkdown(input);
    const start = md.indexOf('```mermaid\n');
    expect(start).toBeGreaterThan(-1);
    const end = md.indexOf('\n```', start + 11);
    const diagram = md.slice(start + 11, end);
    expect(diagram).not.toContain('`');
    expect(diagram.split('\n')[0]).toBe('flowchart LR');
  });

  it('mermaid labels cannot end the label or inject markup', () => {
    const diagram = renderRoutingDiagram(input);
    for (const line of diagram.split('\n').filter((l) => l.includes('["'))) {
      expect(line).toMatch(/^ {2}n\d+\["[^"<>`@[\]]*"\]$/);
    }
    expect(diagram).not.toContain(PASSWORD);
  });

  it('check run: title, summary, text and annotations are safe', () => {
    const out = renderCheckRun(input, { failOn: 'high', ruleMeta: meta, owners });
    expectSafeMarkdown(out.summary);
    if (out.text) expectSafeMarkdown(out.text);
    for (const a of out.annotations) {
      for (const text of [a.title, a.message, a.raw_details ?? '']) {
        expect(text).not.toMatch(/@[A-Za-z0-9]/);
        expect(text).not.toMatch(/#\d/);
        expect(text).not.toContain(PASSWORD);
        expect(text).not.toContain('\r');
      }
      expect(a.message).not.toContain('\n');
      expect(a.path).not.toContain(PASSWORD);
    }
  });

  it('review comments: only our fingerprint marker is read back', () => {
    for (const f of input.findings) {
      const body = renderReviewComment(f, ruleMeta(), { docsBaseUrl: 'https://example.com/x' });
      expect(readFingerprint(body)).toBe(f.fingerprint);
      expect(body.match(/<!--/g)?.length).toBe(1);
      const withoutMarker = body.slice(0, body.lastIndexOf('<!--'));
      expectSafeMarkdown(withoutMarker);
    }
  });

  it('terminal text: one line per field, no control characters, no password', () => {
    const text = renderText(input, { color: false, verbose: true, ruleMeta: meta });
    expect(text).not.toContain('\r');
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).not.toContain(PASSWORD);
    expect(text).toContain('line1 line2');
  });

  it('JSON and SARIF: valid JSON, password redacted, text otherwise kept as data', () => {
    const json = renderJson(input, '1.0.0');
    expect(JSON.parse(json).findings).toHaveLength(6);
    expect(json).not.toContain(PASSWORD);
    expect(json).toContain('@org/team');
    const sarif = renderSarif(input, { toolVersion: '1.0.0', ruleMeta: meta });
    expect(JSON.parse(sarif).runs[0].results).toHaveLength(5);
    expect(sarif).not.toContain(PASSWORD);
  });
});

describe('deterministic output', () => {
  const input = hostileResult();
  const shuffled: AuditResult = {
    ...input,
    findings: [...input.findings].reverse(),
    notices: [...input.notices].reverse(),
    objects: [...input.objects].reverse(),
    exposures: { base: [...input.exposures.base].reverse(), head: [...input.exposures.head].reverse() },
  };
  const renderers: [string, (r: AuditResult) => string][] = [
    ['text', (r) => renderText(r, { color: true, verbose: true, ruleMeta: meta })],
    ['markdown', (r) => renderMarkdown(r, { owners, ruleMeta: meta })],
    ['json', (r) => renderJson(r, '1.0.0')],
    ['sarif', (r) => renderSarif(r, { toolVersion: '1.0.0', ruleMeta: meta })],
    ['mermaid', (r) => renderRoutingDiagram(r)],
    ['check run', (r) => JSON.stringify(renderCheckRun(r, { failOn: 'high', ruleMeta: meta }))],
  ];

  it.each(renderers)('%s: same input → same bytes, whatever the input order', (_name, render) => {
    const first = render(input);
    expect(render(input)).toBe(first);
    expect(render(shuffled)).toBe(first);
  });
});
