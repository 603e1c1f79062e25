/**
 * What must hold for any input, as plain functions that throw a readable Error: shared by the vitest
 * properties (`npm test`), the long fuzz run (`npm run fuzz`) and the security tests.
 */
import type { AuditResult } from '../../src/core/audit-result.ts';
import type { SourceFile } from '../../src/core/manifests/document.ts';
import {
  ANNOTATION_MESSAGE_MAX_BYTES,
  ANNOTATION_RAW_DETAILS_MAX_BYTES,
  ANNOTATION_TITLE_MAX,
  CHECK_SUMMARY_MAX,
  CHECK_TEXT_MAX,
  COMMENT_BODY_MAX,
  SARIF_RESULTS_MAX,
} from '../../src/core/report/limits.ts';
import { readFingerprint } from '../../src/core/report/review-comment.ts';
import type { PipelineInput, Rendered } from './run-pipeline.ts';

export class PropertyViolation extends Error {}

export function check(condition: unknown, message: () => string): asserts condition {
  if (!condition) throw new PropertyViolation(message());
}

const encoder = new TextEncoder();
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Lines a file has, the way an editor would number them (so a valid line is in 1..count). */
export function lineCount(content: string | Uint8Array): number {
  if (typeof content === 'string') return content.split('\n').length;
  let n = 1;
  for (const b of content) if (b === 0x0a) n++;
  return n;
}

function isUnreadable(content: string | Uint8Array): boolean {
  if (typeof content === 'string') return content.includes('\0');
  if (content.includes(0)) return true;
  try {
    STRICT_UTF8.decode(content);
    return false;
  } catch {
    return true;
  }
}

function filesByPath(files: readonly SourceFile[] | null | undefined): Map<string, SourceFile> {
  return new Map((files ?? []).map((f) => [f.path, f]));
}

/**
 * Every finding and notice names a file of the input and a line inside it; findings point at the side
 * they were found on (base for resolved, head otherwise); an unreadable file always gets a notice.
 */
export function checkLocated(input: PipelineInput, result: AuditResult): void {
  const base = filesByPath(input.base);
  const head = filesByPath(input.head);
  const unchanged = filesByPath(input.unchanged);
  for (const f of result.findings) {
    // Resolved findings live at base; a removed object's finding can only point at base too.
    const sides = [base.get(f.file), head.get(f.file)].filter((x) => x !== undefined);
    check(
      sides.length > 0,
      () => `finding ${f.ruleId} (${f.status}) names ${JSON.stringify(f.file)}, not a changed file`,
    );
    if (f.status === 'resolved')
      check(base.has(f.file), () => `resolved finding ${f.ruleId} names ${f.file}, which is not a base file`);
    const lines = Math.max(...sides.map((s) => lineCount(s.content)));
    check(
      Number.isInteger(f.line) && f.line >= 1 && f.line <= lines,
      () => `finding ${f.ruleId} in ${f.file} points at line ${f.line}; the file has ${lines} lines`,
    );
    check(f.fingerprint.length > 0, () => `finding ${f.ruleId} has no fingerprint`);
  }
  const all = [...result.notices, ...result.rawNotices];
  for (const n of all) {
    const sides = [base.get(n.file), head.get(n.file), unchanged.get(n.file)].filter((x) => x !== undefined);
    check(sides.length > 0, () => `notice names ${JSON.stringify(n.file)}, not an input file: ${n.message}`);
    const lines = Math.max(...sides.map((s) => lineCount(s.content)));
    check(
      Number.isInteger(n.line) && n.line >= 1 && n.line <= lines,
      () => `notice in ${n.file} points at line ${n.line}; the file has ${lines} lines: ${n.message}`,
    );
    check(n.message.trim().length > 0, () => `notice in ${n.file} has an empty message`);
  }
  for (const [side, files] of [
    ['base', base],
    ['head', head],
  ] as const) {
    for (const file of files.values()) {
      if (!isUnreadable(file.content)) continue;
      check(
        result.rawNotices.some((n) => n.file === file.path),
        () => `${side} file ${file.path} is binary or not UTF-8, but no notice says so`,
      );
    }
  }
}

function utf8Bytes(text: string): number {
  return encoder.encode(text).length;
}

