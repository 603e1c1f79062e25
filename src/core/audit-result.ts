/** The plain-data result every front door publishes (CONTRACTS.md "JSON report"). */
import type { Finding, Severity } from './findings.ts';
import type { Notice } from './manifests/document.ts';
import type { ObjectExposure } from './model/exposure.ts';

export type Conclusion = 'success' | 'failure' | 'neutral';

export interface ObjectSummary {
  kind: string;
  apiVersion: string;
  namespace: string | null;
  name: string;
  file: string;
  line: number;
  change: 'added' | 'removed' | 'modified' | 'moved' | 'unchanged';
  /** Previous file when moved. */
  previousFile?: string;
}

export interface AuditResult {
  mode: 'diff' | 'scan';
  base: string | null;
  head: string;
  risk: { score: number; level: Severity | 'none'; basePosture: number; headPosture: number };
  conclusion: Conclusion;
  /** Why the conclusion is neutral (config or tooling errors), empty otherwise. */
  conclusionReasons: string[];
  objects: ObjectSummary[];
  findings: Finding[];
  notices: { file: string; line: number; message: string }[];
  /** The normalised views, for renderers that draw routing (mermaid) and the inventory. Not in JSON output. */
  exposures: { base: ObjectExposure[]; head: ObjectExposure[] };
  /** Raw notices with kinds (JSON output flattens them to file/line/message). */
  rawNotices: Notice[];
}
