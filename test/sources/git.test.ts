import { execFileSync } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildGitChangeSet,
  changedFiles,
  defaultBase,
  GitSourceError,
  listTree,
  parseCatFileBatch,
  readAtRef,
} from '../../src/sources/git.ts';

const IDENTITY = ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false'];

let dir: string;
const cleanup: string[] = [];

function git(...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd: dir, encoding: 'utf8' }).trim();
}

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), content);
}

async function commit(files: Record<string, string | null>, message = 'change'): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    if (content === null) git('rm', '-q', path);
    else await write(path, content);
  }
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '-m', message);
  return git('rev-parse', 'HEAD');
}

async function tempDir(): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), 'ingress-audit-git-'));
  cleanup.push(path);
  return path;
}

const text = (bytes: Uint8Array | undefined) => (bytes ? new TextDecoder().decode(bytes) : undefined);
const ingress = (name: string, host: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ${name}\n  namespace: web\nspec:\n  rules:\n    - host: ${host}\n`;

beforeEach(async () => {
  dir = await tempDir();
  git('-c', 'init.defaultBranch=main', 'init', '-q');
});

afterEach(async () => {
  await Promise.all(cleanup.splice(0).map((path) => rm(path, { recursive: true, force: true })));
});

describe('changedFiles', () => {
  it('lists added, modified, deleted and renamed files between two refs', async () => {
    const base = await commit({
      'apps/shop.yaml': ingress('shop', 'shop.example.com'),
      'apps/blog.yaml': ingress('blog', 'blog.example.com'),
      'apps/old.yaml': ingress('old', 'old.example.com'),
    });
    await mkdir(join(dir, 'apps/shop'));
    git('mv', 'apps/shop.yaml', 'apps/shop/ingress.yaml');
    const head = await commit({
      'apps/blog.yaml': ingress('blog', 'blog2.example.com'),
      'apps/old.yaml': null,
      'apps/new file ü.yaml': 'kind: ConfigMap\ndata: {}\n',
    });
    const changes = await changedFiles(dir, base, head);
    expect(changes).toEqual(
      expect.arrayContaining([
        { status: 'modified', path: 'apps/blog.yaml' },
        { status: 'deleted', path: 'apps/old.yaml' },
        { status: 'added', path: 'apps/new file ü.yaml' },
        { status: 'renamed', path: 'apps/shop/ingress.yaml', previousPath: 'apps/shop.yaml' },
      ]),
    );
    expect(changes).toHaveLength(4);
  });

  it('against the working tree: unstaged edits and untracked files count, ignored files do not', async () => {
    const base = await commit({ 'a.yaml': 'a: 1\n', '.gitignore': 'secret.yaml\n' });
    await write('a.yaml', 'a: 2\n');
    await write('b/new.yaml', 'b: 1\n');
    await write('secret.yaml', 'no: 1\n');
    const changes = await changedFiles(dir, base, null);
    expect(changes).toEqual([
      { status: 'modified', path: 'a.yaml' },
      { status: 'added', path: 'b/new.yaml' },
    ]);
  });

  it('an unknown ref is a GitSourceError naming the ref', async () => {
    await commit({ 'a.yaml': 'a: 1\n' });
    const error = await changedFiles(dir, 'no-such-branch', 'HEAD').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitSourceError);
    expect(error).toMatchObject({
      kind: 'unknown-ref',
      message: expect.stringContaining('"no-such-branch"'),
    });
  });

  it('a ref that looks like an option is refused before git sees it', async () => {
    await commit({ 'a.yaml': 'a: 1\n' });
    await expect(changedFiles(dir, '--output=/tmp/x', 'HEAD')).rejects.toMatchObject({ kind: 'unknown-ref' });
  });

  it('a folder outside any repository is a not-a-repo error', async () => {
    const plain = await tempDir();
    await expect(changedFiles(plain, 'HEAD', null)).rejects.toMatchObject({
      kind: 'not-a-repo',
      message: expect.stringContaining('not inside a git repository'),
    });
    await expect(changedFiles(join(plain, 'missing'), 'HEAD', null)).rejects.toMatchObject({
      kind: 'not-a-repo',
    });
  });
});

describe('readAtRef', () => {
  it('reads 200 files at a ref in one git process, leaving out missing paths', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++)
      files[`manifests/${String(i).padStart(3, '0')}.yaml`] = `index: ${i}\n${'x'.repeat(i)}\n`;
    const sha = await commit(files);
    await write('manifests/000.yaml', 'changed on disk\n');

    // A git shim on PATH logs each invocation, then runs the real git.
    const shimDir = await tempDir();
    const log = join(shimDir, 'calls.log');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    await writeFile(join(shimDir, 'git'), `#!/bin/sh\necho "$*" >> "${log}"\nexec "${realGit}" "$@"\n`);
    await chmod(join(shimDir, 'git'), 0o755);
    const savedPath = process.env.PATH;
    process.env.PATH = `${shimDir}:${savedPath}`;
    try {
      const started = performance.now();
      const contents = await readAtRef(dir, sha, [...Object.keys(files), 'manifests/missing.yaml']);
      const elapsed = performance.now() - started;
      expect(contents.size).toBe(200);
      expect(text(contents.get('manifests/000.yaml'))).toBe(files['manifests/000.yaml']);
      expect(text(contents.get('manifests/199.yaml'))).toBe(files['manifests/199.yaml']);
      expect(contents.has('manifests/missing.yaml')).toBe(false);
      expect(elapsed).toBeLessThan(5000);
    } finally {
      process.env.PATH = savedPath;
    }
    const calls = (await readFile(log, 'utf8')).trim().split('\n');
    expect(calls.filter((call) => call.includes('cat-file'))).toHaveLength(1);
    expect(calls.length).toBeLessThanOrEqual(3);
  });

  it('reads the working tree from disk when the ref is null', async () => {
    await commit({ 'a.yaml': 'a: 1\n' });
    await write('a.yaml', 'a: 2\n');
    const contents = await readAtRef(dir, null, ['a.yaml', 'gone.yaml']);
    expect(text(contents.get('a.yaml'))).toBe('a: 2\n');
    expect(contents.has('gone.yaml')).toBe(false);
  });

  it('keeps binary content byte for byte', async () => {
    const bytes = Uint8Array.from([0, 10, 255, 13, 10, 0x0a]);
    await mkdir(join(dir, 'bin'), { recursive: true });
    await writeFile(join(dir, 'bin/blob.yaml'), bytes);
    const sha = await commit({});
    expect((await readAtRef(dir, sha, ['bin/blob.yaml'])).get('bin/blob.yaml')).toEqual(bytes);
  });
});

