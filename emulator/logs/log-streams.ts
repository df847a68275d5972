import { AwsError } from '../core/aws-error';
import type { RequestContext } from '../core/request-context';
import { resolveGroup } from './log-groups';
import { LogStream, stateOf, type LogGroup, type LogsStore } from './store';
import { DESCRIBE_LIMIT, LOG_GROUP_IDENTIFIER, LOG_GROUP_NAME, LOG_STREAM_NAME, NEXT_TOKEN, decodeToken, encodeToken, invalidParameter, validate } from './validate';

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

export function logStreamOperations(store: LogsStore) {
  return {
    CreateLogStream(input: any, ctx: RequestContext) {
      if (typeof input.logStreamName === 'string' && input.logStreamName.length > 512) {
        throw invalidParameter('Invalid LogGroup or LogStream, both must have length less than or equal to 512.');
      }
      validate(input, {
        logGroupName: { ...LOG_GROUP_NAME, required: true },
        logStreamName: { ...LOG_STREAM_NAME, required: true },
      });
      const group = stateOf(store, ctx).group(input.logGroupName);
      if (group.streams.has(input.logStreamName)) {
        throw new AwsError('ResourceAlreadyExistsException', 'The specified log stream already exists');
      }
      addStream(group, input.logStreamName);
      return {};
    },

    DeleteLogStream(input: any, ctx: RequestContext) {
      validate(input, {
        logGroupName: { ...LOG_GROUP_NAME, required: true },
        logStreamName: { ...LOG_STREAM_NAME, required: true },
      });
      const state = stateOf(store, ctx);
      const group = state.group(input.logGroupName);
      state.stream(group, input.logStreamName);
      group.streams.delete(input.logStreamName);
      return {};
    },

    DescribeLogStreams(input: any, ctx: RequestContext) {
      validate(input, {
        logGroupName: LOG_GROUP_NAME,
        logGroupIdentifier: LOG_GROUP_IDENTIFIER,
        logStreamNamePrefix: LOG_STREAM_NAME,
        orderBy: { type: 'enum', values: ['LogStreamName', 'LastEventTime'] },
        descending: { type: 'boolean' },
        nextToken: NEXT_TOKEN,
        limit: DESCRIBE_LIMIT,
      });
      const orderBy: string = input.orderBy ?? 'LogStreamName';
      const prefix: string | undefined = input.logStreamNamePrefix;
      if (orderBy === 'LastEventTime' && prefix !== undefined) {
        throw invalidParameter('Cannot order by LastEventTime with a logStreamNamePrefix.');
      }
      const group = resolveGroup(stateOf(store, ctx), input);
      const limit: number = input.limit ?? 50;
      const descending = input.descending === true;

      let streams = [...group.streams.values()];
      if (prefix !== undefined) streams = streams.filter((s) => s.name.startsWith(prefix));
      streams.sort(orderBy === 'LastEventTime' ? byLastEvent : byName);
      if (descending) streams.reverse();

      // The token remembers the ordering it was issued for; reusing it with another is refused.
      const by = `${orderBy}/${descending}/${prefix ?? ''}`;
      const offset = input.nextToken !== undefined ? decodeToken(input.nextToken, isOffsetToken) : { o: 0, by };
      if (offset.by !== by) throw invalidParameter('The specified nextToken is invalid.');
      const page = streams.slice(offset.o, offset.o + limit);
      const next = offset.o + page.length;
      return {
        logStreams: page.map(describe),
        ...(next < streams.length ? { nextToken: encodeToken({ o: next, by }) } : {}),
      };
    },
  };
}
