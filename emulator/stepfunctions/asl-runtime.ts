// The polyfill must be evaluated before the interpreter: ES modules evaluate in import order.
import './promise-with-resolvers';
import type { RunOptions, StateMachine } from 'aws-local-stepfunctions';

/** The ASL interpreter every execution runs on. Import it from here, never directly. */
export { StateMachine, ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
export type { StateMachineDefinition } from 'aws-local-stepfunctions';

type TaskHandlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;
/** A JSON value as the interpreter passes it around. */
export type JsonValue = Parameters<TaskHandlers[string]>[0];
/** One entry of the interpreter's event log. */
export type InterpreterEvent = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
export type { TaskHandlers };
