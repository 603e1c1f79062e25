/** The exposure timeline: what each commit changed about entry points, as plain data. */
import type { ObjectSummary } from '../audit-result.ts';
import type { Finding, Waiver } from '../findings.ts';

/** One commit, as any source can give it: `git log --raw`, or the GitHub commits API. */
export interface HistoryCommit {
  sha: string;
  /** ISO 8601 author date. */
  date: string;
  author: string;
  authorEmail?: string | null;
  /** Full message: subject, blank line, body. */
  message: string;
  parents?: string[];
  changes: HistoryFileChange[];
}

export interface HistoryFileChange {
  /** Path after the commit (for a deletion: the deleted path). */
  path: string;
  /** For a rename: the path before the commit. */
  previousPath?: string | null;
  /** Blob id after the commit; null when the file was deleted. */
  blob: string | null;
  /**
   * Blob id before the commit; null when the file was added. Leave undefined when the source does not
   * know it (the commits API): the replay then takes it from the commits it has already seen.
   */
  previousBlob?: string | null;
}

/** A waiver given or withdrawn by a commit (config `waivers:` entry, inline annotation, or `/audit waive` in its PR). */
export interface WaiverChange {
  change: 'added' | 'removed';
  waiver: Waiver;
}

export interface TimelineEntry {
  commit: string;
  date: string;
  author: string;
  authorEmail: string | null;
  /** From `(#123)` or `Merge pull request #123`; null when the message names none. */
  pullRequest: number | null;
  subject: string;
  /** Objects whose exposure this commit changed (added, removed, modified; moves without change are left out). */
  objects: ObjectSummary[];
  /** Findings the commit introduced or worsened, waived ones included (marked). */
  introduced: Finding[];
  /** Findings the commit resolved. */
  resolved: Finding[];
  waivers: WaiverChange[];
  /** Risk score of this commit as a change (RULES.md scoring). */
  risk: number;
  /** Posture score of the replayed manifests before and after the commit. */
  postureBefore: number;
  posture: number;
}

export interface ReplayStats {
  commits: number;
  /** Blobs loaded and scanned: each distinct blob once per config in force. */
  blobsScanned: number;
  /** Commits that changed an object and so were audited as a change. */
  audits: number;
}

export interface Timeline {
  entries: TimelineEntry[];
  stats: ReplayStats;
}
