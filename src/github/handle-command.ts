/**
 * The `/audit` command flow shared by the App and the Action (CONTRACTS.md "Slash commands"). Who may do
 * what is decided here, from the API (the commenter's permission is looked up every time, never taken
 * from the payload); each handled command gets a reaction, and a refusal a short reply saying why.
 * Nothing from a comment reaches a shell: rule ids and object names are matched against data only.
 */
import { allRules } from '../../rules/index.ts';
import { closestMatch } from '../core/commands/closest-match.ts';
import {
  type AuditCommand,
  COMMAND_HELP,
  COMMAND_VERBS,
  parseCommand,
} from '../core/commands/parse-command.ts';
import { inlineCode } from '../core/report/escape.ts';
import {
  type AuditLog,
  type AuditPullRequestOptions,
  type AuditPullRequestResult,
  auditPullRequest,
  type PullRequestTarget,
} from './audit-pull-request.ts';
import { explainRule } from './explain-rule.ts';
import { getPermission } from './get-permission.ts';
import type { GitHubClient } from './github-client.ts';
import { type ConfigLoader, loadConfigSafely, resolveConfig } from './load-config.ts';
import { type Reaction, reactToComment } from './react-to-comment.ts';
import { readObjectHistory } from './read-object-history.ts';
import { readPullRequestTarget } from './read-pull-request-target.ts';
import { replyToComment } from './reply-to-comment.ts';
import { unwaive, waive } from './waive-command.ts';

export interface CommandComment {
  id: number;
  body: string;
  user: { login: string; type: string };
}

export interface HandleCommandOptions {
  octokit: GitHubClient;
  owner: string;
  repo: string;
  pull_number: number;
  comment: CommandComment;
  /** The webhook action; anything but `created` (an edit, a deletion) is ignored. */
  action?: string;
  botLogin: string;
  now: Date;
  loadConfig: ConfigLoader;
  /** Surfaces a re-run publishes to (as for auditPullRequest). */
  publish: AuditPullRequestOptions['publish'];
  log?: AuditLog;
  appId?: number;
  checkName?: string;
  docsBaseUrl?: string;
  detailsUrl?: string;
}

export interface CommandResult {
  command: AuditCommand | null;
  /** Set when the comment was not handled: not a command, a bot, an edit. */
  ignored?: string;
  /** Why the command was refused (also the reply). */
  refused?: string;
  reaction?: Reaction;
  reply?: string;
  /** The re-run, for `/audit`, `waive` and `unwaive`. */
  audit?: AuditPullRequestResult;
  /** Steps that failed (reaction, reply, …); the command itself may still have worked. */
  failures: string[];
}

const ruleIds = allRules.map((r) => r.meta.id);

