/** `/audit waive` and `/audit unwaive` once permission is settled: record or drop, then re-run. */
import type { AuditResult } from '../core/audit-result.ts';
import type { AuditCommand } from '../core/commands/parse-command.ts';
import { refLabel } from '../core/findings.ts';
import { inlineCode } from '../core/report/escape.ts';
import type { AuditPullRequestOptions, AuditPullRequestResult } from './audit-pull-request.ts';
import { findStickyComment } from './find-sticky-comment.ts';
import type { GitHubClient } from './github-client.ts';
import type { CommandResult } from './handle-command.ts';
import type { Reaction } from './react-to-comment.ts';
import {
  addCommandWaivers,
  type CommandWaiver,
  readCommandWaivers,
  removeCommandWaivers,
} from './waiver-state.ts';

export type Rerun = (update?: AuditPullRequestOptions['updateWaivers']) => Promise<AuditPullRequestResult>;
export type Finish = (outcome: {
  reaction: Reaction;
  reply?: string;
  refused?: string;
  audit?: AuditPullRequestResult;
}) => Promise<CommandResult>;
export type Refuse = (reason: string) => Promise<CommandResult>;

export async function waive(
  command: Extract<AuditCommand, { kind: 'waive' }>,
  by: string,
  now: Date,
  rerun: Rerun,
  finish: Finish,
  refuse: Refuse,
): Promise<CommandResult> {
  let refusal: string | null = null;
  const audit = await rerun((current, result) => {
    const added = waiversFor(command, by, now, result);
    if (added.length === 0) {
      refusal = `there is no ${inlineCode(command.rule)} finding${command.object ? ` on ${inlineCode(command.object)}` : ''} in this pull request to waive.`;
      return current;
    }
    return addCommandWaivers(current, added);
  });
  if (refusal) return refuse(refusal);
  if (audit.stale || !audit.published.sticky?.ok || audit.published.sticky.action === 'stale') {
    return finish({
      reaction: 'confused',
      refused:
        'the pull request changed while the waiver was being recorded, so it was not saved; please repeat the command.',
      audit,
    });
  }
  return finish({ reaction: '+1', audit });
}

export async function unwaive(
  command: Extract<AuditCommand, { kind: 'unwaive' }>,
  octokit: GitHubClient,
  where: { owner: string; repo: string; issue_number: number; botLogin: string },
  rerun: Rerun,
  finish: Finish,
  refuse: Refuse,
): Promise<CommandResult> {
  const sticky = await findStickyComment(octokit, where);
  const current = sticky.ok ? readCommandWaivers(sticky.comment?.state) : [];
  if (removeCommandWaivers(current, command.rule, command.object).removed.length === 0) {
    return refuse(
      `there is no waiver for ${inlineCode(command.rule)}${command.object ? ` on ${inlineCode(command.object)}` : ''} to remove.`,
    );
  }
  const audit = await rerun((latest) => removeCommandWaivers(latest, command.rule, command.object).kept);
  if (!audit.published.sticky?.ok || audit.published.sticky.action === 'stale') {
    return finish({
      reaction: 'confused',
      refused:
        'the waiver could not be removed (the pull request changed meanwhile); please repeat the command.',
      audit,
    });
  }
  return finish({ reaction: '+1', audit });
}

/**
 * One waiver per object that has a finding of the rule (all of them when no object is named), each
 * pinned to the object's hash at this head: changing the object voids it. Resolved findings are gone
 * at head and need no waiver.
 */
function waiversFor(
  command: Extract<AuditCommand, { kind: 'waive' }>,
  by: string,
  now: Date,
  result: AuditResult,
): CommandWaiver[] {
  const hashes = new Map(result.exposures.head.map((o) => [refLabel(o.ref), o.doc.hash]));
  const objects = new Set<string | null>();
  for (const f of result.findings) {
    if (f.ruleId !== command.rule || f.status === 'resolved') continue;
    const label = f.object ? refLabel(f.object) : null;
    if (command.object === null || label === command.object) objects.add(label);
  }
  return [...objects].map((object) => ({
    rule: command.rule,
    object,
    reason: command.reason,
    by,
    at: now.toISOString(),
    objectHash: object === null ? null : (hashes.get(object) ?? null),
  }));
}
