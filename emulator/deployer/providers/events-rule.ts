import { DeleteRuleCommand, ListTargetsByRuleCommand, PutRuleCommand, PutTargetsCommand, RemoveTargetsCommand, type Target } from '@aws-sdk/client-eventbridge';
import type { ProviderContext, ResourceProvider, ResourceState } from './provider';
import { ignoreNotFound, str, type Props } from './support';

/** The bus a rule sits on, by name: the template may give a name or an ARN. */
function busName(p: Props): string | undefined {
  const bus = str(p.EventBusName);
  return bus?.startsWith('arn:') ? bus.slice(bus.indexOf(':event-bus/') + ':event-bus/'.length) : bus;
}

/** CloudFormation's physical id: the rule name, or `bus|rule` for a rule on a custom bus. */
function physicalId(bus: string | undefined, rule: string): string {
  return bus && bus !== 'default' ? `${bus}|${rule}` : rule;
}

function splitPhysicalId(id: string): { bus?: string; rule: string } {
  const bar = id.indexOf('|');
  return bar < 0 ? { rule: id } : { bus: id.slice(0, bar), rule: id.slice(bar + 1) };
}

async function putRule(name: string, p: Props, ctx: ProviderContext): Promise<string> {
  const pattern = p.EventPattern;
  const rule = await ctx.clients.events.send(
    new PutRuleCommand({
      Name: name,
      EventBusName: str(p.EventBusName),
      EventPattern: pattern === undefined ? undefined : typeof pattern === 'string' ? pattern : JSON.stringify(pattern),
      ScheduleExpression: str(p.ScheduleExpression),
      State: (str(p.State) ?? 'ENABLED') as never,
      Description: str(p.Description),
      RoleArn: str(p.RoleArn),
    }),
  );
  return rule.RuleArn!;
}

async function putTargets(name: string, bus: string | undefined, targets: Target[], ctx: ProviderContext): Promise<void> {
  // PutTargets takes at most 10 targets a call, as CloudFormation's handler batches them.
  for (let i = 0; i < targets.length; i += 10) {
    const result = await ctx.clients.events.send(new PutTargetsCommand({ Rule: name, EventBusName: bus, Targets: targets.slice(i, i + 10) }));
    if (result.FailedEntryCount) {
      const failures = (result.FailedEntries ?? []).map((e) => `target ${e.TargetId}: ${e.ErrorCode} ${e.ErrorMessage}`).join('; ');
      throw new Error(`PutTargets refused ${failures}`);
    }
  }
}

async function removeTargets(name: string, bus: string | undefined, ids: string[], ctx: ProviderContext): Promise<void> {
  for (let i = 0; i < ids.length; i += 10) {
    await ctx.clients.events.send(new RemoveTargetsCommand({ Rule: name, EventBusName: bus, Ids: ids.slice(i, i + 10) }));
  }
}

function state(bus: string | undefined, name: string, arn: string): ResourceState {
  return { physicalId: physicalId(bus, name), attributes: { Arn: arn } };
}

/** AWS::Events::Rule with its Targets (PutRule, then PutTargets). Attribute Arn. */
export const eventsRule: ResourceProvider = {
  properties: {
    Name: 'replace',
    EventBusName: 'replace',
    Description: 'update',
    EventPattern: 'update',
    ScheduleExpression: 'update',
    State: 'update',
    RoleArn: 'update',
    Targets: 'update',
  },
  nameProperty: 'Name',
  async create(p, ctx) {
    const name = str(p.Name) ?? ctx.generateName(64);
    const bus = busName(p);
    const arn = await putRule(name, p, ctx);
    await putTargets(name, str(p.EventBusName), (p.Targets as Target[]) ?? [], ctx);
    return state(bus, name, arn);
  },
  async update(previous, p, ctx) {
    const { rule: name } = splitPhysicalId(previous.physicalId);
    const arn = await putRule(name, p, ctx);
    const targets = (p.Targets as Target[]) ?? [];
    const keep = new Set(targets.map((t) => t.Id));
    const gone = ((previous.properties.Targets as Target[]) ?? []).map((t) => t.Id!).filter((id) => !keep.has(id));
    await removeTargets(name, str(p.EventBusName), gone, ctx);
    await putTargets(name, str(p.EventBusName), targets, ctx);
    return state(busName(p), name, arn);
  },
  async delete(resource, ctx) {
    const { rule, bus } = splitPhysicalId(resource.physicalId);
    await ignoreNotFound(async () => {
      const listed = await ctx.clients.events.send(new ListTargetsByRuleCommand({ Rule: rule, EventBusName: bus }));
      await removeTargets(rule, bus, (listed.Targets ?? []).map((t) => t.Id!), ctx);
      await ctx.clients.events.send(new DeleteRuleCommand({ Name: rule, EventBusName: bus }));
    });
  },
};
