/**
 * Bugs the fuzzer found in files this suite may not change (src/core/audit.ts, src/core/diff/*,
 * src/core/manifests/*), reported to their owners. The properties skip inputs that trigger them (with
 * `fc.pre`) so the rest of the search goes on; test/fuzz/regressions.test.ts holds each as an
 * `it.fails` case that starts failing — and must then be removed from here — once it is fixed.
 */
import { isRelevantKind } from '../../src/core/manifests/kinds.ts';
import { loadFiles } from '../../src/core/manifests/load.ts';
import type { SourceFile } from '../../src/core/manifests/document.ts';
import { refKey, refOf } from '../../src/core/model/identity.ts';

/**
 * One object (kind, namespace, name) defined twice on one side. `pairObjects` keeps whichever copy
 * comes last in file order, so which copy is audited — and which findings appear — depends on the
 * order the front door lists files in.
 */
export function hasDuplicateObject(files: readonly SourceFile[] | null): boolean {
  if (!files) return false;
  const seen = new Set<string>();
  for (const doc of loadFiles([...files], { wantKind: isRelevantKind }).documents) {
    const key = refKey(refOf(doc));
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}
