import { readFile, stat } from 'node:fs/promises';
import AdmZip from 'adm-zip';
import type { FunctionCode } from '@aws-sdk/client-lambda';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import type { ProviderContext } from './provider';
import { str, type Props } from './support';

/**
 * LocalStack's hot-reload convention, which the emulator's Lambda service accepts too: bucket
 * `hot-reload` and, as key, the absolute path of a directory holding the unzipped code. A template
 * that names it explicitly gets it passed through.
 */
export const HOT_RELOAD_BUCKET = 'hot-reload';

/**
 * An asset directory zipped, as `cdk deploy` zips it for upload. The function then runs from the
 * Lambda service's own unpacked copy, as from /var/task on AWS: running it in place instead would
 * let the project's package.json (`"type": "module"`) decide how Node loads a CommonJS bundle.
 */
async function zipDirectory(dir: string): Promise<Buffer> {
  const zip = new AdmZip();
  await zip.addLocalFolderPromise(dir, {});
  return zip.toBufferPromise();
}

/** The file name CloudFormation writes inline `ZipFile` code to, by runtime family. */
function inlineFileName(runtime: string | undefined): string {
  if (runtime?.startsWith('python')) return 'index.py';
  return 'index.js';
}

/**
 * AWS::Lambda::Function `Code` as CreateFunction takes it. `S3Bucket`/`S3Key` naming an asset of
 * the cloud assembly are read from the assembly (the embedded target publishes nothing); any other
 * object is read from the emulator's S3, where `cdk deploy` published it. Inline `ZipFile` source
 * is zipped as CloudFormation does.
 */
export async function functionCode(code: Props, runtime: string | undefined, ctx: ProviderContext): Promise<FunctionCode> {
  if (code.ZipFile !== undefined) {
    const zip = new AdmZip();
    zip.addFile(inlineFileName(runtime), Buffer.from(String(code.ZipFile), 'utf8'));
    return { ZipFile: zip.toBuffer() };
  }
  if (code.ImageUri !== undefined) {
    throw new Error(`container image code (${str(code.ImageUri)}) is not supported by the embedded deployer; deploy this stack to LocalStack or AWS`);
  }
  const bucket = str(code.S3Bucket);
  const key = str(code.S3Key);
  if (!bucket || !key) throw new Error('Code needs S3Bucket and S3Key, ZipFile or ImageUri');
  if (bucket === HOT_RELOAD_BUCKET) return { S3Bucket: bucket, S3Key: key };
  const asset = ctx.assets.get(key);
  if (!asset) return { ZipFile: await readObject(bucket, key, ctx) };
  const info = await stat(asset.sourcePath).catch(() => undefined);
  if (!info) throw new Error(`its code asset ${asset.sourcePath} is missing: synthesize the stack again`);
  return { ZipFile: info.isDirectory() ? await zipDirectory(asset.sourcePath) : await readFile(asset.sourcePath) };
}

/** An object's bytes from the emulator's S3, or CloudFormation's error naming what is missing. */
async function readObject(bucket: string, key: string, ctx: ProviderContext): Promise<Buffer> {
  try {
    const answer = await ctx.clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    return Buffer.from(await answer.Body!.transformToByteArray());
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'NoSuchKey' || name === 'NoSuchBucket') throw new Error(`Error occurred while GetObject. S3 Error Code: ${name}. S3 Error Message: ${(err as Error).message}`);
    throw err;
  }
}
