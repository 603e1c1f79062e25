import type { AuditResult } from '../core/audit-result.ts';
import { highRiskObjects, type OwnerReviewGate, ownerReviewGate } from '../core/owners/owner-review-gate.ts';
import { findApprovingTeams } from './find-approving-teams.ts';
import type { GitHubClient } from './github-client.ts';
import { describeFailure } from './publish-failure.ts';
import { readApprovers } from './read-approvers.ts';

const TEAM = /^@[^/\s]+\/[^/\s]+$/;

/**
 * `requireOwnerReview` for one audited pull request: the pure gate (src/core/owners) fed with the PR's
 * approvals. No request at all when the change has no high-risk object; then one paginated review list,
 * and team memberships only for objects that no approving user owns.
 */
export async function checkOwnerReview(
  octokit: GitHubClient,
  params: {
    owner: string;
    repo: string;
    pull_number: number;
    result: AuditResult;
    /** Owners per object label, from CODEOWNERS at the base (readOwners). */
    owners: ReadonlyMap<string, readonly string[]>;
    /** CODEOWNERS could not be read: nobody can be told apart as an owner, so the gate is not met. */
    ownersError?: string;
  },
): Promise<OwnerReviewGate> {
  const { findings } = params.result;
  const problems = params.ownersError ? [params.ownersError] : [];
  if (highRiskObjects(findings).size === 0 || problems.length > 0)
    return ownerReviewGate(findings, params.owners, new Set(), problems);

  let approvers: string[];
  try {
    approvers = await readApprovers(octokit, params);
  } catch (error) {
    const failure = describeFailure(error, 'reading the reviews of the pull request');
    return ownerReviewGate(findings, params.owners, new Set(), [failure.error]);
  }
  const approvedBy = new Set(approvers.map((login) => `@${login}`));
  const byUsers = ownerReviewGate(findings, params.owners, approvedBy);
  const teams = byUsers.waiting.flatMap((o) => o.owners.filter((owner) => TEAM.test(owner)));
  if (teams.length === 0 || approvers.length === 0) return byUsers;
  const found = await findApprovingTeams(octokit, { teams, approvers });
  for (const team of found.teams) approvedBy.add(team);
  const gate = ownerReviewGate(findings, params.owners, approvedBy);
  // A refused look-up matters only while something still waits (it may be why).
  return gate.waiting.length > 0 ? { ...gate, problems: found.problems } : gate;
}
