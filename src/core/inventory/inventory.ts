/** The inventory of entry points at one ref, as plain data for every renderer. */
import type { Severity, Waiver } from '../findings.ts';
import type { Visibility } from '../model/exposure.ts';

export interface InventoryRoute {
  /** Lower-cased host; '' = every host. */
  host: string;
  path: string;
  pathType: string;
  /** `namespace/service:port`, or a controller-specific target; null when the route has none. */
  backend: string | null;
  tls: boolean;
  httpsRedirect: 'on' | 'off' | 'unknown';
  /** One description per mechanism, weaknesses appended; empty = no authentication. */
  auth: string[];
  /** `any` = every address may connect. */
  allowlist: 'any' | string[];
  denylist: string[];
  waf: 'on' | 'detect' | 'off' | 'unknown';
  /** e.g. `10 rps, 20 connections`; null = no limit. */
  rateLimit: string | null;
}

export interface InventoryWaiver extends Waiver {
  /**
   * `expired` from the day after `expires` (UTC); `lapsed`: a `/audit waive` waiver given on another
   * version of the object (it changed since). Both are shown, and waive nothing.
   */
  state: 'active' | 'expired' | 'lapsed';
  /** Findings of this object the waiver matches today (waived, or left open because it expired). */
  matches: number;
}

/** An entry point that is probably a mistake: declared twice, or routing to a Service the repo lacks. */
export interface EntryPointIssue {
  kind: 'duplicate' | 'stale';
  host: string;
  path: string;
  message: string;
}

export interface InventoryEntry {
  kind: string;
  apiVersion: string;
  namespace: string | null;
  name: string;
  file: string;
  line: number;
  ingressClass: string | null;
  classSource: 'field' | 'annotation' | 'default' | 'none';
  controllers: string[];
  visibility: Visibility;
  visibilityReason: string;
  routes: InventoryRoute[];
  defaultBackend: string | null;
  tls: {
    /** `none` also when the object has no host to cover. */
    coverage: 'full' | 'partial' | 'none';
    hosts: string[];
    uncoveredHosts: string[];
    secrets: string[];
    /** cert-manager issuer, e.g. `ClusterIssuer/letsencrypt-prod`. */
    issuer: string | null;
  };
  /** Open (unwaived) findings by severity. */
  findings: Record<Severity, number>;
  /** Rule ids of the open findings, most severe first. */
  openRules: string[];
  waivedFindings: number;
  waivers: InventoryWaiver[];
  owners: string[];
  issues: EntryPointIssue[];
}

export interface Inventory {
  /** The ref read (`working tree` when none). */
  ref: string;
  /** The CODEOWNERS file used, or null. */
  codeowners: string | null;
  entries: InventoryEntry[];
  /** Files that could not be read as manifests. */
  notices: { file: string; line: number; message: string }[];
}
