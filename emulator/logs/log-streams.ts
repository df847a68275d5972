import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { resolveGroup } from './log-groups';
import { LogStream, stateOf, type LogGroup, type LogsStore } from './store';
import { encodeToken } from '../core/paging';
import { boolean, enumOf, required, type InputOf } from '../protocol/validation';
import { DESCRIBE_LIMIT, LOG_GROUP_IDENTIFIER, LOG_GROUP_NAME, LOG_STREAM_NAME, NEXT_TOKEN, decodeToken, invalidParameter } from './shapes';

/** Adds a stream to a group; shared by CreateLogStream and the in-process append path. */
export function addStream(group: LogGroup, name: string): LogStream {
  const stream = new LogStream(name, group.streamArn(name), Date.now());
  group.streams.set(name, stream);
  return stream;
}

function describe(stream: LogStream): Record<string, unknown> {
  return {
    logStreamName: stream.name,
    creationTime: stream.creationTime,
    ...(stream.firstEventTimestamp !== undefined
      ? {
          firstEventTimestamp: stream.firstEventTimestamp,
          lastEventTimestamp: stream.lastEventTimestamp,
          lastIngestionTime: stream.lastIngestionTime,
        }
      : {}),
    ...(stream.uploadSequenceToken !== undefined ? { uploadSequenceToken: stream.uploadSequenceToken } : {}),
    arn: stream.arn,
    // Deprecated since June 2019: AWS reports zero for every stream.
    storedBytes: 0,
  };
}

const byName = (a: LogStream, b: LogStream) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const byLastEvent = (a: LogStream, b: LogStream) => (a.lastEventTimestamp ?? 0) - (b.lastEventTimestamp ?? 0) || byName(a, b);

const isOffsetToken = (v: any): v is { o: number; by: string } =>
  typeof v === 'object' && v !== null && Number.isInteger(v.o) && v.o >= 0 && typeof v.by === 'string';

/** CreateLogStream and DeleteLogStream name a stream of a group. */
export const LogStreamNameInput = { logGroupName: required(LOG_GROUP_NAME), logStreamName: required(LOG_STREAM_NAME) };

export function createLogStream(store: LogsStore, input: InputOf<typeof LogStreamNameInput>, ctx: RequestContext) {
  const group = stateOf(store, ctx).group(input.logGroupName);
  if (group.streams.has(input.logStreamName)) {
    throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
  }
  addStream(group, input.logStreamName);
  return {};
}

export function deleteLogStream(store: LogsStore, input: InputOf<typeof LogStreamNameInput>, ctx: RequestContext) {
  const state = stateOf(store, ctx);
  const group = state.group(input.logGroupName);
  state.stream(group, input.logStreamName);
  group.streams.delete(input.logStreamName);
  return {};
}

export const DescribeLogStreamsInput = {
  logGroupName: LOG_GROUP_NAME,
  logGroupIdentifier: LOG_GROUP_IDENTIFIER,
  logStreamNamePrefix: LOG_STREAM_NAME,
  orderBy: enumOf(['LogStreamName', 'LastEventTime']),
  descending: boolean(),
  nextToken: NEXT_TOKEN,
  limit: DESCRIBE_LIMIT,
};
export function describeLogStreams(store: LogsStore, input: InputOf<typeof DescribeLogStreamsInput>, ctx: RequestContext) {
  const orderBy = input.orderBy ?? 'LogStreamName';
  const prefix = input.logStreamNamePrefix;
  if (orderBy === 'LastEventTime' && prefix !== undefined) {
    throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
  }
  const group = resolveGroup(stateOf(store, ctx), input);
  const limit = input.limit ?? 50;
  const descending = input.descending === true;

  let streams = [...group.streams.values()];
  if (prefix !== undefined) streams = streams.filter((s) => s.name.startsWith(prefix));
  streams.sort(orderBy === 'LastEventTime' ? byLastEvent : byName);
  if (descending) streams.reverse();

  // An offset token, because streams ordered by their last event move; it remembers the ordering
  // it was issued for, and reusing it with another is refused.
  const by = `${orderBy}/${descending}/${prefix ?? ''}`;
  const offset = input.nextToken !== undefined ? decodeToken(input.nextToken, isOffsetToken) : { o: 0, by };
  if (offset.by !== by) throw invalidParameter('The specified nextToken is invalid.');
  const page = streams.slice(offset.o, offset.o + limit);
  const next = offset.o + page.length;
  return {
    logStreams: page.map(describe),
    ...(next < streams.length ? { nextToken: encodeToken({ o: next, by }) } : {}),
  };
}
