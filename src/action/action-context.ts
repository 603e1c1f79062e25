/** What every event handler of the Action gets: env, inputs, event, the runner's files and stdout. */
import type { WorkflowEvent } from './event.ts';
import type { ActionInputs, Env } from './inputs.ts';
import type { RunnerFiles } from './runner-files.ts';
import { workflowCommand } from './workflow-commands.ts';

export interface ActionContext {
  env: Env;
  inputs: ActionInputs;
  event: WorkflowEvent;
  files: RunnerFiles;
  now: Date;
  /** One line to stdout (plain log lines and workflow commands). */
  print(line: string): void;
}

export interface ActionLog {
  info(message: string): void;
  warn(message: string): void;
  debug(message: string): void;
  error(message: string): void;
}

/** Plain lines for info; warnings, errors and debug as workflow commands, so the runner files them. */
export function actionLog(print: (line: string) => void): ActionLog {
  return {
    info: (m) => print(m.replace(/^::/, ': :')), // a log line must never be read as a workflow command
    warn: (m) => print(workflowCommand('warning', m)),
    error: (m) => print(workflowCommand('error', m)),
    debug: (m) => print(workflowCommand('debug', m)),
  };
}

/** Links to the Action's own rule docs, when the runner says which Action and ref is running. */
export function docsBaseUrl(env: Env): string | undefined {
  const repo = env.GITHUB_ACTION_REPOSITORY;
  const ref = env.GITHUB_ACTION_REF;
  if (!repo || !ref) return undefined;
  return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${repo}/blob/${ref}/`;
}

/** The workflow run's page: the check run's "details" link. */
export function runUrl(env: Env): string | undefined {
  if (!env.GITHUB_REPOSITORY || !env.GITHUB_RUN_ID) return undefined;
  return `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`;
}
