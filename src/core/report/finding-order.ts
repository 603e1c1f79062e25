/**
 * The one order and grouping every renderer uses, so the same result always prints the same bytes and
 * the terminal, markdown, annotations and SARIF list findings alike.
 */
import type { Finding, Status } from '../findings.ts';
import { severityRank } from '../findings.ts';

const STATUS_ORDER: Record<Status, number> = {
  introduced: 0,
  worsened: 0,
  present: 0,
  resolved: 1,
  preexisting: 2,
};

function compareText(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** New first, then resolved, then preexisting; within each: unwaived first, severity desc, then place. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
    Number(a.waived !== null) - Number(b.waived !== null) ||
    severityRank(b.severity) - severityRank(a.severity) ||
    compareText(a.file, b.file) ||
    a.line - b.line ||
    compareText(a.ruleId, b.ruleId) ||
    compareText(a.host, b.host) ||
    compareText(a.path, b.path) ||
    compareText(a.fingerprint, b.fingerprint)
  );
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/**
 * `Kind namespace/name` (or `Kind name` without a namespace); the file for findings not tied to an object.
 * Also the key of the `owners` map the markdown renderer takes.
 */
export function objectLabel(f: Pick<Finding, 'object' | 'file'>): string {
  if (!f.object) return f.file;
  const { kind, namespace, name } = f.object;
  return `${kind} ${namespace ? `${namespace}/${name}` : name}`;
}

export interface FindingGroup {
  label: string;
  /** Files the group's findings live in, sorted. */
  files: string[];
  findings: Finding[];
}

/** Findings grouped by object, groups ordered by their most important finding, findings sorted within. */
export function groupByObject(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of sortFindings(findings)) {
    const label = objectLabel(f);
    let group = groups.get(label);
    if (!group) {
      group = { label, files: [], findings: [] };
      groups.set(label, group);
    }
    group.findings.push(f);
    if (!group.files.includes(f.file)) group.files.push(f.file);
  }
  for (const group of groups.values()) group.files.sort();
  // Map insertion order already follows each group's first (= most important) finding.
  return [...groups.values()];
}

/** `host` + `path` as one readable location (`*` for the every-host rule), or '' when neither is set. */
export function routeLabel(f: Pick<Finding, 'host' | 'path'>): string {
  if (f.host === null && f.path === null) return '';
  return `${f.host === null ? '' : f.host === '' ? '*' : f.host}${f.path ?? ''}`;
}

type NoticeLike = { file: string; line: number; message: string };

export function compareNotices(a: NoticeLike, b: NoticeLike): number {
  return compareText(a.file, b.file) || a.line - b.line || compareText(a.message, b.message);
}
