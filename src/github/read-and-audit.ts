/**
 * Reads a pull request — through the API, or through a caller's reader (the Action's checkout) — and
 * audits it: the input half of auditPullRequest.
 */

import { audit, type ConfigProblem } from '../core/audit.ts';
import type { AuditResult } from '../core/audit-result.ts';
import type { Notice, SourceFile } from '../core/manifests/document.ts';
import type { Config } from '../core/policy/config-schema.ts';
import { readPullRequestChange } from '../sources/github-pr.ts';
import { findMergeBase } from './find-merge-base.ts';
import type { GitHubClient } from './github-client.ts';
import { readOwners } from './read-owners.ts';
import { type CommandWaiver, toCoreWaiver } from './waiver-state.ts';

/** A pull request's change as a reader other than the API found it. */
export interface ChangeRead {
  base: SourceFile[];
  head: SourceFile[];
  unchanged: SourceFile[];
  /** Unified patch per head path, for placing inline comments. */
  patches: Map<string, string>;
  notices: Notice[];
  /** What the reader could not do (a failed render step): the run is neutral with the reason. */
  toolingErrors?: string[];
  /** Points findings on rendered output back at the source files. */
  trace?: (result: AuditResult) => AuditResult;
}

/** Reads the change between the merge base and the head; null = it cannot here, read through the API. */
export type ChangeReader = (p: {
  config: Config;
  mergeBase: string;
  headSha: string;
}) => Promise<ChangeRead | null>;

/** Files at a commit (absent ones left out), for CODEOWNERS; default: the API. */
export type FileReader = (ref: string, paths: readonly string[]) => Promise<Map<string, string | Uint8Array>>;

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
  /** The merge base when the caller already asked for it (it is looked up otherwise). */
  mergeBase?: Promise<string>;
  /** May be a promise (the sticky comment holding them is read while the change is read). */
  waivers: CommandWaiver[] | Promise<CommandWaiver[]>;
  /** Adjusts the command waivers once the audited head is known (`/audit waive` pins object hashes). */
  updateWaivers?: (current: CommandWaiver[], result: AuditResult) => CommandWaiver[];
  readChange?: ChangeReader;
  readFiles?: FileReader;
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
  const findingMergeBase =
    p.mergeBase ??
    findMergeBase(octokit, {
      owner: p.owner,
      repo: p.repo,
      baseSha: p.baseSha,
      headSha: p.headSha,
    });
  findingMergeBase.catch(() => {}); // awaited below; this only keeps an early failure from going unhandled
  // Checkout readers need the merge base first; through the API the files are listed meanwhile.
  const fromCheckout = p.readChange
    ? await p.readChange({ config: p.config, mergeBase: await findingMergeBase, headSha: p.headSha })
    : null;
  const change: ChangeRead =
    fromCheckout ??
    (await readPullRequestChange(octokit, {
      owner: p.owner,
      repo: p.repo,
      pull_number: p.pull_number,
      baseSha: findingMergeBase,
      headSha: p.headSha,
      include: p.config.include,
      exclude: p.config.exclude,
      withContext: true,
    }));
  const mergeBase = await findingMergeBase;
  // What could not be read makes the run partial: say so, and never let it pass silently.
  const toolingErrors = [
    ...change.notices.map((n) => (n.file ? `${n.file}: ${n.message}` : n.message)),
    ...(change.toolingErrors ?? []),
  ];
  const trace = change.trace ?? ((result: AuditResult) => result);
  const run = (waivers: CommandWaiver[]): AuditResult => {
    const result = trace(
      audit(
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
      ),
    );
    const extra = change.notices.map((n) => ({ file: n.file, line: n.line, message: n.message }));
    return {
      ...result,
      notices: [...extra, ...result.notices],
      rawNotices: [...change.notices, ...result.rawNotices],
    };
  };

  let waivers = await p.waivers;
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
    owners = await readOwners(octokit, {
      owner: p.owner,
      repo: p.repo,
      ref: p.baseSha,
      result,
      readFiles: p.readFiles,
    });
  } catch (error) {
    ownersError = `CODEOWNERS could not be read: ${error instanceof Error ? error.message : String(error)}`;
  }
  return { result, waivers, waiversChanged, patches: change.patches, owners, ownersError };
}
