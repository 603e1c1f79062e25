/**
 * The one orchestration both GitHub front doors (App and Action) run for a pull request: config from the
 * base, check run `in_progress`, read the change (through the API unless the caller has a reader), audit,
 * the owner-review gate when the config asks for it, then publish inline comments, the sticky summary
 * and — last, so it can report what went wrong elsewhere — the completed check run.
 * Front-door neutral: it knows GitHubClient, never Probot or @actions/*.
 */
import { allRules } from '../../rules/index.ts';
import type { AuditResult } from '../core/audit-result.ts';
import { type OwnerReviewGate, withOwnerReview } from '../core/owners/owner-review-gate.ts';
import type { Config } from '../core/policy/config-schema.ts';
import { mdText } from '../core/report/escape.ts';
import { checkOwnerReview } from './check-owner-review.ts';
import { countRequests } from './count-requests.ts';
import { findMergeBase } from './find-merge-base.ts';
import { findStickyComment } from './find-sticky-comment.ts';
import type { GitHubClient } from './github-client.ts';
import { inlineCommentsFor } from './inline-comments.ts';
import { type ConfigLoader, loadConfigSafely, resolveConfig } from './load-config.ts';
import { findCheckRun, openCheckRun } from './open-check-run.ts';
import { type CheckRunResult, publishCheckRun } from './publish-check-run.ts';
import { describeFailure } from './publish-failure.ts';
import { publishReviewComments, type ReviewCommentsResult } from './publish-review-comments.ts';
import { publishStickyComment, type StickyCommentResult } from './publish-sticky-comment.ts';
import { checkRunReport, summaryComment } from './pull-request-report.ts';
import { type ChangeReader, type FileReader, readAndAudit } from './read-and-audit.ts';
import { CHECK_RUN_NAME } from './start-check-run.ts';
import type { StickyState } from './sticky-state.ts';
import { type CommandWaiver, readCommandWaivers, withCommandWaivers } from './waiver-state.ts';

export interface PullRequestTarget {
  owner: string;
  repo: string;
  pull_number: number;
  headSha: string;
  /** The base branch tip (config and CODEOWNERS are read there; the diff is taken at the merge base). */
  baseSha: string;
  baseRef: string;
  /** Login of the PR author. */
  author: string;
  draft: boolean;
}

