/**
 * The Probot app: maps GitHub events onto the shared orchestration (src/github). Pull request pushes and
 * the check's Re-run buttons audit; a submitted or dismissed review re-audits when the config gates on
 * owner reviews (`requireOwnerReview`); `/audit` comments go to the command handler. Events for one PR run
 * one after the other, so an older run cannot publish over a newer one in this process.
 */
import type { ApplicationFunction, Context, Probot } from 'probot';
import {
  type AuditPullRequestOptions,
  auditPullRequest,
  type PullRequestTarget,
} from '../github/audit-pull-request.ts';
import { handleCommand } from '../github/handle-command.ts';
import { pullRequestTarget, readPullRequestTarget } from '../github/read-pull-request-target.ts';
import { CHECK_RUN_NAME } from '../github/start-check-run.ts';
import { type Allowlist, refusedBy } from './allowlist.ts';
import { type AppIdentity, createIdentityResolver } from './app-identity.ts';
import { createKeyedQueue, type KeyedQueue } from './keyed-queue.ts';
import { probotConfigLoader } from './probot-config-loader.ts';
import { pullsForSha } from './pulls-for-sha.ts';

export interface AppOptions {
  /** The clock (waiver expiry, timestamps). */
  now?: () => Date;
  /** ALLOWED_REPOS / ALLOWED_INSTALLATIONS; default: every installation. */
  allow?: Allowlist;
  /** The App's slug (APP_SLUG): skips the GET /app look-up of our bot login. */
  slug?: string;
  appId?: number;
  /** Rule ids link to `docs/rules/<id>.md` under this URL. */
  docsBaseUrl?: string;
  queue?: KeyedQueue;
  /** See AuditPullRequestOptions.inProgressAfterMs (default 1000 ms). */
  inProgressAfterMs?: number;
}

export const PULL_REQUEST_EVENTS = [
  'pull_request.opened',
  'pull_request.synchronize',
  'pull_request.reopened',
  'pull_request.ready_for_review',
] as const;

/** A review can turn the owner-review gate green (or red again, when an approval is dismissed). */
export const REVIEW_EVENTS = ['pull_request_review.submitted', 'pull_request_review.dismissed'] as const;

const PUBLISH_ALL = { checkRun: true, sticky: true, inline: true };

