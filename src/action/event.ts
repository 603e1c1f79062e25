/**
 * The workflow's event: its name (`GITHUB_EVENT_NAME`), repository (`GITHUB_REPOSITORY`) and the
 * payload the runner saved at `GITHUB_EVENT_PATH`. Only the fields the Action uses are read, defensively:
 * a payload is input, not a contract we control.
 */
import { readFileSync } from 'node:fs';
import type { Env } from './inputs.ts';

export interface PullRequestRef {
  number: number;
  headSha: string;
  baseSha: string;
  baseRef: string;
  author: string;
  draft: boolean;
  /** `owner/repo` the head branch lives in (null when the fork was deleted). */
  headRepo: string | null;
}

export interface WorkflowEvent {
  name: string;
  owner: string;
  repo: string;
  // biome-ignore lint/suspicious/noExplicitAny: the raw payload; fields are checked where read
  payload: any;
}

export class EventError extends Error {
  override name = 'EventError';
}

export function readEvent(env: Env): WorkflowEvent {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? '').split('/');
  if (!name) throw new EventError('GITHUB_EVENT_NAME is not set: run this as a step of a GitHub workflow');
  if (!owner || !repo) throw new EventError('GITHUB_REPOSITORY is not set (expected OWNER/REPO)');
  let payload: unknown = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
    } catch (error) {
      throw new EventError(
        `cannot read the event payload ${env.GITHUB_EVENT_PATH}: ${(error as Error).message}`,
      );
    }
  }
  return { name, owner, repo, payload };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The PR of a `pull_request`/`pull_request_target`/`pull_request_review` payload, or of a `pulls.get` answer. */
// biome-ignore lint/suspicious/noExplicitAny: raw payload, checked field by field
export function pullRequestRef(pr: any): PullRequestRef {
  const number = Number(pr?.number);
  const headSha = str(pr?.head?.sha);
  const baseSha = str(pr?.base?.sha);
  if (!Number.isInteger(number) || !headSha || !baseSha)
    throw new EventError('the event has no pull request with a number, head.sha and base.sha');
  return {
    number,
    headSha,
    baseSha,
    baseRef: str(pr?.base?.ref) ?? '',
    author: str(pr?.user?.login) ?? '',
    draft: pr?.draft === true,
    headRepo: str(pr?.head?.repo?.full_name),
  };
}

/**
 * Under `pull_request` (and `pull_request_review`), a PR from another repository gets a read-only token
 * and no secrets. (Under `pull_request_target` the token can write: that event is the base repository's.)
 */
export function isForkPullRequest(event: WorkflowEvent, pr: PullRequestRef): boolean {
  if (event.name !== 'pull_request' && event.name !== 'pull_request_review') return false;
  // Not `head.repo.fork`: that is also true for a branch PR inside a repository that is itself a fork.
  return pr.headRepo === null || pr.headRepo.toLowerCase() !== `${event.owner}/${event.repo}`.toLowerCase();
}
