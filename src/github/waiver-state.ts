/**
 * `/audit waive` waivers, kept in the sticky comment's hidden state (no database: the comment is the
 * record). Each one names who, why and when, and the hash of the object it was given against, so it
 * lapses as soon as that object changes.
 */
import * as z from 'zod';
import type { Waiver } from '../core/findings.ts';
import type { StickyState } from './sticky-state.ts';

export interface CommandWaiver {
  rule: string;
  /** `namespace/name` or `name`; null for a finding not tied to an object. */
  object: string | null;
  reason: string;
  /** Login of the commenter. */
  by: string;
  /** ISO timestamp of the command. */
  at: string;
  /** Hash of the object at the head the waiver was given on; null for findings without an object. */
  objectHash: string | null;
}

const commandWaiverSchema = z.object({
  rule: z.string().min(1),
  object: z.string().min(1).nullable(),
  reason: z.string(),
  by: z.string(),
  at: z.string(),
  objectHash: z.string().nullable(),
});

/** The waivers stored in a sticky state; entries that do not have the expected shape are dropped. */
export function readCommandWaivers(state: StickyState | null | undefined): CommandWaiver[] {
  const list = state?.waivers;
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry) => {
    const parsed = commandWaiverSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** `state` with its waivers replaced (other keys kept). */
export function withCommandWaivers(
  state: StickyState | null | undefined,
  waivers: readonly CommandWaiver[],
): StickyState {
  return { ...(state ?? {}), waivers: [...waivers] };
}

/** The core's view of a command waiver (applyWaivers checks `objectHash` against the head). */
export function toCoreWaiver(w: CommandWaiver): Waiver {
  return {
    rule: w.rule,
    object: w.object,
    reason: w.reason,
    by: w.by,
    at: w.at.slice(0, 10),
    expires: null,
    source: 'command',
    objectHash: w.objectHash,
  };
}

/** Adds waivers, replacing an earlier one for the same rule and object (the newest reason wins). */
export function addCommandWaivers(
  current: readonly CommandWaiver[],
  added: readonly CommandWaiver[],
): CommandWaiver[] {
  const key = (w: CommandWaiver) => `${w.rule}\u0000${w.object ?? ''}`;
  const replaced = new Set(added.map(key));
  return [...current.filter((w) => !replaced.has(key(w))), ...added];
}

/** Removes the waivers of `rule` on `object` (every object when `object` is null). */
export function removeCommandWaivers(
  current: readonly CommandWaiver[],
  rule: string,
  object: string | null,
): { kept: CommandWaiver[]; removed: CommandWaiver[] } {
  const matches = (w: CommandWaiver) => w.rule === rule && (object === null || w.object === object);
  return { kept: current.filter((w) => !matches(w)), removed: current.filter(matches) };
}