export function ingressAuditApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot) => {
    const identity = createIdentityResolver(app, { slug: options.slug, id: options.appId });
    const queue = options.queue ?? createKeyedQueue();
    const now = options.now ?? (() => new Date());
    const allow = options.allow ?? { repos: null, installations: null };

    const whoAmI = async (context: Context): Promise<AppIdentity> => {
      try {
        return await identity();
      } catch (error) {
        // Without our login, comments are recognised as "any bot's": still safe, users cannot post as bots.
        context.log.warn(
          `could not look up the App identity: ${error instanceof Error ? error.message : String(error)}`,
        );
        return { login: '', id: options.appId };
      }
    };
    const ignored = (context: Context): boolean => {
      const payload = context.payload as Parameters<typeof refusedBy>[1];
      const reason = refusedBy(allow, payload);
      if (reason) context.log.info(`ignoring ${context.name} ${context.id}: ${reason}`);
      return reason !== null;
    };
    const log = (context: Context) => ({
      info: (m: string) => context.log.info(m),
      warn: (m: string) => context.log.warn(m),
    });
    const audit = async (
      context: Context,
      target: PullRequestTarget,
      extra: Partial<AuditPullRequestOptions> = {},
    ) => {
      const me = await whoAmI(context);
      const key = `${target.owner}/${target.repo}#${target.pull_number}`;
      // A review's run may skip; it must never absorb a push's run waiting for the same head.
      const dedupe = `audit ${target.headSha} ${extra.checkRunId ?? ''}${extra.onlyForOwnerReview ? ' review' : ''}`;
      const outcome = await queue.run(key, dedupe, () =>
        auditPullRequest({
          octokit: context.octokit,
          target,
          botLogin: me.login,
          appId: me.id,
          now: now(),
          loadConfig: probotConfigLoader(context.octokit, target),
          publish: PUBLISH_ALL,
          log: log(context),
          docsBaseUrl: options.docsBaseUrl,
          inProgressAfterMs: options.inProgressAfterMs,
          ...extra,
        }),
      );
      const summary = outcome.result
        ? `${outcome.result.conclusion}, risk ${outcome.result.risk.score}`
        : (outcome.skipped ?? 'not audited');
      context.log.info(
        `${key} @ ${target.headSha.slice(0, 7)}: ${summary}; ${outcome.requests} requests${outcome.failures.length ? `; problems: ${outcome.failures.join(' | ')}` : ''}`,
      );
      return outcome;
    };

    app.on([...PULL_REQUEST_EVENTS], async (context) => {
      if (ignored(context)) return;
      const { pull_request: pr, repository } = context.payload;
      await audit(context, pullRequestTarget({ owner: repository.owner.login, repo: repository.name }, pr));
    });

    app.on([...REVIEW_EVENTS], async (context) => {
      if (ignored(context)) return;
      const { pull_request: pr, repository } = context.payload;
      if (pr.state !== 'open') return;
      await audit(context, pullRequestTarget({ owner: repository.owner.login, repo: repository.name }, pr), {
        onlyForOwnerReview: true,
      });
    });

    // The Re-run button of our check: audit that SHA again, in the same check run.
    app.on('check_run.rerequested', async (context) => {
      if (ignored(context)) return;
      const run = context.payload.check_run;
      if (run.name !== CHECK_RUN_NAME) return;
      const repo = { owner: context.payload.repository.owner.login, repo: context.payload.repository.name };
      const numbers = await pullsForSha(context.octokit, {
        ...repo,
        sha: run.head_sha,
        fromPayload: run.pull_requests.map((p) => p.number),
        externalId: run.external_id,
      });
      for (const pull_number of numbers) {
        const target = await readPullRequestTarget(context.octokit, { ...repo, pull_number });
        await audit(context, { ...target, headSha: run.head_sha }, { checkRunId: run.id });
      }
    });

    // "Re-run all checks" on the suite.
    app.on('check_suite.rerequested', async (context) => {
      if (ignored(context)) return;
      const suite = context.payload.check_suite;
      const repo = { owner: context.payload.repository.owner.login, repo: context.payload.repository.name };
      const numbers = await pullsForSha(context.octokit, {
        ...repo,
        sha: suite.head_sha,
        fromPayload: suite.pull_requests.map((p) => p.number),
      });
      for (const pull_number of numbers) {
        const target = await readPullRequestTarget(context.octokit, { ...repo, pull_number });
        await audit(context, { ...target, headSha: suite.head_sha });
      }
    });

    app.on('issue_comment.created', async (context) => {
      if (ignored(context)) return;
      const { issue, comment, repository } = context.payload;
      if (!issue.pull_request) return; // commands live on pull requests only
      const me = await whoAmI(context);
      const repo = { owner: repository.owner.login, repo: repository.name };
      const key = `${repo.owner}/${repo.repo}#${issue.number}`;
      const result = await queue.run(key, `comment ${comment.id}`, () =>
        handleCommand({
          octokit: context.octokit,
          ...repo,
          pull_number: issue.number,
          comment: {
            id: comment.id,
            body: comment.body ?? '',
            user: { login: comment.user?.login ?? '', type: comment.user?.type ?? 'User' },
          },
          action: context.payload.action,
          botLogin: me.login,
          appId: me.id,
          now: now(),
          loadConfig: probotConfigLoader(context.octokit, repo),
          publish: PUBLISH_ALL,
          log: log(context),
          docsBaseUrl: options.docsBaseUrl,
        }),
      );
      if (result.command) {
        context.log.info(
          `${key}: /audit ${result.command.kind}${result.refused ? ` refused: ${result.refused.split('\n')[0]}` : ''}${result.failures.length ? `; problems: ${result.failures.join(' | ')}` : ''}`,
        );
      }
    });
  };
}