/** Sizes GitHub enforces (src/core/report/limits.ts), on every surface we publish. */
export function checkGitHubLimits(out: Rendered): void {
  check(
    out.markdown.length <= COMMENT_BODY_MAX,
    () => `markdown report is ${out.markdown.length} characters`,
  );
  const c = out.checkRun;
  check(c.summary.length <= CHECK_SUMMARY_MAX, () => `check-run summary is ${c.summary.length} characters`);
  check((c.text ?? '').length <= CHECK_TEXT_MAX, () => `check-run text is ${c.text?.length} characters`);
  for (const a of c.annotations) {
    check(a.title.length <= ANNOTATION_TITLE_MAX, () => `annotation title is ${a.title.length} characters`);
    check(
      utf8Bytes(a.message) <= ANNOTATION_MESSAGE_MAX_BYTES,
      () => `annotation message is ${utf8Bytes(a.message)} bytes`,
    );
    check(
      utf8Bytes(a.raw_details ?? '') <= ANNOTATION_RAW_DETAILS_MAX_BYTES,
      () => `annotation raw_details is ${utf8Bytes(a.raw_details ?? '')} bytes`,
    );
    check(
      a.path.length > 0 && a.start_line >= 1 && a.end_line >= a.start_line,
      () => `annotation at ${a.path}:${a.start_line}`,
    );
  }
  for (const body of out.reviewComments)
    check(body.length <= COMMENT_BODY_MAX, () => `review comment is ${body.length} characters`);
  const parsed = (name: string, text: string) => {
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new PropertyViolation(`${name} output is not JSON: ${(error as Error).message}`);
    }
  };
  parsed('json', out.json);
  const results = parsed('sarif', out.sarif).runs[0].results.length;
  check(results <= SARIF_RESULTS_MAX, () => `SARIF run has ${results} results`);
}

/** Table rows keep their five cells, <details> blocks are closed, code fences are closed, no CR. */
export function checkMarkdownShape(surface: string, md: string): void {
  check(!md.includes('\r'), () => `${surface}: contains a carriage return`);
  const open = md.match(/<details[ >]/g)?.length ?? 0;
  const close = md.match(/<\/details>/g)?.length ?? 0;
  check(open === close, () => `${surface}: ${open} <details> but ${close} </details>`);
  for (const line of md.split('\n').filter((l) => l.startsWith('| ')))
    check(
      (line.match(/(?<!\\)\|/g)?.length ?? 0) === 6,
      () => `${surface}: table row does not have exactly five cells: ${line.slice(0, 300)}`,
    );
  const fences = md.split('\n').filter((l) => /^`{3,}/.test(l));
  check(fences.length % 2 === 0, () => `${surface}: ${fences.length} code fence lines (one is left open)`);
}

/** Markdown we publish never holds a hidden marker; a review comment holds exactly its own fingerprint. */
export function checkMarkers(out: Rendered, fingerprints: readonly string[]): void {
  for (const [surface, md] of [
    ['markdown', out.markdown],
    ['check-run summary', out.checkRun.summary],
    ['check-run text', out.checkRun.text ?? ''],
  ] as const) {
    check(!md.includes('<!--'), () => `${surface}: contains "<!--" (a forged hidden marker is possible)`);
    checkMarkdownShape(surface, md);
  }
  out.reviewComments.forEach((body, i) => {
    check(body.split('<!--').length === 2, () => `review comment ${i}: more than our one hidden marker`);
    check(
      readFingerprint(body) === fingerprints[i],
      () => `review comment ${i}: fingerprint reads back as ${readFingerprint(body)}, not ${fingerprints[i]}`,
    );
    checkMarkdownShape(`review comment ${i}`, body.slice(0, body.lastIndexOf('<!--')));
  });
}

/** Findings that count against a change. */
export function newFindings(result: AuditResult) {
  return result.findings.filter((f) => f.status === 'introduced' || f.status === 'worsened');
}

/** A finding as a comparable string (everything but the waiver, which is never set here). */
export function findingKey(f: AuditResult['findings'][number]): string {
  return JSON.stringify([
    f.ruleId,
    f.status,
    f.severity,
    f.file,
    f.line,
    f.host,
    f.path,
    f.fingerprint,
    f.message,
  ]);
}
