import { exec } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(exec);

export interface SynthOptions {
  /** The project root (where cdk.json is); default: the current directory. */
  projectDir?: string;
  /** The cloud assembly directory, relative to the project; default `cdk.out`. */
  outdir?: string;
  /** CDK context values (`-c key=value`). */
  context?: Record<string, string>;
  /** Synthesize even when the assembly is newer than every source. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface SynthResult {
  assemblyDir: string;
  reused: boolean;
  /** One sentence: why it was synthesized or reused. */
  reason: string;
  ms: number;
}

/** What the app's template depends on: the stack, the handlers it bundles, the CDK config and the installed packages. */
const SOURCES = ['stack', 'handlers'];
const SOURCE_FILES = ['cdk.json', 'package-lock.json'];
/** Written beside the assembly: the context it was synthesized with (a `cdk synth` by hand has none). */
const STAMP = 'testbed-synth.json';

async function newestSource(projectDir: string): Promise<{ file: string; mtimeMs: number }> {
  let newest = { file: '', mtimeMs: 0 };
  const consider = async (file: string) => {
    const info = await stat(file).catch(() => undefined);
    if (info && info.mtimeMs > newest.mtimeMs) newest = { file, mtimeMs: info.mtimeMs };
  };
  for (const dir of SOURCES) {
    const entries = await readdir(path.join(projectDir, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      // Tests do not change the template.
      if (e.isFile() && !e.name.endsWith('.test.ts')) await consider(path.join(e.parentPath, e.name));
    }
  }
  for (const file of SOURCE_FILES) await consider(path.join(projectDir, file));
  return newest;
}

async function stampedContext(assemblyDir: string): Promise<Record<string, string>> {
  try {
    return (JSON.parse(await readFile(path.join(assemblyDir, STAMP), 'utf8')) as { context: Record<string, string> }).context;
  } catch {
    return {};
  }
}

/**
 * Runs the CDK app as `cdk synth` runs it, through the cloud assembly protocol: the `app` command
 * of cdk.json with `CDK_OUTDIR` and `CDK_CONTEXT_JSON` (cdk.json's context, then ours) set. The
 * template and assets are the same; the CLI's own start-up (seconds) is skipped.
 */
async function runApp(projectDir: string, assemblyDir: string, context: Record<string, string>): Promise<void> {
  const cdkJson = JSON.parse(await readFile(path.join(projectDir, 'cdk.json'), 'utf8')) as { app?: string; context?: Record<string, unknown> };
  if (!cdkJson.app) throw new Error('cdk.json names no app to synthesize.');
  if (!existsSync(path.join(projectDir, 'node_modules'))) throw new Error('The project has no node_modules: run `npm ci` first.');
  await rm(assemblyDir, { recursive: true, force: true });
  await mkdir(assemblyDir, { recursive: true });
  try {
    await run(cdkJson.app, {
      cwd: projectDir,
      maxBuffer: 64 * 1024 * 1024,
      // CDK_VALIDATION=false skips CDK's built-in template lint (about 1.4 s of WebAssembly): its
      // report would not be shown here, and the stack tests synthesize with it on.
      env: { ...process.env, CDK_OUTDIR: assemblyDir, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkJson.context, ...context }), CDK_VALIDATION: 'false' },
    });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    const detail = `${e.stderr ?? ''}${e.stdout ?? ''}`.trim().split('\n').slice(-15).join('\n');
    throw new Error(`Synthesizing the CDK app (${cdkJson.app}) failed:\n${detail || e.message}`);
  }
}

const sameContext = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * Synthesizes the CDK app into `outdir`, or reuses the assembly there when
 * it is newer than the stack, handler and config sources and was made with the same context.
 * Concurrent callers (test files, the e2e setup) wait for each other instead of writing the same
 * directory at once.
 */
export async function synthesize(options: SynthOptions = {}): Promise<SynthResult> {
  const projectDir = path.resolve(options.projectDir ?? '.');
  const assemblyDir = path.resolve(projectDir, options.outdir ?? 'cdk.out');
  const context = options.context ?? {};
  const started = performance.now();
  const release = await lock(`${assemblyDir}.lock`);
  try {
    if (!options.force) {
      const manifest = await stat(path.join(assemblyDir, 'manifest.json')).catch(() => undefined);
      const newest = await newestSource(projectDir);
      if (manifest && manifest.mtimeMs >= newest.mtimeMs && sameContext(await stampedContext(assemblyDir), context)) {
        return { assemblyDir, reused: true, reason: `Reusing ${path.relative(projectDir, assemblyDir)}: it is newer than the stack and handler sources.`, ms: performance.now() - started };
      }
    }
    options.log?.(`Synthesizing the stack into ${path.relative(projectDir, assemblyDir)}...`);
    await runApp(projectDir, assemblyDir, context);
    await writeFile(path.join(assemblyDir, STAMP), JSON.stringify({ context }) + '\n');
    return { assemblyDir, reused: false, reason: `Synthesized ${path.relative(projectDir, assemblyDir)}.`, ms: performance.now() - started };
  } finally {
    await release();
  }
}

/** A directory lock (mkdir is atomic); a lock older than the stale limit is taken over. */
async function lock(dir: string, waitMs = 180_000, staleMs = 300_000): Promise<() => Promise<void>> {
  await mkdir(path.dirname(dir), { recursive: true });
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await mkdir(dir);
      return () => rm(dir, { recursive: true, force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const info = await stat(dir).catch(() => undefined);
      if (info && Date.now() - info.mtimeMs > staleMs) {
        await rm(dir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`Another synthesis holds ${dir}; remove it if no cdk synth is running.`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}
