/**
 * The core: `audit(changeSet, options) → AuditResult`. Pure: the front doors read files, config and
 * the clock, and hand them in.
 */
import { createHash } from 'node:crypto';
import { allRules } from '../../rules/index.ts';
import type { AuditResult } from './audit-result.ts';
import { pairObjects } from './diff/pair.ts';
import type { Finding, Severity, Status, Waiver } from './findings.ts';
import type { LoadedFiles, ManifestDocument, SourceFile } from './manifests/document.ts';
import { isRelevantKind } from './manifests/kinds.ts';
import { loadFiles } from './manifests/load.ts';
import type { ObjectExposure } from './model/exposure.ts';
import { refKey } from './model/identity.ts';
import { buildRepoView } from './model/repo-view.ts';
import type { Config } from './policy/config-schema.ts';
import { applyWaivers, configWaivers } from './policy/waivers.ts';
import { compareFindings } from './report/finding-order.ts';
import { scoreFindings } from './report/score.ts';
import type { ChangeContext, Condition, RepoView, Rule, RuleContext } from './rule.ts';
import { SideNormaliser } from './side-normaliser.ts';

export interface ChangeSet {
  /** Changed files at the base ref; null for a scan (no base). */
  base: SourceFile[] | null;
  /** Changed files at the head ref (or every file, for a scan). */
  head: SourceFile[];
  /** Files identical at both refs, for repo-wide context (host collisions, Services, IngressClasses). */
  unchanged?: SourceFile[];
  baseRef: string | null;
  headRef: string;
}

export interface ConfigProblem {
  path: string;
  message: string;
  line: number;
  file?: string;
}

export interface AuditOptions {
  config: Config;
  /** Problems found while reading the config; shown as findings, they make a passing run neutral. */
  configProblems?: ConfigProblem[];
  /** Where the config came from (for messages). */
  configFile?: string;
  now: Date;
  /** Waivers given by `/audit waive` (the App keeps them in its sticky comment). */
  waivers?: Waiver[];
  /** Tooling errors (a render step failed…): the run is neutral unless something already fails it. */
  toolingErrors?: string[];
  rules?: Rule[];
}

export const CONFIG_RULE_ID = 'invalid-config';

interface Raw {
  rule: Rule;
  cond: Condition;
  status: Status;
  file: string;
  object: { kind: string; namespace: string | null; name: string } | null;
  identity: string;
}

const EMPTY: LoadedFiles = { documents: [], notices: [] };

/**
 * A finding that names no object (a file that cannot be parsed) is known by its file path, so a file
 * that only moved would show it "introduced" at the new path. A new head file and a base file that is
 * gone, with the same condition, are one file moved: pairs with the same bytes first, then by path
 * order — both sides sorted, so the answer never depends on the order the files were listed in.
 */
function pairMovedFileFindings<R extends { object: unknown; file: string; cond: { key: string } }>(
  heads: readonly R[],
  bases: Iterable<R>,
  changeSet: ChangeSet,
): Map<R, R> {
  const pairs = new Map<R, R>();
  if (!changeSet.base) return pairs;
  const before = new Map(changeSet.base.map((f) => [f.path, f.content]));
  const after = new Map(changeSet.head.map((f) => [f.path, f.content]));
  const byFile = (x: R, y: R) => (x.file < y.file ? -1 : x.file > y.file ? 1 : 0);
  const movedTo = heads.filter((r) => !r.object && !before.has(r.file)).sort(byFile);
  const movedFrom = [...bases].filter((r) => !r.object && !after.has(r.file)).sort(byFile);
  if (movedTo.length === 0 || movedFrom.length === 0) return pairs;
  const used = new Set<R>();
  const match = (accept: (h: R, b: R) => boolean) => {
    for (const h of movedTo) {
      if (pairs.has(h)) continue;
      const b = movedFrom.find((c) => !used.has(c) && c.cond.key === h.cond.key && accept(h, c));
      if (b) {
        pairs.set(h, b);
        used.add(b);
      }
    }
  };
  match((h, b) => {
    const was = before.get(b.file);
    const is = after.get(h.file);
    return was !== undefined && is !== undefined && sameContent(was, is);
  });
  match(() => true);
  return pairs;
}

function fingerprint(ruleId: string, identity: string, key: string): string {
  return createHash('sha256').update(`${ruleId}\u0000${identity}\u0000${key}`).digest('hex').slice(0, 20);
}

function objectLabel(o: ObjectExposure) {
  return { kind: o.ref.kind, namespace: o.ref.namespace, name: o.ref.name };
}

