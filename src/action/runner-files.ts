/**
 * The two files the runner reads back after a step: step outputs (`GITHUB_OUTPUT`, heredoc form) and
 * the job summary (`GITHUB_STEP_SUMMARY`, markdown). Both are appended to, never overwritten.
 */
import { randomUUID } from 'node:crypto';
import { appendFileSync } from 'node:fs';
import type { Env } from './inputs.ts';

/** GitHub renders at most 1 MiB of job summary per step and drops a larger one entirely. */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;

/** `name<<DELIM\nvalue\nDELIM\n`, with a delimiter that occurs in neither name nor value. */
export function formatOutput(
  name: string,
  value: string,
  delimiter = `ghadelimiter_${randomUUID()}`,
): string {
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`output ${name}: the value contains its own delimiter`);
  return `${name}<<${delimiter}\n${value}\n${delimiter}\n`;
}

export interface RunnerFiles {
  setOutput(name: string, value: string | number): void;
  appendSummary(markdown: string): void;
  /** Outputs written so far (also when no GITHUB_OUTPUT file is set, e.g. run by hand). */
  readonly outputs: ReadonlyMap<string, string>;
}

/**
 * Writes to the files the runner names in env. Without them (a local run) outputs are only kept in
 * memory and the summary goes nowhere, which `log` is told about once.
 */
export function runnerFiles(env: Env, log: (line: string) => void = () => {}): RunnerFiles {
  const outputs = new Map<string, string>();
  let summaryBytes = 0;
  let warnedSummary = false;
  return {
    outputs,
    setOutput(name, value) {
      const text = String(value);
      outputs.set(name, text);
      if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, formatOutput(name, text));
    },
    appendSummary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) {
        if (!warnedSummary) log('GITHUB_STEP_SUMMARY is not set: the job summary is not written');
        warnedSummary = true;
        return;
      }
      const bytes = Buffer.byteLength(markdown);
      if (summaryBytes + bytes > STEP_SUMMARY_MAX_BYTES) {
        log(`job summary section of ${bytes} bytes skipped: GitHub drops summaries over 1 MiB per step`);
        return;
      }
      summaryBytes += bytes;
      appendFileSync(env.GITHUB_STEP_SUMMARY, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    },
  };
}
