/**
 * Replays a first-parent history of manifest files and turns it into an exposure timeline.
 *
 * Cost grows with the number of distinct blobs, not with history length × repository size: every blob
 * is scanned once (memoised by blob id) to learn its objects, finding fingerprints and posture; a
 * commit whose changed files keep the same objects (same hashes) and the same findings — comments,
 * reordered keys, an image bump next to an Ingress — is not audited at all; the others are audited as
 * a change over their changed files only. Repo-wide rules therefore see only those files.
 */
import { audit } from '../audit.ts';
import type { Waiver } from '../findings.ts';
import type { SourceFile } from '../manifests/document.ts';
import { refKey } from '../model/identity.ts';
import { parseConfig } from '../policy/config.ts';
import type { Config } from '../policy/config-schema.ts';
import { configWaivers } from '../policy/waivers.ts';
import type { Rule } from '../rule.ts';
import { pullRequestNumber } from './pull-request-number.ts';
import type { HistoryCommit, Timeline, TimelineEntry } from './timeline.ts';
import { inlineWaiverChanges, waiverChanges } from './waiver-changes.ts';

export interface ReplayOptions {
  config: Config;
  /** Used when a commit date cannot be read; commits are otherwise judged at their own date. */
  now: Date;
  /** Files as they were before the first commit (path → blob id), e.g. the tree before `--since`. */
  initial?: ReadonlyMap<string, string>;
  /** Which changed paths are manifests to replay (default: every path). */
  matches?: (path: string) => boolean;
  /** When commits also change the config file (at this path), follow it: each commit is judged by the config before it. */
  configPath?: string;
  /** Waivers that hold on every commit. */
  waivers?: Waiver[];
  /**
   * `/audit waive` waivers by pull request number (read from each PR's summary comment): they belong
   * to the commit that merged that PR, are listed on it, and waive what it introduced while the object
   * is still the version they were given on.
   */
  pullRequestWaivers?: ReadonlyMap<number, Waiver[]>;
  rules?: Rule[];
}

/** What a blob holds, independent of its path: learnt once per blob id (and config). */
interface BlobInfo {
  objects: Map<string, string>;
  fingerprints: Set<string>;
  posture: number;
}

type Blobs = { get(id: string): string | Uint8Array | undefined };

