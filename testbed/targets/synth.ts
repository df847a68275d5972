import { exec } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(exec);

export interface SynthOptions {
  /** The project root (where cdk.json is); default: the current directory. */
  projectDir?: string;
  /** The cloud assembly directory, relative to the project; default `.testbed/cdk.out`. */
  outdir?: string;
  /** CDK context values (`-c key=value`). */
  context?: Record<string, string>;
  /** Synthesize even when the sources are unchanged. */
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
/**
 * Written beside the assembly after a synthesis: the hash of every source file, the context, and
 * the hash of the manifest it produced. An assembly without it, or whose manifest no longer
 * matches it, was written (or rewritten) by another tool and is never reused.
 */
const STAMP = 'testbed-synth.json';
/** Where the testbed keeps its own assembly, apart from the CDK CLI's `cdk.out`. */
export const TESTBED_ASSEMBLY = path.join('.testbed', 'cdk.out');

interface Stamp {
  tool: 'order-fulfillment-testbed';
  context: Record<string, string>;
  /** Relative path to sha-256 of its content. */
  sources: Record<string, string>;
  manifest: string;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The content hash of every file the template depends on (tests excepted: they change nothing). */
async function sourceHashes(projectDir: string): Promise<Record<string, string>> {
  const files: string[] = [];
  for (const dir of SOURCES) {
    const entries = await readdir(path.join(projectDir, dir), { recursive: true, withFileTypes: true }).catch(() => []);
    for (const e of entries) if (e.isFile() && !e.name.endsWith('.test.ts')) files.push(path.relative(projectDir, path.join(e.parentPath, e.name)));
  }
  files.push(...SOURCE_FILES);
  const hashes: Record<string, string> = {};
  await Promise.all(
    files.sort().map(async (file) => {
      const content = await readFile(path.join(projectDir, file)).catch(() => undefined);
      if (content) hashes[file] = sha256(content);
    }),
  );
  return Object.fromEntries(Object.entries(hashes).sort(([a], [b]) => a.localeCompare(b)));
}

async function readStamp(assemblyDir: string): Promise<Stamp | undefined> {
  try {
    const stamp = JSON.parse(await readFile(path.join(assemblyDir, STAMP), 'utf8')) as Stamp;
    return stamp.tool === 'order-fulfillment-testbed' ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Why the assembly cannot be reused, or undefined when it can. */
async function staleBecause(assemblyDir: string, sources: Record<string, string>, context: Record<string, string>): Promise<string | undefined> {
  const manifest = await readFile(path.join(assemblyDir, 'manifest.json')).catch(() => undefined);
  if (!manifest) return 'there is no assembly yet';
  const stamp = await readStamp(assemblyDir);
  if (!stamp) return 'the assembly there was not written by the testbed';
  if (stamp.manifest !== sha256(manifest)) return 'the assembly was rewritten by another tool after the testbed synthesized it';
  if (!sameContext(stamp.context, context)) return 'the CDK context changed';
  const changed = [...new Set([...Object.keys(sources), ...Object.keys(stamp.sources)])].filter((f) => sources[f] !== stamp.sources[f]);
  if (changed.length > 0) return `${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} changed`;
  return undefined;
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
 * Synthesizes the CDK app into `outdir` (default `.testbed/cdk.out`), or reuses the assembly there
 * when the testbed wrote it from sources with the same content hash and the same context. Says
 * which, and why. Concurrent callers (test files, the e2e setup) wait for each other instead of
 * writing the same directory at once.
 */
export async function synthesize(options: SynthOptions = {}): Promise<SynthResult> {
  const projectDir = path.resolve(options.projectDir ?? '.');
  const assemblyDir = path.resolve(projectDir, options.outdir ?? TESTBED_ASSEMBLY);
  const shown = path.relative(projectDir, assemblyDir);
  const context = options.context ?? {};
  const started = performance.now();
  const release = await lock(`${assemblyDir}.lock`);
  try {
    const sources = await sourceHashes(projectDir);
    const why = options.force ? 'a fresh synthesis was asked for' : await staleBecause(assemblyDir, sources, context);
    if (!why) {
      const reason = `Reusing ${shown}: ${SOURCES.map((d) => `${d}/`).join(', ')}, ${SOURCE_FILES.join(' and ')} are unchanged since it was synthesized.`;
      return { assemblyDir, reused: true, reason, ms: performance.now() - started };
    }
    options.log?.(`Synthesizing the stack into ${shown}: ${why}...`);
    await runApp(projectDir, assemblyDir, context);
    const manifest = sha256(await readFile(path.join(assemblyDir, 'manifest.json')));
    const stamp: Stamp = { tool: 'order-fulfillment-testbed', context, sources, manifest };
    await writeFile(path.join(assemblyDir, STAMP), JSON.stringify(stamp, null, 1) + '\n');
    return { assemblyDir, reused: false, reason: `Synthesized ${shown}.`, ms: performance.now() - started };
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
