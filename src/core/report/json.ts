/**
 * The JSON report (CONTRACTS.md "JSON report"). Keys are written in the contract's order; arrays are
 * sorted, so the same result is always the same bytes. `exposures` and `rawNotices` stay internal.
 */
import type { AuditResult, Conclusion, ObjectSummary } from '../audit-result.ts';
import type { Finding, Severity, Status, Waiver } from '../findings.ts';
import { compareNotices, sortFindings } from './finding-order.ts';
import { redactResult } from './redact.ts';

export const JSON_REPORT_VERSION = 1;
export const TOOL_NAME = 'ingress-audit';

export interface JsonWaiver {
  rule: string;
  object: string | null;
  reason: string;
  by: string | null;
  at: string | null;
  expires: string | null;
  source: Waiver['source'];
}

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  status: Status;
  message: string;
  object: { kind: string; namespace: string | null; name: string } | null;
  file: string;
  line: number;
  host: string | null;
  path: string | null;
  fingerprint: string;
  waived: JsonWaiver | null;
}

export interface JsonReport {
  version: typeof JSON_REPORT_VERSION;
  tool: { name: string; version: string };
  base: string | null;
  head: string;
  risk: AuditResult['risk'];
  conclusion: Conclusion;
  objects: Pick<ObjectSummary, 'kind' | 'apiVersion' | 'namespace' | 'name' | 'file' | 'line' | 'change'>[];
  findings: JsonFinding[];
  notices: { file: string; line: number; message: string }[];
}

function compareObjects(a: ObjectSummary, b: ObjectSummary): number {
  const ka = [a.file, String(a.line).padStart(10, '0'), a.kind, a.namespace ?? '', a.name].join('\u0000');
  const kb = [b.file, String(b.line).padStart(10, '0'), b.kind, b.namespace ?? '', b.name].join('\u0000');
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function jsonFinding(f: Finding): JsonFinding {
  const w = f.waived;
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    status: f.status,
    message: f.message,
    object: f.object ? { kind: f.object.kind, namespace: f.object.namespace, name: f.object.name } : null,
    file: f.file,
    line: f.line,
    host: f.host,
    path: f.path,
    fingerprint: f.fingerprint,
    waived: w
      ? {
          rule: w.rule,
          object: w.object,
          reason: w.reason,
          by: w.by,
          at: w.at,
          expires: w.expires,
          source: w.source,
        }
      : null,
  };
}

/** The report as plain data (for the Action's outputs and tests). */
export function toJsonReport(result: AuditResult, toolVersion: string): JsonReport {
  const r = redactResult(result);
  return {
    version: JSON_REPORT_VERSION,
    tool: { name: TOOL_NAME, version: toolVersion },
    base: r.base,
    head: r.head,
    risk: {
      score: r.risk.score,
      level: r.risk.level,
      basePosture: r.risk.basePosture,
      headPosture: r.risk.headPosture,
    },
    conclusion: r.conclusion,
    objects: [...r.objects].sort(compareObjects).map((o) => ({
      kind: o.kind,
      apiVersion: o.apiVersion,
      namespace: o.namespace,
      name: o.name,
      file: o.file,
      line: o.line,
      change: o.change,
    })),
    findings: sortFindings(r.findings).map(jsonFinding),
    notices: [...r.notices]
      .sort(compareNotices)
      .map((n) => ({ file: n.file, line: n.line, message: n.message })),
  };
}

/** The JSON report as text (two-space indent, no trailing newline). */
export function renderJson(result: AuditResult, toolVersion: string): string {
  return JSON.stringify(toJsonReport(result, toolVersion), null, 2);
}
