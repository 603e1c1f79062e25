/**
 * `pull_request` / `pull_request_target`: the shared orchestration (auditPullRequest) reads the change
 * through the API — never a checkout, so no PR code runs even under `pull_request_target` — and
 * publishes the check run, sticky comment and inline comments. A fork PR's read-only token is known
 * from the event; any other read-only token from the first refused write. Either way the report then
 * goes to the job summary and annotations.
 */
import { auditPullRequest } from '../github/audit-pull-request.ts';
import { type ActionContext, actionLog, docsBaseUrl, runUrl } from './action-context.ts';
import { isForkPullRequest, pullRequestRef } from './event.ts';
import { ACTIONS_BOT_LOGIN, openSession, reportFailures, reportOnRunner } from './github-session.ts';

export async function runPullRequest(ctx: ActionContext): Promise<number> {
  const log = actionLog(ctx.print);
  const pr = pullRequestRef(ctx.event.payload?.pull_request);
  if (ctx.inputs.render) {
    // Rendering needs both trees on disk; this run reads through the API (and under
    // pull_request_target must not run tools on PR content), so it audits the manifests as committed.
    log.warn(
      'input render applies to drift runs and the CLI; pull request runs audit the manifests as committed',
    );
  }
  const fork = isForkPullRequest(ctx.event, pr);
  const session = openSession(
    ctx,
    log,
    fork
      ? `the pull request comes from ${pr.headRepo ?? 'a deleted fork'}, so the workflow token is read-only`
      : null,
  );
  const out = await auditPullRequest({
    octokit: session.octokit,
    target: {
      owner: ctx.event.owner,
      repo: ctx.event.repo,
      pull_number: pr.number,
      headSha: pr.headSha,
      baseSha: pr.baseSha,
      baseRef: pr.baseRef,
      author: pr.author,
      draft: pr.draft,
    },
    botLogin: ACTIONS_BOT_LOGIN,
    now: ctx.now,
    loadConfig: session.loadConfig,
    // With a known read-only token nothing is attempted; otherwise the guard stops after one refusal.
    publish: { checkRun: !fork, sticky: !fork, inline: !fork },
    log,
    docsBaseUrl: docsBaseUrl(ctx.env),
    detailsUrl: runUrl(ctx.env),
  });
  reportFailures(log, out.failures, session.guard);
  if (out.skipped) {
    log.info(`ingress-audit: not audited: ${out.skipped}`);
    ctx.files.setOutput('conclusion', 'skipped');
    return 0;
  }
  if (!out.result) {
    log.error(`ingress-audit could not audit #${pr.number}: ${out.failures.join('; ') || 'unknown error'}`);
    return 2;
  }
  return reportOnRunner(ctx, log, out.result, out.config, session.guard.reason);
}
