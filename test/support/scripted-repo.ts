/** A throwaway git repository with a scripted history: authors, dates and messages chosen by the test. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface Author {
  name: string;
  email: string;
}

export class ScriptedRepo {
  readonly dir: string;

  constructor() {
    this.dir = mkdtempSync(join(tmpdir(), 'ingress-audit-history-'));
    this.git(['init', '-q', '-b', 'main']);
    this.git(['config', 'commit.gpgsign', 'false']);
  }

  git(args: string[], env: Record<string, string> = {}): string {
    return execFileSync('git', args, {
      cwd: this.dir,
      encoding: 'utf8',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: this.dir, ...env },
    });
  }

  /** Writes (string) or deletes (null) files, then commits them all as `author` at `date`. */
  commit(
    files: Record<string, string | null>,
    message: string,
    author: Author,
    date: string,
    committer: Author = author,
  ): string {
    for (const [path, content] of Object.entries(files)) {
      const full = join(this.dir, path);
      if (content === null) this.git(['rm', '-q', '--', path]);
      else {
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, content);
        this.git(['add', '--', path]);
      }
    }
    this.git(['commit', '-q', '--allow-empty', '-m', message], this.env(author, date, committer));
    return this.head();
  }

  /** A merge commit of `branch` into the current branch (always a real merge, never fast-forward). */
  merge(branch: string, message: string, author: Author, date: string): string {
    this.git(['merge', '-q', '--no-ff', '-m', message, branch], this.env(author, date, author));
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private env(author: Author, date: string, committer: Author): Record<string, string> {
    return {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: committer.name,
      GIT_COMMITTER_EMAIL: committer.email,
      GIT_COMMITTER_DATE: date,
    };
  }
}
