/**
 * A small GitHub-compatible API server for tests: just the endpoints ingress-audit uses, with state,
 * GitHub's validation (422s), programmable faults per route and request counts. REST is served at the
 * root and under /api/v3 (GHE-style), GraphQL at /graphql and /api/graphql. Test support, not product.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { structuredPatch } from 'diff';

export interface Fault {
  /** Answer with this status; without one the request is handled normally (after `delayMs`). */
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

export const secondaryRateLimit: Fault = {
  status: 403,
  headers: { 'retry-after': '1' },
  body: {
    message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
  },
};

export interface Actor {
  login: string;
  type: 'User' | 'Bot';
}
type Role = 'admin' | 'maintain' | 'write' | 'triage' | 'read';
interface Commit {
  parents: string[];
  files: Map<string, string>; // path → blob oid
  /** Author and committer date (ISO 8601); by default one minute after the commit added before it. */
  date: string;
  message: string;
  author: string;
  /** Moves with edits (from → to) to report as renames; exact moves are found alone. */
  renames: Record<string, string>;
}
/** What a commit says besides its tree (all optional in `addCommit`). */
export interface CommitMeta {
  date?: string;
  message?: string;
  author?: string;
  renames?: Record<string, string>;
}
interface Pull {
  number: number;
  base: { sha: string; ref: string };
  head: { sha: string; ref: string };
  user: Actor;
  renames: Record<string, string>;
}
export interface IssueComment {
  id: number;
  issue_number: number;
  body: string;
  user: Actor;
}
export interface ReviewComment {
  id: number;
  pull_number: number;
  pull_request_review_id: number;
  commit_id: string;
  path: string;
  line: number;
  side: string;
  body: string;
  user: Actor;
}
export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  output: { title?: string; summary?: string; text?: string };
  annotations: unknown[];
}
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}
// biome-ignore lint/suspicious/noExplicitAny: request bodies are untyped JSON, checked by each handler
type Json = any;
interface Request {
  params: Record<string, string>;
  query: URLSearchParams;
  body: Json;
  url: URL;
}

const STATUSES = ['queued', 'in_progress', 'completed', 'waiting', 'requested', 'pending'];
const CONCLUSIONS = [
  'action_required',
  'cancelled',
  'failure',
  'neutral',
  'success',
  'skipped',
  'stale',
  'timed_out',
];
const LEVELS = ['notice', 'warning', 'failure'];
const EVENTS = ['APPROVE', 'REQUEST_CHANGES', 'COMMENT'];
const REACTIONS = ['+1', '-1', 'laugh', 'confused', 'heart', 'hooray', 'rocket', 'eyes'];
const ROLES: Role[] = ['admin', 'maintain', 'write', 'triage', 'read'];
const chars = (s: unknown) => (typeof s === 'string' ? [...s].length : 0); // GitHub counts characters
const invalid = (message: string): Answer => ({
  status: 422,
  body: {
    message: 'Validation Failed',
    errors: [message],
    documentation_url: 'https://docs.github.com/rest',
  },
});
const notFound: Answer = { status: 404, body: { message: 'Not Found' } };

