/** Findings, statuses and severities: the vocabulary shared by rules, policy and renderers. */
import type { ObjectRef } from './model/exposure.ts';

export const SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export type Status = 'introduced' | 'worsened' | 'preexisting' | 'resolved' | 'present';

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export interface Waiver {
  rule: string;
  /** `namespace/name` or `name`, or null for every object. */
  object: string | null;
  reason: string;
  by: string | null;
  /** ISO date the waiver was given (when known). */
  at: string | null;
  expires: string | null;
  source: 'config' | 'inline' | 'command';
  /** For command waivers: the object hash it was given against; a changed object voids it. */
  objectHash?: string | null;
  /** For command waivers: the pull request whose summary comment records it. */
  pullRequest?: number | null;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  status: Status;
  message: string;
  object: { kind: string; namespace: string | null; name: string } | null;
  file: string;
  line: number;
  host: string | null;
  path: string | null;
  fingerprint: string;
  waived: (Waiver & { expired?: false }) | null;
  /** A waiver that matched but has expired: shown, does not waive. */
  expiredWaiver?: Waiver | null;
}

export function refLabel(ref: Pick<ObjectRef, 'namespace' | 'name'>): string {
  return ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
}