export function audit(changeSet: ChangeSet, options: AuditOptions): AuditResult {
  const { config, now } = options;
  const rules = (options.rules ?? allRules).filter((r) => resolveSeverity(r, undefined, config) !== 'off');
  const mode = changeSet.base === null ? 'scan' : 'diff';
  const load = (files: SourceFile[] | undefined) =>
    files && files.length > 0 ? loadFiles(files, { wantKind: isRelevantKind }) : EMPTY;
  const context = load(changeSet.unchanged);
  // Documents on both sides as one loaded object: context, and the files identical on both sides.
  const shared = new Set<ManifestDocument>(context.documents);
  const loadSide = sharedLoader(changeSet, load, shared);
  const normaliser = new SideNormaliser(config);
  const isShared = (doc: ManifestDocument) => shared.has(doc);

  const side = (name: 'base' | 'head', loaded: LoadedFiles) => {
    // In place order, so repo-wide rules that take "the first" of two documents with one name (two
    // Roles, two Services) take the same one however the front door listed the files.
    const documents: ManifestDocument[] = [...loaded.documents, ...context.documents].sort(byDocumentPlace);
    const { documentsByKind } = buildRepoView(name, [], documents);
    // Sorted by place so findings never depend on the order a front door listed the files in.
    const audited = normaliser.side(loaded.documents, documentsByKind, isShared).sort(byPlace);
    const contextObjects = normaliser.side(context.documents, documentsByKind, isShared);
    const view = buildRepoView(
      name,
      [...audited, ...contextObjects].sort(byPlace),
      documents,
      loaded.notices,
    );
    const ruleCtx = (rule: Rule): RuleContext => ({
      config,
      options: ruleOptions(rule, config),
      repo: view,
      now,
      mode,
    });
    return { audited, view, loaded, ruleCtx };
  };

  const head = side('head', loadSide(changeSet.head));
  const base = changeSet.base ? side('base', loadSide(changeSet.base)) : null;
  const changedFiles = new Set([
    ...changeSet.head.map((f) => f.path),
    ...(changeSet.base ?? []).map((f) => f.path),
  ]);
  const { pairs, summaries } = pairObjects(base?.audited ?? [], head.audited);

  const raws: Raw[] = [];
  const push = (rule: Rule, cond: Condition, status: Status, o: ObjectExposure) =>
    raws.push({
      rule,
      cond,
      status,
      file: o.file,
      object: objectLabel(o),
      identity: refKey(o.ref),
    });

  for (const rule of rules) {
    const headCtx = head.ruleCtx(rule);
    const baseCtx = base?.ruleCtx(rule);
    if (rule.state) {
      const unmatchedHead: Raw[] = [];
      const unmatchedBase: Raw[] = [];
      for (const pair of pairs) {
        const h = pair.head ? rule.state(pair.head, headCtx) : [];
        if (!base) {
          for (const c of h) push(rule, c, 'present', pair.head!);
          continue;
        }
        const b = pair.base && baseCtx ? rule.state(pair.base, baseCtx) : [];
        // Matched as a multiset: a rule may report the same key twice on one object.
        const baseByKey = new Map<string, Condition[]>();
        for (const c of b) {
          const list = baseByKey.get(c.key);
          if (list) list.push(c);
          else baseByKey.set(c.key, [c]);
        }
        for (const c of h) {
          const before = baseByKey.get(c.key)?.shift();
          if (before) {
            push(
              rule,
              c,
              (c.magnitude ?? 0) > (before.magnitude ?? 0) ? 'worsened' : 'preexisting',
              pair.head!,
            );
          } else {
            push(rule, c, 'introduced', pair.head!);
            unmatchedHead.push(raws[raws.length - 1]);
          }
        }
        for (const c of [...baseByKey.values()].flat()) {
          push(rule, c, 'resolved', pair.base!);
          unmatchedBase.push(raws[raws.length - 1]);
        }
      }
      // A host that moved to another object keeps its conditions: neither introduced nor resolved.
      // Looked up by key, not by scanning: a change that moves many hosts must stay linear.
      const unmatchedByKey = new Map<string, Raw[]>();
      for (const b of unmatchedBase) {
        const list = unmatchedByKey.get(b.cond.key);
        if (list) list.push(b);
        else unmatchedByKey.set(b.cond.key, [b]);
      }
      const moved = new Set<Raw>();
      for (const h of unmatchedHead) {
        if (!h.cond.host) continue;
        const candidates = unmatchedByKey.get(h.cond.key);
        const i = candidates?.findIndex((b) => b.identity !== h.identity) ?? -1;
        if (i === -1) continue;
        const [b] = candidates!.splice(i, 1);
        h.status = (h.cond.magnitude ?? 0) > (b.cond.magnitude ?? 0) ? 'worsened' : 'preexisting';
        moved.add(b);
      }
      if (moved.size > 0) {
        let kept = 0;
        for (const r of raws) if (!moved.has(r)) raws[kept++] = r;
        raws.length = kept;
      }
    }
    if (rule.change && base && baseCtx) {
      const changeCtx: ChangeContext = { ...headCtx, baseRepo: base.view, headRepo: head.view };
      for (const pair of pairs) {
        const target = pair.head ?? pair.base!;
        for (const c of rule.change(pair, changeCtx)) push(rule, c, c.status ?? 'introduced', target);
      }
    }
    if (rule.documents) {
      const collect = (ctx: RuleContext) =>
        rule.documents!(ctx).map((c) => ({
          rule,
          cond: c,
          status: 'present' as Status,
          file: c.file,
          object: c.object,
          identity: c.object ? `${c.object.kind}/${c.object.namespace ?? ''}/${c.object.name}` : c.file,
        }));
      const h = collect(headCtx);
      if (!base || !baseCtx) raws.push(...h);
      else {
        const b = collect(baseCtx);
        const keyOf = (r: (typeof b)[number]) => `${r.identity}\u0000${r.cond.key}`;
        // Matched as a multiset, like object conditions: a rule may report one key twice for a file.
        const bKey = new Map<string, (typeof b)[number][]>();
        for (const r of b) {
          const list = bKey.get(keyOf(r));
          if (list) list.push(r);
          else bKey.set(keyOf(r), [r]);
        }
        const take = (key: string) => bKey.get(key)?.shift();
        const unmatched: typeof h = [];
        const settle = (r: (typeof h)[number], before: (typeof b)[number] | undefined) => {
          r.status = before
            ? (r.cond.magnitude ?? 0) > (before.cond.magnitude ?? 0)
              ? 'worsened'
              : 'preexisting'
            : 'introduced';
        };
        for (const r of h) {
          const before = take(keyOf(r));
          if (before) settle(r, before);
          else unmatched.push(r);
          raws.push(r);
        }
        const moved = pairMovedFileFindings(unmatched, [...bKey.values()].flat(), changeSet);
        for (const r of unmatched) {
          const before = moved.get(r);
          if (before) {
            const list = bKey.get(keyOf(before))!;
            list.splice(list.indexOf(before), 1);
          }
          settle(r, before);
        }
        for (const r of [...bKey.values()].flat()) raws.push({ ...r, status: 'resolved' });
      }
    }
  }

  // Only what lives in the files of this change is reported; unchanged files are context.
  const inChange = withoutYielded(raws.filter((r) => changedFiles.has(r.file)));
  let findings: Finding[] = inChange.flatMap((r) => {
    const severity = resolveSeverity(r.rule, r.cond.severity, config);
    if (severity === 'off') return [];
    return [
      {
        ruleId: r.rule.meta.id,
        severity,
        status: r.status,
        message: r.cond.message,
        object: r.object,
        file: r.file,
        line: Math.max(1, r.cond.line),
        host: r.cond.host ?? null,
        path: r.cond.path ?? null,
        fingerprint: fingerprint(r.rule.meta.id, r.identity, r.cond.key),
        waived: null,
      },
    ];
  });

  for (const p of options.configProblems ?? []) {
    findings.push({
      ruleId: CONFIG_RULE_ID,
      severity: 'medium',
      status: mode === 'scan' ? 'present' : 'preexisting',
      message: p.path ? `config ${p.path}: ${p.message}` : `config: ${p.message}`,
      object: null,
      file: p.file ?? options.configFile ?? '.github/ingress-audit.yml',
      line: Math.max(1, p.line),
      host: null,
      path: p.path,
      fingerprint: fingerprint(CONFIG_RULE_ID, p.file ?? '', `${p.path}\u0000${p.message}`),
      waived: null,
    });
  }

  const inlineWaivers: Waiver[] = [];
  for (const o of [...head.audited, ...(base?.audited ?? [])])
    for (const w of o.signals.waivers)
      inlineWaivers.push({
        rule: w.rule,
        object: o.ref.namespace ? `${o.ref.namespace}/${o.ref.name}` : o.ref.name,
        reason: w.reason,
        by: null,
        at: null,
        expires: null,
        source: 'inline',
      });
  const waivers = [...configWaivers(config), ...dedupe(inlineWaivers), ...(options.waivers ?? [])];
  // Hashing reads every body: only waivers pinned to one version of an object need the hashes.
  const objectHashes = new Map<string, string>();
  if (waivers.some((w) => w.objectHash))
    for (const o of head.audited)
      objectHashes.set(o.ref.namespace ? `${o.ref.namespace}/${o.ref.name}` : o.ref.name, o.doc.hash);
  findings = applyWaivers(findings, waivers, now, objectHashes);
  findings.sort(compareFindings);

  const reasons = [
    ...(options.configProblems ?? []).map((p) =>
      p.path ? `config ${p.path}: ${p.message}` : `config: ${p.message}`,
    ),
    ...(options.toolingErrors ?? []),
  ];
  const scored = scoreFindings(findings, config.failOn, reasons);
  const rawNotices = [...(base?.loaded.notices ?? []), ...head.loaded.notices, ...context.notices];
  return {
    mode,
    base: changeSet.baseRef,
    head: changeSet.headRef,
    risk: scored.risk,
    conclusion: scored.conclusion,
    conclusionReasons: scored.conclusionReasons,
    objects: summaries,
    findings,
    notices: dedupeNotices(rawNotices),
    exposures: { base: base?.audited ?? [], head: head.audited },
    rawNotices,
  };
}

