/** The exposure timeline for export: one row per commit × object, findings and waivers joined by `; `. */
import { csvTable } from '../inventory/csv.ts';
import type { TimelineEntry } from './timeline.ts';
import { findingCell, timelineRows, waiverChangeText } from './timeline-rows.ts';

export const TIMELINE_CSV_HEADER = [
  'date',
  'commit',
  'author',
  'author_email',
  'pull_request',
  'subject',
  'kind',
  'namespace',
  'name',
  'file',
  'change',
  'introduced',
  'resolved',
  'waivers',
  'risk',
  'posture_before',
  'posture',
] as const;

export function renderTimelineCsv(entries: readonly TimelineEntry[]): string {
  const rows = entries.flatMap((entry) =>
    timelineRows(entry).map((r) => [
      entry.date,
      entry.commit,
      entry.author,
      entry.authorEmail,
      entry.pullRequest,
      entry.subject,
      r.kind,
      r.namespace,
      r.name,
      r.file,
      r.change,
      r.introduced.map(findingCell).join('; '),
      r.resolved.map(findingCell).join('; '),
      r.waivers.map(waiverChangeText).join('; '),
      entry.risk,
      entry.postureBefore,
      entry.posture,
    ]),
  );
  return csvTable(TIMELINE_CSV_HEADER, rows);
}
