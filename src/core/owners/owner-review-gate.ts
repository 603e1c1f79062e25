/**
 * `requireOwnerReview`: a high-risk change to an object waits for an approving review from one of the
 * object's CODEOWNERS owners. Pure: the owners (from CODEOWNERS at the base) and who approved (reviews,
 * team memberships) are looked up by the front door and passed in as data.
 */
import type { AuditResult } from '../audit-result.ts';
import { type Finding, severityRank } from '../findings.ts';
import { objectLabel } from '../report/finding-order.ts';

/** One object the gate applies to: a high-risk finding on it was introduced or made worse. */
export interface GatedObject {
  /** `Kind namespace/name` (the key of the owners map), or the file for findings without an object. */
  object: string;
  /** Owners from CODEOWNERS, as written there (`@user`, `@org/team`, e-mail). */
  owners: string[];
  /** The rules whose high-risk findings put the object under the gate. */
  rules: string[];
  /** The owners that approved (empty while the object waits). */
  approvedBy: string[];
}

export interface OwnerReviewGate {
  /** Objects with a high-risk change and no approving owner: the check fails while any is left. */
  waiting: GatedObject[];
  approved: GatedObject[];
  /** High-risk objects CODEOWNERS gives no owner: there is nobody to ask, so they are not gated. */
  unowned: string[];
  /** Why the gate could not be checked (CODEOWNERS or reviews unreadable): it then counts as not met. */
  problems: string[];
}

/** Severity `high` or above, introduced or worsened by the change, not waived. */
export function isHighRiskChange(f: Pick<Finding, 'severity' | 'status' | 'waived'>): boolean {
  return (
    (f.status === 'introduced' || f.status === 'worsened') &&
    f.waived === null &&
    severityRank(f.severity) >= severityRank('high')
  );
}

/** Objects (by label) with a high-risk change, each with the rules that put it there. */
export function highRiskObjects(findings: readonly Finding[]): Map<string, string[]> {
  const objects = new Map<string, string[]>();
  for (const f of findings) {
    if (!isHighRiskChange(f)) continue;
    const label = objectLabel(f);
    const rules = objects.get(label) ?? [];
    if (!rules.includes(f.ruleId)) rules.push(f.ruleId);
    objects.set(label, rules);
  }
  return objects;
}

/** GitHub logins and team slugs are case-insensitive. */
export function ownerKey(owner: string): string {
  return owner.toLowerCase();
}

/**
 * Which high-risk objects still wait for an owner. `approvedBy` holds the owner handles that count as
 * having approved (`@login` of each approving reviewer, `@org/team` of each team one of them is in);
 * an object is approved when any one of its owners is in it.
 */
export function ownerReviewGate(
  findings: readonly Finding[],
  ownersByObject: ReadonlyMap<string, readonly string[]>,
  approvedBy: ReadonlySet<string>,
  problems: readonly string[] = [],
): OwnerReviewGate {
  const byLabel = [...highRiskObjects(findings)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // Without a high-risk change there is nothing to gate, so an unreadable CODEOWNERS does not matter.
  const gate: OwnerReviewGate = {
    waiting: [],
    approved: [],
    unowned: [],
    problems: byLabel.length > 0 ? [...problems] : [],
  };
  const approved = new Set([...approvedBy].map(ownerKey));
  for (const [object, rules] of byLabel) {
    const owners = [...(ownersByObject.get(object) ?? [])];
    if (owners.length === 0) {
      gate.unowned.push(object);
      continue;
    }
    const by = owners.filter((o) => approved.has(ownerKey(o)));
    (by.length > 0 ? gate.approved : gate.waiting).push({ object, owners, rules, approvedBy: by });
  }
  return gate;
}

export function ownerReviewMet(gate: OwnerReviewGate): boolean {
  return gate.waiting.length === 0 && gate.problems.length === 0;
}

/**
 * The result as the check sees it: `failure` while the gate is not met, even when no finding fails by
 * itself (the section rendered by renderOwnerReview says why). A met gate changes nothing.
 */
export function withOwnerReview(result: AuditResult, gate: OwnerReviewGate): AuditResult {
  return ownerReviewMet(gate) ? result : { ...result, conclusion: 'failure' };
}
