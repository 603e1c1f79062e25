// The Action's entry (bundled to dist/action.js): the runner's env and stdout in, an exit code out.
import { run } from './run.ts';

process.exitCode = await run({ env: process.env, print: (line) => process.stdout.write(`${line}\n`) });