export async function startGitHubServer(options: { owner?: string; repo?: string; bot?: Actor } = {}) {
  const owner = options.owner ?? 'acme';
  const repoName = options.repo ?? 'gitops';
  const bot: Actor = options.bot ?? { login: 'ingress-audit[bot]', type: 'Bot' };
  const blobs = new Map<string, Buffer>();
  const commits = new Map<string, Commit>();
  const pulls = new Map<number, Pull>();
  const permissions = new Map<string, Role | 'none'>();
  const faults = new Map<string, Fault[]>();
  const counts = new Map<string, number>();
  const state = {
    comments: [] as IssueComment[],
    reviewComments: [] as ReviewComment[],
    reviews: [] as { id: number; pull_number: number; event: string; body: string }[],
    checkRuns: [] as CheckRun[],
    reactions: [] as { comment_id: number; content: string }[],
    /** Longest text GraphQL returns before `isTruncated`. */
    graphqlTextLimit: 512 * 1024,
  };
  let nextId = 1000;

  const text = (oid: string) => blobs.get(oid)?.toString('utf8') ?? '';
  const isBinary = (oid: string) => blobs.get(oid)?.includes(0) ?? false;
  const ancestors = (sha: string): string[] => {
    const seen: string[] = [];
    for (const queue = [sha]; queue.length > 0; ) {
      const next = queue.shift()!;
      if (seen.includes(next) || !commits.has(next)) continue;
      seen.push(next);
      queue.push(...commits.get(next)!.parents);
    }
    return seen;
  };
  const mergeBase = (base: string, head: string) => {
    const fromBase = new Set(ancestors(base));
    return ancestors(head).find((sha) => fromBase.has(sha)) ?? base;
  };

  /**
   * Files that differ from `base` to `head` as GitHub lists them (pull request files, a commit's files),
   * with the head lines a review comment may target. A rename is one GitHub would detect (same blob) or
   * one declared (`from → to`, for a move with edits).
   */
  const diffFiles = (
    base: ReadonlyMap<string, string>,
    head: ReadonlyMap<string, string>,
    declared: Record<string, string>,
  ) => {
    const renames = new Map(Object.entries(declared).map(([from, to]) => [to, from]));
    for (const [path, oid] of head) {
      if (base.has(path) || renames.has(path)) continue;
      const from = [...base].find(
        ([p, o]) => o === oid && !head.has(p) && ![...renames.values()].includes(p),
      );
      if (from) renames.set(path, from[0]);
    }
    const renamed = new Set(renames.values());
    const paths = [...new Set([...base.keys(), ...head.keys()])]
      .filter((p) => !renamed.has(p) || head.has(p))
      .sort();
    return paths.flatMap((filename) => {
      const previous = renames.get(filename);
      const before = base.get(previous ?? filename);
      const after = head.get(filename);
      if (before === after && !previous) return [];
      const status = previous ? 'renamed' : !before ? 'added' : !after ? 'removed' : 'modified';
      const binary = (before && isBinary(before)) || (after && isBinary(after));
      const hunks = binary
        ? []
        : structuredPatch('', '', before ? text(before) : '', after ? text(after) : '', '', '', {
            context: 3,
          }).hunks;
      const commentable = new Set<number>();
      let additions = 0;
      let deletions = 0;
      for (const hunk of hunks) {
        let line = hunk.newStart;
        for (const l of hunk.lines) {
          if (l[0] === '-') deletions += 1;
          if (l[0] === '+') additions += 1;
          if (l[0] === '+' || l[0] === ' ') commentable.add(line++);
        }
      }
      const start = (s: number, n: number) => (n === 0 ? s - 1 : s);
      const patch = hunks
        .map(
          (h) =>
            `@@ -${start(h.oldStart, h.oldLines)},${h.oldLines} +${start(h.newStart, h.newLines)},${h.newLines} @@\n` +
            h.lines.join('\n'),
        )
        .join('\n');
      const entry = {
        sha: after ?? before ?? null,
        filename,
        status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: '',
        raw_url: '',
        contents_url: '',
        ...(hunks.length > 0 ? { patch } : {}),
        ...(previous ? { previous_filename: previous } : {}),
      };
      return [{ entry, commentable }];
    });
  };
  /** The PR's files, against the merge base. */
  const pullFiles = (pull: Pull) =>
    diffFiles(
      commits.get(mergeBase(pull.base.sha, pull.head.sha))?.files ?? new Map<string, string>(),
      commits.get(pull.head.sha)?.files ?? new Map<string, string>(),
      pull.renames,
    );

  const page = <T>(items: T[], req: Request): Answer => {
    const perPage = Math.min(Number(req.query.get('per_page') ?? 30), 100);
    const n = Number(req.query.get('page') ?? 1);
    const headers: Record<string, string> = {};
    if (n * perPage < items.length) {
      const next = new URL(req.url);
      next.searchParams.set('page', String(n + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return { status: 200, body: items.slice((n - 1) * perPage, n * perPage), headers };
  };
  /** A commit as the commits API gives it (list and get), without `files`. */
  const commitJson = (sha: string) => {
    const c = commits.get(sha)!;
    const person = { name: c.author, email: `${c.author}@users.noreply.github.com`, date: c.date };
    const user = { login: c.author, type: 'User' };
    return {
      sha,
      node_id: '',
      url: '',
      html_url: '',
      comments_url: '',
      commit: { author: person, committer: person, message: c.message, url: '', comment_count: 0 },
      author: user,
      committer: user,
      parents: c.parents.map((parent) => ({ sha: parent, url: '', html_url: '' })),
    };
  };
  /** Whether a commit changed `path`: git's rule without history simplification (a merge counts when it differs from every parent). */
  const touches = (sha: string, path: string) => {
    const c = commits.get(sha)!;
    const oid = c.files.get(path);
    if (c.parents.length === 0) return oid !== undefined;
    return c.parents.every((parent) => commits.get(parent)?.files.get(path) !== oid);
  };
  /** A commit's files against its first parent, as `GET /commits/{ref}` lists them (no `patch`). */
  const commitFiles = (c: Commit) =>
    diffFiles(commits.get(c.parents[0] ?? '')?.files ?? new Map<string, string>(), c.files, c.renames).map(
      ({ entry: { patch: _patch, ...entry } }) => entry,
    );

  const pullOf = (req: Request) => pulls.get(Number(req.params.pull_number ?? req.params.issue_number));

  const checkRunBody = (body: Json, run: CheckRun | null): Answer | null => {
    if (run === null && (typeof body.name !== 'string' || !commits.has(body.head_sha))) {
      return invalid('name and a known head_sha are required');
    }
    if (body.status !== undefined && !STATUSES.includes(body.status))
      return invalid(`unknown status ${body.status}`);
    if (body.conclusion !== undefined && !CONCLUSIONS.includes(body.conclusion)) {
      return invalid(`unknown conclusion ${body.conclusion}`);
    }
    if (body.status === 'completed' && body.conclusion === undefined && !run?.conclusion) {
      return invalid('conclusion is required when status is completed');
    }
    const output = body.output;
    if (output !== undefined) {
      if (typeof output.summary !== 'string') return invalid('output.summary is required');
      if (chars(output.summary) > 65535 || chars(output.text) > 65535) {
        return invalid('Only 65535 characters are allowed; output is too long');
      }
      const annotations: Json[] = output.annotations ?? [];
      if (annotations.length > 50) return invalid('Only 50 annotations are allowed per request');
      for (const a of annotations) {
        if (!LEVELS.includes(a.annotation_level))
          return invalid(`unknown annotation_level ${a.annotation_level}`);
        if (!a.path || !a.start_line || !a.end_line || !a.message)
          return invalid('annotation fields are missing');
      }
    }
    return null;
  };
  const applyCheckRun = (run: CheckRun, body: Json): Answer => {
    if (body.status) run.status = body.status;
    if (body.conclusion) {
      run.conclusion = body.conclusion;
      run.status = 'completed';
    }
    if (body.output) {
      const { annotations = [], ...output } = body.output;
      run.output = { ...run.output, ...output };
      run.annotations.push(...annotations);
    }
    return { status: 200, body: run };
  };

  const routes: Record<string, (req: Request) => Answer> = {
    'GET /repos/{owner}/{repo}/pulls/{pull_number}': (req) => {
      const pull = pullOf(req);
      if (!pull) return notFound;
      return {
        status: 200,
        body: { number: pull.number, base: pull.base, head: pull.head, user: pull.user, state: 'open' },
      };
    },
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': (req) => {
      const pull = pullOf(req);
      return pull
        ? page(
            pullFiles(pull)
              .map((f) => f.entry)
              .slice(0, 3000),
            req,
          )
        : notFound;
    },
    'GET /repos/{owner}/{repo}/compare/{basehead}': (req) => {
      const [base, head] = req.params.basehead.split('...');
      if (!commits.has(base) || !commits.has(head)) return notFound;
      return {
        status: 200,
        body: { merge_base_commit: { sha: mergeBase(base, head) }, files: [], commits: [] },
      };
    },
    'GET /repos/{owner}/{repo}/commits': (req) => {
      // Without `sha`, GitHub lists the default branch: here, the commit added last.
      const from = req.query.get('sha') ?? [...commits.keys()].at(-1) ?? '';
      if (!commits.has(from)) return notFound;
      const path = req.query.get('path');
      const order = ancestors(from);
      const listed = order
        .filter((sha) => path === null || touches(sha, path))
        // Newest first, as `git log`; ties keep the walk's order.
        .sort(
          (a, b) =>
            commits.get(b)!.date.localeCompare(commits.get(a)!.date) || order.indexOf(a) - order.indexOf(b),
        );
      return page(listed.map(commitJson), req);
    },
    'GET /repos/{owner}/{repo}/commits/{ref}': (req) => {
      const commit = commits.get(req.params.ref);
      if (!commit) return { status: 422, body: { message: `No commit found for SHA: ${req.params.ref}` } };
      // GitHub pages the files of a big commit, 300 a page up to 3000, each page repeating the commit.
      const files = commitFiles(commit).slice(0, 3000);
      const perPage = Math.min(Number(req.query.get('per_page') ?? 300), 300);
      const n = Number(req.query.get('page') ?? 1);
      const headers: Record<string, string> = {};
      if (n * perPage < files.length) {
        const next = new URL(req.url);
        next.searchParams.set('page', String(n + 1));
        headers.link = `<${next.href}>; rel="next"`;
      }
      const additions = files.reduce((total, f) => total + f.additions, 0);
      const deletions = files.reduce((total, f) => total + f.deletions, 0);
      return {
        status: 200,
        body: {
          ...commitJson(req.params.ref),
          stats: { additions, deletions, total: additions + deletions },
          files: files.slice((n - 1) * perPage, n * perPage),
        },
        headers,
      };
    },
    'GET /repos/{owner}/{repo}/git/trees/{tree_sha}': (req) => {
      const commit = commits.get(req.params.tree_sha);
      if (!commit) return notFound;
      const recursive = req.query.has('recursive');
      const paths = [...commit.files.keys()].filter((p) => recursive || !p.includes('/'));
      const dirs = new Set(
        paths.flatMap((p) =>
          p
            .split('/')
            .slice(0, -1)
            .map((_, i, a) => a.slice(0, i + 1).join('/')),
        ),
      );
      const tree = [
        ...[...dirs].map((path) => ({ path, mode: '040000', type: 'tree', sha: '0'.repeat(40) })),
        ...paths.map((path) => {
          const sha = commit.files.get(path)!;
          return { path, mode: '100644', type: 'blob', sha, size: blobs.get(sha)?.length };
        }),
      ];
      return { status: 200, body: { sha: req.params.tree_sha, url: '', tree, truncated: false } };
    },
    'GET /repos/{owner}/{repo}/git/blobs/{file_sha}': (req) => {
      const blob = blobs.get(req.params.file_sha);
      if (!blob) return notFound;
      const content = blob.toString('base64').replace(/.{60}/g, '$&\n');
      return {
        status: 200,
        body: { sha: req.params.file_sha, size: blob.length, encoding: 'base64', content },
      };
    },
    'POST /graphql': (req) => {
      const { query, variables = {} } = req.body ?? {};
      if (variables.owner !== owner || variables.name !== repoName) {
        return {
          status: 200,
          body: { data: { repository: null }, errors: [{ type: 'NOT_FOUND', message: 'no repo' }] },
        };
      }
      const repository: Record<string, unknown> = {};
      for (const m of String(query).matchAll(/(\w+)\s*:\s*object\(\s*(expression|oid)\s*:\s*\$(\w+)\s*\)/g)) {
        const value = String(variables[m[3]] ?? '');
        const colon = value.indexOf(':');
        const oid =
          m[2] === 'oid' ? value : commits.get(value.slice(0, colon))?.files.get(value.slice(colon + 1));
        const blob = oid ? blobs.get(oid) : undefined;
        if (!oid || !blob) {
          repository[m[1]] = null;
          continue;
        }
        const full = text(oid);
        const truncated = full.length > state.graphqlTextLimit;
        repository[m[1]] = {
          oid,
          byteSize: blob.length,
          isBinary: isBinary(oid),
          isTruncated: truncated,
          text: isBinary(oid) ? null : full.slice(0, state.graphqlTextLimit),
        };
      }
      return { status: 200, body: { data: { repository } } };
    },
    'POST /repos/{owner}/{repo}/check-runs': (req) => {
      const problem = checkRunBody(req.body, null);
      if (problem) return problem;
      const run: CheckRun = {
        id: nextId++,
        name: req.body.name,
        head_sha: req.body.head_sha,
        status: 'queued',
        conclusion: null,
        output: {},
        annotations: [],
      };
      state.checkRuns.push(run);
      return { ...applyCheckRun(run, req.body), status: 201 };
    },
    'PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}': (req) => {
      const run = state.checkRuns.find((r) => r.id === Number(req.params.check_run_id));
      if (!run) return notFound;
      return checkRunBody(req.body, run) ?? applyCheckRun(run, req.body);
    },
    'GET /repos/{owner}/{repo}/issues/{issue_number}/comments': (req) =>
      page(
        state.comments.filter((c) => c.issue_number === Number(req.params.issue_number)),
        req,
      ),
    'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': (req) => {
      const body = req.body?.body;
      if (typeof body !== 'string' || chars(body) > 65536)
        return invalid('Body is too long (maximum is 65536 characters)');
      const comment = { id: nextId++, issue_number: Number(req.params.issue_number), body, user: bot };
      state.comments.push(comment);
      return { status: 201, body: comment };
    },
    'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}': (req) => {
      const comment = state.comments.find((c) => c.id === Number(req.params.comment_id));
      if (!comment) return notFound;
      const body = req.body?.body;
      if (typeof body !== 'string' || chars(body) > 65536)
        return invalid('Body is too long (maximum is 65536 characters)');
      comment.body = body;
      return { status: 200, body: comment };
    },
    'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}': (req) => {
      const at = state.comments.findIndex((c) => c.id === Number(req.params.comment_id));
      if (at < 0) return notFound;
      state.comments.splice(at, 1);
      return { status: 204 };
    },
    'POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions': (req) => {
      if (!state.comments.some((c) => c.id === Number(req.params.comment_id))) return notFound;
      if (!REACTIONS.includes(req.body?.content)) return invalid(`unknown reaction ${req.body?.content}`);
      state.reactions.push({ comment_id: Number(req.params.comment_id), content: req.body.content });
      return { status: 201, body: { id: nextId++, content: req.body.content, user: bot } };
    },
    'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': (req) =>
      page(
        state.reviewComments.filter((c) => c.pull_number === Number(req.params.pull_number)),
        req,
      ),
    'POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews': (req) => {
      const pull = pullOf(req);
      if (!pull) return notFound;
      const { event, body = '', comments = [], commit_id = pull.head.sha } = req.body ?? {};
      if (event !== undefined && !EVENTS.includes(event)) return invalid(`unknown event ${event}`);
      if ((event === 'COMMENT' || event === 'REQUEST_CHANGES') && !body) return invalid('body is required');
      if (!commits.has(commit_id)) return invalid('commit_id is not part of the pull request');
      if (chars(body) > 65536) return invalid('Body is too long (maximum is 65536 characters)');
      const files = new Map(pullFiles(pull).map((f) => [f.entry.filename, f.commentable]));
      for (const c of comments as Json[]) {
        if (chars(c.body) > 65536 || !c.body)
          return invalid('Body is too long (maximum is 65536 characters)');
        if (!files.get(c.path)?.has(c.line) || (c.side ?? 'RIGHT') !== 'RIGHT') {
          return invalid('pull_request_review_thread.line must be part of the diff');
        }
      }
      const review = { id: nextId++, pull_number: pull.number, event: event ?? 'PENDING', body };
      state.reviews.push(review);
      for (const c of comments as Json[]) {
        state.reviewComments.push({
          id: nextId++,
          pull_number: pull.number,
          pull_request_review_id: review.id,
          commit_id,
          path: c.path,
          line: c.line,
          side: 'RIGHT',
          body: c.body,
          user: bot,
        });
      }
      return {
        status: 200,
        body: { ...review, state: event === 'COMMENT' ? 'COMMENTED' : 'PENDING', user: bot },
      };
    },
    'GET /repos/{owner}/{repo}/collaborators/{username}/permission': (req) => {
      const role = permissions.get(req.params.username);
      if (role === undefined) return notFound;
      const rank = role === 'none' ? ROLES.length : ROLES.indexOf(role);
      const has = (r: Role) => ROLES.indexOf(r) >= rank;
      const legacy = role === 'maintain' ? 'write' : role === 'triage' ? 'read' : role;
      const flags = {
        admin: has('admin'),
        maintain: has('maintain'),
        push: has('write'),
        triage: has('triage'),
        pull: has('read'),
      };
      const user = { login: req.params.username, type: 'User', permissions: flags };
      return { status: 200, body: { permission: legacy, role_name: role, user } };
    },
  };
  const compiled = Object.entries(routes).map(([key, handle]) => ({
    key,
    method: key.split(' ')[0],
    regex: new RegExp(`^${key.split(' ')[1].replace(/\{(\w+)\}/g, '(?<$1>[^/]+)')}$`),
    handle,
  }));

  const readBody = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    return raw ? JSON.parse(raw) : undefined;
  };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const path = url.pathname.replace(/^\/api\/v3(?=\/)/, '').replace(/^\/api\/graphql$/, '/graphql');
    const route = compiled.find((r) => r.method === req.method && r.regex.test(path));
    const key = route?.key ?? `${req.method} ${path}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    const fault = faults.get(key)?.shift();
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    let answer: Answer = notFound;
    if (fault?.status)
      answer = { status: fault.status, body: fault.body ?? { message: `fault ${fault.status}` } };
    else if (route) {
      const params = { ...route.regex.exec(path)?.groups };
      if ((params.owner ?? owner) !== owner || (params.repo ?? repoName) !== repoName) answer = notFound;
      else answer = route.handle({ params, query: url.searchParams, body: await readBody(req), url });
    }
    const headers = {
      'content-type': 'application/json; charset=utf-8',
      ...answer.headers,
      ...fault?.headers,
    };
    res.writeHead(answer.status, headers);
    res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    /** api.github.com-style base URL. */
    url: root,
    /** GitHub Enterprise-style base URL (REST under /api/v3, GraphQL at /api/graphql). */
    gheUrl: `${root}/api/v3`,
    owner,
    repo: repoName,
    bot,
    state,
    /** Adds a commit whose tree is exactly `files`; returns nothing, the SHA is the caller's. */
    addCommit(
      sha: string,
      files: Record<string, string | Uint8Array>,
      parents: string[] = [],
      meta: CommitMeta = {},
    ) {
      const tree = new Map<string, string>();
      for (const [path, content] of Object.entries(files)) {
        const bytes = Buffer.from(content);
        const oid = createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
        blobs.set(oid, bytes);
        tree.set(path, oid);
      }
      const date = meta.date ?? new Date(Date.UTC(2026, 0, 1) + commits.size * 60_000).toISOString();
      commits.set(sha, {
        parents,
        files: tree,
        date,
        message: meta.message ?? `Commit ${sha}`,
        author: meta.author ?? 'octocat',
        renames: meta.renames ?? {},
      });
    },
    /** A PR from base to head; `renames` (from → to) marks moves with edits, exact moves are found alone. */
    addPull(pull: {
      number: number;
      base: string;
      head: string;
      author?: Actor;
      renames?: Record<string, string>;
    }) {
      pulls.set(pull.number, {
        number: pull.number,
        base: { sha: pull.base, ref: 'main' },
        head: { sha: pull.head, ref: `pr-${pull.number}` },
        user: pull.author ?? { login: 'octocat', type: 'User' },
        renames: pull.renames ?? {},
      });
    },
    /** Moves the PR's head (a new push). */
    setHead(number: number, sha: string) {
      const pull = pulls.get(number);
      if (pull) pull.head.sha = sha;
    },
    addComment(issue_number: number, body: string, user: Actor) {
      const comment = { id: nextId++, issue_number, body, user };
      state.comments.push(comment);
      return comment;
    },
    setPermission(login: string, role: Role | 'none') {
      permissions.set(login, role);
    },
    /** Queues answers for a route, e.g. `fault('POST /repos/{owner}/{repo}/check-runs', {status: 500})`. */
    fault(route: string, ...answers: Fault[]) {
      faults.set(route, [...(faults.get(route) ?? []), ...answers]);
    },
    /** Requests received for one route key, or in total. */
    count(route?: string) {
      return route ? (counts.get(route) ?? 0) : [...counts.values()].reduce((a, b) => a + b, 0);
    },
    resetCounts() {
      counts.clear();
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type GitHubServer = Awaited<ReturnType<typeof startGitHubServer>>;
