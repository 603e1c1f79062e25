/**
 * Waivers: accepted findings from the config, inline annotations and `/audit waive` commands.
 * A waiver that has expired is shown on the finding but no longer waives it.
 */
import { type Finding, refLabel, type Waiver } from '../findings.ts';
import type { Config } from './config-schema.ts';

export function configWaivers(config: Config): Waiver[] {
  return config.waivers.map((w) => ({
    rule: w.rule,
    object: w.object ?? null,
    reason: w.reason,
    by: w.by ?? null,
    at: null,
    expires: w.expires ?? null,
    source: 'config',
  }));
}

/**
 * Marks findings matched by a waiver. A waiver matches by rule id and object label (`namespace/name`,
 * or `name` for objects without a namespace; a waiver without object matches every object). The first
 * matching waiver that is in force wins; when only expired ones match, the first is attached as
 * `expiredWaiver`. A waiver carrying `objectHash` holds only while `objectHashes` (object label → hash
 * of the object at head) still gives that hash: changing the object voids it. Findings that are already
 * waived are left as they are.
 */
export function applyWaivers(
  findings: Finding[],
  waivers: Waiver[],
  now: Date,
  objectHashes: ReadonlyMap<string, string> = new Map(),
): Finding[] {
  if (waivers.length === 0) return findings;
  const today = now.toISOString().slice(0, 10);
  // Indexed by rule (order kept within a rule, so "first matching waiver wins" still holds): a
  // thousand findings against a thousand waivers no longer try every pair.
  const byRule = new Map<string, Waiver[]>();
  for (const waiver of waivers) {
    const list = byRule.get(waiver.rule);
    if (list) list.push(waiver);
    else byRule.set(waiver.rule, [waiver]);
  }
  return findings.map((finding) => {
    if (finding.waived) return finding;
    const candidates = byRule.get(finding.ruleId);
    if (!candidates) return finding;
    const label = finding.object ? refLabel(finding.object) : null;
    let expired: Waiver | null = null;
    for (const waiver of candidates) {
      if (waiver.object !== null && waiver.object !== label) continue;
      if (waiver.objectHash && (label === null || objectHashes.get(label) !== waiver.objectHash)) continue;
      // Compared as UTC calendar days: a waiver expiring today still holds until the day is over.
      if (waiver.expires !== null && waiver.expires.slice(0, 10) < today) {
        expired ??= waiver;
        continue;
      }
      return { ...finding, waived: { ...waiver, expired: false }, expiredWaiver: null };
    }
    return expired ? { ...finding, expiredWaiver: expired } : finding;
  });
}

/** One entry of an inline waiver annotation. An entry without a reason has reason ''. */
export interface InlineWaiver {
  rule: string;
  reason: string;
}

const RULE_ID = /^[a-z0-9][a-z0-9-]*$/i;

/**
 * Parses the `ingress-audit.io/waive` annotation value: `rule-id: reason` entries separated by newlines
 * or `;`. Entries whose rule id is not an id (letters, digits, dashes) are skipped.
 */
export function parseInlineWaivers(value: string): InlineWaiver[] {
  const waivers: InlineWaiver[] = [];
  for (const entry of value.split(/[\n;]/)) {
    const text = entry.trim();
    if (text === '') continue;
    const colon = text.indexOf(':');
    const rule = (colon === -1 ? text : text.slice(0, colon)).trim();
    if (!RULE_ID.test(rule)) continue;
    waivers.push({ rule: rule.toLowerCase(), reason: colon === -1 ? '' : text.slice(colon + 1).trim() });
  }
  return waivers;
}
