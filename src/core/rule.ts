/**
 * The rule contract. A rule is one module in `rules/` exporting `meta` and one or both checks:
 *
 * - `state(object, ctx)` lists conditions true of one object at one ref. The engine runs it on base
 *   and head and derives the status: head only → introduced, both → preexisting (or worsened when the
 *   head's `magnitude` is larger), base only → resolved; in scan mode → present.
 * - `change(pair, ctx)` lists conditions that only a change can produce (auth removed, class changed).
 *   They are `introduced` unless the condition says `worsened`.
 *
 * Rules read the Exposure model only; annotation knowledge lives in src/core/controllers.
 */
import type { Severity } from './findings.ts';
import type { ManifestDocument, Notice } from './manifests/document.ts';
import type { ObjectExposure, Route } from './model/exposure.ts';
import type { Config } from './policy/config-schema.ts';

export interface Condition {
  /** Distinguishes conditions of one rule on one object, e.g. `host|path`. Part of the fingerprint. */
  key: string;
  message: string;
  /** 1-based line in the object's file at the side the condition was found on. */
  line: number;
  host?: string | null;
  path?: string | null;
  /** Overrides the rule's default severity for this condition (e.g. any-address allowlist → critical). */
  severity?: Severity;
  /** Larger = worse; compared between base and head to tell `worsened` from `preexisting`. */
  magnitude?: number;
  /** For change conditions: `worsened` when the thing existed at base and got worse. */
  status?: 'introduced' | 'worsened';
}

/** Every object at one ref, indexed for repo-wide rules. Built once per side. */
export interface RepoView {
  side: 'base' | 'head';
  objects: ObjectExposure[];
  /** Routes by lower-cased host ('' for host-less); wildcard hosts under their literal key. */
  routesByHost: Map<string, { object: ObjectExposure; route: Route }[]>;
  /** All documents of any kind at this ref (Services, Secrets, Roles, workloads…) for context rules. */
  documents: ManifestDocument[];
  /** Documents by `kind` for quick lookup (e.g. 'Service'). */
  documentsByKind: Map<string, ManifestDocument[]>;
  /** Input problems in the audited (changed) files of this side: parse and schema errors, skipped files. */
  notices: Notice[];
}

export interface RuleContext {
  config: Config;
  /** Options from `rules.<id>.options` in config. */
  options: Record<string, unknown>;
  repo: RepoView;
  /** The current time (injected: the core reads no clock). */
  now: Date;
  /**
   * `scan` when there is no base. Lets a `documents` rule whose diff and state semantics differ
   * (ingress-rbac-widened: any new grant in a diff, only broad grants in a scan) tell them apart.
   */
  mode?: 'diff' | 'scan';
}

/** A route and where its counterpart lives on the other side (same object, or another one it moved to/from). */
export interface RoutePair {
  host: string;
  path: string;
  base: { object: ObjectExposure; route: Route } | null;
  head: { object: ObjectExposure; route: Route } | null;
  /**
   * For a head route with no counterpart: the base route of the same object and path whose host is gone
   * at head — a renamed host. Protection rules compare against it so a rename cannot launder a loss.
   */
  predecessor: { object: ObjectExposure; route: Route } | null;
}

/** What a head route should be compared with: its counterpart, or the route it renamed. */
export function basisOf(r: RoutePair): { object: ObjectExposure; route: Route } | null {
  return r.base ?? r.predecessor;
}

export interface ObjectPair {
  base: ObjectExposure | null;
  head: ObjectExposure | null;
  /** Routes of the head object (or base object when removed), each paired across objects by host+path. */
  routes: RoutePair[];
  /** Hosts of this object whose routes moved in from / out to another object. */
  movedHosts: { host: string; from: string | null; to: string | null }[];
}

export interface ChangeContext extends RuleContext {
  baseRepo: RepoView;
  headRepo: RepoView;
}

export interface RuleExample {
  /** What the example shows, e.g. "adds a wildcard host". */
  name: string;
  /** YAML at base; omit for a scan-mode example. */
  base?: string;
  head: string;
  /** Config overrides for this example. */
  config?: Record<string, unknown>;
}

export interface RuleMeta {
  id: string;
  severity: Severity;
  title: string;
  /** Why it matters, in a few sentences. */
  rationale: string;
  /** How to fix. */
  fix: string;
  /** What fires (diff semantics), for docs. */
  fires: string;
  /** What does not fire, for docs. */
  quiet?: string;
  /** CVE ids, docs URLs, peer rule ids. */
  references: string[];
  /** Peer rule/policy ids this rule corresponds to. */
  peers?: string[];
  /**
   * Rules whose finding on the same object and host makes this one redundant (e.g. tls-missing
   * yields to tls-removed): reviewers get one finding per cause.
   */
  yieldsTo?: string[];
  /** Kinds the rule inspects (docs only). */
  kinds?: string[];
  examples: { fires: RuleExample[]; passes: RuleExample[] };
}

export interface Rule {
  meta: RuleMeta;
  state?(object: ObjectExposure, ctx: RuleContext): Condition[];
  change?(pair: ObjectPair, ctx: ChangeContext): Condition[];
  /** Findings not tied to an Ingress-family object (RBAC, Secrets, certificates): run per side over documents. */
  documents?(ctx: RuleContext): (Condition & {
    file: string;
    object: { kind: string; namespace: string | null; name: string } | null;
  })[];
}
