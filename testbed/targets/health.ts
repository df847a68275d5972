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

/**
 * Polls the health endpoint until LocalStack (or this project's emulator, which speaks the same
 * APIs, CloudFormation included) answers with every service it needs up, or the deadline passes.
 */
export async function waitForLocalStack(endpoint: string, services: readonly string[], timeoutMs: number): Promise<Health & { kind: 'localstack' | 'embedded' }> {
  const deadline = Date.now() + timeoutMs;
  let last: Health = { kind: 'none', detail: 'not asked yet' };
  for (;;) {
    last = await probeHealth(endpoint);
    if (last.kind === 'localstack' || last.kind === 'embedded') {
      const health = last;
      const down = services.filter((s) => !['running', 'available'].includes(health.services[s] ?? ''));
      if (down.length === 0) return health;
      last = { kind: 'other', detail: `services not ready: ${down.map((s) => `${s} (${health.services[s] ?? 'absent'})`).join(', ')}` };
    }
    if (Date.now() > deadline) {
      throw new Error(`LocalStack did not become ready at ${endpoint} within ${Math.round(timeoutMs / 1000)} s (${last.detail}): start it with \`docker compose up -d\`.`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}
