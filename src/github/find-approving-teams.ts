import type { GitHubClient } from './github-client.ts';
import { describeFailure } from './publish-failure.ts';

/**
 * The `@org/team` owners that one of `approvers` belongs to (an active member), looked up with
 * `teams.getMembershipForUserInOrg` per team and approver until one is found: a handful of requests,
 * where listing a large team's members would take pages. Needs `members: read` (App) or a token with
 * `read:org`; a look-up GitHub refuses is a problem, not a "no".
 */
export async function findApprovingTeams(
  octokit: GitHubClient,
  params: { teams: readonly string[]; approvers: readonly string[] },
): Promise<{ teams: Set<string>; problems: string[] }> {
  const teams = new Set<string>();
  const problems: string[] = [];
  for (const team of new Set(params.teams.map((t) => t.toLowerCase()))) {
    const [org, team_slug] = team.replace(/^@/, '').split('/');
    if (!org || !team_slug) continue;
    for (const username of params.approvers) {
      try {
        const { data } = await octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug, username });
        if (data.state === 'active') {
          teams.add(team);
          break;
        }
      } catch (error) {
        const failure = describeFailure(error, `reading the membership of ${username} in ${team}`);
        // 404: not a member (or a team this token cannot see).
        if (failure.status === 404) continue;
        problems.push(failure.error);
        break;
      }
    }
  }
  return { teams, problems };
}
