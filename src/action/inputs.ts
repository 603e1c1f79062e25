/**
 * The Action's inputs, read the way the runner passes them: `INPUT_<NAME>` with the name upper-cased,
 * spaces turned into `_` and hyphens kept (`fail-on` → `INPUT_FAIL-ON`). Bad values are usage errors.
 */
import type { FailOn } from '../core/report/score.ts';

export type Env = Readonly<Record<string, string | undefined>>;

export const FAIL_ON_VALUES: readonly FailOn[] = ['critical', 'high', 'medium', 'low', 'never'];

export interface ActionInputs {
  githubToken: string;
  /** Repository path of the config, read at the base SHA. */
  config: string;
  /** Overrides the config's `failOn` when set. */
  failOn: FailOn | null;
  /** Overrides the config's `comments.summary` when set. */
  comment: 'sticky' | 'off' | null;
  /** Overrides the config's `comments.inline` when set. */
  inlineComments: boolean | null;
  /** Where to write the SARIF file (workspace-relative or absolute); null = none. */
  sarif: string | null;
  /** Limit the audit to these files or folders (repository-relative). Empty = everything the config includes. */
  paths: string[];
  /** A `kubectl get … -o yaml` export to compare the repository with (scheduled drift audit). */
  liveFile: string | null;
  /** Run the config's `render:` entries (kustomize / helm) on both sides. */
  render: boolean;
}

export class InputError extends Error {
  override name = 'InputError';
}

export function inputName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export function getInput(env: Env, name: string): string {
  return (env[inputName(name)] ?? '').trim();
}

/** YAML 1.2 core-schema booleans, as the runner documents them; anything else is an error, not `false`. */
export function getBooleanInput(env: Env, name: string): boolean | null {
  const value = getInput(env, name);
  if (value === '') return null;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(`input ${name} must be true or false (got "${value}")`);
}

/** One entry per line or comma; blank entries and surrounding spaces dropped. */
export function getListInput(env: Env, name: string): string[] {
  return getInput(env, name)
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

export function readInputs(env: Env): ActionInputs {
  const failOn = getInput(env, 'fail-on');
  if (failOn !== '' && !(FAIL_ON_VALUES as readonly string[]).includes(failOn))
    throw new InputError(`input fail-on must be one of ${FAIL_ON_VALUES.join(', ')} (got "${failOn}")`);
  const comment = getInput(env, 'comment');
  if (comment !== '' && comment !== 'sticky' && comment !== 'off')
    throw new InputError(`input comment must be sticky or off (got "${comment}")`);
  const config = getInput(env, 'config') || '.github/ingress-audit.yml';
  if (config.startsWith('/') || config.split('/').includes('..'))
    throw new InputError(`input config must be a path inside the repository (got "${config}")`);
  return {
    githubToken: getInput(env, 'github-token'),
    config: config.replace(/^(\.\/)+/, ''),
    failOn: failOn === '' ? null : (failOn as FailOn),
    comment: comment === '' ? null : comment,
    inlineComments: getBooleanInput(env, 'inline-comments'),
    sarif: getInput(env, 'sarif') || null,
    paths: getListInput(env, 'paths'),
    liveFile: getInput(env, 'live-file') || null,
    render: getBooleanInput(env, 'render') ?? false,
  };
}
