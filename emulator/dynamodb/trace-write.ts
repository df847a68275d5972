import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestContext } from '../core/request-context';
import type { TraceStore } from '../core/trace';

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems']);

/**
 * A write as a step of its caller's trace: the table, the key, the operation and how it ended
 * (a failed condition is a 400 `ConditionalCheckFailedException`). The body is read alongside
 * dynalite, which takes the same `data` events.
 */
export function traceWrite(trace: TraceStore, req: IncomingMessage, res: ServerResponse, operation: string, ctx: RequestContext): void {
  if (!WRITES.has(operation)) return;
  const span = trace.begin(ctx.traceHeader);
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  const end = res.end.bind(res);
  let answer = '';
  // The error body of a refused write says why; successful answers are not kept.
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (res.statusCode >= 400 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) answer = chunk.toString().slice(0, 1024);
    return (end as (...args: unknown[]) => ServerResponse)(chunk, ...rest);
  }) as ServerResponse['end'];
  res.on('finish', () => {
    let input: Record<string, any> = {};
    try {
      input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      // dynalite has answered the malformed body; the record keeps what it can.
    }
    const table = input.TableName ?? (input.RequestItems ? Object.keys(input.RequestItems).join(', ') : input.TransactItems ? 'transaction' : '');
    const key = input.Key ?? (input.Item ? input.Item : undefined);
    const errorType = answer ? (/"__type":"[^"#]*#?([^"]+)"/.exec(answer)?.[1] ?? answer) : undefined;
    trace.add({
      id: span.id,
      traceId: span.traceId,
      parentId: span.parentId,
      kind: 'dynamodb-write',
      service: 'dynamodb',
      name: `${operation} ${table}`,
      start: span.start,
      durationMs: Date.now() - span.start,
      status: res.statusCode < 400 ? 'ok' : 'error',
      orderId: typeof key?.orderId?.S === 'string' ? key.orderId.S : undefined,
      data: { operation, table, key, statusCode: res.statusCode, ...(input.UpdateExpression ? { update: input.UpdateExpression } : {}), ...(input.ConditionExpression ? { condition: input.ConditionExpression } : {}), ...(errorType ? { errorType } : {}) },
    });
  });
}