export interface AuditLog {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface AuditPullRequestOptions {
  octokit: GitHubClient;
  target: PullRequestTarget;
  /** Our comments' author: `<slug>[bot]` (App) or `github-actions[bot]` (Action). */
  botLogin: string;
  now: Date;
  loadConfig: ConfigLoader;
  publish: { checkRun: boolean; sticky: boolean; inline: boolean };
  log?: AuditLog;
  /** Reuse this check run (e.g. the one a `check_run.rerequested` event names); it is marked in progress at once. */
  checkRunId?: number;
  /**
   * A run still going after this many milliseconds marks its check run `in_progress` first; a faster
   * one writes the check run once, completed (one write instead of two). 0 = at once. Default 1000.
   */
  inProgressAfterMs?: number;
  /** Default `ingress-audit`. */
  checkName?: string;
  /** Only check runs of this GitHub App are reused for the head SHA. */
  appId?: number;
  /** Links rule ids to `docs/rules/<id>.md` under this URL. */
  docsBaseUrl?: string;
  detailsUrl?: string;
  /** Adjusts the command waivers once the head is audited (used by `/audit waive`); the result is saved. */
  updateWaivers?: (current: CommandWaiver[], result: AuditResult) => CommandWaiver[];
  /** Reads the change instead of the API (the Action's checkout); returning null falls back to the API. */
  readChange?: ChangeReader;
  /** Reads CODEOWNERS at the base instead of the API (the same checkout). */
  readFiles?: FileReader;
  /**
   * The run was started by a review: only `requireOwnerReview` makes a review change the verdict, so
   * without it nothing is audited (and no check run is touched).
   */
  onlyForOwnerReview?: boolean;
}

export interface AuditPullRequestResult {
  /** Null when the audit did not run (skipped draft, unreadable PR). */
  result: AuditResult | null;
  config: Config;
  /** Why nothing was audited, e.g. a draft with `drafts: false`. */
  skipped?: string;
  /** The PR's head moved past `target.headSha`: the summary and inline comments were left to the newer run. */
  stale: boolean;
  published: { checkRun?: CheckRunResult; sticky?: StickyCommentResult; inline?: ReviewCommentsResult };
  /** One line per step that failed (also shown in the check run's text). */
  failures: string[];
  /** The command waivers in force for this run. */
  waivers: CommandWaiver[];
  /** API requests this run made (logical requests; retries not counted). */
  requests: number;
  /** With `requireOwnerReview`: which high-risk objects wait for which owners (already in `result`). */
  ownerReview?: OwnerReviewGate;
}

const silent: AuditLog = { info() {}, warn() {} };
const ruleMeta = allRules.map((r) => r.meta);

export async function auditPullRequest(o: AuditPullRequestOptions): Promise<AuditPullRequestResult> {
  const { octokit, target } = o;
  const log = o.log ?? silent;
  const counter = countRequests(octokit);
  const failures: string[] = [];
  const published: AuditPullRequestResult['published'] = {};
  const repo = { owner: target.owner, repo: target.repo };
  // The reads that do not depend on the config (the check run, the sticky comment holding command
  // waivers, the merge base) start with it — unless the config may still say "skip this run".
  const startReads = () => {
    const checkRunParams = {
      ...repo,
      headSha: target.headSha,
      name: o.checkName ?? CHECK_RUN_NAME,
      externalId: String(target.pull_number),
      detailsUrl: o.detailsUrl,
      appId: o.appId,
    };
    const findingMergeBase = findMergeBase(octokit, {
      ...repo,
      baseSha: target.baseSha,
      headSha: target.headSha,
    });
    findingMergeBase.catch(() => {}); // awaited when the change is read; only keeps it from going unhandled
    return {
      checkRunParams,
      findingSticky: findStickyComment(octokit, {
        ...repo,
        issue_number: target.pull_number,
        botLogin: o.botLogin,
      }),
      existingRun: o.publish.checkRun
        ? o.checkRunId !== undefined
          ? Promise.resolve(o.checkRunId)
          : findCheckRun(octokit, checkRunParams)
        : null,
      findingMergeBase,
    };
  };
  const reads = !target.draft && !o.onlyForOwnerReview ? startReads() : null;
  const loaded = await loadConfigSafely(o.loadConfig, target.baseSha);
  const { config, problems } = resolveConfig(loaded);
  const done = (rest: Partial<AuditPullRequestResult>): AuditPullRequestResult => {
    counter.stop();
    return {
      result: null,
      config,
      stale: false,
      published,
      failures,
      waivers: [],
      ...rest,
      requests: counter.count,
    };
  };
  if (target.draft && !config.drafts) {
    log.info(`#${target.pull_number} is a draft and the config says drafts: false; not audited`);
    return done({ skipped: 'draft pull request (config `drafts: false`)' });
  }
  if (o.onlyForOwnerReview && !config.requireOwnerReview) {
    return done({ skipped: 'a review changes nothing here (config `requireOwnerReview` is off)' });
  }

  const { findingSticky, existingRun, findingMergeBase, checkRunParams } = reads ?? startReads();
  // Marked in progress only when the run is slow enough for anyone to see it: a fast run writes its
  // check run once, completed.
  let opening: Promise<Awaited<ReturnType<typeof openCheckRun>>> | null = null;
  const markInProgress = () => {
    opening ??= existingRun!
      .then((id) => openCheckRun(octokit, { ...checkRunParams, checkRunId: id, lookedUp: true }))
      .catch((error: unknown) => describeFailure(error, 'opening the check run'));
  };
  const inProgressAfter = o.checkRunId !== undefined ? 0 : (o.inProgressAfterMs ?? 1000);
  const timer = existingRun && inProgressAfter > 0 ? setTimeout(markInProgress, inProgressAfter) : undefined;
  timer?.unref();
  if (existingRun && inProgressAfter <= 0) markInProgress();
  let checkRunId = o.checkRunId;
  let checkRunSettled = false;
  /** Awaited before anything completes the check run, on every path. */
  const openedCheckRun = async () => {
    clearTimeout(timer);
    if (!existingRun || checkRunSettled) return;
    checkRunSettled = true;
    if (!opening) {
      checkRunId = await existingRun; // completing creates the run when there is none
      return;
    }
    const opened = await opening;
    if (opened.ok) checkRunId = opened.checkRunId;
    else failures.push(opened.error); // completing the run below creates one if none exists
  };
  const complete = (params: Omit<Parameters<typeof publishCheckRun>[1], 'owner' | 'repo' | 'headSha'>) =>
    publishCheckRun(octokit, {
      ...repo,
      headSha: target.headSha,
      name: o.checkName ?? CHECK_RUN_NAME,
      externalId: String(target.pull_number),
      detailsUrl: o.detailsUrl,
      ...params,
      checkRunId,
    });

  try {
    let stickyState: StickyState | null = null;
    const waivers = findingSticky.then((sticky) => {
      if (!sticky.ok) failures.push(`${sticky.error} (command waivers not applied)`);
      stickyState = sticky.ok ? (sticky.comment?.state ?? null) : null;
      return readCommandWaivers(stickyState);
    });
    waivers.catch(() => {}); // awaited by readAndAudit; this only keeps a failure before that handled
    const audited = await readAndAudit(octokit, {
      ...repo,
      pull_number: target.pull_number,
      headSha: target.headSha,
      baseSha: target.baseSha,
      config,
      configProblems: problems,
      configFile: loaded.file,
      now: o.now,
      waivers,
      mergeBase: findingMergeBase,
      updateWaivers: o.updateWaivers,
      readChange: o.readChange,
      readFiles: o.readFiles,
    });
    await openedCheckRun();
    if (audited.ownersError) log.warn(audited.ownersError);
    const ownerReview: OwnerReviewGate | undefined = config.requireOwnerReview
      ? await checkOwnerReview(octokit, {
          ...repo,
          pull_number: target.pull_number,
          result: audited.result,
          owners: audited.owners,
          ownersError: audited.ownersError,
        })
      : undefined;
    const result = ownerReview ? withOwnerReview(audited.result, ownerReview) : audited.result;
    log.info(
      `#${target.pull_number} @ ${target.headSha.slice(0, 7)}: risk ${result.risk.score} (${result.risk.level}), ${result.conclusion}`,
    );

    const wantInline = o.publish.inline && config.comments.inline;
    const wantSticky = o.publish.sticky && config.comments.summary === 'sticky';
    const stale = wantInline || wantSticky || audited.waiversChanged ? await isStale(octokit, target) : false;
    if (stale)
      log.info(
        `#${target.pull_number} has a newer head than ${target.headSha.slice(0, 7)}; summary left to it`,
      );

    let notPlaced = 0;
    if (wantInline && !stale) {
      const inline = await publishReviewComments(octokit, {
        ...repo,
        pull_number: target.pull_number,
        commitId: target.headSha,
        comments: inlineCommentsFor(result, { ruleMeta, docsBaseUrl: o.docsBaseUrl }),
        patches: audited.patches,
        maxInline: config.comments.maxInline,
        botLogin: o.botLogin,
      });
      published.inline = inline;
      notPlaced = inline.notPosted.length;
      if (!inline.ok) failures.push(inline.error ?? 'posting inline review comments failed');
      else if (notPlaced > 0)
        log.warn(`${notPlaced} inline comment(s) refused by GitHub (${inline.error ?? 'no reason'})`);
    }

    const renderOptions = { ruleMeta, owners: audited.owners, docsBaseUrl: o.docsBaseUrl, ownerReview };
    if (wantSticky && stale) published.sticky = { ok: true, action: 'stale' };
    else if (wantSticky || audited.waiversChanged) {
      const note =
        notPlaced > 0
          ? `\n> ${notPlaced} inline comment(s) could not be placed on the diff; every finding is listed above.\n`
          : '';
      const stickyResult = await publishStickyComment(octokit, {
        ...repo,
        issue_number: target.pull_number,
        botLogin: o.botLogin,
        headSha: target.headSha,
        body: `${summaryComment(result, renderOptions)}${note}`,
        // Only a changed waiver list is written; otherwise the comment keeps what it has (a waiver
        // recorded meanwhile by a command must not be overwritten by this run's older copy).
        state: audited.waiversChanged ? withCommandWaivers(stickyState, audited.waivers) : undefined,
      });
      published.sticky = stickyResult;
      if (!stickyResult.ok) failures.push(stickyResult.error);
    }

    if (o.publish.checkRun) {
      const output = checkRunReport(result, { ...renderOptions, failOn: config.failOn });
      const checkRun = await complete({
        conclusion: output.conclusion,
        output: { title: output.title, summary: output.summary, text: withFailures(output.text, failures) },
        annotations: output.annotations,
      });
      published.checkRun = checkRun;
      if (!checkRun.ok) {
        failures.push(checkRun.error ?? 'completing the check run failed');
        // The first request carries the conclusion: if it failed, the run is still in progress.
        if (checkRun.annotationsPosted === 0) {
          checkRunId = checkRun.checkRunId ?? checkRunId;
          published.checkRun = await concludeNeutral(complete, failures);
        }
      }
    }
    return done({ result, stale, waivers: audited.waivers, ownerReview });
  } catch (error) {
    // Nothing to audit (the PR could not be read) or a bug: the check must not stay in progress.
    const failure = describeFailure(error, 'auditing the pull request');
    failures.push(failure.error);
    log.warn(failure.error);
    await openedCheckRun();
    if (o.publish.checkRun) published.checkRun = await concludeNeutral(complete, failures);
    return done({});
  }
}

/** Whether the PR's head has moved on (a newer push): its own run will publish. Unknown → not stale. */
async function isStale(octokit: GitHubClient, target: PullRequestTarget): Promise<boolean> {
  try {
    const { data } = await octokit.rest.pulls.get({
      owner: target.owner,
      repo: target.repo,
      pull_number: target.pull_number,
    });
    return data.head.sha !== target.headSha;
  } catch {
    return false;
  }
}

function withFailures(text: string | undefined, failures: readonly string[]): string | undefined {
  if (failures.length === 0) return text;
  const section = `## Publishing problems\n\n${failures.map((f) => `- ${mdText(f)}`).join('\n')}\n`;
  return text ? `${section}\n${text}` : section;
}

async function concludeNeutral(
  complete: (
    p: Omit<Parameters<typeof publishCheckRun>[1], 'owner' | 'repo' | 'headSha'>,
  ) => Promise<CheckRunResult>,
  failures: readonly string[],
): Promise<CheckRunResult> {
  const reasons = failures.map((f) => `- ${mdText(f)}`).join('\n');
  return complete({
    conclusion: 'neutral',
    output: {
      title: 'ingress-audit could not complete',
      summary: `The audit did not finish, so this check neither passes nor fails the change.\n\n${reasons}\n\nPush again or comment \`/audit\` to retry.`,
    },
  });
}
