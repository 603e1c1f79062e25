/**
 * `ingress-audit inventory` and `ingress-audit log`: what is exposed now (with owners and waivers), and
 * how exposure changed over the git history. Reading is done through src/sources; the rest is the core.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { allRules } from '../../rules/index.ts';
import { audit } from '../core/audit.ts';
import type { Waiver } from '../core/findings.ts';
import { pullRequestNumber } from '../core/history/pull-request-number.ts';
import { renderTimelineCsv } from '../core/history/render-timeline-csv.ts';
import { renderTimelineJson } from '../core/history/render-timeline-json.ts';
import { renderTimelineMarkdown } from '../core/history/render-timeline-markdown.ts';
import { renderTimelineText } from '../core/history/render-timeline-text.ts';
import { replayHistory } from '../core/history/replay-history.ts';
import { timelineForObject } from '../core/history/timeline-for-object.ts';
import { buildInventory } from '../core/inventory/build-inventory.ts';
import { servicesIn } from '../core/inventory/entry-point-issues.ts';
import type { Inventory } from '../core/inventory/inventory.ts';
import { renderInventoryCsv } from '../core/inventory/render-inventory-csv.ts';
import { renderInventoryJson } from '../core/inventory/render-inventory-json.ts';
import { renderInventoryMarkdown } from '../core/inventory/render-inventory-markdown.ts';
import { renderInventoryMermaid } from '../core/inventory/render-inventory-mermaid.ts';
import { renderInventoryText } from '../core/inventory/render-inventory-text.ts';
import type { SourceFile } from '../core/manifests/document.ts';
import { CODEOWNERS_LOCATIONS, pickCodeowners } from '../core/owners/codeowners.ts';
import { parseConfig } from '../core/policy/config.ts';
import type { Config } from '../core/policy/config-schema.ts';
import { configWaivers } from '../core/policy/waivers.ts';
import { FilesystemSourceError, readFiles, readTree } from '../sources/filesystem.ts';
import { GitSourceError, listTree, readAtRef } from '../sources/git.ts';
import { readGitHistory } from '../sources/git-history.ts';
import { type LastChange, lastChanges } from '../sources/git-last-change.ts';
import { makeMatcher } from '../sources/globs.ts';
import { type CliOptions, UsageError } from './args.ts';
import { pullRequestWaiverSource } from './github-waivers.ts';
import type { CliIo } from './main.ts';
import { CONFIG_PATH } from './read-change.ts';
import { TOOL_VERSION } from './version.ts';

const INVENTORY_FORMATS = ['text', 'markdown', 'json', 'csv', 'mermaid'];
const LOG_FORMATS = ['text', 'markdown', 'json', 'csv'];
const WORKING_TREE = 'working tree';
/** Pull requests per file whose waivers the inventory reads (one API request each, at most). */
const WAIVER_PULLS_PER_FILE = 5;

export async function runAccountability(opts: CliOptions, io: CliIo): Promise<number> {
  const format: string = opts.format ?? 'text';
  const allowed = opts.command === 'inventory' ? INVENTORY_FORMATS : LOG_FORMATS;
  if (!allowed.includes(format))
    throw new UsageError(`${opts.command} --format must be one of ${allowed.join(', ')} (got "${format}")`);
  let text: string;
  try {
    text = opts.command === 'inventory' ? await inventory(opts, io, format) : await log(opts, io, format);
  } catch (error) {
    // Source errors carry a message meant for the user (unknown ref, not a repository): print it as is.
    if (error instanceof GitSourceError || error instanceof FilesystemSourceError)
      Object.assign(error, { userFacing: true });
    throw error;
  }
  if (opts.output) {
    await writeFile(opts.output, text).catch(() => {
      throw Object.assign(new Error(`cannot write ${opts.output}`), { userFacing: true });
    });
    io.stderr(`ingress-audit: ${opts.command} written to ${opts.output}\n`);
  } else io.stdout(text);
  return 0;
}

const abs = (cwd: string, p: string) => (isAbsolute(p) ? p : resolve(cwd, p));

