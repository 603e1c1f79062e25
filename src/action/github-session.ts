/**
 * The Action's GitHub side: one Octokit with the write guard, the config loader (base side, inputs
 * applied) and how a finished audit is shown on the runner, the same for PR events and commands.
 */
import type { AuditResult } from '../core/audit-result.ts';
import type { Config } from '../core/policy/config-schema.ts';
import { createOctokit, type PluginOctokit } from '../github/create-octokit.ts';
import { type ConfigLoader, readConfigFile } from '../github/load-config.ts';
import { type ActionContext, type ActionLog, docsBaseUrl } from './action-context.ts';
import { applyOverrides } from './config-overrides.ts';
import { InputError } from './inputs.ts';
import { guardWrites, type WriteGuard } from './read-only.ts';
import { writeReportFiles } from './report-files.ts';
import { annotateFindings, setResultOutputs, summaryMarkdown } from './runner-report.ts';
import { workflowCommand } from './workflow-commands.ts';

/** Comments written with the workflow token are by this user. */
export const ACTIONS_BOT_LOGIN = 'github-actions[bot]';

export interface GitHubSession {
  octokit: PluginOctokit;
  guard: WriteGuard;
  loadConfig: ConfigLoader;
}

export function openSession(
  ctx: ActionContext,
  log: ActionLog,
  readOnlyReason: string | null,
): GitHubSession {
  if (!ctx.inputs.githubToken)
    throw new InputError(
      'input github-token is empty (the default is the workflow token: `${{ github.token }}`)',
    );
  const octokit = createOctokit({
    auth: ctx.inputs.githubToken,
    baseUrl: ctx.env.GITHUB_API_URL || undefined,
    userAgent: 'ingress-audit-action',
    // Octokit logs every non-2xx answer as an error, expected 404s included; the publishers report
    // real failures themselves, so those lines are debug output (shown with ACTIONS_STEP_DEBUG).
    log: { debug: log.debug, info: log.debug, warn: log.warn, error: log.debug },
  });
  const guard = guardWrites(octokit, readOnlyReason);
  const { owner, repo } = ctx.event;
  const loadConfig: ConfigLoader = async (baseSha) => {
    const loaded = await readConfigFile(octokit, { owner, repo, ref: baseSha, path: ctx.inputs.config });
    // Also when the file could not be read: the defaults it falls back to still get the inputs.
    return { ...loaded, text: applyOverrides(loaded.text ?? null, ctx.inputs) };
  };
  return { octokit, guard, loadConfig };
}

/**
 * Outputs, report files and the job summary for a finished audit; when writes were off, also the
 * findings as annotations and a note on why. Returns the step's exit code: 1 when the change fails
 * the policy, so a required check blocks whether or not a check run could be written.
 */
export function reportOnRunner(
  ctx: ActionContext,
  log: ActionLog,
  result: AuditResult,
  config: Config,
  readOnlyReason: string | null,
  /** Markdown put before the report in the job summary (e.g. the drift table). */
  section = '',
): number {
  const reports = writeReportFiles(result, ctx.env, ctx.inputs.sarif);
  setResultOutputs(ctx.files, result, reports);
  let preface = section;
  if (readOnlyReason !== null) {
    const plan = annotateFindings(ctx.print, result, config.failOn);
    preface +=
      `> [!NOTE]\n> No check run or comment was written: ${readOnlyReason}. The report is here, the findings are ` +
      `annotations${plan.leftOut > 0 ? ` (${plan.leftOut} left out by GitHub's per-step cap, all listed below)` : ''}, ` +
      `and this step's exit code carries the verdict.\n\n`;
    ctx.print(
      workflowCommand('notice', `writes skipped: ${readOnlyReason}; the report is in the job summary`),
    );
  }
  ctx.files.appendSummary(`${preface}${summaryMarkdown(result, docsBaseUrl(ctx.env))}`);
  log.info(
    `ingress-audit: ${result.conclusion}, risk ${result.risk.score}/100 (${result.risk.level}); report ${reports.reportJson}`,
  );
  for (const reason of result.conclusionReasons) log.warn(reason);
  return result.conclusion === 'failure' ? 1 : 0;
}

/** Publishing problems other than the writes the guard stopped on purpose. */
export function reportFailures(log: ActionLog, failures: readonly string[], guard: WriteGuard): void {
  for (const failure of failures) {
    if (guard.reason !== null && /\b403\b/.test(failure)) continue;
    log.warn(failure);
  }
}
