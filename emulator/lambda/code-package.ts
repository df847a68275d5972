import AdmZip from 'adm-zip';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalidParameter, lambdaError } from './errors';
import type { FunctionCode } from './model';

/** LocalStack's convention: this bucket name means "run the code from the local directory in S3Key". */
export const HOT_RELOAD_BUCKET = 'hot-reload';

const MAX_ZIPPED_BYTES = 52_428_800;
const MAX_UNZIPPED_BYTES = 262_144_000;

export interface CodeInput {
  ZipFile?: string | Buffer;
  S3Bucket?: string;
  S3Key?: string;
  S3ObjectVersion?: string;
  ImageUri?: string;
}

/**
 * Where function code lives on disk. Zips are unpacked into one directory per upload under a
 * private temporary root. That root also holds `node_modules/@aws-sdk`, a link to the project's
 * SDK: Node resolves bare imports by walking up from the handler file, so a bundle that marks
 * `@aws-sdk/*` external finds the SDK there (after its own `node_modules`), as the managed
 * runtime provides it on AWS, for CommonJS and ES modules alike.
 */
export class CodeStore {
  private root?: string;

  /** Reads `Code.S3Bucket`/`S3Key` from the emulator's S3: the object's bytes, or why it is missing. */
  constructor(private readonly readObject?: (bucket: string, key: string) => Buffer | 'NoSuchBucket' | 'NoSuchKey') {}

  /** The directory that holds the linked `@aws-sdk` scope, for `NODE_PATH` and resolution fallbacks. */
  get runtimeNodeModules(): string {
    return path.join(this.ensureRoot(), 'node_modules');
  }

  fromInput(code: CodeInput, functionName: string): FunctionCode {
    if (code.ZipFile !== undefined && code.ZipFile !== null) {
      const bytes = Buffer.isBuffer(code.ZipFile) ? code.ZipFile : Buffer.from(code.ZipFile, 'base64');
      return this.fromZip(bytes, functionName);
    }
    if (code.S3Bucket) {
      if (code.S3Bucket === HOT_RELOAD_BUCKET) return hotReload(code.S3Key ?? '');
      const object = this.readObject?.(code.S3Bucket, code.S3Key ?? '') ?? 'NoSuchBucket';
      if (object === 'NoSuchBucket') throw invalidParameter('Error occurred while GetObject. S3 Error Code: NoSuchBucket. S3 Error Message: The specified bucket does not exist');
      if (object === 'NoSuchKey') throw invalidParameter('Error occurred while GetObject. S3 Error Code: NoSuchKey. S3 Error Message: The specified key does not exist.');
      return this.fromZip(object, functionName);
    }
    throw invalidParameter('Please provide a source for function code.');
  }

  fromZip(zip: Buffer, functionName: string): FunctionCode {
    if (zip.length > MAX_ZIPPED_BYTES) {
      throw lambdaTooLarge(`Zipped size must be smaller than ${MAX_ZIPPED_BYTES} bytes`);
    }
    let archive: AdmZip;
    let unzipped = 0;
    try {
      archive = new AdmZip(zip);
      for (const entry of archive.getEntries()) unzipped += entry.header.size;
    } catch {
      throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
    }
    if (unzipped >= MAX_UNZIPPED_BYTES) {
      throw invalidParameter(`Unzipped size must be smaller than ${MAX_UNZIPPED_BYTES} bytes`);
    }
    const dir = path.join(this.ensureRoot(), 'code', `${functionName}-${randomUUID()}`);
    mkdirSync(dir, { recursive: true });
    try {
      archive.extractAllTo(dir, true);
    } catch {
      rmSync(dir, { recursive: true, force: true });
      throw invalidParameter('Could not unzip uploaded file. Please check your file, then try to upload again.');
    }
    return { dir, sha256: createHash('sha256').update(zip).digest('base64'), size: zip.length, zip, hotReload: false };
  }

  /** Removes every unpacked upload (old code stays until then: busy environments may still use it). */
  dispose(): void {
    if (this.root) rmSync(this.root, { recursive: true, force: true });
    this.root = undefined;
  }

  private ensureRoot(): string {
    if (this.root) return this.root;
    const root = mkdtempSync(path.join(tmpdir(), 'testbed-lambda-'));
    const modules = path.join(root, 'node_modules');
    mkdirSync(modules);
    const sdk = projectSdkScope();
    if (sdk) symlinkSync(sdk, path.join(modules, '@aws-sdk'), 'dir');
    this.root = root;
    return root;
  }
}

function hotReload(dir: string): FunctionCode {
  if (!path.isAbsolute(dir)) {
    throw invalidParameter(`When using hot reloading, the archive key has to be an absolute path! Your archive key: ${dir}`);
  }
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw invalidParameter(`The hot-reload directory ${dir} does not exist or is not a directory.`);
  }
  // LocalStack reports these values for hot-reloaded code; there is no archive to hash.
  return { dir, sha256: 'hot-reloading-hash-not-available', size: 0, hotReload: true };
}

function lambdaTooLarge(message: string) {
  return lambdaError('RequestEntityTooLargeException', message);
}

/** The `node_modules/@aws-sdk` directory the emulator itself uses. */
function projectSdkScope(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, 'node_modules', '@aws-sdk');
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** True when a bare `@aws-sdk/...` import from `dir` resolves by Node's own upward search. */
export function sdkResolvableFrom(dir: string): boolean {
  for (let d = dir; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'node_modules', '@aws-sdk'))) return true;
    if (path.dirname(d) === d) return false;
  }
}
