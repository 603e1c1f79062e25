/**
 * `issue_comment`: `/audit` commands through the shared command flow (handleCommand), which checks the
 * commenter's permission through the API and re-audits the PR as it is now — so the check run lands on
 * the PR's head SHA, not on GITHUB_SHA (the default branch under this event).
 */
import { handleCommand } from '../github/handle-command.ts';
import { type ActionContext, actionLog, docsBaseUrl, runUrl } from './action-context.ts';
import { EventError } from './event.ts';
import { ACTIONS_BOT_LOGIN, openSession, reportFailures, reportOnRunner } from './github-session.ts';
import { ownerReviewOnRunner } from './runner-report.ts';

export async function runCommand(ctx: ActionContext): Promise<number> {
  const log = actionLog(ctx.print);
  const { issue, comment, action } = ctx.event.payload ?? {};
  if (!issue?.pull_request) {
    log.info('ingress-audit: the comment is on an issue, not a pull request; nothing to do');
    return 0;
  }
  if (!Number.isInteger(issue.number) || !Number.isInteger(comment?.id) || typeof comment?.body !== 'string')
    throw new EventError('the issue_comment event has no issue number or comment');
  const session = openSession(ctx, log, null);
  const out = await handleCommand({
    octokit: session.octokit,
    owner: ctx.event.owner,
    repo: ctx.event.repo,
    pull_number: issue.number,
    comment: {
      id: comment.id,
      body: comment.body,
      user: { login: String(comment.user?.login ?? ''), type: String(comment.user?.type ?? 'User') },
    },
    action: typeof action === 'string' ? action : undefined,
    botLogin: ACTIONS_BOT_LOGIN,
    now: ctx.now,
    loadConfig: session.loadConfig,
    publish: { checkRun: true, sticky: true, inline: true },
    log,
    docsBaseUrl: docsBaseUrl(ctx.env),
    detailsUrl: runUrl(ctx.env),
  });
  if (out.ignored) {
    log.info(`ingress-audit: comment ignored (${out.ignored})`);
    return 0;
  }
  reportFailures(log, out.failures, session.guard);
  if (out.refused) log.info(`ingress-audit: command refused: ${out.refused.split('\n')[0]}`);
  const audited = out.audit;
  if (!audited) return 0;
  if (!audited.result) {
    if (audited.skipped) return 0;
    log.error(
      `ingress-audit could not audit #${issue.number}: ${audited.failures.join('; ') || 'unknown error'}`,
    );
    return 2;
  }
  const gate = ownerReviewOnRunner(log, audited.ownerReview);
  return reportOnRunner(ctx, log, audited.result, audited.config, session.guard.reason, gate);
}
