import { randomInt } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** CloudFormation's random suffix: twelve upper-case letters and digits. */
export function randomSuffix(length = 12): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}

/**
 * The name CloudFormation gives a resource whose name property is left out:
 * `{stack}-{logicalId}-{random}`, with the stack name and logical id shortened to fit the
 * resource type's length limit.
 */
export function generatePhysicalName(stackName: string, logicalId: string, maxLength: number): string {
  const suffix = randomSuffix();
  const room = maxLength - suffix.length - 2;
  let stack = stackName;
  let logical = logicalId;
  if (stack.length + logical.length > room) {
    const half = Math.floor(room / 2);
    if (stack.length > half && logical.length > room - half) {
      stack = stack.slice(0, half);
      logical = logical.slice(0, room - half);
    } else if (stack.length > half) {
      stack = stack.slice(0, room - logical.length);
    } else {
      logical = logical.slice(0, room - stack.length);
    }
  }
  return `${stack}-${logical}-${suffix}`;
}
