import type { RequestContext } from '../core/request-context';
import type { RestBinding } from './rest-json';
import { compileInput, type Dialect, type InputOf, type Members } from './validation';

/**
 * One operation of a service's table, keyed by its AWS name (`PutRule`, `CreateLogGroup`): the
 * input shape the validation front end checks, and the handler that runs once the input is valid.
 * REST protocols add the HTTP binding (`http`); JSON protocols route by `X-Amz-Target` alone.
 *
 * `C` is what the service hands every handler (its store, its runtime).
 */
export interface Operation<C> {
  input: Members;
  handler: (context: C, input: any, ctx: RequestContext) => unknown;
  /** Checks AWS makes ahead of the model's constraints (a special message for one member). */
  before?: (input: Record<string, any>) => void;
  http?: RestBinding;
  /** The prefix of member paths in this operation's messages (API Gateway's `createRestApiInput`). */
  inputPath?: string;
}

export type OperationTable<C> = Readonly<Record<string, Operation<C>>>;

/**
 * An entry of the table. The handler's input type is derived from the shape, so the compiler
 * checks the handler against what the front end lets through.
 */
export function op<const M extends Members, C>(
  input: M,
  handler: (context: C, input: InputOf<M>, ctx: RequestContext) => unknown,
  extra: Pick<Operation<C>, 'before' | 'http' | 'inputPath'> = {},
): Operation<C> {
  return { input, handler, ...extra };
}

/** An operation ready to run: validated input in, result out. */
export type CompiledOperation = (input: Record<string, any>, ctx: RequestContext) => unknown;

/** Compiles every entry's validation once and binds the handlers to the service's context. */
export function compileTable<C>(table: OperationTable<C>, context: C, dialect: Dialect): Record<string, CompiledOperation> {
  const out: Record<string, CompiledOperation> = {};
  for (const [name, operation] of Object.entries(table)) {
    const validate = compileInput(operation.input, dialect, operation.inputPath);
    const { before, handler } = operation;
    out[name] = (input, ctx) => {
      before?.(input);
      validate(input);
      return handler(context, input, ctx);
    };
  }
  return out;
}
