/**
 * Action inputs that override the repository config (`fail-on`, `comment`, `inline-comments`, `paths`),
 * applied to the config's YAML text so the config is still validated in one place, with its lines.
 */
import { isSeq, parseDocument } from 'yaml';
import type { FailOn } from '../core/report/score.ts';

export interface ConfigOverrides {
  failOn: FailOn | null;
  comment: 'sticky' | 'off' | null;
  inlineComments: boolean | null;
  paths: readonly string[];
}

export function hasOverrides(o: ConfigOverrides): boolean {
  return o.failOn !== null || o.comment !== null || o.inlineComments !== null || o.paths.length > 0;
}

const GLOB_SPECIAL = /[*?[\]{}()!+@,\\]/g;

/**
 * One exclude glob that drops every file outside `paths` (files or folders): `!{a,a/**,b,b/**}`. A
 * single negated pattern, because an exclude list matches when any one of its patterns does.
 */
export function outsidePathsGlob(paths: readonly string[]): string {
  const prefixes = paths
    .map((p) =>
      p
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\/+$/, ''),
    )
    .filter((p) => p !== '' && p !== '.')
    .map((p) => p.replace(GLOB_SPECIAL, '\\$&'));
  return prefixes.length === 0 ? '' : `!{${prefixes.flatMap((p) => [p, `${p}/**`]).join(',')}}`;
}

/**
 * The config text with the overrides set. Text that is not valid YAML is returned as it is: the config
 * reader reports it, and the defaults it falls back to then apply.
 */
export function applyOverrides(text: string | null, o: ConfigOverrides): string | null {
  if (!hasOverrides(o)) return text;
  let doc = parseDocument(text ?? '');
  if (doc.errors.length > 0) return text;
  if (doc.contents === null) doc = parseDocument('{}'); // no file, or only comments
  try {
    set(doc, o);
  } catch {
    return text; // e.g. `comments: yes`: the reader reports the bad key, and the overrides cannot apply
  }
  return doc.toString();
}

function set(doc: ReturnType<typeof parseDocument>, o: ConfigOverrides): void {
  if (o.failOn !== null) doc.setIn(['failOn'], o.failOn);
  if (o.comment !== null) doc.setIn(['comments', 'summary'], o.comment);
  if (o.inlineComments !== null) doc.setIn(['comments', 'inline'], o.inlineComments);
  const outside = outsidePathsGlob(o.paths);
  if (outside !== '') {
    const exclude = doc.get('exclude');
    if (isSeq(exclude)) exclude.add(doc.createNode(outside));
    else if (exclude === undefined) doc.setIn(['exclude'], [outside]);
    // A malformed `exclude` is reported by the config reader; the paths input then cannot narrow it.
  }
}