describe('parseCatFileBatch', () => {
  it('reads blobs, skips missing entries and non-blob objects', () => {
    const oid = 'a'.repeat(40);
    const output = new TextEncoder().encode(
      `${oid} blob 5\nhello\nHEAD:x missing\n${oid} commit 3\nabc\n${oid} blob 0\n\n`,
    );
    const files = parseCatFileBatch(output, ['a', 'x', 'sub', 'empty']);
    expect([...files.keys()]).toEqual(['a', 'empty']);
    expect(text(files.get('a'))).toBe('hello');
    expect(files.get('empty')).toEqual(new Uint8Array());
  });
});

describe('listTree', () => {
  it('lists every file at a ref, and tracked plus untracked files in the working tree', async () => {
    const sha = await commit({ 'a.yaml': 'a\n', 'deep/b.yaml': 'b\n', '.gitignore': 'ignored.yaml\n' });
    await write('untracked.yaml', 'u\n');
    await write('ignored.yaml', 'i\n');
    expect((await listTree(dir, sha)).sort()).toEqual(['.gitignore', 'a.yaml', 'deep/b.yaml']);
    expect((await listTree(dir, null)).sort()).toEqual([
      '.gitignore',
      'a.yaml',
      'deep/b.yaml',
      'untracked.yaml',
    ]);
  });
});

describe('defaultBase', () => {
  it('is the merge-base of HEAD with main', async () => {
    await commit({ 'a.yaml': 'a: 1\n' });
    const forkPoint = await commit({ 'a.yaml': 'a: 2\n' });
    git('checkout', '-q', '-b', 'feature');
    await commit({ 'b.yaml': 'b: 1\n' });
    git('checkout', '-q', 'main');
    await commit({ 'c.yaml': 'c: 1\n' });
    git('checkout', '-q', 'feature');
    expect(await defaultBase(dir)).toEqual({ sha: forkPoint, branch: 'main' });
  });

  it('prefers the target of origin/HEAD', async () => {
    const first = await commit({ 'a.yaml': 'a: 1\n' });
    git('update-ref', 'refs/remotes/origin/trunk', first);
    git('symbolic-ref', 'refs/remotes/origin/HEAD', 'refs/remotes/origin/trunk');
    git('branch', '-q', '-m', 'main', 'work');
    await commit({ 'b.yaml': 'b: 1\n' });
    expect(await defaultBase(dir)).toEqual({ sha: first, branch: 'origin/trunk' });
  });

  it('without main, master or origin/HEAD it is a clear error', async () => {
    await commit({ 'a.yaml': 'a: 1\n' });
    git('branch', '-q', '-m', 'main', 'work');
    await expect(defaultBase(dir)).rejects.toMatchObject({
      kind: 'no-default-branch',
      message: expect.stringContaining('pass --base REF'),
    });
  });
});

