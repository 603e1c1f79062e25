/**
 * The exposure timeline as GitHub markdown (CLI `--format markdown`, the App's `/audit history`): a
 * table, newest change first, at most `limit` rows. Commit and PR links only when the caller gives
 * URL builders; otherwise `#123` is written inert so it does not create cross-references.
 */
import { inlineCode, mdLink, mdText } from '../report/escape.ts';
import type { TimelineEntry } from './timeline.ts';
import { findingCell, timelineRows, waiverChangeText } from './timeline-rows.ts';

export interface TimelineMarkdownOptions {
  title?: string;
  /** Most rows shown (default 20); the rest are counted in a note. */
  limit?: number;
  commitUrl?: (sha: string) => string;
  pullUrl?: (pr: number) => string;
}

export function renderTimelineMarkdown(
  entries: readonly TimelineEntry[],
  options: TimelineMarkdownOptions = {},
): string {
  const limit = options.limit ?? 20;
  const out = [`### ${mdText(options.title ?? 'Exposure history')}`, ''];
  if (entries.length === 0) return `${out.join('\n')}No exposure changes found.\n`;
  const rows = [...entries].reverse().flatMap(timelineRows);
  out.push(
    '| Date | Commit | Author | PR | Object | Change | Introduced | Resolved | Waivers | Posture |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const r of rows.slice(0, limit)) {
    const e = r.entry;
    const sha = inlineCode(e.commit.slice(0, 7), { table: true });
    const commit = options.commitUrl ? mdLink(sha, options.commitUrl(e.commit)) : sha;
    const pr =
      e.pullRequest === null
        ? ''
        : options.pullUrl
          ? mdLink(`#${e.pullRequest}`, options.pullUrl(e.pullRequest))
          : mdText(`#${e.pullRequest}`);
    const object = r.name
      ? mdText(`${r.kind ?? ''} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`.trim())
      : '';
    out.push(
      `| ${[
        e.date.slice(0, 10),
        commit,
        mdText(e.author),
        pr,
        object,
        mdText(r.change ?? ''),
        mdText(r.introduced.map(findingCell).join(', ')),
        mdText(r.resolved.map(findingCell).join(', ')),
        mdText(r.waivers.map(waiverChangeText).join('; ')),
        `${e.postureBefore} → ${e.posture}`,
      ].join(' | ')} |`,
    );
  }
  if (rows.length > limit) out.push('', `${rows.length - limit} older changes not shown.`);
  return `${out.join('\n')}\n`;
}
