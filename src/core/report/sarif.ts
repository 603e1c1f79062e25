/**
 * SARIF 2.1.0 for GitHub code scanning and other SARIF viewers. Rule metadata is passed in (the
 * registry lives in rules/, outside the core's report module). Resolved findings are left out: SARIF
 * consumers show every result as an alert, and a fixed problem is not one.
 */
import type { AuditResult } from '../audit-result.ts';
import type { Finding, Severity } from '../findings.ts';
import type { RuleMeta } from '../rule.ts';
import { objectLabel, sortFindings } from './finding-order.ts';
import { TOOL_NAME } from './json.ts';
import { SARIF_RESULTS_MAX } from './limits.ts';
import { redactResult } from './redact.ts';
import { ruleDocsUrl } from './rule-docs-url.ts';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const SARIF_VERSION = '2.1.0';
/** Key of our entry in `partialFingerprints`; bump the suffix if the fingerprint recipe ever changes. */
export const FINGERPRINT_KEY = 'ingressAudit/v1';

/** GitHub maps these to critical (≥9.0), high (7.0–8.9), medium (4.0–6.9), low (0.1–3.9). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: '0.0',
};

type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === 'critical' || severity === 'high'
    ? 'error'
    : severity === 'medium'
      ? 'warning'
      : 'note';
}

export interface SarifReportingDescriptor {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
  properties: { tags: string[]; 'security-severity': string };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[];
  partialFingerprints: Record<string, string>;
  baselineState?: 'new' | 'updated' | 'unchanged' | 'absent';
  suppressions?: { kind: 'inSource' | 'external'; status: 'accepted'; justification: string }[];
  properties: { severity: Severity; status: Finding['status']; object: string; host?: string; path?: string };
}

export interface SarifLog {
  $schema: string;
  version: typeof SARIF_VERSION;
  runs: {
    tool: {
      driver: {
        name: string;
        version: string;
        informationUri?: string;
        rules: SarifReportingDescriptor[];
      };
    };
    results: SarifResult[];
    /** Present only when results were left out to stay under code scanning's per-run limit. */
    invocations?: {
      executionSuccessful: boolean;
      toolExecutionNotifications: { level: 'warning'; message: { text: string } }[];
    }[];
  }[];
}

export interface SarifOptions {
  toolVersion: string;
  /** The tool's home page (driver.informationUri); omitted when not given. */
  informationUri?: string;
  /** Metadata of every rule (from rules/index.ts `allRules.map(r => r.meta)`). */
  ruleMeta: readonly RuleMeta[];
  /** Where `docs/rules/<id>.md` lives; sets each rule's helpUri. */
  docsBaseUrl?: string;
}

const BASELINE: Partial<Record<Finding['status'], SarifResult['baselineState']>> = {
  introduced: 'new',
  worsened: 'updated',
  preexisting: 'unchanged',
};

function descriptor(meta: RuleMeta, docsBaseUrl: string | undefined): SarifReportingDescriptor {
  const references =
    meta.references.length > 0 ? `\n\nReferences:\n${meta.references.map((r) => `- ${r}`).join('\n')}` : '';
  const d: SarifReportingDescriptor = {
    id: meta.id,
    name: meta.id.replace(/(^|-)([a-z])/g, (_m, _dash, c: string) => c.toUpperCase()),
    shortDescription: { text: meta.title },
    fullDescription: { text: meta.rationale },
    help: {
      text: `${meta.rationale}\n\nFix: ${meta.fix}${references}`,
      markdown: `**${meta.title}**\n\n${meta.rationale}\n\n**Fix:** ${meta.fix}${references}`,
    },
    defaultConfiguration: { level: sarifLevel(meta.severity) },
    properties: {
      // GitHub shows up to 10 tags and accepts 20.
      tags: [
        ...new Set(['security', 'kubernetes', 'ingress', ...(meta.kinds ?? []).map((k) => k.toLowerCase())]),
      ].slice(0, 10),
      'security-severity': SECURITY_SEVERITY[meta.severity],
    },
  };
  if (docsBaseUrl) d.helpUri = ruleDocsUrl(docsBaseUrl, meta.id);
  return d;
}

/** A finding whose rule is not in the registry (renamed, third-party) still gets a descriptor. */
function placeholderMeta(ruleId: string, severity: Severity): RuleMeta {
  return {
    id: ruleId,
    severity,
    title: ruleId,
    rationale: ruleId,
    fix: 'See the finding message.',
    fires: '',
    references: [],
    examples: { fires: [], passes: [] },
  };
}

/** Repository-relative path as a URI reference: each segment percent-encoded, slashes kept. */
function artifactUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .split('/')
    .map(encodeURIComponent)
    .join('/');
}

function sarifResult(f: Finding, ruleIndex: number): SarifResult {
  const out: SarifResult = {
    ruleId: f.ruleId,
    ruleIndex,
    level: sarifLevel(f.severity),
    message: { text: f.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: artifactUri(f.file) },
          region: { startLine: Math.max(1, f.line) },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: { severity: f.severity, status: f.status, object: objectLabel(f) },
  };
  const baseline = BASELINE[f.status];
  if (baseline) out.baselineState = baseline;
  if (f.host !== null) out.properties.host = f.host;
  if (f.path !== null) out.properties.path = f.path;
  if (f.waived) {
    const w = f.waived;
    const who = w.by
      ? ` (by ${w.by}${w.expires ? `, expires ${w.expires}` : ''})`
      : w.expires
        ? ` (expires ${w.expires})`
        : '';
    out.suppressions = [
      // An `ingress-audit.io/waive` annotation sits in the manifest itself: inSource. Config and commands: external.
      {
        kind: w.source === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: `${w.reason}${who}`,
      },
    ];
  }
  return out;
}

function truncationNotice(total: number, kept: number) {
  const n = (x: number) => x.toLocaleString('en-US');
  return {
    executionSuccessful: true,
    toolExecutionNotifications: [
      {
        level: 'warning' as const,
        message: {
          text: `${n(total - kept)} of ${n(total)} results left out (code scanning accepts at most ${n(SARIF_RESULTS_MAX)} per run); see the JSON report for all of them`,
        },
      },
    ],
  };
}

export function buildSarifLog(result: AuditResult, opts: SarifOptions): SarifLog {
  const r = redactResult(result);
  const all = sortFindings(r.findings).filter((f) => f.status !== 'resolved');
  // Sorted new first, most severe first: what is cut to fit is the least telling.
  const findings = all.slice(0, SARIF_RESULTS_MAX);
  const metas = new Map<string, RuleMeta>();
  for (const m of opts.ruleMeta) metas.set(m.id, m);
  for (const f of findings)
    if (!metas.has(f.ruleId)) metas.set(f.ruleId, placeholderMeta(f.ruleId, f.severity));
  const ordered = [...metas.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(ordered.map((m, i) => [m.id, i]));
  return {
    $schema: SARIF_SCHEMA,
    version: SARIF_VERSION,
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: opts.toolVersion,
            ...(opts.informationUri ? { informationUri: opts.informationUri } : {}),
            rules: ordered.map((m) => descriptor(m, opts.docsBaseUrl)),
          },
        },
        results: findings.map((f) => sarifResult(f, index.get(f.ruleId)!)),
        ...(all.length > findings.length
          ? { invocations: [truncationNotice(all.length, findings.length)] }
          : {}),
      },
    ],
  };
}

/** The SARIF log as text (two-space indent, no trailing newline). */
export function renderSarif(result: AuditResult, opts: SarifOptions): string {
  return JSON.stringify(buildSarifLog(result, opts), null, 2);
}
