/**
 * The emulator's stand-in for the pre-signed S3 URLs CloudFormation hands to custom resources:
 * the provider PUTs its JSON response to `/_testbed/cloudformation/responses/{token}`, and the
 * deployer reads it back with GET (and removes it with DELETE once read).
 *
 * Like a pre-signed URL, any token is accepted; the deployer makes them unguessable. The body is
 * kept as sent: judging it (size limit, Status, PhysicalResourceId) is CloudFormation's job, so
 * the deployer does it and reports CloudFormation's own messages.
 */
export class CustomResourceResponses {
  private readonly bodies = new Map<string, string>();

  /** A response far larger than CloudFormation's 4 KB limit is refused outright, like S3 would not. */
  static readonly MAX_STORED_BYTES = 1024 * 1024;

  put(token: string, body: string): void {
    this.bodies.set(token, body);
  }

  get(token: string): string | undefined {
    return this.bodies.get(token);
  }

  delete(token: string): void {
    this.bodies.delete(token);
  }
}