/**
 * Loads one side's files. A file with the same path and bytes on both sides (a folder diff hands in
 * whole trees) is read once and its documents serve both sides; order is kept, as lookups that take
 * the first match depend on it.
 */
function sharedLoader(
  changeSet: ChangeSet,
  load: (files: SourceFile[]) => LoadedFiles,
  shared: Set<ManifestDocument>,
) {
  const basePaths = new Map((changeSet.base ?? []).map((f) => [f.path, f]));
  const identical = new Set(
    changeSet.head
      .filter((f) => {
        const before = basePaths.get(f.path);
        return before !== undefined && sameContent(before.content, f.content);
      })
      .map((f) => f.path),
  );
  const loadedOnce = new Map<string, LoadedFiles>();
  return (files: SourceFile[]): LoadedFiles => {
    if (identical.size === 0) return load(files);
    const out: LoadedFiles = { documents: [], notices: [] };
    for (const file of files) {
      let loaded = loadedOnce.get(file.path);
      if (!loaded) {
        loaded = load([file]);
        if (identical.has(file.path)) {
          loadedOnce.set(file.path, loaded);
          for (const d of loaded.documents) shared.add(d);
        }
      }
      for (const d of loaded.documents) out.documents.push(d);
      for (const n of loaded.notices) out.notices.push(n);
    }
    return out;
  };
}