/** True when no paths are given, or `path` is one of them or lies under one of them (repository-relative). */
function withinPaths(path: string, paths: readonly string[]): boolean {
  if (paths.length === 0) return true;
  return paths.some((raw) => {
    const prefix = raw
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '')
      .replace(/\/+$/, '');
    return prefix === '' || prefix === '.' || path === prefix || path.startsWith(`${prefix}/`);
  });
}

async function loadConfig(opts: CliOptions, fromRepo: string | null): Promise<Config> {
  let text = fromRepo;
  let file = CONFIG_PATH;
  if (opts.config) {
    file = opts.config;
    text = await readFile(opts.config, 'utf8').catch(() => {
      throw Object.assign(new Error(`cannot read config file ${opts.config}`), { userFacing: true });
    });
  }
  return parseConfig(text, file, { knownRuleIds: allRules.map((r) => r.meta.id) }).config;
}

const decode = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : null);

/** The files at `--ref` (git) or in the working tree (git when it is a repository, else the folder). */
async function readRepo(
  repoDir: string,
  ref: string | null,
): Promise<{ paths: string[]; read: (paths: string[]) => Promise<Map<string, Uint8Array>> }> {
  try {
    const paths = await listTree(repoDir, ref);
    return { paths, read: (p) => readAtRef(repoDir, ref, p) };
  } catch (error) {
    if (ref !== null || !(error instanceof GitSourceError) || error.kind !== 'not-a-repo') throw error;
    const all = await readTree(repoDir, ['**'], []);
    return {
      paths: all.map((f) => f.path),
      read: async (p) => new Map((await readFiles(repoDir, p)).map((f) => [f.path, f.content as Uint8Array])),
    };
  }
}

async function inventory(opts: CliOptions, io: CliIo, format: string): Promise<string> {
  const repoDir = abs(io.cwd, opts.repo ?? '.');
  const ref = opts.ref ?? null;
  const repo = await readRepo(repoDir, ref);
  const meta = await repo.read([CONFIG_PATH, ...CODEOWNERS_LOCATIONS]);
  const config = await loadConfig(opts, decode(meta.get(CONFIG_PATH)));
  const matches = makeMatcher(config.include, config.exclude);
  const wanted = repo.paths
    .filter((p) => p !== CONFIG_PATH && matches(p) && withinPaths(p, opts.positionals))
    .sort();
  const contents = await repo.read(wanted);
  const files: SourceFile[] = wanted.flatMap((path) => {
    const content = contents.get(path);
    return content ? [{ path, content }] : [];
  });
  const now = io.now ?? new Date();
  const commandWaivers = await inventoryCommandWaivers(opts, io, repoDir, ref, files);
  const result = audit(
    { base: null, head: files, baseRef: null, headRef: ref ?? WORKING_TREE },
    { config, now, waivers: commandWaivers },
  );
  const built: Inventory = buildInventory({
    result,
    waivers: [...configWaivers(config), ...commandWaivers],
    codeowners: pickCodeowners((path) => decode(meta.get(path))),
    services: servicesIn(files),
    now,
  });
  switch (format) {
    case 'json':
      return renderInventoryJson(built, TOOL_VERSION);
    case 'csv':
      return renderInventoryCsv(built);
    case 'markdown':
      return renderInventoryMarkdown(built);
    case 'mermaid':
      return renderInventoryMermaid(built);
    default:
      return renderInventoryText(built);
  }
}

/**
 * With `--github`: the `/audit waive` waivers of the pull requests that made the last
 * `WAIVER_PULLS_PER_FILE` first-parent changes to each file. Each is pinned to the object version it
 * was given on, so the audit applies it only while the object is unchanged; otherwise the inventory
 * shows it as lapsed — the record of who accepted the risk stays visible after the object moved on.
 */
async function inventoryCommandWaivers(
  opts: CliOptions,
  io: CliIo,
  repoDir: string,
  ref: string | null,
  files: readonly SourceFile[],
): Promise<Waiver[]> {
  const source = pullRequestWaiverSource(opts, io);
  if (!source) return [];
  const changes = await lastChanges(
    repoDir,
    ref,
    files.map((f) => f.path),
    WAIVER_PULLS_PER_FILE,
  ).catch((error: unknown) => {
    if (error instanceof GitSourceError && error.kind === 'not-a-repo') {
      io.stderr('ingress-audit: warning: --github needs a git repository to find the pull requests\n');
      return new Map<string, LastChange[]>();
    }
    throw error;
  });
  const pulls = [...changes.values()].flat().flatMap((c) => pullRequestNumber(c.message) ?? []);
  return [...(await source(pulls)).values()].flat();
}