export function replayHistory(
  commits: readonly HistoryCommit[],
  blobs: Blobs,
  options: ReplayOptions,
): Timeline {
  const matches = options.matches ?? (() => true);
  const state = new Map<string, string>(options.initial ?? []);
  let config = options.config;
  let configVersion = 0;
  const infos = new Map<string, BlobInfo>();
  const configs = new Map<string, Config>();
  let audits = 0;

  const content = (blob: string): string | Uint8Array => blobs.get(blob) ?? new Uint8Array();
  const infoOf = (blob: string, path: string, now: Date): BlobInfo => {
    const key = `${configVersion}\u0000${blob}`;
    let info = infos.get(key);
    if (!info) {
      const scan = audit(
        { base: null, head: [{ path, content: content(blob) }], baseRef: null, headRef: blob },
        { config, now, rules: options.rules },
      );
      info = {
        objects: new Map(scan.exposures.head.map((o) => [refKey(o.ref), o.doc.hash])),
        fingerprints: new Set(scan.findings.map((f) => f.fingerprint)),
        posture: scan.risk.headPosture,
      };
      infos.set(key, info);
    }
    return info;
  };

  let posture = 0;
  for (const [path, blob] of state) if (matches(path)) posture += infoOf(blob, path, options.now).posture;

  const entries: TimelineEntry[] = [];
  for (const commit of commits) {
    const parsed = new Date(commit.date);
    const now = Number.isNaN(parsed.getTime()) ? options.now : parsed;
    const base: { path: string; blob: string }[] = [];
    const head: { path: string; blob: string }[] = [];
    let nextConfig: Config | null = null;

    for (const change of commit.changes) {
      const previousPath = change.previousPath ?? change.path;
      const previousBlob =
        change.previousBlob !== undefined ? change.previousBlob : (state.get(previousPath) ?? null);
      if (options.configPath && change.path === options.configPath) {
        nextConfig = change.blob ? configAt(change.blob) : parseConfig(null, options.configPath).config;
        continue;
      }
      state.delete(previousPath);
      if (change.blob) state.set(change.path, change.blob);
      if (previousBlob && matches(previousPath)) base.push({ path: previousPath, blob: previousBlob });
      if (change.blob && matches(change.path)) head.push({ path: change.path, blob: change.blob });
    }

    const before = base.map((f) => infoOf(f.blob, f.path, now));
    const after = head.map((f) => infoOf(f.blob, f.path, now));
    const postureBefore = posture;
    posture += sum(after) - sum(before);

    const pullRequest = pullRequestNumber(commit.message);
    const given = (pullRequest !== null && options.pullRequestWaivers?.get(pullRequest)) || [];
    const waivers = [
      ...(nextConfig ? waiverChanges(configWaivers(config), configWaivers(nextConfig), commit) : []),
      ...given.map((waiver) => ({ change: 'added' as const, waiver })),
    ];
    const entry: TimelineEntry = {
      commit: commit.sha,
      date: commit.date,
      author: commit.author,
      authorEmail: commit.authorEmail ?? null,
      pullRequest,
      subject: commit.message.split('\n', 1)[0],
      objects: [],
      introduced: [],
      resolved: [],
      waivers,
      risk: 0,
      postureBefore,
      posture,
    };

    if (changesExposure(before, after)) {
      audits++;
      const files = (list: { path: string; blob: string }[]): SourceFile[] =>
        list.map((f) => ({ path: f.path, content: content(f.blob) }));
      const result = audit(
        { base: files(base), head: files(head), baseRef: commit.parents?.[0] ?? null, headRef: commit.sha },
        { config, now, waivers: [...(options.waivers ?? []), ...given], rules: options.rules },
      );
      entry.objects = result.objects.filter(
        (o) => o.change === 'added' || o.change === 'removed' || o.change === 'modified',
      );
      entry.introduced = result.findings.filter((f) => f.status === 'introduced' || f.status === 'worsened');
      entry.resolved = result.findings.filter((f) => f.status === 'resolved');
      entry.risk = result.risk.score;
      entry.waivers.push(...inlineWaiverChanges(result.exposures.base, result.exposures.head, commit));
    }
    if (nextConfig) {
      config = nextConfig;
      configVersion++;
      // A new config changes what every blob scores: rebase the running posture on it (one scan per file, rare).
      posture = 0;
      for (const [path, blob] of state) if (matches(path)) posture += infoOf(blob, path, now).posture;
      entry.posture = posture;
    }
    if (
      entry.objects.length > 0 ||
      entry.introduced.length > 0 ||
      entry.resolved.length > 0 ||
      entry.waivers.length > 0 ||
      entry.posture !== entry.postureBefore
    )
      entries.push(entry);
  }
  return { entries, stats: { commits: commits.length, blobsScanned: infos.size, audits } };

  function configAt(blob: string): Config {
    let parsed = configs.get(blob);
    if (!parsed) {
      const raw = content(blob);
      parsed = parseConfig(
        typeof raw === 'string' ? raw : new TextDecoder().decode(raw),
        options.configPath!,
      ).config;
      configs.set(blob, parsed);
    }
    return parsed;
  }
}

function sum(infos: BlobInfo[]): number {
  return infos.reduce((total, info) => total + info.posture, 0);
}

/** True when the changed files do not hold the same objects with the same content and findings. */
function changesExposure(before: BlobInfo[], after: BlobInfo[]): boolean {
  const objects = (infos: BlobInfo[]) => {
    const all = new Map<string, string>();
    for (const info of infos) for (const [k, v] of info.objects) all.set(k, v);
    return all;
  };
  const a = objects(before);
  const b = objects(after);
  if (a.size !== b.size) return true;
  for (const [k, v] of a) if (b.get(k) !== v) return true;
  const fa = new Set(before.flatMap((i) => [...i.fingerprints]));
  const fb = new Set(after.flatMap((i) => [...i.fingerprints]));
  if (fa.size !== fb.size) return true;
  for (const f of fa) if (!fb.has(f)) return true;
  return false;
}
