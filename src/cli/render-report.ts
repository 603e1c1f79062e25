/** Picks the renderer for `--format`. */
import { allRules } from '../../rules/index.ts';
import type { AuditResult } from '../core/audit-result.ts';
import { renderJson } from '../core/report/json.ts';
import { renderMarkdown } from '../core/report/markdown.ts';
import { renderSarif } from '../core/report/sarif.ts';
import { renderText } from '../core/report/text.ts';
import type { Format } from './args.ts';
import { TOOL_VERSION } from './version.ts';

export function renderReport(
  result: AuditResult,
  format: Format,
  opts: { color: boolean; verbose: boolean },
): string {
  const ruleMeta = allRules.map((r) => r.meta);
  switch (format) {
    case 'json':
      return `${renderJson(result, TOOL_VERSION)}\n`;
    case 'sarif':
      return `${renderSarif(result, { ruleMeta, toolVersion: TOOL_VERSION })}\n`;
    case 'markdown':
      return renderMarkdown(result, { ruleMeta });
    default:
      return renderText(result, { color: opts.color, verbose: opts.verbose, ruleMeta });
  }
}
