/**
 * CODEOWNERS with GitHub's rules: gitignore-style patterns (matched by the `ignore` package, case
 * sensitive), the last matching line wins, a matching line without owners leaves the path unowned, and
 * a line GitHub would reject is skipped (reported in `problems`) rather than guessed at.
 */
import ignore from 'ignore';

/** Where GitHub looks, in this order; the first file found is the only one used. */
export const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'] as const;

/** GitHub ignores a CODEOWNERS file above 3 MB. */
export const CODEOWNERS_MAX_BYTES = 3 * 1024 * 1024;

export interface CodeownersRule {
  pattern: string;
  /** `@user`, `@org/team` or an e-mail address; empty = explicitly unowned. */
  owners: string[];
  line: number;
  matches: (path: string) => boolean;
}

export interface Codeowners {
  file: string;
  rules: CodeownersRule[];
  problems: { line: number; message: string }[];
}

const OWNER = /^(@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$/;

/** Splits a line on unescaped whitespace; `\ ` keeps a space inside a pattern. */
function tokens(line: string): string[] {
  const out: string[] = [];
  let current = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '\\' && line[i + 1] === ' ') {
      current += ' ';
      i++;
    } else if (ch === ' ' || ch === '\t') {
      if (current) out.push(current);
      current = '';
    } else current += ch;
  }
  if (current) out.push(current);
  return out;
}

function compile(pattern: string): (path: string) => boolean {
  const matcher = ignore({ ignorecase: false }).add(pattern);
  // gitignore lets `docs/*` match the folder `docs/x` and so everything under it; GitHub documents that
  // `docs/*` owns only the files directly in `docs/`, so a match that comes through the parent is refused.
  const directChildrenOnly = pattern.endsWith('/*');
  return (path) => {
    const clean = path.replace(/^\/+/, '');
    // `ignore` throws on paths that are not repository-relative (`../x`); such a path has no owner.
    if (clean === '' || !ignore.isPathValid(clean) || !matcher.ignores(clean)) return false;
    if (!directChildrenOnly) return true;
    const slash = clean.lastIndexOf('/');
    return slash === -1 || !matcher.ignores(clean.slice(0, slash + 1));
  };
}

export function parseCodeowners(text: string, file = 'CODEOWNERS'): Codeowners {
  const rules: CodeownersRule[] = [];
  const problems: Codeowners['problems'] = [];
  if (new TextEncoder().encode(text).length > CODEOWNERS_MAX_BYTES) {
    problems.push({ line: 1, message: 'file is larger than 3 MB; GitHub ignores it' });
    return { file, rules, problems };
  }
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const trimmed = lines[i].trim();
    // GitHub does not honour `\#` escapes: every line starting with `#` is a comment.
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const parts = tokens(trimmed);
    const commentAt = parts.findIndex((t, k) => k > 0 && t.startsWith('#'));
    const [pattern, ...owners] = commentAt === -1 ? parts : parts.slice(0, commentAt);
    if (pattern.startsWith('!')) {
      problems.push({
        line,
        message: `"${pattern}": negation (!) is not supported in CODEOWNERS; line skipped`,
      });
      continue;
    }
    if (/[[\]]/.test(pattern)) {
      problems.push({
        line,
        message: `"${pattern}": character ranges ([ ]) are not supported in CODEOWNERS; line skipped`,
      });
      continue;
    }
    const bad = owners.filter((o) => !OWNER.test(o));
    if (bad.length > 0) {
      problems.push({ line, message: `invalid owner ${bad.map((o) => `"${o}"`).join(', ')}; line skipped` });
      continue;
    }
    rules.push({ pattern, owners, line, matches: compile(pattern) });
  }
  return { file, rules, problems };
}

/** The rule that decides `path`: the last one that matches. */
export function matchingRule(codeowners: Codeowners | null, path: string): CodeownersRule | null {
  if (!codeowners) return null;
  for (let i = codeowners.rules.length - 1; i >= 0; i--)
    if (codeowners.rules[i].matches(path)) return codeowners.rules[i];
  return null;
}

/** Owners of a repository-relative path (empty when unowned or no CODEOWNERS). */
export function ownersFor(codeowners: Codeowners | null, path: string): string[] {
  return matchingRule(codeowners, path)?.owners ?? [];
}

/**
 * The CODEOWNERS GitHub would use, given a lookup of file contents (undefined/null = absent): the first
 * of `.github/CODEOWNERS`, `CODEOWNERS`, `docs/CODEOWNERS` that exists.
 */
export function pickCodeowners(read: (path: string) => string | null | undefined): Codeowners | null {
  for (const location of CODEOWNERS_LOCATIONS) {
    const text = read(location);
    if (text !== null && text !== undefined) return parseCodeowners(text, location);
  }
  return null;
}
