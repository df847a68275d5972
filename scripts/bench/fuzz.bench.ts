import fc from 'fast-check';
import { startEmulator } from '../../emulator/server';
import { eventPatternProperty, filterPatternProperty, inputTransformerProperty, operationProperty } from '../../emulator/testing/fuzz-properties';

/** The fuzz properties over 100,000+ generated inputs: prints how many ran and how fast. */
export async function run(): Promise<void> {
  const emulator = await startEmulator({ port: 0 });
  try {
    const runs: Array<[string, () => Promise<void> | void, number]> = [
      ['event patterns', () => fc.assert(eventPatternProperty, { numRuns: 40_000 }), 40_000],
      ['filter patterns', () => fc.assert(filterPatternProperty, { numRuns: 30_000 }), 30_000],
      ['InputTransformer', () => fc.assert(inputTransformerProperty, { numRuns: 20_000 }), 20_000],
      ['operation tables', () => fc.assert(operationProperty(emulator.hub), { numRuns: 20_000 }), 20_000],
    ];
    let total = 0;
    for (const [name, check, count] of runs) {
      const started = performance.now();
      await check();
      total += count;
      console.log(`${name}: ${count.toLocaleString('en')} inputs, no failure, ${Math.round(count / ((performance.now() - started) / 1000)).toLocaleString('en')}/s`);
    }
    console.log(`total: ${total.toLocaleString('en')} generated inputs`);
  } finally {
    await emulator.stop();
  }
}
