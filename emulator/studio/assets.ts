import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * The page's files, all in the package (no CDN): the HTML and CSS as written, the script
 * bundled from TypeScript by esbuild once, on the first request, and kept.
 */
const PAGE_DIR = new URL('./page/', import.meta.url);

export const STUDIO_PATH = '/_testbed/studio';

let script: Promise<string> | undefined;

export async function studioAsset(path: string): Promise<{ type: string; body: string } | undefined> {
  switch (path) {
    case STUDIO_PATH:
    case `${STUDIO_PATH}/`:
      return { type: 'text/html; charset=utf-8', body: await readFile(new URL('studio.html', PAGE_DIR), 'utf8') };
    case `${STUDIO_PATH}/studio.css`:
      return { type: 'text/css; charset=utf-8', body: await readFile(new URL('studio.css', PAGE_DIR), 'utf8') };
    case `${STUDIO_PATH}/studio.js`:
      script ??= bundle().catch((err: unknown) => {
        script = undefined;
        throw err;
      });
      return { type: 'text/javascript; charset=utf-8', body: await script };
    default:
      return undefined;
  }
}

async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  const out = await build({
    entryPoints: [fileURLToPath(new URL('studio.ts', PAGE_DIR))],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}
