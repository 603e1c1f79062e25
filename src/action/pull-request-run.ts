/**
 * `pull_request` / `pull_request_target` / `pull_request_review`: the shared orchestration
 * (auditPullRequest) publishes the check run, sticky comment and inline comments. The change is read
 * through the API — or, under `pull_request` only, from the workflow's checkout when it holds both
 * commits (then content costs no request, and input `render` can run the config's render steps). Under
 * `pull_request_target` nothing from the PR is checked out or run, whatever the workspace holds.
 * A fork PR's read-only token is known from the event; any other read-only token from the first refused
 * write. Either way the report then goes to the job summary and annotations.
 */
import { auditPullRequest } from '../github/audit-pull-request.ts';
import { type ActionContext, type ActionLog, actionLog, docsBaseUrl, runUrl } from './action-context.ts';
import { type CheckoutReaders, checkoutReaders } from './checkout-readers.ts';
import { applyOverrides } from './config-overrides.ts';
import { isForkPullRequest, type PullRequestRef, pullRequestRef } from './event.ts';
import { findCheckout } from './find-checkout.ts';
import { ACTIONS_BOT_LOGIN, openSession, reportFailures, reportOnRunner } from './github-session.ts';
import { ownerReviewOnRunner } from './runner-report.ts';
import { workflowCommand } from './workflow-commands.ts';

export async function runPullRequest(ctx: ActionContext): Promise<number> {
  const log = actionLog(ctx.print);
  const pr = pullRequestRef(ctx.event.payload?.pull_request);
  const fork = isForkPullRequest(ctx.event, pr);
  const session = openSession(
    ctx,
    log,
    fork
      ? `the pull request comes from ${pr.headRepo ?? 'a deleted fork'}, so the workflow token is read-only`
      : null,
  );
  const checkout = await readersFor(ctx, log, pr);
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
    loadConfig: checkout?.loadConfig ?? session.loadConfig,
    readChange: checkout?.readChange,
    readFiles: checkout?.readFiles,
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
  const gate = ownerReviewOnRunner(log, out.ownerReview);
  return reportOnRunner(ctx, log, out.result, out.config, session.guard.reason, gate);
}

/** The checkout readers when this run may and can use them; null = read through the API. */
async function readersFor(
  ctx: ActionContext,
  log: ActionLog,
  pr: PullRequestRef,
): Promise<CheckoutReaders | null> {
  if (ctx.event.name !== 'pull_request') {
    if (ctx.inputs.render) {
      const why =
        ctx.event.name === 'pull_request_target'
          ? 'under pull_request_target the job holds a token that can write to the base repository, so ' +
            'the Action never runs tools on pull request content there'
          : `render steps run only under pull_request (this is ${ctx.event.name})`;
      ctx.print(
        workflowCommand('notice', `input render: not run: ${why}; the manifests are audited as committed`),
      );
    }
    return null;
  }
  const workspace = ctx.env.GITHUB_WORKSPACE;
  const root = workspace ? await findCheckout(workspace, [pr.baseSha, pr.headSha]) : null;
  if (root === null) {
    if (ctx.inputs.render)
      log.warn(
        'input render needs a checkout holding the base and head commits (actions/checkout with ' +
          '`fetch-depth: 0`); the manifests are audited as committed',
      );
    return null;
  }
  log.info(`reading the change from the checkout at ${root} (no API requests for content)`);
  return checkoutReaders(root, {
    render: ctx.inputs.render,
    configPath: ctx.inputs.config,
    applyOverrides: (text) => applyOverrides(text, ctx.inputs),
    log,
  });
}
