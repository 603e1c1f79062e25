/** A timeline entry split per object, the unit of the table renderers (CSV, markdown). */
import type { Finding, Waiver } from '../findings.ts';
import type { TimelineEntry, WaiverChange } from './timeline.ts';

export interface TimelineRow {
  entry: TimelineEntry;
  kind: string | null;
  namespace: string | null;
  name: string | null;
  file: string | null;
  /** added | removed | modified, or `affected` for an object with new findings that the commit did not edit. */
  change: string | null;
  introduced: Finding[];
  resolved: Finding[];
  waivers: WaiverChange[];
}

const label = (o: { namespace: string | null; name: string }) =>
  o.namespace ? `${o.namespace}/${o.name}` : o.name;

/** One row per object the entry names (changed, or carrying a finding); at least one row per entry. */
export function timelineRows(entry: TimelineEntry): TimelineRow[] {
  const rows = new Map<string, TimelineRow>();
  const row = (
    kind: string | null,
    namespace: string | null,
    name: string | null,
    file: string | null,
    change: string | null,
  ) => {
    const key = JSON.stringify([kind, namespace, name]);
    let r = rows.get(key);
    if (!r) {
      r = { entry, kind, namespace, name, file, change, introduced: [], resolved: [], waivers: [] };
      rows.set(key, r);
    }
    return r;
  };
  for (const o of entry.objects) row(o.kind, o.namespace, o.name, o.file, o.change);
  const place = (f: Finding) =>
    f.object
      ? row(f.object.kind, f.object.namespace, f.object.name, f.file, 'affected')
      : row(null, null, null, f.file, null);
  for (const f of entry.introduced) place(f).introduced.push(f);
  for (const f of entry.resolved) place(f).resolved.push(f);
  for (const w of entry.waivers) {
    const target = [...rows.values()].find(
      (r) => r.name !== null && w.waiver.object === label({ namespace: r.namespace, name: r.name }),
    );
    const [namespace, name] = w.waiver.object?.includes('/')
      ? w.waiver.object.split('/', 2)
      : [null, w.waiver.object];
    (target ?? row(null, namespace, name, null, null)).waivers.push(w);
  }
  if (rows.size === 0) row(null, null, null, null, null);
  return [...rows.values()];
}

export function findingCell(f: Finding): string {
  const waived = f.waived ? ' [waived]' : f.expiredWaiver ? ' [waiver EXPIRED]' : '';
  return `${f.ruleId} (${f.severity})${waived}`;
}

export function waiverChangeText(c: WaiverChange): string {
  const w: Waiver = c.waiver;
  const parts = [`${c.change} ${w.source} waiver ${w.rule}`, w.object ? `on ${w.object}` : 'on every object'];
  if (w.by) parts.push(`by ${w.by}`);
  if (w.pullRequest) parts.push(`in #${w.pullRequest}`);
  if (w.expires) parts.push(`until ${w.expires}`);
  return `${parts.join(' ')}: ${w.reason || '(no reason given)'}`;
}
