/**
 * Drift: the repository (what is defined) against a live export (what runs), audited as base → head =
 * repo → cluster, so "introduced" means the cluster is riskier than the repository says. A live export
 * carries server-side bookkeeping that is not drift; it is stripped before comparing.
 */
import { isMap, isSeq, parseAllDocuments, stringify } from 'yaml';
import type { AuditResult, ObjectSummary } from '../core/audit-result.ts';
import { inlineCode, mdText } from '../core/report/escape.ts';

/** Set by the API server, not by whoever applied the object. */
const METADATA_NOISE = [
  'managedFields',
  'resourceVersion',
  'uid',
  'creationTimestamp',
  'generation',
  'selfLink',
];
const ANNOTATION_NOISE = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deployment.kubernetes.io/revision',
];

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function stripObject(o: Obj): Obj {
  const { status: _status, ...rest } = o;
  if (!isObj(rest.metadata)) return rest;
  const metadata: Obj = { ...rest.metadata };
  for (const key of METADATA_NOISE) delete metadata[key];
  if (isObj(metadata.annotations)) {
    const annotations = { ...metadata.annotations };
    for (const key of ANNOTATION_NOISE) delete annotations[key];
    if (Object.keys(annotations).length === 0) delete metadata.annotations;
    else metadata.annotations = annotations;
  }
  return { ...rest, metadata };
}

/**
 * The export without status and server bookkeeping. A manifest in the repository without a namespace
 * (applied with `-n`) is matched to the one live object of that kind and name, which then loses its
 * namespace too, so the two pair up instead of showing as one removed and one added object.
 */
export function stripLiveExport(
  text: string,
  repoObjects: readonly { kind: string; name: string; namespace: string | null }[] = [],
): string {
  const unnamespaced = new Set(
    repoObjects.filter((o) => o.namespace === null).map((o) => `${o.kind}/${o.name}`),
  );
  const namespaced = new Set(
    repoObjects.filter((o) => o.namespace !== null).map((o) => `${o.kind}/${o.name}`),
  );
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return text;
  const items: Obj[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) return text; // let the loader report it with lines
    if (!isMap(doc.contents) && !isSeq(doc.contents)) continue;
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (isObj(value) && Array.isArray(value.items) && /List$/.test(String(value.kind ?? ''))) {
      items.push(...value.items.filter(isObj));
    } else if (isObj(value)) items.push(value);
  }
  const live = items.map(stripObject);
  const count = new Map<string, number>();
  for (const o of live) {
    const key = `${o.kind}/${isObj(o.metadata) ? o.metadata.name : ''}`;
    count.set(key, (count.get(key) ?? 0) + 1);
  }
  for (const o of live) {
    const key = `${o.kind}/${isObj(o.metadata) ? o.metadata.name : ''}`;
    if (unnamespaced.has(key) && !namespaced.has(key) && count.get(key) === 1 && isObj(o.metadata))
      delete o.metadata.namespace;
  }
  return stringify({ apiVersion: 'v1', kind: 'List', items: live }, { lineWidth: 0 });
}

export interface Drift {
  /** Running but not in the repository. */
  onlyLive: ObjectSummary[];
  /** In the repository but not running. */
  onlyRepo: ObjectSummary[];
  /** In both, different. */
  changed: ObjectSummary[];
  count: number;
}

export function driftOf(result: AuditResult): Drift {
  const onlyLive = result.objects.filter((o) => o.change === 'added');
  const onlyRepo = result.objects.filter((o) => o.change === 'removed');
  const changed = result.objects.filter((o) => o.change === 'modified');
  return { onlyLive, onlyRepo, changed, count: onlyLive.length + onlyRepo.length + changed.length };
}

const label = (o: ObjectSummary) => `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;

/** The drift section of the job summary (the audit report follows it). */
export function renderDrift(drift: Drift, liveFile: string, repoObjects: number): string {
  const head = `## ingress-audit drift: repository vs ${mdText(liveFile)}\n\n`;
  if (drift.count === 0)
    return `${head}No drift: the ${repoObjects} object(s) defined in the repository match what runs.\n`;
  const rows = [
    ...drift.changed.map(
      (o) =>
        `| ${mdText(label(o))} | differs from the repository | ${inlineCode(o.previousFile ?? o.file, { table: true })} |`,
    ),
    ...drift.onlyLive.map((o) => `| ${mdText(label(o))} | running, not in the repository | — |`),
    ...drift.onlyRepo.map(
      (o) =>
        `| ${mdText(label(o))} | in the repository, not running | ${inlineCode(o.file, { table: true })} |`,
    ),
  ];
  return `${head}${drift.count} object(s) drifted. Findings below read "introduced" where the cluster is riskier than the repository.\n\n| object | drift | defined in |\n|---|---|---|\n${rows.join('\n')}\n`;
}
