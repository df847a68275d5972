import { seededRandom } from '../testing/prng';

/**
 * The draw behind every probabilistic fault. Seeded (`startEmulator({ chaosSeed })` or
 * `TESTBED_CHAOS_SEED`), the same run of requests meets the same faults, so a test or a soak
 * can be repeated; unseeded, it is Math.random.
 */
export function randomSource(seed?: number): () => number {
  return seed === undefined ? Math.random : seededRandom(seed);
}

export function seedFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.TESTBED_CHAOS_SEED;
  if (raw === undefined || raw === '') return undefined;
  const seed = Number(raw);
  if (!Number.isInteger(seed)) throw new Error(`TESTBED_CHAOS_SEED must be a whole number, got "${raw}".`);
  return seed;
}
