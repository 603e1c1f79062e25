/** The exposure timeline as versioned JSON; findings keep the report's finding shape. */
import type { Timeline, TimelineEntry } from './timeline.ts';

export function renderTimelineJson(
  entries: readonly TimelineEntry[],
  stats: Timeline['stats'],
  toolVersion: string,
): string {
  return `${JSON.stringify({ version: 1, tool: { name: 'ingress-audit', version: toolVersion }, entries, stats }, null, 2)}\n`;
}
