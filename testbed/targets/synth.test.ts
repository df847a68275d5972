import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { synthesize } from './synth';

/**
 * A project whose CDK app is a tiny script: it writes a manifest into CDK_OUTDIR and counts its
 * runs, so each test sees exactly when synthesis ran and when the assembly was reused.
 */
let project: string;
const runs = async () => Number(await readFile(path.join(project, 'runs.txt'), 'utf8').catch(() => '0'));

beforeEach(async () => {
  project = await mkdtemp(path.join(tmpdir(), 'synth-'));
  await mkdir(path.join(project, 'stack'));
  await mkdir(path.join(project, 'handlers'));
  await mkdir(path.join(project, 'node_modules'));
  await writeFile(path.join(project, 'stack', 'app.ts'), 'export const stack = 1;\n');
  await writeFile(path.join(project, 'handlers', 'produce.ts'), 'export const handler = 1;\n');
  await writeFile(path.join(project, 'package-lock.json'), '{}\n');
  await writeFile(
    path.join(project, 'app.mjs'),
    `import { readFileSync, writeFileSync } from 'node:fs';
let n = 0; try { n = Number(readFileSync('runs.txt', 'utf8')); } catch {}
writeFileSync('runs.txt', String(n + 1));
writeFileSync(process.env.CDK_OUTDIR + '/manifest.json', JSON.stringify({ version: '1', run: n + 1 }));
`,
  );
  await writeFile(path.join(project, 'cdk.json'), JSON.stringify({ app: 'node app.mjs' }));
});
afterEach(() => rm(project, { recursive: true, force: true }));

describe('synthesis only when the app changed', () => {
  it('keeps its own assembly in .testbed/cdk.out and reuses it while the sources hash the same', async () => {
    const first = await synthesize({ projectDir: project });
    expect(first).toMatchObject({ reused: false, assemblyDir: path.join(project, '.testbed', 'cdk.out') });
    expect(existsSync(path.join(project, 'cdk.out'))).toBe(false);
    // Touching a file without changing it is no change.
    await writeFile(path.join(project, 'stack', 'app.ts'), 'export const stack = 1;\n');
    const second = await synthesize({ projectDir: project });
    expect(second.reused).toBe(true);
    expect(second.reason).toBe('Reusing .testbed/cdk.out: stack/, handlers/, cdk.json and package-lock.json are unchanged since it was synthesized.');
    expect(await runs()).toBe(1);
  });

  it('says which source changed when it synthesizes again', async () => {
    await synthesize({ projectDir: project });
    await writeFile(path.join(project, 'handlers', 'produce.ts'), 'export const handler = 2;\n');
    await writeFile(path.join(project, 'handlers', 'produce.test.ts'), 'tests change nothing\n');
    const lines: string[] = [];
    const again = await synthesize({ projectDir: project, log: (l) => lines.push(l) });
    expect(again.reused).toBe(false);
    expect(lines).toEqual(['Synthesizing the stack into .testbed/cdk.out: handlers/produce.ts changed...']);
    expect(await runs()).toBe(2);
  });

  it('never trusts an assembly another tool wrote or rewrote', async () => {
    // cdk synth (or cdklocal bootstrap) into the same folder: no stamp of ours.
    const dir = path.join(project, '.testbed', 'cdk.out');
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, 'manifest.json'), '{"version":"1","by":"cdk"}');
    const lines: string[] = [];
    await synthesize({ projectDir: project, log: (l) => lines.push(l) });
    expect(lines).toEqual(['Synthesizing the stack into .testbed/cdk.out: the assembly there was not written by the testbed...']);

    // Rewritten after the testbed's synthesis, sources unchanged.
    await writeFile(path.join(dir, 'manifest.json'), '{"version":"1","by":"cdklocal"}');
    lines.length = 0;
    const result = await synthesize({ projectDir: project, log: (l) => lines.push(l) });
    expect(result.reused).toBe(false);
    expect(lines).toEqual(['Synthesizing the stack into .testbed/cdk.out: the assembly was rewritten by another tool after the testbed synthesized it...']);
    expect(await runs()).toBe(2);
  });

  it('synthesizes again when the context differs', async () => {
    await synthesize({ projectDir: project, context: { a: '1' } });
    expect((await synthesize({ projectDir: project, context: { a: '1' } })).reused).toBe(true);
    const lines: string[] = [];
    expect((await synthesize({ projectDir: project, context: { a: '2' }, log: (l) => lines.push(l) })).reused).toBe(false);
    expect(lines[0]).toContain('the CDK context changed');
  });
});
