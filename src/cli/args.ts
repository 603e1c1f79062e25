/** Command-line parsing (node:util parseArgs): one table of options for every sub-command. */
import { parseArgs } from 'node:util';

export const FORMATS = ['text', 'markdown', 'json', 'sarif'] as const;
/** Only `inventory` and `log` write these: CSV for auditors, a mermaid route graph (inventory). */
export const ACCOUNTABILITY_FORMATS = ['csv', 'mermaid'] as const;
export type Format = (typeof FORMATS)[number] | (typeof ACCOUNTABILITY_FORMATS)[number];
export const FAIL_ON = ['critical', 'high', 'medium', 'low', 'never'] as const;

export class UsageError extends Error {}

const options = {
  base: { type: 'string' },
  head: { type: 'string' },
  repo: { type: 'string' },
  'base-dir': { type: 'string' },
  'head-dir': { type: 'string' },
  config: { type: 'string' },
  format: { type: 'string' },
  'fail-on': { type: 'string' },
  output: { type: 'string', short: 'o' },
  render: { type: 'boolean' },
  'no-context': { type: 'boolean' },
  verbose: { type: 'boolean', short: 'v' },
  color: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  ref: { type: 'string' },
  since: { type: 'string' },
  until: { type: 'string' },
  object: { type: 'string' },
  github: { type: 'string' },
  'github-bot': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

export type CliOptions = {
  command: string;
  positionals: string[];
  base?: string;
  head?: string;
  repo?: string;
  baseDir?: string;
  headDir?: string;
  config?: string;
  format?: Format;
  failOn?: (typeof FAIL_ON)[number];
  output?: string;
  render: boolean;
  context: boolean;
  verbose: boolean;
  color?: boolean;
  ref?: string;
  since?: string;
  until?: string;
  object?: string;
  /** inventory/log: OWNER/REPO whose pull request comments hold `/audit waive` waivers. */
  github?: string;
  githubBot?: string;
  help: boolean;
  version: boolean;
};

export function parseCli(argv: string[]): CliOptions {
  let parsed: ReturnType<
    typeof parseArgs<{ options: typeof options; allowPositionals: true; args: string[] }>
  >;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  const [command = 'help', ...positionals] = parsed.positionals;
  const formats: readonly string[] =
    command === 'inventory' || command === 'log' ? [...FORMATS, ...ACCOUNTABILITY_FORMATS] : FORMATS;
  if (v.format !== undefined && !formats.includes(v.format))
    throw new UsageError(`--format must be one of ${formats.join(', ')} (got "${v.format}")`);
  if (v['fail-on'] !== undefined && !(FAIL_ON as readonly string[]).includes(v['fail-on']))
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')} (got "${v['fail-on']}")`);
  if (v.github !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v.github))
    throw new UsageError(`--github must be OWNER/REPO (got "${v.github}")`);
  if ((v['base-dir'] === undefined) !== (v['head-dir'] === undefined))
    throw new UsageError('--base-dir and --head-dir go together');
  return {
    command,
    positionals,
    base: v.base,
    head: v.head,
    repo: v.repo,
    baseDir: v['base-dir'],
    headDir: v['head-dir'],
    config: v.config,
    format: v.format as Format | undefined,
    failOn: v['fail-on'] as CliOptions['failOn'],
    output: v.output,
    render: v.render ?? false,
    context: !v['no-context'],
    verbose: v.verbose ?? false,
    color: v['no-color'] ? false : v.color,
    ref: v.ref,
    since: v.since,
    until: v.until,
    object: v.object,
    github: v.github,
    githubBot: v['github-bot'],
    help: v.help ?? false,
    version: v.version ?? false,
  };
}

export const USAGE = `ingress-audit — scores the risk of a change to Kubernetes Ingress-family manifests

Usage:
  ingress-audit diff [--base REF] [--head REF] [--repo DIR] [paths...]
        two git refs; default head = working tree, default base = merge-base with the default branch
  ingress-audit diff --base-dir DIR_OR_FILE --head-dir DIR_OR_FILE
        two folders or files (also: the repo against a live export from \`kubectl get ingress -A -o yaml\`)
  ingress-audit scan [paths...]          the current state only: every finding is "present"
  ingress-audit inventory [--ref REF] [--github OWNER/REPO] [paths...]   every entry point, its protections and owners
  ingress-audit log [--since DATE] [--until DATE] [--object NS/NAME] [--github OWNER/REPO] [paths...]
        exposure history from git
  ingress-audit rules                    list the rules
  ingress-audit explain RULE_ID          what a rule checks and how to fix it

Options:
  --config FILE        config file (default: .github/ingress-audit.yml at the BASE ref)
  --format FORMAT      text | markdown | json | sarif (inventory/log also: csv, mermaid)
  --fail-on LEVEL      critical | high | medium | low | never (overrides the config)
  --output, -o FILE    write the report to FILE instead of stdout
  --render             render the config's kustomize/helm entries on both sides and audit the output
  --no-context         do not read the rest of the repo (repo-wide rules see only the changed files)
  --verbose, -v        show preexisting findings in full
  --color / --no-color force or disable colour (default: when stdout is a terminal)
  --github OWNER/REPO  inventory/log: also show the waivers given with \`/audit waive\` in the pull
                       requests that made each change (read from their summary comments; needs
                       GITHUB_TOKEN or GH_TOKEN; GITHUB_API_URL for GitHub Enterprise)
  --github-bot LOGIN   count only this account's summary comments (default: any bot account)

Exit codes: 0 passed, 1 failed the policy, 2 usage or operational error.
`;
