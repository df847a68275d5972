import type { StateMachineDefinition } from './asl-runtime';
import type { AslDefinition, AslState } from './validate-definition';

/**
 * The interpreter's timers are `setTimeout`s: a delay above 2^31-1 ms fires at once. AWS's default
 * Task timeout (99999999 s) is far beyond that, so Task states without a timeout get the longest
 * delay a timer can hold (about 24.8 days) instead of the interpreter's own 60-second default.
 */
export const MAX_TIMER_SECONDS = Math.floor((2 ** 31 - 1) / 1000);

export interface PreparedDefinition {
  /** The definition the interpreter runs: waits and retry back-off scaled, Task timeouts set. */
  definition: StateMachineDefinition;
  /** Every state by name as written, nested branches and iterators included (ASL names are machine-wide). */
  states: Map<string, AslState>;
  /** Why this definition cannot run here, when it cannot. */
  unsupported?: string;
}

/**
 * Prepares a validated definition for the interpreter. Retry intervals (`IntervalSeconds`, default
 * 1, and `MaxDelaySeconds`) and fixed `Seconds` waits are multiplied by the emulator's time scale, as
 * every other emulated delay is; timestamps and path-based waits cannot be and are left as written.
 */
export function prepareDefinition(definition: AslDefinition, timeScale: number): PreparedDefinition {
  const copy = structuredClone(definition);
  const states = new Map<string, AslState>();
  let unsupported: string | undefined;
  if (copy.QueryLanguage === 'JSONata') unsupported = 'JSONata definitions (QueryLanguage: JSONata) are not supported by the embedded emulator.';

  const visit = (machine: { States?: Record<string, AslState> }, original: { States?: Record<string, AslState> }): void => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      const written = original.States![name]!;
      if (!states.has(name)) states.set(name, written);
      if (state.QueryLanguage === 'JSONata') unsupported ??= `State '${name}' uses JSONata, which the embedded emulator does not support.`;
      if (state.Type === 'Task' && state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) state.TimeoutSeconds = MAX_TIMER_SECONDS;
      if (state.Type === 'Task' && typeof state.TimeoutSeconds === 'number') state.TimeoutSeconds = Math.min(state.TimeoutSeconds, MAX_TIMER_SECONDS);
      if (state.Type === 'Wait' && typeof state.Seconds === 'number') state.Seconds = state.Seconds * timeScale;
      if (Array.isArray(state.Retry)) {
        for (const retrier of state.Retry as Array<Record<string, unknown>>) {
          retrier.IntervalSeconds = ((retrier.IntervalSeconds as number | undefined) ?? 1) * timeScale;
          if (typeof retrier.MaxDelaySeconds === 'number') retrier.MaxDelaySeconds = retrier.MaxDelaySeconds * timeScale;
        }
      }
      ((state.Branches as AslDefinition[] | undefined) ?? []).forEach((branch, i) => visit(branch, (written.Branches as AslDefinition[])[i]!));
      for (const key of ['Iterator', 'ItemProcessor'] as const) {
        const nested = state[key] as AslDefinition | undefined;
        if (nested) visit(nested, written[key] as AslDefinition);
      }
    }
  };
  visit(copy, definition);
  return { definition: copy as unknown as StateMachineDefinition, states, unsupported };
}
