import type { RestEndpointMethodTypes } from '@octokit/rest';
import { CHECK_OUTPUT_LIMIT, fitText } from './fit-text.ts';
import type { GitHubClient } from './github-client.ts';
import { describeFailure } from './publish-failure.ts';
import { CHECK_RUN_NAME, type StartCheckRunParams } from './start-check-run.ts';

type UpdateParams = RestEndpointMethodTypes['checks']['update']['parameters'];
type CheckRunOutput = NonNullable<UpdateParams['output']>;
export type CheckRunAnnotation = NonNullable<CheckRunOutput['annotations']>[number];
export type CheckRunConclusion = NonNullable<UpdateParams['conclusion']>;

/** GitHub takes at most this many annotations per request and appends those of later updates. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface PublishCheckRunParams extends StartCheckRunParams {
  /** The run to conclude; when absent, the first request creates it. */
  checkRunId?: number;
  /** Default `completed`. */
  status?: 'queued' | 'in_progress' | 'completed';
  /** Required by GitHub when status is `completed`. */
  conclusion?: CheckRunConclusion;
  output: { title: string; summary: string; text?: string };
  annotations?: readonly CheckRunAnnotation[];
}

export interface CheckRunResult {
  ok: boolean;
  error?: string;
  status?: number;
  checkRunId?: number;
  annotationsPosted: number;
  /** Annotations not sent because a batch failed (the check run itself is still concluded). */
  annotationsMissing: number;
}

/**
 * Concludes the check run with the rendered output and the first 50 annotations, then appends the rest
 * 50 at a time. `summary`/`text` over 65,535 characters are cut with a visible note.
 */
export async function publishCheckRun(
  octokit: GitHubClient,
  params: PublishCheckRunParams,
): Promise<CheckRunResult> {
  const annotations = params.annotations ?? [];
  let checkRunId = params.checkRunId;
  const title = params.output.title;
  const summary = fitText(params.output.summary, CHECK_OUTPUT_LIMIT);
  const text = params.output.text === undefined ? undefined : fitText(params.output.text, CHECK_OUTPUT_LIMIT);
  const status = params.status ?? 'completed';
  let posted = 0;
  // One request even without annotations: it carries the conclusion. Without a run yet, that request
  // creates it (one write where "create, then conclude" would be two).
  for (let start = 0; start === 0 || start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    const batch = annotations.slice(start, start + ANNOTATIONS_PER_REQUEST);
    const first = start === 0;
    const output = { title, summary, text, annotations: batch };
    const conclusion = {
      status,
      conclusion: status === 'completed' ? params.conclusion : undefined,
      completed_at: status === 'completed' ? new Date().toISOString() : undefined,
    };
    try {
      if (checkRunId === undefined) {
        const { data } = await octokit.rest.checks.create({
          owner: params.owner,
          repo: params.repo,
          name: params.name ?? CHECK_RUN_NAME,
          head_sha: params.headSha,
          external_id: params.externalId,
          details_url: params.detailsUrl,
          ...conclusion,
          output,
        });
        checkRunId = data.id;
      } else {
        // Later batches resend title and texts in full: whether GitHub keeps an omitted `text` is not
        // documented.
        const request: UpdateParams = first
          ? { owner: params.owner, repo: params.repo, check_run_id: checkRunId, ...conclusion, output }
          : { owner: params.owner, repo: params.repo, check_run_id: checkRunId, output };
        await octokit.rest.checks.update(request);
      }
      posted += batch.length;
    } catch (error) {
      const failure = describeFailure(
        error,
        first
          ? checkRunId === undefined
            ? 'creating the check run'
            : 'completing the check run'
          : `adding annotations ${start + 1}-${start + batch.length}`,
      );
      return {
        ...failure,
        checkRunId,
        annotationsPosted: posted,
        annotationsMissing: annotations.length - posted,
      };
    }
  }
  return { ok: true, checkRunId, annotationsPosted: posted, annotationsMissing: 0 };
}
