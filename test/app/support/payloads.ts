/**
 * Webhook payloads for tests: real GitHub examples (@octokit/webhooks-examples) with the fields that
 * matter (repository, PR number, SHAs, author, comment) set for the scenario at hand.
 */
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// biome-ignore lint/suspicious/noExplicitAny: example payloads are untyped JSON, patched per test
type Json = any;
const examples: {
  name: string;
  examples: Json[];
}[] = require('@octokit/webhooks-examples/api.github.com/index.json');

export function example(name: string, action: string): Json {
  const found = examples.find((e) => e.name === name)?.examples.find((x) => x.action === action);
  if (!found) throw new Error(`no example payload for ${name}.${action}`);
  return structuredClone(found);
}

export interface Scene {
  owner?: string;
  repo?: string;
  installationId?: number;
}

function placeRepository(payload: Json, scene: Scene): Json {
  const owner = scene.owner ?? 'acme';
  const repo = scene.repo ?? 'gitops';
  payload.repository = {
    ...payload.repository,
    name: repo,
    full_name: `${owner}/${repo}`,
    owner: { ...payload.repository.owner, login: owner },
  };
  payload.installation = {
    id: scene.installationId ?? 77,
    node_id: 'MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uNzc=',
  };
  return payload;
}

export function pullRequestEvent(
  action: 'opened' | 'synchronize' | 'reopened' | 'ready_for_review',
  pr: { number: number; head: string; base: string; author?: string; draft?: boolean },
  scene: Scene = {},
): Json {
  const payload = example('pull_request', action);
  payload.number = pr.number;
  payload.pull_request.number = pr.number;
  payload.pull_request.head = { ...payload.pull_request.head, sha: pr.head, ref: `pr-${pr.number}` };
  payload.pull_request.base = { ...payload.pull_request.base, sha: pr.base, ref: 'main' };
  payload.pull_request.user = { ...payload.pull_request.user, login: pr.author ?? 'octocat', type: 'User' };
  payload.pull_request.draft = pr.draft ?? false;
  return placeRepository(payload, scene);
}

export function pullRequestReviewEvent(
  action: 'submitted' | 'dismissed',
  review: { number: number; head: string; base: string; reviewer: string; state: string },
  scene: Scene = {},
): Json {
  const payload = example('pull_request_review', action);
  payload.pull_request.number = review.number;
  payload.pull_request.state = 'open';
  payload.pull_request.head = { ...payload.pull_request.head, sha: review.head, ref: `pr-${review.number}` };
  payload.pull_request.base = { ...payload.pull_request.base, sha: review.base, ref: 'main' };
  payload.pull_request.user = { ...payload.pull_request.user, login: 'octocat', type: 'User' };
  payload.pull_request.draft = false;
  payload.review = {
    ...payload.review,
    user: { ...payload.review.user, login: review.reviewer, type: 'User' },
    state: review.state,
    commit_id: review.head,
  };
  return placeRepository(payload, scene);
}

export function issueCommentEvent(
  action: 'created' | 'edited' | 'deleted',
  comment: {
    id: number;
    body: string;
    login: string;
    type?: 'User' | 'Bot';
    pull_number: number;
    onIssue?: boolean;
  },
  scene: Scene = {},
): Json {
  const payload = example('issue_comment', action);
  payload.issue.number = comment.pull_number;
  if (comment.onIssue) delete payload.issue.pull_request;
  else
    payload.issue.pull_request = {
      url: `https://api.github.com/repos/acme/gitops/pulls/${comment.pull_number}`,
    };
  payload.comment = {
    ...payload.comment,
    id: comment.id,
    body: comment.body,
    user: { ...payload.comment.user, login: comment.login, type: comment.type ?? 'User' },
  };
  return placeRepository(payload, scene);
}

export function checkRunRerequested(
  run: { id: number; headSha: string; name?: string; externalId?: string; pulls?: number[] },
  scene: Scene = {},
): Json {
  const payload = example('check_run', 'rerequested');
  payload.check_run = {
    ...payload.check_run,
    id: run.id,
    name: run.name ?? 'ingress-audit',
    head_sha: run.headSha,
    external_id: run.externalId ?? '',
    pull_requests: (run.pulls ?? []).map((number) => ({
      number,
      id: number,
      url: '',
      head: { sha: run.headSha },
      base: {},
    })),
  };
  return placeRepository(payload, scene);
}

export function checkSuiteRerequested(suite: { headSha: string; pulls?: number[] }, scene: Scene = {}): Json {
  const payload = example('check_suite', 'rerequested');
  payload.check_suite = {
    ...payload.check_suite,
    head_sha: suite.headSha,
    pull_requests: (suite.pulls ?? []).map((number) => ({
      number,
      id: number,
      url: '',
      head: { sha: suite.headSha },
      base: {},
    })),
  };
  return placeRepository(payload, scene);
}

/** `sha256=<hex>`: GitHub's X-Hub-Signature-256 of the raw body. */
export function sign(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}
