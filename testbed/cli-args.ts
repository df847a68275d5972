/**
 * Bad usage of a command (an unknown option, a misspelt target, a missing file name): every
 * command prints its message and the usage line and exits 2; other failures exit 1.
 */
export class UsageError extends Error {}

/** Exit status for bad usage, the same in every command. */
export const USAGE_EXIT = 2;

/**
 * Splits `npm run e2e` arguments into the testbed's own `--target` (`--target x` or
 * `--target=x`) and everything else, which goes to vitest unchanged.
 */
export function splitE2eArgs(args: string[]): { target?: string; vitestArgs: string[] } {
  let target: string | undefined;
  const vitestArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--target') {
      const value = args[++i];
      if (value === undefined || value.startsWith('-')) throw new UsageError('--target needs a value.');
      target = value;
    } else if (arg.startsWith('--target=')) {
      target = arg.slice('--target='.length);
    } else {
      vitestArgs.push(arg);
    }
  }
  return { target, vitestArgs };
}
