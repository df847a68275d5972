import { nullViolation, validationError } from '../core/aws-error';

/** A required string member, or AWS's null-violation ValidationException. */
export function requireString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (value === undefined || value === null) throw validationError([nullViolation(member)]);
  if (typeof value !== 'string') throw validationError([`Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must be a string`]);
  return value;
}

export function optionalString(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw validationError([`Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must be a string`]);
  return value;
}

/** An enum member checked as AWS's model does. */
export function checkEnum(value: unknown, member: string, allowed: readonly string[]): void {
  if (value !== undefined && value !== null && !allowed.includes(value as string)) {
    throw validationError([`Value '${String(value)}' at '${member}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`]);
  }
}

/** Timestamps in the JSON protocol are epoch seconds. */
export function epochSeconds(date: Date): number {
  return date.getTime() / 1000;
}
