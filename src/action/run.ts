/**
 * The Action's `run()`: inputs and event in, one handler per event, an exit code out. Every failure
 * is an `::error::` line and exit code 2 — never a stack trace, never a silent pass.
 */
import { type ActionContext, actionLog } from './action-context.ts';
import { runCommand } from './command-run.ts';
import { runDrift } from './drift-run.ts';
import { EventError, readEvent } from './event.ts';
import { type Env, InputError, readInputs } from './inputs.ts';
import { runPullRequest } from './pull-request-run.ts';
import { runnerFiles } from './runner-files.ts';

export interface ActionIo {
  env: Env;
  print(line: string): void;
  now?: Date;
}

export const HANDLED_EVENTS = [
  'pull_request',
  'pull_request_target',
  'pull_request_review',
  'issue_comment',
  'schedule',
  'workflow_dispatch',
];

export async function run(io: ActionIo): Promise<number> {
  const log = actionLog(io.print);
  try {
    const ctx: ActionContext = {
      env: io.env,
      inputs: readInputs(io.env),
      event: readEvent(io.env),
      files: runnerFiles(io.env, log.debug),
      now: io.now ?? new Date(),
      print: io.print,
    };
    switch (ctx.event.name) {
      case 'pull_request':
      case 'pull_request_target':
      // A review can decide `requireOwnerReview`; the run gives the full verdict (never a bare pass).
      case 'pull_request_review':
        return await runPullRequest(ctx);
      case 'issue_comment':
        return await runCommand(ctx);
      case 'schedule':
      case 'workflow_dispatch':
        return await runDrift(ctx);
      default:
        log.error(
          `ingress-audit does not handle the ${ctx.event.name} event (it handles ${HANDLED_EVENTS.join(', ')})`,
        );
        return 2;
    }
  } catch (error) {
    const known = error instanceof InputError || error instanceof EventError;
    const message = error instanceof Error ? error.message : String(error);
    log.error(known ? message : `ingress-audit: internal error: ${message} (please report this)`);
    return 2;
  }
}
