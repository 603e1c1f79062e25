import type { GitHubClient } from './github-client.ts';
import { describeFailure, type PublishFailure } from './publish-failure.ts';

export type Permission = 'admin' | 'maintain' | 'write' | 'triage' | 'read' | 'none';

const RANKED: readonly Permission[] = ['admin', 'maintain', 'write', 'triage', 'read'];
const isPermission = (value: string): value is Permission => (RANKED as readonly string[]).includes(value);

/**
 * A user's permission on the repository, looked up through the API (a webhook payload is never trusted
 * for this). Custom roles map to the base role they extend. On failure the permission is `none`, so a
 * caller that ignores `ok` still refuses.
 */
export async function getPermission(
  octokit: GitHubClient,
  params: { owner: string; repo: string; username: string },
): Promise<{ ok: true; permission: Permission } | (PublishFailure & { permission: 'none' })> {
  try {
    const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel(params);
    if (isPermission(data.role_name)) return { ok: true, permission: data.role_name };
    // A custom role: its flags say which base role it extends (the legacy `permission` lacks maintain/triage).
    const flags = data.user?.permissions;
    if (flags) {
      const fromFlags: Record<Permission, boolean | undefined> = {
        admin: flags.admin,
        maintain: flags.maintain,
        write: flags.push,
        triage: flags.triage,
        read: flags.pull,
        none: true,
      };
      return { ok: true, permission: [...RANKED, 'none' as const].find((p) => fromFlags[p]) ?? 'none' };
    }
    return { ok: true, permission: isPermission(data.permission) ? data.permission : 'none' };
  } catch (error) {
    const failure = describeFailure(error, `looking up the permission of ${params.username}`);
    // 404: not a user GitHub knows on this repository — no permission, and not an error.
    if (failure.status === 404) return { ok: true, permission: 'none' };
    return { ...failure, permission: 'none' };
  }
}