/** Include globs git can apply itself (`:(glob)` magic knows `*`, `**`, `?` but not braces or extglobs). */
function globPathspecs(include: readonly string[]): string[] | null {
  if (include.length === 0 || include.some((g) => /[{}()!+@[\]]/.test(g))) return null;
  return include.map((g) => `:(top,glob)${g}`);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** git reads almost anything as a date and silently guesses: an impossible calendar date is refused instead. */
function checkDate(flag: string, value: string | undefined): void {
  if (value === undefined) return;
  const iso = ISO_DATE.exec(value);
  const [y, m, d] = iso ? [Number(iso[1]), Number(iso[2]), Number(iso[3])] : [0, 0, 0];
  const day = new Date(Date.UTC(y, m - 1, d));
  const real = !iso || (day.getUTCFullYear() === y && day.getUTCMonth() === m - 1 && day.getUTCDate() === d);
  if (value.trim() === '' || !real)
    throw new UsageError(
      `${flag} is not a date: "${value}" (use YYYY-MM-DD, an ISO timestamp, or git's "2 weeks ago")`,
    );
}

async function log(opts: CliOptions, io: CliIo, format: string): Promise<string> {
  checkDate('--since', opts.since);
  checkDate('--until', opts.until);
  if (opts.object !== undefined && !/^[^/\s]+(\/[^/\s]+)?$/.test(opts.object))
    throw new UsageError(`--object must be NAMESPACE/NAME or NAME (got "${opts.object}")`);
  const repoDir = abs(io.cwd, opts.repo ?? '.');
  const workingConfig = decode((await readAtRef(repoDir, null, [CONFIG_PATH])).get(CONFIG_PATH));
  const current = await loadConfig(opts, workingConfig);
  const byGlob = makeMatcher(current.include, current.exclude);
  const matches = (path: string) =>
    path !== CONFIG_PATH && byGlob(path) && withinPaths(path, opts.positionals);
  // Without --config, each commit is judged by the config committed before it (waivers come and go).
  const follow = opts.config ? undefined : CONFIG_PATH;
  const manifests =
    opts.positionals.length > 0
      ? opts.positionals.map((p) => `:(top)${p.replace(/^(\.\/)+/, '')}`)
      : globPathspecs(current.include);
  const pathspecs = manifests && follow ? [...manifests, `:(top,literal)${follow}`] : (manifests ?? []);

  const history = await readGitHistory({
    repoDir,
    ref: opts.ref,
    since: opts.since,
    until: opts.until,
    pathspecs,
    matches,
    configPath: follow,
  });
  let config = current;
  if (follow) {
    const before = history.initial.get(follow);
    const committed =
      before !== undefined || history.commits.some((c) => c.changes.some((ch) => ch.path === follow));
    if (before !== undefined) config = parseConfig(decode(history.blobs.get(before)), follow).config;
    else if (committed) config = parseConfig(null, follow).config;
  }
  const initial = new Map([...history.initial].filter(([path]) => path !== follow));
  const waiverSource = pullRequestWaiverSource(opts, io);
  const pullRequestWaivers = waiverSource
    ? await waiverSource(history.commits.flatMap((c) => pullRequestNumber(c.message) ?? []))
    : undefined;
  const timeline = replayHistory(history.commits, history.blobs, {
    config,
    now: io.now ?? new Date(),
    initial,
    matches,
    configPath: follow,
    pullRequestWaivers,
  });
  const entries = opts.object ? timelineForObject(timeline.entries, opts.object) : timeline.entries;
  switch (format) {
    case 'json':
      return renderTimelineJson(entries, timeline.stats, TOOL_VERSION);
    case 'csv':
      return renderTimelineCsv(entries);
    case 'markdown':
      return renderTimelineMarkdown(entries, { limit: Number.MAX_SAFE_INTEGER });
    default:
      return renderTimelineText(entries);
  }
}