describe('buildGitChangeSet', () => {
  it('builds both sides; a renamed file is the previous path at base and the new path at head', async () => {
    const base = await commit({
      'apps/shop.yaml': ingress('shop', 'shop.example.com'),
      'apps/blog.yaml': ingress('blog', 'blog.example.com'),
      'apps/stable.yaml': ingress('stable', 'stable.example.com'),
      'README.md': 'docs\n',
    });
    await mkdir(join(dir, 'apps/shop'));
    git('mv', 'apps/shop.yaml', 'apps/shop/ingress.yaml');
    await commit({ 'apps/blog.yaml': ingress('blog', 'blog.example.org'), 'README.md': 'more docs\n' });
    const { changeSet, configText, baseSha, headSha } = await buildGitChangeSet({
      repoDir: dir,
      base,
      head: 'HEAD',
      withContext: true,
    });
    expect(configText).toBeNull();
    expect(baseSha).toBe(base);
    expect(headSha).toBe(git('rev-parse', 'HEAD'));
    expect(changeSet.baseRef).toBe(base);
    expect(changeSet.headRef).toBe('HEAD');
    expect(changeSet.base?.map((f) => f.path).sort()).toEqual(['apps/blog.yaml', 'apps/shop.yaml']);
    expect(changeSet.head.map((f) => f.path).sort()).toEqual(['apps/blog.yaml', 'apps/shop/ingress.yaml']);
    expect(text(changeSet.head.find((f) => f.path === 'apps/blog.yaml')?.content as Uint8Array)).toContain(
      'blog.example.org',
    );
    expect(text(changeSet.base?.find((f) => f.path === 'apps/blog.yaml')?.content as Uint8Array)).toContain(
      'blog.example.com',
    );
    expect(changeSet.head[0].content).toBeInstanceOf(Uint8Array);
    expect(changeSet.unchanged?.map((f) => f.path)).toEqual(['apps/stable.yaml']);
  });

  it('reads the config from the base ref, so a PR cannot relax its own gate or globs', async () => {
    const base = await commit({
      '.github/ingress-audit.yml': 'failOn: high\nexclude: ["legacy/**"]\n',
      'apps/a.yaml': 'a: 1\n',
      'legacy/b.yaml': 'b: 1\n',
    });
    await commit({
      '.github/ingress-audit.yml': 'failOn: never\nexclude: ["apps/**"]\n',
      'apps/a.yaml': 'a: 2\n',
      'legacy/b.yaml': 'b: 2\n',
    });
    const result = await buildGitChangeSet({ repoDir: dir, base, head: 'HEAD' });
    expect(result.configFile).toBe('.github/ingress-audit.yml');
    expect(result.configText).toBe('failOn: high\nexclude: ["legacy/**"]\n');
    expect(result.changeSet.head.map((f) => f.path)).toEqual(['.github/ingress-audit.yml', 'apps/a.yaml']);
  });

  it('explicit include/exclude and paths narrow the files read', async () => {
    const base = await commit({
      'k8s/prod/a.yaml': 'a: 1\n',
      'k8s/dev/b.yaml': 'b: 1\n',
      'k8s/prod/c.json': '{}',
    });
    await commit({ 'k8s/prod/a.yaml': 'a: 2\n', 'k8s/dev/b.yaml': 'b: 2\n', 'k8s/prod/c.json': '{"c":1}' });
    const { changeSet } = await buildGitChangeSet({
      repoDir: dir,
      base,
      head: 'HEAD',
      include: ['**/*.yaml'],
      exclude: [],
      paths: ['./k8s/prod/'],
    });
    expect(changeSet.head.map((f) => f.path)).toEqual(['k8s/prod/a.yaml']);
    expect(changeSet.base?.map((f) => f.path)).toEqual(['k8s/prod/a.yaml']);
  });

  it('defaults to the merge-base with main against the working tree, untracked files included', async () => {
    const forkPoint = await commit({ 'a.yaml': 'a: 1\n' });
    git('checkout', '-q', '-b', 'feature');
    await commit({ 'a.yaml': 'a: 2\n' });
    await write('new.yaml', 'n: 1\n');
    const { changeSet, baseSha, headSha } = await buildGitChangeSet({ repoDir: join(dir, '.') });
    expect(baseSha).toBe(forkPoint);
    expect(headSha).toBeNull();
    expect(changeSet.headRef).toBe('working tree');
    expect(changeSet.base?.map((f) => [f.path, text(f.content as Uint8Array)])).toEqual([
      ['a.yaml', 'a: 1\n'],
    ]);
    expect(changeSet.head.map((f) => [f.path, text(f.content as Uint8Array)])).toEqual([
      ['a.yaml', 'a: 2\n'],
      ['new.yaml', 'n: 1\n'],
    ]);
  });

  it('works from a subfolder of the repository with repository-relative paths', async () => {
    const base = await commit({ 'sub/a.yaml': 'a: 1\n' });
    await write('sub/a.yaml', 'a: 2\n');
    const { changeSet } = await buildGitChangeSet({ repoDir: join(dir, 'sub'), base });
    expect(changeSet.head.map((f) => f.path)).toEqual(['sub/a.yaml']);
  });
});
