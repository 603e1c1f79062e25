/**
 * Bugs the fuzzer found in files this suite may not change (src/core/audit.ts, src/core/diff/*),
 * reported to their owners. The properties set aside inputs or findings that trigger them so the rest
 * of the search goes on; test/fuzz/regressions.test.ts holds each as an `it.fails` case, which starts
 * failing once the bug is fixed — then delete the case's filter here and turn it into a plain `it`.
 */
import type { AuditResult } from '../../src/core/audit-result.ts';
import type { SourceFile } from '../../src/core/manifests/document.ts';
import { isRelevantKind } from '../../src/core/manifests/kinds.ts';
import { loadFiles } from '../../src/core/manifests/load.ts';
import { refKey, refOf } from '../../src/core/model/identity.ts';

/** How often each known issue was hit in this process (printed by `npm run fuzz`). */
export const KNOWN_ISSUE_HITS = new Map<string, number>();

function hit(name: string, matched: boolean): boolean {
  if (matched) KNOWN_ISSUE_HITS.set(name, (KNOWN_ISSUE_HITS.get(name) ?? 0) + 1);
  return matched;
}

/**
 * One object (group, kind, namespace, name) defined twice on one side. `pairObjects` keeps whichever
 * copy comes last in file order, so which copy is audited — and which findings appear — depends on the
 * order the front door lists files in.
 */
export function hasDuplicateObject(files: readonly SourceFile[] | null | undefined): boolean {
  if (!files) return false;
  const seen = new Set<string>();
  for (const doc of loadFiles([...files], { wantKind: isRelevantKind }).documents) {
    const key = refKey(refOf(doc));
    if (seen.has(key)) return hit('one object defined twice on a side (diff/pair.ts)', true);
    seen.add(key);
  }
  return false;
}

/**
 * Findings of rules that name no object (a file that cannot be parsed) are keyed by file path, so a
 * moved broken file shows as introduced at its new path.
 */
export function isMovedFileFinding(edit: string, finding: { object: unknown }): boolean {
  return hit('finding without object in a moved file (audit.ts)', edit === 'move' && finding.object === null);
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

/**
 * When two base objects lose a condition with the same key and a renamed object gains it, the engine
 * calls the first one in pair order a move: the *set* of resolved findings depends on file order, their
 * number and rules do not. True when `a` and `b` differ only that way.
 */
export function differOnlyInMovedHostTieBreak(a: readonly string[], b: readonly string[]): boolean {
  const status = (k: string) => (JSON.parse(k) as string[])[1];
  const rest = (keys: readonly string[]) => keys.filter((k) => status(k) !== 'resolved');
  const resolved = (keys: readonly string[]) =>
    keys
      .filter((k) => status(k) === 'resolved')
      .map((k) => (JSON.parse(k) as string[])[0])
      .sort();
  return hit(
    'resolved finding chosen by file order for a renamed object (audit.ts)',
    JSON.stringify(rest(a)) === JSON.stringify(rest(b)) &&
      JSON.stringify(resolved(a)) === JSON.stringify(resolved(b)),
  );
}

/**
 * A head route new to its object whose host two or more other base objects served: `pairObjects` takes
 * the first of them in file order as its base (`list.find(same) ?? list[0]`), so what the route "had"
 * — TLS, an allowlist, auth — depends on the order of the files.
 */
export function hasAmbiguousRouteOrigin(result: AuditResult): boolean {
  const baseObjectsByHost = new Map<string, Set<string>>();
  for (const o of result.exposures.base)
    for (const r of o.routes) {
      const set = baseObjectsByHost.get(r.host) ?? new Set<string>();
      set.add(refKey(o.ref));
      baseObjectsByHost.set(r.host, set);
    }
  return hit(
    'route taken over from one of several base objects (diff/pair.ts)',
    result.exposures.head.some((o) =>
      o.routes.some((r) => {
        const owners = baseObjectsByHost.get(r.host);
        return owners !== undefined && owners.size >= 2 && !owners.has(refKey(o.ref));
      }),
    ),
  );
}
