import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './project';

/**
 * The folders' layering: the libraries (the stack, the handlers, the emulator and the testbed
 * library) never import from the folders that use them, and the two users, the end-to-end suites
 * and the command-line scripts, share code only through `testbed/`, never each other.
 */
const MAY_NOT_IMPORT: Record<string, string[]> = {
  stack: ['e2e', 'scripts'],
  handlers: ['e2e', 'scripts'],
  emulator: ['e2e', 'scripts'],
  testbed: ['e2e', 'scripts'],
  e2e: ['scripts'],
  scripts: ['e2e'],
};

async function typeScriptFiles(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(PROJECT_ROOT, folder), { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.ts')).map((e) => path.join(e.parentPath, e.name));
}

/** Every import between the project's own files, as esbuild resolves them (static, dynamic and `export … from`). */
async function importsBetweenFolders(folders: string[]): Promise<{ from: string; to: string }[]> {
  const entryPoints = (await Promise.all(folders.map(typeScriptFiles))).flat();
  const { metafile } = await build({
    entryPoints,
    absWorkingDir: PROJECT_ROOT,
    bundle: true,
    write: false,
    metafile: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    // Shared chunks: each module is emitted once, not once per entry point that reaches it.
    splitting: true,
    outdir: 'unused',
    logLevel: 'silent',
  });
  return Object.entries(metafile.inputs).flatMap(([from, input]) =>
    input.imports.filter((i) => !i.external).map((i) => ({ from, to: i.path })),
  );
}

const topFolder = (file: string) => file.split('/')[0]!;

describe('imports between folders', () => {
  it('follow the layering: e2e/ and scripts/ meet only in testbed/, and no library imports its users', async () => {
    const imports = await importsBetweenFolders(Object.keys(MAY_NOT_IMPORT));
    // The scan sees the imports it judges: the suites and the scripts both reach the testbed library.
    expect(imports.some((i) => topFolder(i.from) === 'e2e' && topFolder(i.to) === 'testbed')).toBe(true);
    expect(imports.some((i) => topFolder(i.from) === 'scripts' && topFolder(i.to) === 'testbed')).toBe(true);
    const wrong = imports
      .filter((i) => MAY_NOT_IMPORT[topFolder(i.from)]?.includes(topFolder(i.to)))
      .map((i) => `${i.from} imports ${i.to}`);
    expect(wrong).toEqual([]);
  });
});
