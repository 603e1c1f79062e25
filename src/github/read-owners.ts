import type { AuditResult } from '../core/audit-result.ts';
import { CODEOWNERS_LOCATIONS, ownersFor, pickCodeowners } from '../core/owners/codeowners.ts';
import type { GitHubClient } from './github-client.ts';
import { readBlobs } from './read-blobs.ts';

/**
 * Owners of the objects a change touches, from CODEOWNERS at `ref` (the base: a PR cannot name its own
 * reviewers), keyed by the renderer's object label (`Kind namespace/name`). All three places GitHub looks
 * are read in one request; no CODEOWNERS (or no owners) gives an empty map.
 */
export async function readOwners(
  octokit: GitHubClient,
  params: { owner: string; repo: string; ref: string; result: AuditResult },
): Promise<Map<string, string[]>> {
  const blobs = await readBlobs(octokit, {
    owner: params.owner,
    repo: params.repo,
    refs: CODEOWNERS_LOCATIONS.map((path) => ({ key: path, expression: `${params.ref}:${path}` })),
  });
  const codeowners = pickCodeowners((path) => {
    const content = blobs.get(path);
    return typeof content === 'string' || content === undefined ? content : new TextDecoder().decode(content);
  });
  const owners = new Map<string, string[]>();
  if (!codeowners) return owners;
  for (const o of params.result.objects) {
    if (o.change === 'unchanged') continue;
    const names = ownersFor(codeowners, o.file);
    if (names.length > 0) owners.set(`${o.kind} ${o.namespace ? `${o.namespace}/${o.name}` : o.name}`, names);
  }
  return owners;
}
