import { op, type OperationTable } from '../protocol/operations';
import { ApiDestinationNameInput, CreateApiDestinationInput, ListApiDestinationsInput, UpdateApiDestinationInput } from './api-destinations';
import { createApiDestination, deleteApiDestination, describeApiDestination, listApiDestinations, updateApiDestination } from './api-destinations';
import { CreateEventBusInput, DeleteEventBusInput, DescribeEventBusInput, ListEventBusesInput } from './buses';
import { createEventBus, deleteEventBus, describeEventBus, listEventBuses } from './buses';
import { ConnectionNameInput, CreateConnectionInput, ListConnectionsInput, UpdateConnectionInput } from './connections';
import { createConnection, deleteConnection, describeConnection, listConnections, updateConnection } from './connections';
import { PutEventsInput, putEvents } from './put-events';
import { ListRuleNamesByTargetInput, ListRulesInput, PutRuleInput, RuleOnBusInput } from './rules';
import { deleteRule, describeRule, disableRule, enableRule, listRuleNamesByTarget, listRules, putRule } from './rules';
import type { EventsRuntime } from './runtime';
import { ListTagsForResourceInput, TagResourceInput, UntagResourceInput, listTagsForResource, tagResource, untagResource } from './tags';
import { ListTargetsByRuleInput, PutTargetsInput, RemoveTargetsInput, listTargetsByRule, putTargets, removeTargets } from './targets';
import { TestEventPatternInput, testEventPattern } from './test-event-pattern';

/**
 * Every EventBridge operation the emulator answers, by its AWS name: the input shape the
 * validation front end checks (AWS's constraints, in the model's member order) and the handler.
 */
export const eventsOperations: OperationTable<EventsRuntime> = {
  CreateEventBus: op(CreateEventBusInput, createEventBus),
  DescribeEventBus: op(DescribeEventBusInput, describeEventBus),
  ListEventBuses: op(ListEventBusesInput, listEventBuses),
  DeleteEventBus: op(DeleteEventBusInput, deleteEventBus),

  PutRule: op(PutRuleInput, putRule),
  DescribeRule: op(RuleOnBusInput, describeRule),
  ListRules: op(ListRulesInput, listRules),
  EnableRule: op(RuleOnBusInput, enableRule),
  DisableRule: op(RuleOnBusInput, disableRule),
  DeleteRule: op(RuleOnBusInput, deleteRule),
  ListRuleNamesByTarget: op(ListRuleNamesByTargetInput, listRuleNamesByTarget),

  PutTargets: op(PutTargetsInput, putTargets),
  RemoveTargets: op(RemoveTargetsInput, removeTargets),
  ListTargetsByRule: op(ListTargetsByRuleInput, listTargetsByRule),

  PutEvents: op(PutEventsInput, putEvents),
  TestEventPattern: op(TestEventPatternInput, testEventPattern),

  CreateConnection: op(CreateConnectionInput, createConnection),
  DescribeConnection: op(ConnectionNameInput, describeConnection),
  ListConnections: op(ListConnectionsInput, listConnections),
  UpdateConnection: op(UpdateConnectionInput, updateConnection),
  DeleteConnection: op(ConnectionNameInput, deleteConnection),

  CreateApiDestination: op(CreateApiDestinationInput, createApiDestination),
  DescribeApiDestination: op(ApiDestinationNameInput, describeApiDestination),
  ListApiDestinations: op(ListApiDestinationsInput, listApiDestinations),
  UpdateApiDestination: op(UpdateApiDestinationInput, updateApiDestination),
  DeleteApiDestination: op(ApiDestinationNameInput, deleteApiDestination),

  TagResource: op(TagResourceInput, tagResource),
  UntagResource: op(UntagResourceInput, untagResource),
  ListTagsForResource: op(ListTagsForResourceInput, listTagsForResource),
};
