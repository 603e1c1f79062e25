/** The terminal report (`--format text`, the default of the CLI). */
import { styleText } from 'node:util';
import type { AuditResult } from '../audit-result.ts';
import type { Finding, Severity } from '../findings.ts';
import type { RuleMeta } from '../rule.ts';
import { foldLine } from './escape.ts';
import { compareNotices, groupByObject, routeLabel } from './finding-order.ts';
import { redactResult } from './redact.ts';
import { isNew } from './score.ts';

export interface TextOptions {
  /** Decided by the caller (TTY, NO_COLOR, --color); this module reads no environment. */
  color: boolean;
  /** List preexisting findings one by one instead of one count per object. */
  verbose?: boolean;
  /** Rule metadata, to print the fix advice under new findings. */
  ruleMeta?: readonly RuleMeta[];
}

type Style = Parameters<typeof styleText>[0];

const SEVERITY_STYLE: Record<Severity, Style> = {
  critical: ['bold', 'red'],
  high: 'red',
  medium: 'yellow',
  low: 'cyan',
  info: 'gray',
};

const LABEL_WIDTH = 9;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function renderText(result: AuditResult, opts: TextOptions): string {
  const r = redactResult(result);
  // validateStream: false — colour is decided by `opts.color` alone, not by process.stdout or env.
  const style = (format: Style, text: string): string =>
    opts.color ? styleText(format, text, { validateStream: false }) : text;
  const fixes = new Map((opts.ruleMeta ?? []).map((m) => [m.id, m.fix]));
  const lines: string[] = [];

  const refs =
    r.mode === 'scan'
      ? `scan ${foldLine(r.head)}`
      : `diff ${foldLine(r.base ?? '(none)')} → ${foldLine(r.head)}`;
  lines.push(style('bold', `ingress-audit · ${refs}`));
  const newCount = r.findings.filter((f) => isNew(f) && f.waived === null).length;
  const conclusionStyle: Style =
    r.conclusion === 'failure' ? ['bold', 'red'] : r.conclusion === 'neutral' ? 'yellow' : 'green';
  const headline =
    r.mode === 'scan'
      ? `Posture ${r.risk.headPosture}/100 · ${r.risk.level} · ${plural(newCount, 'finding')}`
      : `Risk ${r.risk.score}/100 · ${r.risk.level} · ${plural(newCount, 'new finding')} · posture ${r.risk.basePosture} → ${r.risk.headPosture}`;
  lines.push(`${headline} · ${style(conclusionStyle, r.conclusion)}`);
  for (const reason of r.conclusionReasons) lines.push(style('yellow', `  ! ${foldLine(reason)}`));

  const findingLines = (f: Finding, label: string, labelStyle: Style): string[] => {
    const route = routeLabel(f);
    const where = `${foldLine(f.file)}:${f.line}`;
    const head = [style(labelStyle, label.padEnd(LABEL_WIDTH)), style('bold', foldLine(f.ruleId))];
    if (route) head.push(foldLine(route));
    head.push(style('dim', where));
    const out = [`  ${head.join('  ')}`, `  ${' '.repeat(LABEL_WIDTH)}  ${foldLine(f.message)}`];
    const waiver = f.waived;
    if (waiver) {
      const by = waiver.by ? ` by ${foldLine(waiver.by)}` : '';
      const until = waiver.expires ? `, until ${foldLine(waiver.expires)}` : '';
      out.push(
        `  ${' '.repeat(LABEL_WIDTH)}  ${style('dim', `waived${by}: ${foldLine(waiver.reason)}${until}`)}`,
      );
    } else if (f.expiredWaiver) {
      const expired = f.expiredWaiver.expires ? ` on ${foldLine(f.expiredWaiver.expires)}` : '';
      out.push(`  ${' '.repeat(LABEL_WIDTH)}  ${style('yellow', `waiver expired${expired}`)}`);
    }
    const fix = isNew(f) && !waiver ? fixes.get(f.ruleId) : undefined;
    if (fix) out.push(`  ${' '.repeat(LABEL_WIDTH)}  ${style('dim', `fix: ${foldLine(fix)}`)}`);
    return out;
  };

  for (const group of groupByObject(r.findings)) {
    lines.push('');
    lines.push(
      `${style('bold', foldLine(group.label))}  ${style('dim', group.files.map(foldLine).join(', '))}`,
    );
    const preexisting: Finding[] = [];
    for (const f of group.findings) {
      if (isNew(f)) {
        const label = f.status === 'worsened' ? `${f.severity.toUpperCase()}↑` : f.severity.toUpperCase();
        lines.push(...findingLines(f, label, f.waived ? 'dim' : SEVERITY_STYLE[f.severity]));
      } else if (f.status === 'resolved') {
        lines.push(...findingLines(f, 'resolved', 'green'));
      } else {
        preexisting.push(f);
      }
    }
    if (preexisting.length === 0) continue;
    if (opts.verbose) {
      for (const f of preexisting) lines.push(...findingLines(f, 'existing', 'gray'));
    } else {
      lines.push(
        style('gray', `  ${plural(preexisting.length, 'preexisting finding')} (not caused by this change)`),
      );
    }
  }

  if (r.findings.length === 0) lines.push('', style('green', 'No findings.'));

  if (r.notices.length > 0) {
    lines.push('', style('bold', 'Notices'));
    const notices = [...r.notices].sort(compareNotices);
    for (const n of notices)
      lines.push(`  ${style('dim', `${foldLine(n.file)}:${n.line}`)}  ${foldLine(n.message)}`);
  }
  return `${lines.join('\n')}\n`;
}