export async function handleCommand(o: HandleCommandOptions): Promise<CommandResult> {
  const { octokit, comment } = o;
  if (o.action !== undefined && o.action !== 'created')
    return { command: null, ignored: `comment ${o.action}`, failures: [] };
  if (comment.user.type === 'Bot' || comment.user.login === o.botLogin) {
    return { command: null, ignored: 'comment by a bot', failures: [] };
  }
  const command = parseCommand(comment.body);
  if (command === null) return { command: null, ignored: 'not an /audit command', failures: [] };

  const failures: string[] = [];
  const repo = { owner: o.owner, repo: o.repo };
  const finish = async (outcome: {
    reaction: Reaction;
    reply?: string;
    refused?: string;
    audit?: AuditPullRequestResult;
  }): Promise<CommandResult> => {
    const reacted = await reactToComment(octokit, {
      ...repo,
      comment_id: comment.id,
      content: outcome.reaction,
    });
    if (!reacted.ok) failures.push(reacted.error);
    const reply = outcome.refused ?? outcome.reply;
    if (reply !== undefined) {
      const sent = await replyToComment(octokit, {
        ...repo,
        issue_number: o.pull_number,
        body: `@${comment.user.login} ${reply}`,
      });
      if (!sent.ok) failures.push(sent.error);
    }
    return { command, ...outcome, reply, failures };
  };
  const refuse = (reason: string) => finish({ reaction: 'confused', refused: reason });

  switch (command.kind) {
    case 'help':
      return finish({ reaction: '+1', reply: `\n\n${COMMAND_HELP}` });
    case 'unknown': {
      const near = closestMatch(command.verb, COMMAND_VERBS);
      const hint = near ? ` Did you mean \`/audit ${near}\`?` : '';
      return refuse(`${inlineCode(`/audit ${command.verb}`)} is not a command.${hint}\n\n${COMMAND_HELP}`);
    }
    case 'invalid':
      return refuse(`${inlineCode(command.problem)}\n\n${COMMAND_HELP}`);
    case 'explain': {
      const meta = allRules.find((r) => r.meta.id === command.rule)?.meta;
      if (!meta) return refuse(unknownRule(command.rule));
      return finish({ reaction: '+1', reply: `\n\n${explainRule(meta)}` });
    }
    default:
      break;
  }

  // The rest needs the PR as it is now, and its config (from the base branch).
  let target: PullRequestTarget;
  try {
    target = await readPullRequestTarget(octokit, { ...repo, pull_number: o.pull_number });
  } catch (error) {
    failures.push(`reading the pull request: ${error instanceof Error ? error.message : String(error)}`);
    return finish({ reaction: 'confused', refused: 'I could not read this pull request; try again later.' });
  }
  const loaded = await loadConfigSafely(o.loadConfig, target.baseSha);
  // The audit re-reads the config itself; the loader is memoised so that costs no request.
  const loadConfig: ConfigLoader = async () => loaded;
  const { config } = resolveConfig(loaded);
  const rerun = (updateWaivers?: AuditPullRequestOptions['updateWaivers']) =>
    auditPullRequest({
      octokit,
      target: { ...target, draft: false }, // asked for explicitly: a draft is audited too
      botLogin: o.botLogin,
      now: o.now,
      loadConfig,
      publish: o.publish,
      log: o.log,
      appId: o.appId,
      checkName: o.checkName,
      docsBaseUrl: o.docsBaseUrl,
      detailsUrl: o.detailsUrl,
      updateWaivers,
    });

  switch (command.kind) {
    case 'run': {
      const started = await reactToComment(octokit, { ...repo, comment_id: comment.id, content: 'eyes' });
      if (!started.ok) failures.push(started.error);
      const audit = await rerun();
      return { command, reaction: 'eyes', audit, failures: [...failures, ...audit.failures] };
    }
    case 'history': {
      try {
        const history = await readObjectHistory(octokit, {
          ...repo,
          ref: target.headSha,
          object: command.object,
          config,
          now: o.now,
        });
        if (history.files.length === 0) {
          return refuse(
            `no object ${inlineCode(command.object)} found in the manifests at ${inlineCode(target.headSha.slice(0, 7))}.`,
          );
        }
        return finish({ reaction: '+1', reply: `\n\n${history.markdown}` });
      } catch (error) {
        failures.push(`reading history: ${error instanceof Error ? error.message : String(error)}`);
        return refuse('I could not read the history of that object; try again later.');
      }
    }
    case 'waive':
    case 'unwaive': {
      if (!ruleIds.includes(command.rule)) return refuse(unknownRule(command.rule));
      if (config.comments.summary !== 'sticky') {
        return refuse(
          'waivers are kept in the summary comment, which this repository turned off (`comments.summary: off`).',
        );
      }
      const permission = await getPermission(octokit, { ...repo, username: comment.user.login });
      if (!permission.ok) {
        failures.push(permission.error);
        return refuse(
          'I could not check your permission on this repository, so nothing was changed; try again later.',
        );
      }
      const allowed = config.commands.waive;
      if (!(allowed as readonly string[]).includes(permission.permission)) {
        return refuse(
          `${command.kind === 'waive' ? 'waiving' : 'removing a waiver'} needs one of these permissions on the repository: ${allowed.join(', ')} (you have ${permission.permission}). Nothing was changed.`,
        );
      }
      if (command.kind === 'waive' && comment.user.login === target.author && !config.commands.selfWaive) {
        return refuse(
          'the author of a pull request cannot waive its findings (`commands.selfWaive` is off); ask a reviewer.',
        );
      }
      return command.kind === 'waive'
        ? waive(command, comment.user.login, o.now, rerun, finish, refuse)
        : unwaive(
            command,
            octokit,
            { ...repo, issue_number: o.pull_number, botLogin: o.botLogin },
            rerun,
            finish,
            refuse,
          );
    }
  }
}

function unknownRule(rule: string): string {
  const near = closestMatch(rule, ruleIds);
  return `${inlineCode(rule)} is not a rule of ingress-audit.${near ? ` Did you mean ${inlineCode(near)}?` : ''}`;
}
