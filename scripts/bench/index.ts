import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

/** A headline figure a benchmark hands back for the summary at the end of the run. */
export interface SummaryLine {
  label: string;
  value: string;
  aim?: string;
}

/**
 * `npm run bench`: runs every `*.bench.ts` module beside this file in name order, or only those
 * whose names contain one of the words given (`npm run bench -- pattern lambda`). Each module
 * exports `run()`, which prints its own figures and may return headline figures; the run ends
 * with those, in one table. Benchmarks print; they never fail on a timing.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(here)).filter((f) => f.endsWith('.bench.ts') && (only.length === 0 || only.some((w) => f.includes(w)))).sort();
if (files.length === 0) {
  console.error(`No benchmark matches ${only.join(', ')}; the benchmarks are: ${(await readdir(here)).filter((f) => f.endsWith('.bench.ts')).join(', ')}.`);
  process.exit(2);
}
const summary: SummaryLine[] = [];
for (const file of files) {
  console.log(`\n== ${file.replace('.bench.ts', '')} ==`);
  const mod = (await import(pathToFileURL(path.join(here, file)).href)) as { run(): Promise<SummaryLine[] | void> };
  summary.push(...((await mod.run()) ?? []));
}
if (summary.length > 0) {
  console.log('\n== summary ==');
  const width = Math.max(...summary.map((s) => s.label.length));
  for (const s of summary) console.log(`${s.label.padEnd(width)}  ${s.value}${s.aim ? `  (aim: ${s.aim})` : ''}`);
}
