/**
 * The whole way from files to what we publish: load → diff → rules → every renderer, exactly as the
 * front doors call them (default config from the base branch, a fixed clock).
 */
import { allRules } from '../../rules/index.ts';
import { audit } from '../../src/core/audit.ts';
import type { AuditResult } from '../../src/core/audit-result.ts';
import type { SourceFile } from '../../src/core/manifests/document.ts';
import { defaultConfig } from '../../src/core/policy/config.ts';
import { type CheckRunOutput, renderCheckRun } from '../../src/core/report/check-run.ts';
import { objectLabel } from '../../src/core/report/finding-order.ts';
import { renderJson } from '../../src/core/report/json.ts';
import { renderMarkdown } from '../../src/core/report/markdown.ts';
import { renderRoutingDiagram } from '../../src/core/report/mermaid.ts';
import { renderReviewComment } from '../../src/core/report/review-comment.ts';
import { renderSarif } from '../../src/core/report/sarif.ts';
import { renderText } from '../../src/core/report/text.ts';

export const NOW = new Date('2026-11-22T12:00:00Z');
export const DOCS_BASE_URL = 'https://github.com/acme/ingress-audit/blob/v1/';
const RULE_META = allRules.map((r) => r.meta);
const META_BY_ID = new Map(RULE_META.map((m) => [m.id, m]));

export interface PipelineInput {
  base: SourceFile[] | null;
  head: SourceFile[];
  unchanged?: SourceFile[];
}

export interface Rendered {
  text: string;
  textColor: string;
  markdown: string;
  json: string;
  sarif: string;
  checkRun: CheckRunOutput;
  /** One body per finding, as the publisher would post them inline. */
  reviewComments: string[];
  mermaid: string;
}

export interface PipelineOutput extends Rendered {
  result: AuditResult;
}

export function auditInput(input: PipelineInput): AuditResult {
  return audit(
    {
      base: input.base,
      head: input.head,
      unchanged: input.unchanged ?? [],
      baseRef: input.base === null ? null : 'main',
      headRef: 'feature',
    },
    { config: defaultConfig(), now: NOW },
  );
}

export function renderAll(result: AuditResult): Rendered {
  // Owners are shown by name: feed them the object labels so manifest text reaches that list too.
  const owners = new Map(
    result.findings.slice(0, 5).map((f) => [objectLabel(f), ['@platform/team', objectLabel(f)]]),
  );
  return {
    text: renderText(result, { color: false, verbose: true, ruleMeta: RULE_META }),
    textColor: renderText(result, { color: true, verbose: false, ruleMeta: RULE_META }),
    markdown: renderMarkdown(result, { ruleMeta: RULE_META, docsBaseUrl: DOCS_BASE_URL, owners }),
    json: renderJson(result, '0.0.0-fuzz'),
    sarif: renderSarif(result, {
      toolVersion: '0.0.0-fuzz',
      ruleMeta: RULE_META,
      docsBaseUrl: DOCS_BASE_URL,
    }),
    checkRun: renderCheckRun(result, {
      failOn: 'high',
      ruleMeta: RULE_META,
      docsBaseUrl: DOCS_BASE_URL,
      owners,
    }),
    reviewComments: result.findings.map((f) =>
      renderReviewComment(f, META_BY_ID.get(f.ruleId), { docsBaseUrl: DOCS_BASE_URL }),
    ),
    mermaid: renderRoutingDiagram(result),
  };
}

export function runPipeline(input: PipelineInput): PipelineOutput {
  const result = auditInput(input);
  return { result, ...renderAll(result) };
}

/** Every string a user or GitHub could see, one per surface, for checks that apply to all of them. */
export function publishedTexts(out: Rendered): { surface: string; text: string }[] {
  const c = out.checkRun;
  return [
    { surface: 'text', text: out.text },
    { surface: 'text (color)', text: out.textColor },
    { surface: 'markdown', text: out.markdown },
    { surface: 'json', text: out.json },
    { surface: 'sarif', text: out.sarif },
    { surface: 'check-run title', text: c.title },
    { surface: 'check-run summary', text: c.summary },
    { surface: 'check-run text', text: c.text ?? '' },
    ...c.annotations.flatMap((a, i) => [
      { surface: `annotation ${i} path`, text: a.path },
      { surface: `annotation ${i} title`, text: a.title },
      { surface: `annotation ${i} message`, text: a.message },
      { surface: `annotation ${i} raw_details`, text: a.raw_details ?? '' },
    ]),
    ...out.reviewComments.map((text, i) => ({ surface: `review comment ${i}`, text })),
    { surface: 'mermaid', text: out.mermaid },
  ];
}
