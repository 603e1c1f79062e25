import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  buildDirChangeSet,
  FilesystemSourceError,
  readFiles,
  readTree,
} from '../../src/sources/filesystem.ts';

const YAML = ['**/*.yaml', '**/*.yml'];
let root: string;

async function write(path: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

const text = (content: string | Uint8Array) =>
  typeof content === 'string' ? content : new TextDecoder().decode(content);

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ingress-audit-fs-'));
});

afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('readTree', () => {
  it('reads matching files with sorted paths relative to the folder, skipping node_modules and .git', async () => {
    await write('repo/b/ingress.yaml', 'b: 1\n');
    await write('repo/a.yml', 'a: 1\n');
    await write('repo/.deploy/c.yaml', 'c: 1\n');
    await write('repo/README.md', '# no\n');
    await write('repo/node_modules/pkg/x.yaml', 'x: 1\n');
    await write('repo/.git/config.yaml', 'x: 1\n');
    await write('repo/charts/t.yaml', 'x: 1\n');
    const files = await readTree(join(root, 'repo'), YAML, ['charts/**']);
    expect(files.map((f) => f.path)).toEqual(['.deploy/c.yaml', 'a.yml', 'b/ingress.yaml']);
    expect(text(files[2].content)).toBe('b: 1\n');
    expect(files[0].content).toBeInstanceOf(Uint8Array);
  });

  it('a single file is read under its basename whatever the globs say', async () => {
    await write('exports/live.json', '{"kind":"List"}');
    const files = await readTree(join(root, 'exports/live.json'), YAML, []);
    expect(files).toHaveLength(1);
    expect(files[0].path).toBe('live.json');
    expect(text(files[0].content)).toBe('{"kind":"List"}');
  });

  it('follows symlinked files but not symlinked folders (no loops)', async () => {
    await write('repo/real.yaml', 'r: 1\n');
    await symlink(join(root, 'repo/real.yaml'), join(root, 'repo/link.yaml'));
    await symlink(join(root, 'repo'), join(root, 'repo/loop'));
    const files = await readTree(join(root, 'repo'), YAML, []);
    expect(files.map((f) => f.path)).toEqual(['link.yaml', 'real.yaml']);
  });

  it('a missing folder is a FilesystemSourceError with the path', async () => {
    const error = await readTree(join(root, 'nope'), YAML, []).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FilesystemSourceError);
    expect((error as Error).message).toBe(`no such file or folder: ${join(root, 'nope')}`);
  });
});

describe('readFiles', () => {
  it('reads the given relative paths and leaves out the ones that are gone', async () => {
    await write('x/a.yaml', 'a\n');
    await write('x/b.yaml', 'b\n');
    const files = await readFiles(join(root, 'x'), ['b.yaml', 'missing.yaml', 'a.yaml']);
    expect(files.map((f) => [f.path, text(f.content)])).toEqual([
      ['b.yaml', 'b\n'],
      ['a.yaml', 'a\n'],
    ]);
  });
});

describe('buildDirChangeSet', () => {
  it('reads both folders in full, labelled with the folders given', async () => {
    await write('base/apps/shop.yaml', 'v: 1\n');
    await write('head/moved/shop.yaml', 'v: 2\n');
    await write('head/apps/new.yaml', 'n: 1\n');
    const changeSet = await buildDirChangeSet(join(root, 'base'), join(root, 'head'), {
      include: YAML,
      exclude: [],
    });
    expect(changeSet.base?.map((f) => f.path)).toEqual(['apps/shop.yaml']);
    expect(changeSet.head.map((f) => f.path)).toEqual(['apps/new.yaml', 'moved/shop.yaml']);
    expect(changeSet.baseRef).toBe(join(root, 'base'));
    expect(changeSet.headRef).toBe(join(root, 'head'));
  });
});
