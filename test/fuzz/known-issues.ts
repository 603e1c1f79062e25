/** How often each known issue was hit in this process (printed by `npm run fuzz`). */
export const KNOWN_ISSUE_HITS = new Map<string, number>();

function hit(name: string, matched: boolean): boolean {
  if (matched) KNOWN_ISSUE_HITS.set(name, (KNOWN_ISSUE_HITS.get(name) ?? 0) + 1);
  return matched;
}

/**
 * A rule that returns two conditions with one key for one object: the engine pairs base and head
 * conditions through a Map keyed by `key`, so the second copy is "introduced" although nothing changed.
 * Its signature: a new finding with the fingerprint (rule + object + key) of a preexisting one.
 */
export function isDuplicateKeyArtifact(
  finding: { status: string; fingerprint: string },
  all: readonly { status: string; fingerprint: string }[],
): boolean {
  return hit(
    'two conditions with one key (audit.ts)',
    (finding.status === 'introduced' || finding.status === 'worsened') &&
      all.some((o) => o !== finding && o.status === 'preexisting' && o.fingerprint === finding.fingerprint),
  );
}
