/**
 * Workflow commands on stdout (`::error file=…,line=…,title=…::message`): the annotations a read-only
 * run can still leave on the PR. GitHub shows at most 10 error, 10 warning and 10 notice annotations
 * per step (and 50 per job); the rest are dropped silently, so we choose which ones go and say so.
 */
import type { Annotation } from '../core/report/check-run.ts';

export type CommandLevel = 'error' | 'warning' | 'notice';

/** Per step and level, as documented for workflow-command annotations. */
export const ANNOTATIONS_PER_LEVEL = 10;

/** Message text: `%`, CR and LF would end or corrupt the command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values also must not contain the `:` and `,` that separate properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export interface CommandProperties {
  file?: string;
  line?: number;
  endLine?: number;
  title?: string;
}

export function workflowCommand(
  level: CommandLevel | 'debug',
  message: string,
  props: CommandProperties = {},
): string {
  const parts = Object.entries(props)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${level}${parts.length > 0 ? ` ${parts.join(',')}` : ''}::${escapeData(message)}`;
}

const LEVEL: Record<Annotation['annotation_level'], CommandLevel> = {
  failure: 'error',
  warning: 'warning',
  notice: 'notice',
};

export interface AnnotationPlan {
  /** The command lines to print, in order. */
  lines: string[];
  shown: number;
  /** Annotations GitHub would have dropped; they are in the job summary. */
  leftOut: number;
}

/**
 * Turns check-run annotations (already ordered most important first) into at most 10 per level. When
 * some are left out, one notice slot is kept for a line that says how many and where to find them.
 */
export function planAnnotations(annotations: readonly Annotation[]): AnnotationPlan {
  const byLevel = new Map<CommandLevel, Annotation[]>();
  for (const a of annotations) {
    const level = LEVEL[a.annotation_level];
    byLevel.set(level, [...(byLevel.get(level) ?? []), a]);
  }
  const total = annotations.length;
  const overflows = [...byLevel.values()].some((list) => list.length > ANNOTATIONS_PER_LEVEL);
  const lines: string[] = [];
  let shown = 0;
  for (const level of ['error', 'warning', 'notice'] as const) {
    const cap = level === 'notice' && overflows ? ANNOTATIONS_PER_LEVEL - 1 : ANNOTATIONS_PER_LEVEL;
    for (const a of (byLevel.get(level) ?? []).slice(0, cap)) {
      lines.push(
        workflowCommand(level, a.message, {
          file: a.path,
          line: a.start_line,
          endLine: a.end_line,
          title: a.title,
        }),
      );
      shown += 1;
    }
  }
  const leftOut = total - shown;
  if (leftOut > 0) {
    lines.push(
      workflowCommand(
        'notice',
        `${leftOut} of ${total} findings are not shown as annotations (GitHub shows ${ANNOTATIONS_PER_LEVEL} errors, ` +
          `${ANNOTATIONS_PER_LEVEL} warnings and ${ANNOTATIONS_PER_LEVEL} notices per step); the job summary lists them all`,
        { title: 'ingress-audit: annotations left out' },
      ),
    );
  }
  return { lines, shown, leftOut };
}
