/**
 * Check-run output: title, summary (the markdown report), text (fix advice for the new findings) and
 * one annotation per finding that has a file and line. The publisher sends annotations in `batches`.
 */
import type { AuditResult, Conclusion } from '../audit-result.ts';
import type { Finding } from '../findings.ts';
import type { RuleMeta } from '../rule.ts';
import { clip, mdText, plainText } from './escape.ts';
import { objectLabel, routeLabel, sortFindings } from './finding-order.ts';
import {
  ANNOTATION_MESSAGE_MAX_BYTES,
  ANNOTATION_RAW_DETAILS_MAX_BYTES,
  ANNOTATION_TITLE_MAX,
  ANNOTATIONS_PER_REQUEST,
  CHECK_SUMMARY_MAX,
  CHECK_TEXT_MAX,
} from './limits.ts';
import { type MarkdownOptions, renderMarkdown } from './markdown.ts';
import { redactResult } from './redact.ts';
import { reportTitle } from './report-title.ts';
import { type FailOn, isBlocking, isNew } from './score.ts';

/** The shape of one entry of `output.annotations` in the Checks API. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title: string;
  message: string;
  raw_details?: string;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
  text?: string;
  annotations: Annotation[];
  conclusion: Conclusion;
}

export interface CheckRunOptions extends Omit<MarkdownOptions, 'maxLength'> {
  /** The threshold the result was scored with: blocking findings are `failure` annotations. */
  failOn: FailOn;
  /** Rule metadata for the fix advice in `text`. */
  ruleMeta?: readonly RuleMeta[];
}

const encoder = new TextEncoder();

/** At most `maxBytes` of UTF-8, cut on a character boundary, ending in `…` when cut. */
export function clipBytes(text: string, maxBytes: number): string {
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let used = 0;
  const budget = maxBytes - 3; // the ellipsis is 3 bytes in UTF-8
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (used + size > budget) break;
    out += ch;
    used += size;
  }
  return `${out}…`;
}

function annotationLevel(f: Finding, failOn: FailOn): Annotation['annotation_level'] {
  if (isBlocking(f, failOn)) return 'failure';
  if (isNew(f) && f.waived === null) return 'warning';
  return 'notice';
}

function statusNote(f: Finding): string {
  if (f.waived) return `waived${f.waived.by ? ` by ${f.waived.by}` : ''}: ${f.waived.reason}`;
  switch (f.status) {
    case 'preexisting':
      return 'preexisting (not caused by this change)';
    case 'resolved':
      return 'resolved by this change';
    case 'worsened':
      return 'made worse by this change';
    default:
      return '';
  }
}

function annotation(f: Finding, failOn: FailOn): Annotation {
  const note = statusNote(f);
  const message = `[${f.severity}] ${f.message}${note ? ` (${note})` : ''}`;
  const details = [`Object: ${objectLabel(f)}`];
  const route = routeLabel(f);
  if (route) details.push(`Route: ${route}`);
  details.push(`Status: ${f.status}`, `Fingerprint: ${f.fingerprint}`);
  return {
    path: f.file,
    start_line: f.line,
    end_line: f.line,
    annotation_level: annotationLevel(f, failOn),
    title: clip(plainText(f.ruleId), ANNOTATION_TITLE_MAX),
    // Annotations are plain text, but GitHub still links mentions and references in them.
    message: clipBytes(plainText(message), ANNOTATION_MESSAGE_MAX_BYTES),
    raw_details: clipBytes(details.map(plainText).join('\n'), ANNOTATION_RAW_DETAILS_MAX_BYTES),
  };
}

function fixText(findings: Finding[], ruleMeta: readonly RuleMeta[] | undefined): string | undefined {
  if (!ruleMeta || ruleMeta.length === 0) return undefined;
  const meta = new Map(ruleMeta.map((m) => [m.id, m]));
  const ids = [...new Set(findings.filter((f) => isNew(f) && f.waived === null).map((f) => f.ruleId))];
  const sections = ids.flatMap((id) => {
    const m = meta.get(id);
    // Meta is our own text (rules/), not manifest content; still escaped as text, never as markup.
    return m
      ? [`### ${mdText(m.id)}: ${mdText(m.title)}\n\n${mdText(m.rationale)}\n\n**Fix:** ${mdText(m.fix)}`]
      : [];
  });
  if (sections.length === 0) return undefined;
  const text = `## How to fix\n\n${sections.join('\n\n')}\n`;
  const note = '\n\n…truncated: see the rule docs.\n';
  return text.length <= CHECK_TEXT_MAX ? text : `${clip(text, CHECK_TEXT_MAX - note.length)}${note}`;
}

export function renderCheckRun(result: AuditResult, opts: CheckRunOptions): CheckRunOutput {
  const r = redactResult(result);
  const sorted = sortFindings(r.findings);
  const text = fixText(sorted, opts.ruleMeta);
  return {
    title: reportTitle(r),
    summary: renderMarkdown(result, { ...opts, maxLength: CHECK_SUMMARY_MAX }),
    ...(text === undefined ? {} : { text }),
    annotations: sorted.filter((f) => f.file !== '' && f.line >= 1).map((f) => annotation(f, opts.failOn)),
    conclusion: r.conclusion,
  };
}

/** Split into request-sized chunks (GitHub takes 50 annotations per create/update; updates append). */
export function batches<T>(items: readonly T[], size: number = ANNOTATIONS_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`batch size must be a positive integer: ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
