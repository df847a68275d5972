/**
 * Reads a setting the stack gives the function. A missing one is a deployment mistake, so the
 * error names the variable instead of letting an `undefined` travel into an AWS call.
 */
export function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`Environment variable ${name} is not set`);
  return value;
}
