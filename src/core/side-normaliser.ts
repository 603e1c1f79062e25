/**
 * Normalising both sides of a change without doing it twice. Most documents of a big change are on
 * both sides — identical files, repo-wide context — as the same loaded object. Such a document gets
 * the view built on the first side unless a kind of document its controllers looked up differs
 * between the sides (another object, another order); then it is normalised again. Profiles only see
 * the document, the config and `documentsByKind.get(kind)`, so equal look-ups give an equal view.
 * Views are not changed after normalisation, so one object can serve both sides.
 */
import { normalise } from './controllers/index.ts';
import type { ManifestDocument } from './manifests/document.ts';
import type { ObjectExposure } from './model/exposure.ts';
import type { Config } from './policy/config-schema.ts';

/** `documentsByKind` that notes which kinds were asked for. */
class RecordingMap extends Map<string, ManifestDocument[]> {
  asked: Set<string> | null = null;

  override get(kind: string): ManifestDocument[] | undefined {
    this.asked?.add(kind);
    return super.get(kind);
  }
}

interface Normalised {
  exposure: ObjectExposure | null;
  asked: Set<string>;
}

function sameDocuments(a: ManifestDocument[] | undefined, b: ManifestDocument[] | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class SideNormaliser {
  readonly #config: Config;
  /** Views built on the first side, for documents that are also on the other one. */
  readonly #first = new Map<ManifestDocument, Normalised>();
  #firstByKind: Map<string, ManifestDocument[]> | null = null;
  /** Per kind: whether both sides hold the same documents of it (compared once, not per document). */
  readonly #sameKind = new Map<string, boolean>();

  constructor(config: Config) {
    this.#config = config;
  }

  /**
   * Views of `documents` at one side, whose documents by kind are `byKind`. `shared` says which
   * documents the other side holds too; call for the first side, then for the second.
   */
  side(
    documents: ManifestDocument[],
    byKind: Map<string, ManifestDocument[]>,
    shared: (doc: ManifestDocument) => boolean,
  ): ObjectExposure[] {
    const recording = new RecordingMap(byKind);
    const ctx = { config: this.#config, documentsByKind: recording };
    const first = this.#firstByKind === null || this.#firstByKind === byKind;
    if (first) this.#firstByKind = byKind;
    const out: ObjectExposure[] = [];
    for (const doc of documents) {
      const earlier = first ? undefined : this.#first.get(doc);
      if (earlier && [...earlier.asked].every((kind) => this.#same(kind, byKind))) {
        if (earlier.exposure) out.push(earlier.exposure);
        continue;
      }
      recording.asked = new Set();
      const [exposure = null] = normalise([doc], ctx);
      if (first && shared(doc)) this.#first.set(doc, { exposure, asked: recording.asked });
      if (exposure) out.push(exposure);
    }
    return out;
  }

  #same(kind: string, byKind: Map<string, ManifestDocument[]>): boolean {
    let same = this.#sameKind.get(kind);
    if (same === undefined) {
      same = sameDocuments(this.#firstByKind?.get(kind), byKind.get(kind));
      this.#sameKind.set(kind, same);
    }
    return same;
  }
}
