import type { Persistence } from '../persistence';
import type { QueryService } from '../protocol/query';
import { addEvent, type CloudFormationStore, type Stack } from './stacks';

const READ_ONLY = /^(Describe|List|Get|Validate|Estimate)/;
/** How often stacks being deployed are written while their deployment runs. */
const IN_PROGRESS_EVERY_MS = 250;

/**
 * With a state folder (`--state-dir`), the API's stacks (CreateStack, change sets, `cdk deploy`)
 * are kept as records: after every request that changes one, and while a deployment runs, until it
 * ends. The resources a deployment made are kept by their own services (the deployer creates them
 * over HTTP, so the journal has them); replaying CreateStack instead would deploy a second time.
 *
 * A stack whose operation was still running when the emulator stopped comes back failed
 * (`CREATE_FAILED`, `UPDATE_ROLLBACK_FAILED`, ...), its reason saying so: the deployment does not
 * continue after a restart.
 */
export function keepStacks(persistence: Persistence, store: CloudFormationStore, api: QueryService): { stop(): void } {
  const records = persistence.records('cloudformation');
  let watching = new Set<Stack>();
  let timer: NodeJS.Timeout | undefined;

  const allStacks = () => [...store.entries()].flatMap(([, , region]) => region.stacks);
  const save = (stacks: Iterable<Stack>) => {
    for (const stack of stacks) records.put(stack.stackId, stack);
  };
  // Writes the stacks in progress, and the ones that were at the last tick (they have just ended).
  const tick = () => {
    const running = new Set(allStacks().filter(inProgress));
    save(new Set([...watching, ...running]));
    watching = running;
    if (running.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };

  for (const [action, operation] of Object.entries(api.operations)) {
    if (READ_ONLY.test(action)) continue;
    api.operations[action] = async (input, ctx) => {
      try {
        return await operation(input, ctx);
      } finally {
        save(allStacks());
        tick();
        timer ??= setInterval(tick, IN_PROGRESS_EVERY_MS).unref();
      }
    };
  }

  persistence.onRestore(async () => {
    const kept = (await records.all<Stack>()).map(([, stack]) => stack).sort((a, b) => a.created.getTime() - b.created.getTime());
    for (const stack of kept) {
      const [, , , region, accountId] = stack.stackId.split(':');
      if (inProgress(stack)) interrupted(stack);
      store.get(accountId!, region!).stacks.push(stack);
    }
  });

  return {
    // The last state of every stack goes to disk before the folder closes.
    stop() {
      clearInterval(timer);
      timer = undefined;
      save(allStacks());
    },
  };
}

const inProgress = (stack: Stack) => stack.status.endsWith('_IN_PROGRESS');

/** The status an operation cut short by a restart ends in; a clean-up that was under way had already succeeded. */
function interrupted(stack: Stack): void {
  const status = stack.status.endsWith('_COMPLETE_CLEANUP_IN_PROGRESS') ? stack.status.replace('_CLEANUP_IN_PROGRESS', '') : stack.status.replace('_IN_PROGRESS', '_FAILED');
  addEvent(stack, { status, reason: 'The emulator stopped while this operation ran; it does not continue after a restart.' });
  for (const changeSet of stack.changeSets) if (changeSet.executionStatus === 'EXECUTE_IN_PROGRESS') changeSet.executionStatus = 'EXECUTE_FAILED';
}
