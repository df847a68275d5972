/** A deployment or destruction that stopped at a resource; the message says which, why, and what is left. */
export class DeployError extends Error {
  override readonly name = 'DeployError';
  constructor(
    message: string,
    readonly logicalId?: string,
    readonly resourceType?: string,
  ) {
    super(message);
  }
}

/** The reason inside an SDK or provider error, without the class-name noise. */
export function reasonOf(err: unknown): string {
  if (err instanceof Error) {
    const name = err.name && err.name !== 'Error' && !err.message.startsWith(err.name) ? `${err.name}: ` : '';
    return `${name}${err.message}`.replace(/\.$/, '');
  }
  return String(err);
}
