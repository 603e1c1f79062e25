import { gitOutput } from './git-command.ts';

/**
 * Unified patches per head path between two commits, shaped like the `patch` field of GitHub's PR files
 * list (hunks only, 3 lines of context, renames detected): what inline comments are placed with. One
 * `git diff` for the whole change, so a checkout run needs no API request for them.
 */
export async function readGitPatches(root: string, base: string, head: string): Promise<Map<string, string>> {
  const out = await gitOutput(root, [
    'diff',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '-M',
    '-U3',
    '--src-prefix=a/',
    '--dst-prefix=b/',
    base,
    head,
    '--',
  ]);
  return parseGitPatches(out);
}

/** Splits `git diff` output into hunks per head path; deleted, binary and hunk-less files have none. */
export function parseGitPatches(diff: string): Map<string, string> {
  const patches = new Map<string, string>();
  const sections = diff.split(/^(?=diff --git )/m);
  for (const section of sections) {
    const lines = section.split('\n');
    const firstHunk = lines.findIndex((l) => l.startsWith('@@'));
    if (firstHunk === -1) continue;
    const target = lines.slice(0, firstHunk).find((l) => l.startsWith('+++ '));
    const path = target ? headPath(target.slice(4)) : null;
    if (path === null) continue;
    const body = lines.slice(firstHunk);
    while (body.length > 0 && body.at(-1) === '') body.pop();
    patches.set(path, body.join('\n'));
  }
  return patches;
}

/** `b/path`, or git's C-quoted `"b/pa\tth"`; null for `/dev/null` (a deleted file). */
function headPath(raw: string): string | null {
  const name = raw.startsWith('"') ? unquote(raw) : raw.replace(/\t$/, '');
  return name.startsWith('b/') ? name.slice(2) : null;
}

const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** Undoes git's quoting of unusual path names: C escapes and octal bytes, decoded as UTF-8. */
function unquote(quoted: string): string {
  const inner = quoted.replace(/^"|"\s*$/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = inner[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(Number.parseInt(inner.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}
