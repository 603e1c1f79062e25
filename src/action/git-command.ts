/**
 * `git` in the workspace for the Action's checkout reading: an argument array (no shell), English
 * messages, no prompts, and the user's diff settings (colour, prefixes, external tools) switched off.
 */
import { execFile } from 'node:child_process';

const MAX_BUFFER = 256 * 1024 * 1024;

export function gitOutput(cwd: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      ['-c', 'core.quotepath=off', '-c', 'color.ui=never', ...args],
      {
        cwd,
        encoding: 'utf8',
        maxBuffer: MAX_BUFFER,
        env: { ...process.env, LC_ALL: 'C', GIT_TERMINAL_PROMPT: '0' },
      },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`git ${args[0]} failed: ${stderr.trim().split('\n')[0] || error.message}`))
          : resolve(stdout),
    );
  });
}
