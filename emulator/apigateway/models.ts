import type { CreateModelRequest, DeleteModelRequest, GetModelRequest, GetModelsRequest } from '@aws-sdk/client-api-gateway';
import type { RequestContext } from '../core/request-context';
import { badRequest, conflict, notFound } from './errors';
import { newId } from './ids';
import type { ApiModel, ApiRecord } from './model';
import { page } from './paging';
import type { ApiGatewayStore } from './store';

const modelNotFound = (name: string | undefined) => notFound(`Invalid model name specified: ${name}`);

/** The two models AWS gives every new REST API. */
export function defaultModels(): Map<string, ApiModel> {
  const draft4 = 'http://json-schema.org/draft-04/schema#';
  const models: ApiModel[] = [
    { id: newId(6), name: 'Empty', description: 'This is a default empty schema model', contentType: 'application/json', schema: JSON.stringify({ $schema: draft4, title: 'Empty Schema', type: 'object' }) },
    {
      id: newId(6),
      name: 'Error',
      description: 'This is a default error schema model',
      contentType: 'application/json',
      schema: JSON.stringify({ $schema: draft4, title: 'Error Schema', type: 'object', properties: { message: { type: 'string' } } }),
    },
  ];
  return new Map(models.map((m) => [m.name, m]));
}

export function createModel(store: ApiGatewayStore, input: CreateModelRequest, ctx: RequestContext): ApiModel {
  const record = store.api(ctx, input.restApiId);
  if (!input.name) throw badRequest('Model name must be non-empty');
  if (record.models.has(input.name)) throw conflict('Model name already exists for this REST API');
  if (!input.schema) throw badRequest('Model schema must have at least 1 property or array items defined');
  const model: ApiModel = {
    id: newId(6, (id) => [...record.models.values()].some((m) => m.id === id)),
    name: input.name,
    ...(input.description ? { description: input.description } : {}),
    schema: input.schema,
    contentType: input.contentType!,
  };
  record.models.set(model.name, model);
  return { ...model };
}

export function getModels(store: ApiGatewayStore, input: GetModelsRequest, ctx: RequestContext): { items: ApiModel[]; position?: string } {
  const record = store.api(ctx, input.restApiId);
  return page([...record.models.values()].map((m) => ({ ...m })), input.position, input.limit);
}

/** GetModel: AWS names the model as missing even when it is the API that does not exist. */
export function getModel(store: ApiGatewayStore, input: GetModelRequest, ctx: RequestContext): ApiModel {
  const model = store.state(ctx).apis.get(input.restApiId!)?.models.get(input.modelName!);
  if (!model) throw modelNotFound(input.modelName);
  return { ...model };
}

/** DeleteModel: refused while a method's `requestModels` names it, with the method's path. */
export function deleteModel(store: ApiGatewayStore, input: DeleteModelRequest, ctx: RequestContext): void {
  const record = store.state(ctx).apis.get(input.restApiId!);
  if (!record?.models.has(input.modelName!)) throw modelNotFound(input.modelName);
  const user = methodUsing(record, input.modelName!);
  if (user) throw conflict(`Cannot delete model '${input.modelName}', is referenced in method request: ${user}`);
  record.models.delete(input.modelName!);
}

/** `/path/VERB` of a method whose request models name the model (the root's is `//VERB`). */
function methodUsing(record: ApiRecord, name: string): string | undefined {
  for (const resource of record.resources.values()) {
    for (const [verb, method] of Object.entries(resource.resourceMethods ?? {})) {
      if (Object.values(method.requestModels ?? {}).includes(name)) return `${resource.path}/${verb}`;
    }
  }
  return undefined;
}
