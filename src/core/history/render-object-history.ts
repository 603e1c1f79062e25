/**
 * `/audit history NAMESPACE/NAME` in one call: replay the commits that touched the object's file(s)
 * (oldest first, as the App fetched them) and render that object's last exposure changes.
 */
import { renderTimelineMarkdown, type TimelineMarkdownOptions } from './render-timeline-markdown.ts';
import { type ReplayOptions, replayHistory } from './replay-history.ts';
import type { HistoryCommit } from './timeline.ts';
import { timelineForObject } from './timeline-for-object.ts';

export function renderObjectHistory(
  commits: readonly HistoryCommit[],
  blobs: { get(id: string): string | Uint8Array | undefined },
  options: ReplayOptions & TimelineMarkdownOptions & { object: string },
): string {
  const timeline = replayHistory(commits, blobs, options);
  return renderTimelineMarkdown(timelineForObject(timeline.entries, options.object), {
    ...options,
    title: options.title ?? `Exposure history of ${options.object}`,
  });
}