function sameContent(a: string | Uint8Array, b: string | Uint8Array): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function byDocumentPlace(a: ManifestDocument, b: ManifestDocument): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.index - b.index || (a.item ?? 0) - (b.item ?? 0);
}

function byPlace(a: ObjectExposure, b: ObjectExposure): number {
  return a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line;
}

/** Drops new conditions whose rule yields to another rule's new condition on the same object and host. */
function withoutYielded(raws: Raw[]): Raw[] {
  const isNew = (r: Raw) => r.status === 'introduced' || r.status === 'worsened';
  const raisedBy = new Set(
    raws.filter(isNew).map((r) => `${r.rule.meta.id}\u0000${r.identity}\u0000${r.cond.host ?? ''}`),
  );
  return raws.filter(
    (r) =>
      !isNew(r) ||
      !(r.rule.meta.yieldsTo ?? []).some((id) =>
        raisedBy.has(`${id}\u0000${r.identity}\u0000${r.cond.host ?? ''}`),
      ),
  );
}

function dedupe(waivers: Waiver[]): Waiver[] {
  const seen = new Set<string>();
  return waivers.filter((w) => {
    const k = `${w.rule}\u0000${w.object}\u0000${w.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function dedupeNotices(notices: { file: string; line: number; message: string }[]) {
  const seen = new Set<string>();
  const out: { file: string; line: number; message: string }[] = [];
  for (const n of notices) {
    const k = `${n.file}\u0000${n.line}\u0000${n.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ file: n.file, line: n.line, message: n.message });
  }
  return out;
}

function ruleOptions(rule: Rule, config: Config): Record<string, unknown> {
  const setting = config.rules[rule.meta.id];
  return setting && typeof setting === 'object' ? (setting.options ?? {}) : {};
}

/** Config override wins; then the condition's own severity (e.g. any-address → critical); then the rule default. */
function resolveSeverity(
  rule: Rule,
  conditionSeverity: Severity | undefined,
  config: Config,
): Severity | 'off' {
  const setting = config.rules[rule.meta.id];
  if (typeof setting === 'string') return setting;
  if (setting && typeof setting === 'object' && setting.severity) return setting.severity;
  return conditionSeverity ?? rule.meta.severity;
}

export type { RepoView };
