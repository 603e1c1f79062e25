import type { AuditResult } from '../core/audit-result.ts';
import { CODEOWNERS_LOCATIONS, ownersFor, pickCodeowners } from '../core/owners/codeowners.ts';
import { objectLabel } from '../core/report/finding-order.ts';
import { isNew } from '../core/report/score.ts';
import type { GitHubClient } from './github-client.ts';
import { readBlobs } from './read-blobs.ts';

/**
 * Owners of the objects a change touches, from CODEOWNERS at `ref` (the base: a PR cannot name its own
 * reviewers), keyed by the renderer's object label (`Kind namespace/name`). All three places GitHub looks
 * are read in one request (or from a checkout with `readFiles`); no CODEOWNERS (or no owners) gives an
 * empty map.
 */
export async function readOwners(
  octokit: GitHubClient,
  params: {
    owner: string;
    repo: string;
    ref: string;
    result: AuditResult;
    /** Reads the files elsewhere (a checkout) instead of through the API. */
    readFiles?: (ref: string, paths: readonly string[]) => Promise<Map<string, string | Uint8Array>>;
  },
): Promise<Map<string, string[]>> {
  const blobs = params.readFiles
    ? await params.readFiles(params.ref, CODEOWNERS_LOCATIONS)
    : await readBlobs(octokit, {
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
  const add = (label: string, file: string) => {
    const names = ownersFor(codeowners, file);
    if (names.length > 0) owners.set(label, names);
  };
  // An object the PR leaves as it is can still get a new finding (another object now collides with it).
  const flagged = new Set(params.result.findings.filter((f) => isNew(f)).map((f) => objectLabel(f)));
  for (const o of params.result.objects) {
    const label = `${o.kind} ${o.namespace ? `${o.namespace}/${o.name}` : o.name}`;
    if (o.change !== 'unchanged' || flagged.has(label)) add(label, o.file);
  }
  // Findings about a file rather than an object are keyed by the file (objectLabel).
  for (const f of params.result.findings)
    if (f.object === null && f.file !== '' && isNew(f) && !owners.has(f.file)) add(f.file, f.file);
  return owners;
}
