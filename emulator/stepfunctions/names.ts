import { AwsError, validationError } from '../core/aws-error';

// What AWS forbids in state machine and execution names: whitespace, brackets, wildcards, these
// punctuation characters and control characters (U+0000-001F, U+007F-009F).
const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Length is a model constraint (ValidationException); characters are the service's (InvalidName). */
export function validateName(name: string, member = 'name'): void {
  if (name.length > 80) {
    throw validationError([`Value '${name}' at '${member}' failed to satisfy constraint: Member must have length less than or equal to 80`]);
  }
  if (name.length < 1) {
    throw validationError([`Value '${name}' at '${member}' failed to satisfy constraint: Member must have length greater than or equal to 1`]);
  }
  if (FORBIDDEN.test(name)) throw new AwsError('InvalidName', `Invalid Name: '${name}'`);
}
