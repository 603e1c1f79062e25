/** The report files a workflow can pick up: the JSON report (always) and SARIF (when asked for). */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { allRules } from '../../rules/index.ts';
import { TOOL_VERSION } from '../cli/version.ts';
import type { AuditResult } from '../core/audit-result.ts';
import { renderJson } from '../core/report/json.ts';
import { renderSarif } from '../core/report/sarif.ts';
import type { Env } from './inputs.ts';

export const REPORT_JSON_NAME = 'ingress-audit-report.json';

export interface ReportFiles {
  reportJson: string;
  sarifFile: string | null;
}

/** `sarif` is relative to the workspace unless absolute; the JSON report goes to RUNNER_TEMP. */
export function writeReportFiles(result: AuditResult, env: Env, sarif: string | null): ReportFiles {
  const reportJson = join(env.RUNNER_TEMP || tmpdir(), REPORT_JSON_NAME);
  mkdirSync(dirname(reportJson), { recursive: true });
  writeFileSync(reportJson, renderJson(result, TOOL_VERSION));
  let sarifFile: string | null = null;
  if (sarif) {
    sarifFile = isAbsolute(sarif) ? sarif : resolve(env.GITHUB_WORKSPACE || process.cwd(), sarif);
    mkdirSync(dirname(sarifFile), { recursive: true });
    writeFileSync(
      sarifFile,
      renderSarif(result, { toolVersion: TOOL_VERSION, ruleMeta: allRules.map((r) => r.meta) }),
    );
  }
  return { reportJson, sarifFile };
}
