import { Execution, type KeptExecution } from './execution';
import type { StepFunctionsBackend } from './store';

/**
 * With a state folder (`--state-dir`), every execution of a STANDARD or EXPRESS machine started
 * here is kept: when it starts, and again when it ends (status, output or error, and its whole
 * history). At start an execution that had ended is back as it ended, for DescribeExecution,
 * ListExecutions and GetExecutionHistory.
 *
 * An execution that was still running when the emulator stopped (or was killed) starts again from
 * its first state, with the same ARN, name, input and start date: the interpreter cannot resume in
 * the middle of a state, so its tasks run at least once, like EventBridge's deliveries after a
 * restart. AWS never restarts an execution; this is the emulator's way of losing none.
 */

/** Executions the emulator itself aborted while stopping: they resume after the restart, so their abort is not kept. */
const interrupted = new WeakSet<Execution>();

export function keepExecution(backend: StepFunctionsBackend, execution: Execution): void {
  const records = backend.hub.persistence?.records('stepfunctions');
  if (!records) return;
  records.put(execution.arn, execution.toKept());
  void execution.finished.then(() => {
    if (!interrupted.has(execution)) records.put(execution.arn, execution.toKept());
  });
}

/** Aborts a running execution because the emulator stops; the state folder still has it running. */
export function interrupt(execution: Execution): void {
  interrupted.add(execution);
  execution.stop();
}

/**
 * Brings the kept executions back: the ended ones at once; the running ones start again once the
 * emulator serves every request (their tasks call the other services).
 */
export async function restoreExecutions(backend: StepFunctionsBackend): Promise<void> {
  const persistence = backend.hub.persistence;
  if (!persistence) return;
  const running: KeptExecution[] = [];
  for (const [, kept] of await persistence.records('stepfunctions').all<KeptExecution>()) {
    if (kept.status === 'RUNNING') running.push(kept);
    else add(backend, kept);
  }
  persistence.onResume(() => {
    for (const kept of running.sort((a, b) => a.startDate.getTime() - b.startDate.getTime())) {
      const execution = add(backend, kept);
      backend.hub.pending.track('execution', kept.arn, execution.finished);
      keepExecution(backend, execution);
    }
  });
}

function add(backend: StepFunctionsBackend, kept: KeptExecution): Execution {
  const [, , , region, accountId] = kept.arn.split(':');
  const execution = new Execution(kept.arn, kept.name, kept.stateMachine, kept.input, environment(backend, accountId!, region!), kept);
  backend.regions.get(accountId!, region!).executions.set(kept.arn, execution);
  return execution;
}

/** Where an execution's tasks run: the emulator's services, in the execution's account and region. */
export function environment(backend: StepFunctionsBackend, accountId: string, region: string) {
  return { timeScale: backend.hub.clock.scale, taskContext: { hub: backend.hub, dynamodb: backend.dynamodb, accountId, region } };
}
