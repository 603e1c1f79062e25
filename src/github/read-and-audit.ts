/** Reads a pull request through the API and audits it: the input half of auditPullRequest. */

import { audit, type ConfigProblem } from '../core/audit.ts';
import type { AuditResult } from '../core/audit-result.ts';
import type { Config } from '../core/policy/config-schema.ts';
import { readPullRequestChange } from '../sources/github-pr.ts';
import { findMergeBase } from './find-merge-base.ts';
import type { GitHubClient } from './github-client.ts';
import { readOwners } from './read-owners.ts';
import { type CommandWaiver, toCoreWaiver } from './waiver-state.ts';

export interface ReadAndAuditParams {
  owner: string;
  repo: string;
  pull_number: number;
  headSha: string;
  /** The base branch tip; the change is read against its merge base with the head. */
  baseSha: string;
  config: Config;
  configProblems: ConfigProblem[];
  configFile: string;
  now: Date;
  waivers: CommandWaiver[];
  /** Adjusts the command waivers once the audited head is known (`/audit waive` pins object hashes). */
  updateWaivers?: (current: CommandWaiver[], result: AuditResult) => CommandWaiver[];
}

export interface AuditedPullRequest {
  result: AuditResult;
  /** The command waivers the result was computed with (changed when `updateWaivers` changed them). */
  waivers: CommandWaiver[];
  waiversChanged: boolean;
  patches: Map<string, string>;
  owners: Map<string, string[]>;
  /** Owners could not be read: the summary goes out without them. */
  ownersError?: string;
}

/** Throws when the pull request cannot be read (there is nothing to audit then). */
export async function readAndAudit(
  octokit: GitHubClient,
  p: ReadAndAuditParams,
): Promise<AuditedPullRequest> {
  const mergeBase = await findMergeBase(octokit, {
    owner: p.owner,
    repo: p.repo,
    baseSha: p.baseSha,
    headSha: p.headSha,
  });
  const change = await readPullRequestChange(octokit, {
    owner: p.owner,
    repo: p.repo,
    pull_number: p.pull_number,
    baseSha: mergeBase,
    headSha: p.headSha,
    include: p.config.include,
    exclude: p.config.exclude,
    withContext: true,
  });
  // What could not be read makes the run partial: say so, and never let it pass silently.
  const toolingErrors = change.notices.map((n) => (n.file ? `${n.file}: ${n.message}` : n.message));
  const run = (waivers: CommandWaiver[]): AuditResult => {
    const result = audit(
      {
        base: change.base,
        head: change.head,
        unchanged: change.unchanged,
        baseRef: mergeBase,
        headRef: p.headSha,
      },
      {
        config: p.config,
        configProblems: p.configProblems,
        configFile: p.configFile,
        now: p.now,
        waivers: waivers.map(toCoreWaiver),
        toolingErrors,
      },
    );
    const extra = change.notices.map((n) => ({ file: n.file, line: n.line, message: n.message }));
    return {
      ...result,
      notices: [...extra, ...result.notices],
      rawNotices: [...change.notices, ...result.rawNotices],
    };
  };

  let waivers = p.waivers;
  let result = run(waivers);
  let waiversChanged = false;
  if (p.updateWaivers) {
    const updated = p.updateWaivers(waivers, result);
    waiversChanged = JSON.stringify(updated) !== JSON.stringify(waivers);
    if (waiversChanged) {
      waivers = updated;
      result = run(waivers);
    }
  }

  let owners = new Map<string, string[]>();
  let ownersError: string | undefined;
  try {
    owners = await readOwners(octokit, { owner: p.owner, repo: p.repo, ref: p.baseSha, result });
  } catch (error) {
    ownersError = `CODEOWNERS could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  return { result, waivers, waiversChanged, patches: change.patches, owners, ownersError };
}
