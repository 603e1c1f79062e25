/** Waivers a commit gives or withdraws: config `waivers:` entries and inline annotations, stamped with who and when. */
import type { Waiver } from '../findings.ts';
import type { ObjectExposure } from '../model/exposure.ts';
import type { HistoryCommit, WaiverChange } from './timeline.ts';

const waiverKey = (w: Waiver) => JSON.stringify([w.rule, w.object, w.reason, w.by, w.expires]);

/** Config waivers that differ between two configs; who and when default to the commit that made the change. */
export function waiverChanges(before: Waiver[], after: Waiver[], commit: HistoryCommit): WaiverChange[] {
  const stamp = (w: Waiver): Waiver => ({
    ...w,
    by: w.by ?? commit.author,
    at: w.at ?? commit.date.slice(0, 10),
  });
  const had = new Set(before.map(waiverKey));
  const has = new Set(after.map(waiverKey));
  return [
    ...after
      .filter((w) => !had.has(waiverKey(w)))
      .map((w) => ({ change: 'added' as const, waiver: stamp(w) })),
    ...before
      .filter((w) => !has.has(waiverKey(w)))
      .map((w) => ({ change: 'removed' as const, waiver: stamp(w) })),
  ];
}

/** Inline `ingress-audit.io/waive` entries added to or removed from objects by this commit. */
export function inlineWaiverChanges(
  base: readonly ObjectExposure[],
  head: readonly ObjectExposure[],
  commit: HistoryCommit,
): WaiverChange[] {
  const list = (objects: readonly ObjectExposure[]): Waiver[] =>
    objects.flatMap((o) =>
      o.signals.waivers.map((w) => ({
        rule: w.rule,
        object: o.ref.namespace ? `${o.ref.namespace}/${o.ref.name}` : o.ref.name,
        reason: w.reason,
        by: commit.author,
        at: commit.date.slice(0, 10),
        expires: null,
        source: 'inline' as const,
      })),
    );
  const key = (w: Waiver) => JSON.stringify([w.rule, w.object, w.reason]);
  const before = list(base);
  const after = list(head);
  const had = new Set(before.map(key));
  const has = new Set(after.map(key));
  return [
    ...after.filter((w) => !had.has(key(w))).map((w) => ({ change: 'added' as const, waiver: w })),
    ...before.filter((w) => !has.has(key(w))).map((w) => ({ change: 'removed' as const, waiver: w })),
  ];
}
