/**
 * The CLI front door: parses arguments, reads git/disk through src/sources, hands a ChangeSet to the
 * core and prints a rendered report. Every failure is one line on stderr and exit code 2.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { allRules } from '../../rules/index.ts';
import { audit } from '../core/audit.ts';
import type { AuditResult } from '../core/audit-result.ts';
import { closestMatch } from '../core/commands/closest-match.ts';
import { renderRuleExplain } from '../core/docs/rule-doc.ts';
import { parseConfig } from '../core/policy/config.ts';
import { type CliOptions, parseCli, USAGE, UsageError } from './args.ts';
import { readChange } from './read-change.ts';
import { renderReport } from './render-report.ts';
import { TOOL_VERSION } from './version.ts';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  isTTY: boolean;
  env: Record<string, string | undefined>;
  now?: Date;
}

/** An error the user can act on; printed as one line, exit code 2. */
export class OperationalError extends Error {}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let opts: CliOptions;
  try {
    opts = parseCli(argv);
  } catch (error) {
    io.stderr(
      `ingress-audit: ${(error as Error).message}\n${USAGE.split('\n').slice(2, 4).join('\n')}\nRun \`ingress-audit --help\` for all options.\n`,
    );
    return 2;
  }
  if (opts.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return 0;
  }
  if (opts.help || opts.command === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  try {
    return await dispatch(opts, io);
  } catch (error) {
    if (error instanceof UsageError || error instanceof OperationalError || isUserFacing(error)) {
      io.stderr(`ingress-audit: ${(error as Error).message}\n`);
      return 2;
    }
    // Never a stack trace: an unexpected error is still one line, with a hint to report it.
    io.stderr(
      `ingress-audit: internal error: ${(error as Error)?.message ?? String(error)} (please report this)\n`,
    );
    return 2;
  }
}

function isUserFacing(error: unknown): boolean {
  return error instanceof Error && (error as Error & { userFacing?: boolean }).userFacing === true;
}

async function dispatch(opts: CliOptions, io: CliIo): Promise<number> {
  switch (opts.command) {
    case 'rules': {
      const width = Math.max(...allRules.map((r) => r.meta.id.length));
      const lines = [...allRules]
        .sort((a, b) => a.meta.id.localeCompare(b.meta.id))
        .map((r) => `${r.meta.id.padEnd(width)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}`);
      io.stdout(`${lines.join('\n')}\n`);
      return 0;
    }
    case 'explain': {
      const id = opts.positionals[0];
      if (!id) throw new UsageError('explain needs a rule id, e.g. `ingress-audit explain wildcard-host`');
      const rule = allRules.find((r) => r.meta.id === id);
      if (!rule) {
        const near = closestMatch(
          id,
          allRules.map((r) => r.meta.id),
        );
        throw new UsageError(
          `unknown rule "${id}"${near ? ` — did you mean ${near}?` : ''}; \`ingress-audit rules\` lists them`,
        );
      }
      io.stdout(renderRuleExplain(rule.meta));
      return 0;
    }
    case 'diff':
    case 'scan':
      return runAudit(opts, io);
    case 'inventory':
    case 'log': {
      const { runAccountability } = await import('./accountability.ts');
      return runAccountability(opts, io);
    }
    default: {
      const near = closestMatch(opts.command, [
        'diff',
        'scan',
        'rules',
        'explain',
        'inventory',
        'log',
        'help',
      ]);
      throw new UsageError(`unknown command "${opts.command}"${near ? ` — did you mean ${near}?` : ''}`);
    }
  }
}

async function runAudit(opts: CliOptions, io: CliIo): Promise<number> {
  const change = await readChange(opts, io.cwd);
  let configText: string | null = change.configText;
  let configFile = change.configFile;
  if (opts.config) {
    configFile = opts.config;
    try {
      configText = await readFile(opts.config, 'utf8');
    } catch {
      throw new OperationalError(`cannot read config file ${opts.config}`);
    }
  }
  const parsed = parseConfig(configText, configFile, { knownRuleIds: allRules.map((r) => r.meta.id) });
  const config = opts.failOn ? { ...parsed.config, failOn: opts.failOn } : parsed.config;
  const audited: AuditResult = audit(change.changeSet, {
    config,
    configProblems: parsed.problems,
    configFile,
    now: io.now ?? new Date(),
    toolingErrors: change.toolingErrors,
  });
  const result = change.trace ? change.trace(audited) : audited;
  const color = opts.color ?? (io.isTTY && !io.env.NO_COLOR);
  const report = renderReport(result, opts.format ?? 'text', {
    color: opts.output ? false : color,
    verbose: opts.verbose,
  });
  if (opts.output) {
    try {
      await writeFile(opts.output, report);
    } catch {
      throw new OperationalError(`cannot write ${opts.output}`);
    }
    io.stderr(
      `ingress-audit: ${result.conclusion} — risk ${result.risk.score}/100, report written to ${opts.output}\n`,
    );
  } else io.stdout(report);
  return result.conclusion === 'failure' ? 1 : 0;
}
