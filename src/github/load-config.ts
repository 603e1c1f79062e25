/**
 * The repository config as the GitHub front doors get it: read from the base side (the PR under review
 * cannot weaken its own rules), then validated leniently so a bad key becomes a finding, not a crash.
 */
import { allRules } from '../../rules/index.ts';
import { type ParsedConfig, parseConfig, validateConfig } from '../core/policy/config.ts';
import type { GitHubClient } from './github-client.ts';
import { describeFailure } from './publish-failure.ts';

export const CONFIG_PATH = '.github/ingress-audit.yml';

/**
 * What a config loader found. `text` (when the loader has the file's text) gives problems with line
 * numbers; otherwise `raw` is the already-parsed value (Probot's config plugin) or null for no config.
 * `error`: the config could not be read or parsed; the defaults are used and the error is a finding.
 */
export interface LoadedConfig {
  raw: unknown | null;
  file: string;
  error?: string;
  text?: string | null;
}

/** Loads the config as it is at `baseSha`. Should report failures in `error` rather than throw. */
export type ConfigLoader = (baseSha: string) => Promise<LoadedConfig>;

const knownRuleIds = allRules.map((r) => r.meta.id);

/** The effective config and every problem found in it (each with the config file and key path). */
export function resolveConfig(loaded: LoadedConfig): ParsedConfig {
  const parsed =
    loaded.text !== undefined
      ? parseConfig(loaded.text, loaded.file, { knownRuleIds })
      : validateConfig(loaded.raw, loaded.file, { knownRuleIds });
  if (loaded.error === undefined) return parsed;
  return {
    config: parsed.config,
    problems: [
      { path: '', message: `${loaded.error}; using the default config`, line: 1, file: loaded.file },
      ...parsed.problems,
    ],
  };
}

/** Runs a loader, turning a thrown error into a LoadedConfig with `error` (the audit still runs). */
export async function loadConfigSafely(load: ConfigLoader, baseSha: string): Promise<LoadedConfig> {
  try {
    return await load(baseSha);
  } catch (error) {
    return { raw: null, file: CONFIG_PATH, error: describeFailure(error, 'reading the config').error };
  }
}

/**
 * A ConfigLoader over the contents API (one request): the file's text at `ref`, null when absent. For
 * front doors without Probot's config plugin (the Action); the App adds the org `.github` fallback.
 */
export async function readConfigFile(
  octokit: GitHubClient,
  params: { owner: string; repo: string; ref: string; path?: string },
): Promise<LoadedConfig> {
  const file = params.path ?? CONFIG_PATH;
  try {
    const { data } = await octokit.rest.repos.getContent({
      owner: params.owner,
      repo: params.repo,
      path: file,
      ref: params.ref,
      mediaType: { format: 'raw' },
    });
    // With the raw media type the body is the file itself; anything else is a folder or a submodule.
    if (typeof data !== 'string') return { raw: null, file, text: null, error: `${file} is not a file` };
    return { raw: null, file, text: data };
  } catch (error) {
    const failure = describeFailure(error, `reading ${file}`);
    if (failure.status === 404) return { raw: null, file, text: null };
    return { raw: null, file, error: failure.error };
  }
}
