import { op, type OperationTable } from '../protocol/operations';
import { FilterLogEventsInput, filterLogEvents } from './filter-log-events';
import { GetLogEventsInput, getLogEvents } from './get-log-events';
import { CreateLogGroupInput, DescribeLogGroupsInput, ListLogGroupsInput, LogGroupNameInput, PutRetentionPolicyInput } from './log-groups';
import { createLogGroup, deleteLogGroup, deleteRetentionPolicy, describeLogGroups, listLogGroups, putRetentionPolicy } from './log-groups';
import { DescribeLogStreamsInput, LogStreamNameInput, createLogStream, deleteLogStream, describeLogStreams } from './log-streams';
import { PutLogEventsInput, putLogEvents } from './put-log-events';
import { DeleteResourcePolicyInput, DescribeResourcePoliciesInput, PutResourcePolicyInput } from './resource-policies';
import { deleteResourcePolicy, describeResourcePolicies, putResourcePolicy, refuseResourceScope } from './resource-policies';
import { oversizedName } from './shapes';
import type { LogsStore } from './store';
import { ListTagsForResourceInput, ListTagsLogGroupInput, TagLogGroupInput, TagResourceInput, UntagLogGroupInput, UntagResourceInput } from './tags';
import { listTagsForResource, listTagsLogGroup, tagLogGroup, tagResource, untagLogGroup, untagResource } from './tags';

/**
 * Every CloudWatch Logs operation the emulator answers, by its AWS name: the input shape the
 * validation front end checks (in the model's member order) and the handler.
 */
export const logsOperations: OperationTable<LogsStore> = {
  CreateLogGroup: op(CreateLogGroupInput, createLogGroup, { before: oversizedName('logGroupName') }),
  DeleteLogGroup: op(LogGroupNameInput, deleteLogGroup),
  DescribeLogGroups: op(DescribeLogGroupsInput, describeLogGroups),
  ListLogGroups: op(ListLogGroupsInput, listLogGroups),
  PutRetentionPolicy: op(PutRetentionPolicyInput, putRetentionPolicy),
  DeleteRetentionPolicy: op(LogGroupNameInput, deleteRetentionPolicy),

  CreateLogStream: op(LogStreamNameInput, createLogStream, { before: oversizedName('logStreamName') }),
  DeleteLogStream: op(LogStreamNameInput, deleteLogStream),
  DescribeLogStreams: op(DescribeLogStreamsInput, describeLogStreams),

  PutLogEvents: op(PutLogEventsInput, putLogEvents),
  GetLogEvents: op(GetLogEventsInput, getLogEvents),
  FilterLogEvents: op(FilterLogEventsInput, filterLogEvents),

  PutResourcePolicy: op(PutResourcePolicyInput, putResourcePolicy, { before: refuseResourceScope }),
  DescribeResourcePolicies: op(DescribeResourcePoliciesInput, describeResourcePolicies),
  DeleteResourcePolicy: op(DeleteResourcePolicyInput, deleteResourcePolicy, { before: refuseResourceScope }),

  TagResource: op(TagResourceInput, tagResource),
  UntagResource: op(UntagResourceInput, untagResource),
  ListTagsForResource: op(ListTagsForResourceInput, listTagsForResource),
  TagLogGroup: op(TagLogGroupInput, tagLogGroup),
  UntagLogGroup: op(UntagLogGroupInput, untagLogGroup),
  ListTagsLogGroup: op(ListTagsLogGroupInput, listTagsLogGroup),
};
