/** The emulator's name in its health answer (see emulator/server.ts), which LocalStack's lacks. */
export const EMULATOR_NAME = 'order-fulfillment-testbed';

/** What answers at an endpoint's `/_localstack/health`. */
export type Health =
  | { kind: 'embedded'; version?: string; services: Record<string, string> }
  | { kind: 'localstack'; version?: string; edition?: string; services: Record<string, string> }
  | { kind: 'other'; detail: string }
  | { kind: 'none'; detail: string };

/**
 * Asks `GET {endpoint}/_localstack/health` with a short timeout. The embedded emulator answers in
 * LocalStack's shape plus `emulator: 'order-fulfillment-testbed'`, which tells the two apart.
 */
export async function probeHealth(endpoint: string, timeoutMs = 1_500): Promise<Health> {
  let answer: Response;
  try {
    answer = await fetch(`${endpoint.replace(/\/+$/, '')}/_localstack/health`, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    const e = err as Error & { cause?: { code?: string } };
    return { kind: 'none', detail: e.name === 'TimeoutError' ? `no answer within ${timeoutMs} ms` : (e.cause?.code ?? e.message) };
  }
  const text = await answer.text();
  if (!answer.ok) return { kind: 'other', detail: `HTTP ${answer.status}` };
  let body: { services?: Record<string, string>; version?: string; edition?: string; emulator?: string };
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'other', detail: 'an answer that is not JSON' };
  }
  if (body.emulator === EMULATOR_NAME) return { kind: 'embedded', version: body.version, services: body.services ?? {} };
  if (body.services && typeof body.services === 'object') return { kind: 'localstack', version: body.version, edition: body.edition, services: body.services };
  return { kind: 'other', detail: 'JSON without a services list' };
}

export interface WaitOptions {
  /** The overall limit. */
  timeoutMs: number;
  /** How long connections may be refused before giving up: nothing listens, nothing is starting. */
  refusedTimeoutMs?: number;
  /** Progress: what is waited for, then a line every few seconds with the latest answer. */
  log?: (line: string) => void;
  progressEveryMs?: number;
}

/**
 * Polls the health endpoint until LocalStack (or this project's emulator, which speaks the same
 * APIs, CloudFormation included) answers with every service it needs up. Gives up at
 * the overall deadline, or sooner (4 s by default) while the port refuses connections: a
 * LocalStack that is starting accepts them long before its services are up.
 */
export async function waitForLocalStack(endpoint: string, services: readonly string[], options: WaitOptions): Promise<Health & { kind: 'localstack' | 'embedded' }> {
  const { timeoutMs, refusedTimeoutMs = 4_000, log, progressEveryMs = 2_000 } = options;
  const started = Date.now();
  const deadline = started + timeoutMs;
  let refusedSince: number | undefined;
  let nextProgress = started + progressEveryMs;
  let last: Health = { kind: 'none', detail: 'not asked yet' };
  log?.(`Waiting for LocalStack at ${endpoint} (GET /_localstack/health, services ${services.join(', ')}; up to ${Math.round(timeoutMs / 1000)} s)...`);
  for (;;) {
    last = await probeHealth(endpoint);
    if (last.kind === 'localstack' || last.kind === 'embedded') {
      const health = last;
      const down = services.filter((s) => !['running', 'available'].includes(health.services[s] ?? ''));
      if (down.length === 0) return health;
      last = { kind: 'other', detail: `services not ready: ${down.map((s) => `${s} (${health.services[s] ?? 'absent'})`).join(', ')}` };
    }
    const now = Date.now();
    // Progress first, so even a give-up on a slow machine has said what it saw on the way.
    if (now >= nextProgress) {
      log?.(`  still waiting after ${Math.round((now - started) / 1000)} s: ${last.detail}`);
      nextProgress = now + progressEveryMs;
    }
    const refused = last.kind === 'none' && last.detail === 'ECONNREFUSED';
    refusedSince = refused ? (refusedSince ?? now) : undefined;
    if (refusedSince !== undefined && now - refusedSince >= refusedTimeoutMs) {
      throw new Error(`Nothing listens at ${endpoint}: connections were refused for ${Math.round((now - refusedSince) / 1000)} s. Start LocalStack with \`docker compose up -d\`, or pass --endpoint.`);
    }
    if (now > deadline) {
      throw new Error(`LocalStack did not become ready at ${endpoint} within ${Math.round(timeoutMs / 1000)} s (${last.detail}): start it with \`docker compose up -d\`.`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
