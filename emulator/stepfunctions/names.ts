import { AwsError } from '../core/aws-error';

// What AWS forbids in state machine and execution names: whitespace, brackets, wildcards, these
// punctuation characters and control characters (U+0000-001F, U+007F-009F).
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** The characters are the service's check (InvalidName); the length is the model's (`NAME` in shapes.ts). */
export function validateName(name: string): void {
  if (FORBIDDEN.test(name)) throw new AwsError('InvalidName', `Invalid Name: '${name}'`);
}
