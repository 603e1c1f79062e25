/** Builds the ChangeSet for `diff` and `scan` from git or from folders, plus the config text from the base side. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import type { ChangeSet } from '../core/audit.ts';
import type { AuditResult } from '../core/audit-result.ts';
import { parseConfig } from '../core/policy/config.ts';
import { buildDirChangeSet, FilesystemSourceError, readTree } from '../sources/filesystem.ts';
import { buildGitChangeSet, GitSourceError } from '../sources/git.ts';
import { renderGitChange } from '../sources/render.ts';
import type { CliOptions } from './args.ts';

export const CONFIG_PATH = '.github/ingress-audit.yml';

export interface ReadChange {
  changeSet: ChangeSet;
  configText: string | null;
  configFile: string;
  toolingErrors: string[];
  /** With --render: points findings on rendered output back at their source files. */
  trace?: (result: AuditResult) => AuditResult;
}

async function readOptional(path: string): Promise<string | null> {
  return existsSync(path) ? readFile(path, 'utf8') : null;
}

/** The config beside a folder (its `.github/ingress-audit.yml`), or beside the working directory. */
async function configNear(dir: string): Promise<{ text: string | null; file: string }> {
  const candidate = join(dir, CONFIG_PATH);
  return { text: await readOptional(candidate), file: candidate };
}

export async function readChange(opts: CliOptions, cwd: string): Promise<ReadChange> {
  try {
    return await read(opts, cwd);
  } catch (error) {
    // Source errors carry a message meant for the user (missing folder, unknown ref): print it as is.
    if (error instanceof GitSourceError || error instanceof FilesystemSourceError)
      Object.assign(error, { userFacing: true });
    throw error;
  }
}

async function read(opts: CliOptions, cwd: string): Promise<ReadChange> {
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  if (opts.command === 'scan') {
    const roots = opts.positionals.length > 0 ? opts.positionals : ['.'];
    const config = await configNear(cwd);
    const { config: parsed } = parseConfig(config.text, CONFIG_PATH);
    const head = (
      await Promise.all(roots.map((r) => readTree(abs(r), parsed.include, parsed.exclude)))
    ).flat();
    return {
      changeSet: { base: null, head, baseRef: null, headRef: roots.join(' ') },
      configText: config.text,
      configFile: CONFIG_PATH,
      toolingErrors: [],
    };
  }
  if (opts.baseDir && opts.headDir) {
    const base = abs(opts.baseDir);
    const config = await configNear(base);
    const { config: parsed } = parseConfig(config.text, CONFIG_PATH);
    const changeSet = await buildDirChangeSet(base, abs(opts.headDir), {
      include: parsed.include,
      exclude: parsed.exclude,
    });
    // Name the sides as the user typed them, not by absolute paths.
    return {
      changeSet: { ...changeSet, baseRef: opts.baseDir, headRef: opts.headDir },
      configText: config.text,
      configFile: config.file,
      toolingErrors: [],
    };
  }
  const fromGit = await buildGitChangeSet({
    repoDir: abs(opts.repo ?? '.'),
    base: opts.base,
    head: opts.head,
    paths: opts.positionals.length > 0 ? opts.positionals : undefined,
    withContext: opts.context,
  });
  const change: ReadChange = {
    changeSet: fromGit.changeSet,
    configText: fromGit.configText,
    configFile: fromGit.configFile,
    toolingErrors: [],
  };
  if (!opts.render) return change;
  // --render: the config's kustomize/helm entries run on a worktree of each ref (src/sources/render.ts).
  const { render } = parseConfig(
    opts.config ? await readOptional(abs(opts.config)) : fromGit.configText,
    CONFIG_PATH,
  ).config;
  if (render.length === 0)
    return { ...change, toolingErrors: ['--render: the config has no `render:` entries'] };
  const rendered = await renderGitChange(fromGit.changeSet, {
    repoDir: abs(opts.repo ?? '.'),
    baseSha: fromGit.baseSha,
    headSha: fromGit.headSha,
    entries: render,
  });
  return {
    ...change,
    changeSet: rendered.changeSet,
    toolingErrors: rendered.toolingErrors,
    trace: rendered.trace,
  };
}
