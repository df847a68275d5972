/**
 * For reports and test failures: why each rule of the bus did or did not match an order's event,
 * read from the emulator's trace (`GET /_testbed/trace?orderId=`). A rule that matched any of the
 * order's events of that detail-type maps to undefined; one that never did, to its reason.
 * Undefined altogether when the emulator has no trace of the order (or is not the emulator).
 */
export async function ruleVerdicts(endpoint: string, orderId: string, detailType: string): Promise<Map<string, string | undefined> | undefined> {
  let body: { traces?: { roots: Step[] }[] };
  try {
    const res = await fetch(`${endpoint}/_testbed/trace?orderId=${encodeURIComponent(orderId)}`);
    if (res.status !== 200) return undefined;
    body = (await res.json()) as typeof body;
  } catch {
    return undefined;
  }
  const verdicts = new Map<string, string | undefined>();
  const visit = (step: Step) => {
    if (step.kind === 'rule-evaluation' && step.detailType === detailType && step.orderId === orderId) {
      if (step.matched) verdicts.set(step.rule, undefined);
      else if (!verdicts.has(step.rule)) verdicts.set(step.rule, step.reason ?? 'did not match');
    }
    step.children.forEach(visit);
  };
  for (const trace of body.traces ?? []) trace.roots.forEach(visit);
  return verdicts.size > 0 ? verdicts : undefined;
}

interface Step {
  kind: string;
  rule: string;
  matched?: boolean;
  reason?: string;
  detailType?: string;
  orderId?: string;
  children: Step[];
}
