import type { GitHubClient } from './github-client.ts';
import { describeFailure, type PublishFailure } from './publish-failure.ts';
import { CHECK_RUN_NAME, type StartCheckRunParams, startCheckRun } from './start-check-run.ts';

export interface OpenCheckRunParams extends StartCheckRunParams {
  /** Our App's id: only its check runs are reused (another app may use the same name). */
  appId?: number;
  /** A known run (e.g. from `check_run.rerequested`, or found by findCheckRun): reused without a look-up. */
  checkRunId?: number;
  /** findCheckRun already ran and found none: create without looking again. */
  lookedUp?: boolean;
}

/**
 * Our check run on a head SHA, if there is one (the oldest, when racing runs made two): a redelivered
 * webhook or a re-run then reuses it. Undefined when there is none or it cannot be looked up — creating
 * one is still better than no check at all.
 */
export async function findCheckRun(
  octokit: GitHubClient,
  params: Pick<OpenCheckRunParams, 'owner' | 'repo' | 'headSha' | 'name' | 'appId'>,
): Promise<number | undefined> {
  const name = params.name ?? CHECK_RUN_NAME;
  try {
    const { data } = await octokit.rest.checks.listForRef({
      owner: params.owner,
      repo: params.repo,
      ref: params.headSha,
      check_name: name,
      filter: 'all',
      per_page: 100,
    });
    const ours = data.check_runs
      .filter((run) => run.name === name && (params.appId === undefined || run.app?.id === params.appId))
      .sort((a, b) => a.id - b.id);
    return ours[0]?.id;
  } catch {
    return undefined;
  }
}

/**
 * The one check run of a head SHA, set to `in_progress`: an existing run with our name is reused, so a
 * redelivered webhook or a re-run never stacks up runs on the commit; otherwise one is created.
 */
export async function openCheckRun(
  octokit: GitHubClient,
  params: OpenCheckRunParams,
): Promise<{ ok: true; checkRunId: number; reused: boolean } | PublishFailure> {
  const name = params.name ?? CHECK_RUN_NAME;
  const existing =
    params.checkRunId ?? (params.lookedUp ? undefined : await findCheckRun(octokit, { ...params, name }));
  if (existing !== undefined) {
    try {
      await octokit.rest.checks.update({
        owner: params.owner,
        repo: params.repo,
        check_run_id: existing,
        status: 'in_progress',
        started_at: new Date().toISOString(),
        external_id: params.externalId,
        details_url: params.detailsUrl,
      });
      return { ok: true, checkRunId: existing, reused: true };
    } catch (error) {
      // A run GitHub will not reopen (or one that vanished): fall through to a fresh one.
      const failure = describeFailure(error, 'reopening the check run');
      if (failure.status !== 404 && failure.status !== 422) return failure;
    }
  }
  const started = await startCheckRun(octokit, { ...params, name });
  return started.ok ? { ...started, reused: false } : started;
}
