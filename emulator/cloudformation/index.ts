import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Hub, Service } from '../core/hub';
import type { RequestContext } from '../core/request-context';
import { AwsError } from '../core/aws-error';
import { readBody, sendJson } from '../protocol/http';
import { sendJsonError } from '../protocol/json';
import { CustomResourceResponses } from './custom-resource-responses';
import { keepStacks } from './kept-stacks';
import { StackRecords } from './stack-records';
import { queryService } from '../protocol/query';
import { cloudFormationOperations } from './operations';
import { createStore } from './stacks';

const RESPONSES = /^\/_testbed\/cloudformation\/responses\/([A-Za-z0-9._-]{1,200})$/;
const STACKS = /^\/_testbed\/cloudformation\/stacks\/([A-Za-z][A-Za-z0-9-]{0,127})$/;

/**
 * CloudFormation: the API over AWS Query (`Version=2010-05-15`), with the deployer
 * (`emulator/deployer/`) as its engine, and the embedded deployer's own routes on the emulator's
 * port:
 * - `PUT|GET|DELETE /_testbed/cloudformation/responses/{token}`: custom-resource response URLs;
 * - `GET|PUT|DELETE /_testbed/cloudformation/stacks/{name}?account=&region=`: the record of a
 *   deployed stack (account and region default to the caller's credential scope).
 * Stacks deployed in process by the embedded target are kept in those records; stacks made through
 * the API (CreateStack, change sets, `cdk deploy`) are the API's.
 */
export function createCloudFormationService(hub: Hub): Service {
  const responses = new CustomResourceResponses();
  const stacks = new StackRecords();

  async function answerStack(req: IncomingMessage, res: ServerResponse, url: URL, name: string, ctx: RequestContext): Promise<void> {
    const account = url.searchParams.get('account') ?? ctx.accountId;
    const region = url.searchParams.get('region') ?? ctx.region;
    switch (req.method) {
      case 'GET': {
        const record = stacks.get(account, region, name);
        if (record === undefined) return sendJsonError(res, new AwsError('ValidationError', `Stack with id ${name} does not exist`, 404), ctx.requestId);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(record) }).end(record);
        return;
      }
      case 'PUT': {
        // A stack record names every resource of a stack: larger than the default ceiling allows.
        const body = (await readBody(req, 16 * 1024 * 1024)).toString('utf8');
        try {
          JSON.parse(body);
        } catch {
          return sendJsonError(res, new AwsError('ValidationError', 'A stack record must be a JSON document.'), ctx.requestId);
        }
        stacks.put(account, region, name, body);
        return sendJson(res, 200, { stackName: name });
      }
      case 'DELETE':
        stacks.delete(account, region, name);
        res.writeHead(204).end();
        return;
      default:
        return sendJsonError(res, new AwsError('MethodNotAllowed', `${req.method} is not allowed on a stack record.`, 405), ctx.requestId);
    }
  }

  const store = createStore();
  const query = queryService('2010-05-15', 'http://cloudformation.amazonaws.com/doc/2010-05-15/', cloudFormationOperations, { hub, store });
  const kept = hub.persistence ? keepStacks(hub.persistence, store, query) : undefined;

  return {
    healthName: 'cloudformation',
    query,
    async stop() {
      kept?.stop();
    },
    async handleHttp(req, res, url, ctx) {
      const response = RESPONSES.exec(url.pathname);
      if (response) {
        await responses.answer(req, res, response[1]!, ctx);
        return true;
      }
      const stack = STACKS.exec(url.pathname);
      if (stack) {
        await answerStack(req, res, url, stack[1]!, ctx);
        return true;
      }
      return false;
    },
  };
}
