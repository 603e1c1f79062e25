/**
 * Reading a `pull_request` run from the workflow's checkout instead of the API: the change (one
 * `git cat-file --batch` per side, patches from one `git diff`), CODEOWNERS and the config at the base,
 * and — with input `render` — the config's render steps on both commits. Content then costs no API
 * request. Only ever used under `pull_request`: the caller never builds these under `pull_request_target`.
 */

import type { ConfigLoader } from '../github/load-config.ts';
import type { ChangeReader, FileReader } from '../github/read-and-audit.ts';
import { buildGitChangeSet, readAtRef } from '../sources/git.ts';
import { renderGitChange } from '../sources/render.ts';
import type { ActionLog } from './action-context.ts';
import { hasCommits } from './find-checkout.ts';
import { readGitPatches } from './read-git-patches.ts';

export interface CheckoutReaders {
  readChange: ChangeReader;
  readFiles: FileReader;
  loadConfig: ConfigLoader;
}

export function checkoutReaders(
  root: string,
  options: {
    /** Run the config's `render:` entries on both sides. */
    render: boolean;
    configPath: string;
    /** The Action's inputs applied to the config text (as for the API loader). */
    applyOverrides: (text: string | null) => string | null;
    log: ActionLog;
  },
): CheckoutReaders {
  const { log } = options;
  const readChange: ChangeReader = async ({ config, mergeBase, headSha }) => {
    // The base branch tip and the head are there, but a shallow history can lack the merge base.
    if (!(await hasCommits(root, [mergeBase]))) {
      log.info(
        `the checkout lacks the merge base ${mergeBase.slice(0, 7)}; reading the change through the API`,
      );
      return null;
    }
    let git: Awaited<ReturnType<typeof buildGitChangeSet>>;
    let patches: Map<string, string>;
    try {
      git = await buildGitChangeSet({
        repoDir: root,
        base: mergeBase,
        head: headSha,
        include: config.include,
        exclude: config.exclude,
        withContext: true,
      });
      patches = await readGitPatches(root, mergeBase, headSha);
    } catch (error) {
      log.warn(
        `reading the checkout failed (${(error as Error).message}); reading the change through the API`,
      );
      return null;
    }
    const read = (changeSet: typeof git.changeSet) => ({
      base: changeSet.base ?? [],
      head: changeSet.head,
      unchanged: changeSet.unchanged ?? [],
      patches,
      notices: [],
    });
    if (!options.render) return read(git.changeSet);
    if (config.render.length === 0) {
      log.info('input render is on, but the config has no `render:` entries');
      return read(git.changeSet);
    }
    const rendered = await renderGitChange(git.changeSet, {
      repoDir: root,
      baseSha: mergeBase,
      headSha,
      entries: config.render,
    });
    return { ...read(rendered.changeSet), toolingErrors: rendered.toolingErrors, trace: rendered.trace };
  };

  const readFiles: FileReader = (ref, paths) => readAtRef(root, ref, paths);

  const loadConfig: ConfigLoader = async (baseSha) => {
    const file = options.configPath;
    const bytes = (await readAtRef(root, baseSha, [file])).get(file);
    const text = bytes === undefined ? null : new TextDecoder().decode(bytes);
    // Also when there is no file: the defaults it falls back to still get the inputs.
    return { raw: null, file, text: options.applyOverrides(text) };
  };

  return { readChange, readFiles, loadConfig };
}
