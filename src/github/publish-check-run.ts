import type { RestEndpointMethodTypes } from '@octokit/rest';
import { CHECK_OUTPUT_LIMIT, fitText } from './fit-text.ts';
import type { GitHubClient } from './github-client.ts';
import { describeFailure } from './publish-failure.ts';
import { type StartCheckRunParams, startCheckRun } from './start-check-run.ts';

type UpdateParams = RestEndpointMethodTypes['checks']['update']['parameters'];
type CheckRunOutput = NonNullable<UpdateParams['output']>;
export type CheckRunAnnotation = NonNullable<CheckRunOutput['annotations']>[number];
export type CheckRunConclusion = NonNullable<UpdateParams['conclusion']>;

/** GitHub takes at most this many annotations per request and appends those of later updates. */
export const ANNOTATIONS_PER_REQUEST = 50;

export interface PublishCheckRunParams extends StartCheckRunParams {
  /** The run created by startCheckRun; when absent one is created first. */
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
  if (checkRunId === undefined) {
    const started = await startCheckRun(octokit, params);
    if (!started.ok) return { ...started, annotationsPosted: 0, annotationsMissing: annotations.length };
    checkRunId = started.checkRunId;
  }
  const title = params.output.title;
  const summary = fitText(params.output.summary, CHECK_OUTPUT_LIMIT);
  const text = params.output.text === undefined ? undefined : fitText(params.output.text, CHECK_OUTPUT_LIMIT);
  const status = params.status ?? 'completed';
  let posted = 0;
  // One request even without annotations: it carries the conclusion.
  for (let start = 0; start === 0 || start < annotations.length; start += ANNOTATIONS_PER_REQUEST) {
    const batch = annotations.slice(start, start + ANNOTATIONS_PER_REQUEST);
    const first = start === 0;
    const request: UpdateParams = first
      ? {
          owner: params.owner,
          repo: params.repo,
          check_run_id: checkRunId,
          status,
          conclusion: status === 'completed' ? params.conclusion : undefined,
          completed_at: status === 'completed' ? new Date().toISOString() : undefined,
          output: { title, summary, text, annotations: batch },
        }
      : {
          owner: params.owner,
          repo: params.repo,
          check_run_id: checkRunId,
          // Resent in full: whether GitHub keeps an omitted `text` is not documented.
          output: { title, summary, text, annotations: batch },
        };
    try {
      await octokit.rest.checks.update(request);
      posted += batch.length;
    } catch (error) {
      const failure = describeFailure(
        error,
        first ? 'completing the check run' : `adding annotations ${start + 1}-${start + batch.length}`,
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
