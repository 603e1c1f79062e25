/** One object's share of a timeline (`log --object`, the App's `/audit history`). */
import type { Finding } from '../findings.ts';
import type { TimelineEntry } from './timeline.ts';

/** Entries that concern one object (`namespace/name`, or `name` for objects without namespace). */
export function timelineForObject(entries: readonly TimelineEntry[], object: string): TimelineEntry[] {
  const label = (o: { namespace: string | null; name: string } | null) =>
    o ? (o.namespace ? `${o.namespace}/${o.name}` : o.name) : null;
  const out: TimelineEntry[] = [];
  for (const entry of entries) {
    const narrowed: TimelineEntry = {
      ...entry,
      objects: entry.objects.filter((o) => label(o) === object),
      introduced: entry.introduced.filter((f: Finding) => label(f.object) === object),
      resolved: entry.resolved.filter((f: Finding) => label(f.object) === object),
      waivers: entry.waivers.filter((w) => w.waiver.object === object || w.waiver.object === null),
    };
    if (
      narrowed.objects.length +
        narrowed.introduced.length +
        narrowed.resolved.length +
        narrowed.waivers.length >
      0
    )
      out.push(narrowed);
  }
  return out;
}
