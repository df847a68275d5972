/**
 * An error a state raises, by its ASL name (`States.Runtime`, `States.Timeout`, a Lambda's
 * `errorType`, ...) and cause. Retry and Catch match on `name`.
 */
export class StatesError extends Error {
  constructor(
    name: string,
    override readonly cause?: string,
  ) {
    super(cause ?? name);
    this.name = name;
  }
}

/** `States.Runtime`: a path or expression that cannot be evaluated. AWS lets no Retry or Catch handle it. */
export function runtimeError(cause: string): StatesError {
  return new StatesError('States.Runtime', cause);
}

/** Any thrown value as an ASL error. */
export function toStatesError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  if (err instanceof Error) return new StatesError(err.name === 'Error' ? 'States.TaskFailed' : err.name, err.message);
  return new StatesError('States.TaskFailed', String(err));
}
