import type { IncomingMessage, ServerResponse, Server } from 'node:http';
import dynalite from 'dynalite';
import type { DynamoDbInternal } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { RegionalStore } from '../core/regional-store';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * DynamoDB is dynalite (a maintained, in-memory DynamoDB implementation) behind the emulator's
 * port. Each account and region gets its own dynalite instance, so tables stay apart as on AWS.
 * Requests go straight to dynalite's request listener: no second port, no proxy hop.
 */
export function createDynamoDbService(): DynamoDbInternal {
  const instances = new RegionalStore<RequestListener>(() => {
    // Tables become ACTIVE at once; AWS takes seconds, which nothing here needs to imitate.
    const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 }) as Server;
    return server.listeners('request')[0] as RequestListener;
  });

  return {
    healthName: 'dynamodb',
    async handleHttp(req: IncomingMessage, res: ServerResponse, _url: URL, ctx: RequestContext): Promise<boolean> {
      const target = req.headers['x-amz-target'];
      if (typeof target !== 'string' || !target.startsWith('DynamoDB_20120810.')) return false;
      instances.get(ctx.accountId, ctx.region)(req, res);
      return true;
    },
  };
}
