import type { ProbotOctokit } from 'probot';
import { CONFIG_PATH, type ConfigLoader } from '../github/load-config.ts';

/**
 * The config through Probot's config plugin: `.github/ingress-audit.yml` at the base SHA, else the
 * org's `.github` repository (its default branch), with `_extends` honoured. The plugin parses the YAML;
 * a file it cannot parse makes it throw, which the audit reports as a config finding.
 */
export function probotConfigLoader(
  octokit: ProbotOctokit,
  repo: { owner: string; repo: string },
): ConfigLoader {
  return async (baseSha) => {
    const { config, files } = await octokit.config.get({ ...repo, path: CONFIG_PATH, branch: baseSha });
    const found = files.find((f) => f.config !== null);
    if (!found) return { raw: null, file: CONFIG_PATH };
    const file =
      found.owner === repo.owner && found.repo === repo.repo
        ? found.path
        : `${found.owner}/${found.repo}:${found.path}`;
    return { raw: config, file };
  };
}
