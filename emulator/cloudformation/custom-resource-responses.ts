import type { IncomingMessage, ServerResponse } from 'node:http';
import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { readBody } from '../protocol/http';
import { sendJsonError } from '../protocol/json';

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

  /** The response URL's route: PUT stores the body, GET reads it back (404 `NoSuchKey` when absent), DELETE removes it. */
  async answer(req: IncomingMessage, res: ServerResponse, token: string, ctx: RequestContext): Promise<void> {
    switch (req.method) {
      case 'PUT': {
        const body = await readBody(req, CustomResourceResponses.MAX_STORED_BYTES);
        this.put(token, body.toString('utf8'));
        res.writeHead(200, { 'content-length': 0 }).end();
        return;
      }
      case 'GET': {
        const body = this.get(token);
        if (body === undefined) return sendJsonError(res, new AwsError('NoSuchKey', 'The specified key does not exist.', 404), ctx.requestId);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
        return;
      }
      case 'DELETE':
        this.delete(token);
        res.writeHead(204).end();
        return;
      default:
        return sendJsonError(res, new AwsError('MethodNotAllowed', `${req.method} is not allowed on a response URL.`, 405), ctx.requestId);
    }
  }
}
