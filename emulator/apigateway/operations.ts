import type { RequestContext } from '../core/request-context';
import { op, type Operation, type OperationTable } from '../protocol/operations';
import type { RestBinding } from '../protocol/rest-json';
import { enumOf, list, required, string, structure, type Members } from '../protocol/validation';
import { getAccount, updateAccount } from './account';
import { createDeployment, deleteDeployment, getDeployment, getDeployments } from './deployments';
import { deleteIntegration, deleteIntegrationResponse, getIntegration, getIntegrationResponse, INTEGRATION_TYPES, putIntegration, putIntegrationResponse } from './integrations';
import { deleteMethod, deleteMethodResponse, getMethod, getMethodResponse, putMethod, putMethodResponse } from './methods';
import { PATCH_OPERATIONS } from './patch-operations';
import { createResource, deleteResource, getResource, getResources, updateResource } from './resources';
import { AUTHORIZER_TYPES, createAuthorizer, deleteAuthorizer, getAuthorizer, getAuthorizers } from './authorizers';
import { createModel, deleteModel, getModel, getModels } from './models';
import { createRestApi, deleteRestApi, ENDPOINT_TYPES, getRestApi, getRestApis, IP_ADDRESS_TYPES, updateRestApi } from './rest-apis';
import { createStage, deleteStage, getStage, getStages, updateStage } from './stages';
import type { ApiGatewayStore } from './store';

/**
 * Every API Gateway (REST API, v1) control-plane operation the emulator answers, by its AWS
 * name, with the REST-JSON binding of the service model. Handlers take the SDK's request types;
 * the shapes carry the constraints AWS checks before the operation runs, and `inputPath` the
 * prefix its messages give member paths (`createRestApiInput.name`). The invocation of deployed
 * stages (the data plane) is not in this table: see invoke-api.ts.
 */

type Handler<I> = (store: ApiGatewayStore, input: I, ctx: RequestContext) => unknown;

/** An entry whose handler takes the SDK's request type; the shape lists the members it checks. */
function api<I>(input: Members, handler: Handler<I>, http: RestBinding, inputPath?: string): Operation<ApiGatewayStore> {
  return op(input, handler as Handler<any>, { http, inputPath });
}

const R = '/restapis/{restApiId}';
const RESOURCE = `${R}/resources/{resourceId}`;
const METHOD = `${RESOURCE}/methods/{httpMethod}`;
const LABEL = required(string());
const STATUS_CODE = required(string({ pattern: '[1-5]\\d\\d' }));
const PAGE = { position: 'position', limit: 'limit' } as const;
/** The SDK's list outputs call their elements `items`; on the wire the member is `item` (API Gateway's HAL heritage). */
const ITEMS = { output: { jsonNames: { items: 'item' } } } as const;

const API = { restApiId: LABEL };
const ON_RESOURCE = { restApiId: LABEL, resourceId: LABEL };
const ON_METHOD = { restApiId: LABEL, resourceId: LABEL, httpMethod: LABEL };
const ON_RESPONSE = { ...ON_METHOD, statusCode: STATUS_CODE };
const PATCH = { patchOperations: PATCH_OPERATIONS };

export const apiGatewayOperations: OperationTable<ApiGatewayStore> = {
  CreateRestApi: api(
    { name: required(string()), endpointConfiguration: structure({ types: list(enumOf(ENDPOINT_TYPES), { memberErrors: 'whole' }), ipAddressType: enumOf(IP_ADDRESS_TYPES) }) },
    createRestApi,
    { method: 'POST', uri: '/restapis', status: 201 },
    'createRestApiInput',
  ),
  GetRestApis: api({}, getRestApis, { method: 'GET', uri: '/restapis', query: PAGE, ...ITEMS }),
  GetRestApi: api(API, getRestApi, { method: 'GET', uri: R }),
  UpdateRestApi: api({ ...API, ...PATCH }, updateRestApi, { method: 'PATCH', uri: R }, 'updateRestApiInput'),
  DeleteRestApi: api(API, deleteRestApi, { method: 'DELETE', uri: R, status: 202 }),

  GetResources: api(API, getResources, { method: 'GET', uri: `${R}/resources`, query: { ...PAGE, embed: { name: 'embed', list: true } }, ...ITEMS }),
  GetResource: api(ON_RESOURCE, getResource, { method: 'GET', uri: RESOURCE, query: { embed: { name: 'embed', list: true } } }),
  CreateResource: api({ restApiId: LABEL, parentId: LABEL }, createResource, { method: 'POST', uri: `${R}/resources/{parentId}`, status: 201 }),
  UpdateResource: api({ ...ON_RESOURCE, ...PATCH }, updateResource, { method: 'PATCH', uri: RESOURCE }, 'updateResourceInput'),
  DeleteResource: api(ON_RESOURCE, deleteResource, { method: 'DELETE', uri: RESOURCE, status: 202 }),

  CreateAuthorizer: api(
    { ...API, name: required(string()), type: required(enumOf(AUTHORIZER_TYPES)) },
    createAuthorizer,
    { method: 'POST', uri: `${R}/authorizers`, status: 201 },
    'createAuthorizerInput',
  ),
  GetAuthorizers: api(API, getAuthorizers, { method: 'GET', uri: `${R}/authorizers`, query: PAGE, ...ITEMS }),
  GetAuthorizer: api({ ...API, authorizerId: LABEL }, getAuthorizer, { method: 'GET', uri: `${R}/authorizers/{authorizerId}` }),
  DeleteAuthorizer: api({ ...API, authorizerId: LABEL }, deleteAuthorizer, { method: 'DELETE', uri: `${R}/authorizers/{authorizerId}`, status: 202 }),

  CreateModel: api({ ...API, name: required(string()), contentType: required(string()) }, createModel, { method: 'POST', uri: `${R}/models`, status: 201 }, 'createModelInput'),
  GetModels: api(API, getModels, { method: 'GET', uri: `${R}/models`, query: PAGE, ...ITEMS }),
  GetModel: api({ ...API, modelName: LABEL }, getModel, { method: 'GET', uri: `${R}/models/{modelName}` }),
  DeleteModel: api({ ...API, modelName: LABEL }, deleteModel, { method: 'DELETE', uri: `${R}/models/{modelName}`, status: 202 }),

  PutMethod: api(ON_METHOD, putMethod, { method: 'PUT', uri: METHOD, status: 201 }),
  GetMethod: api(ON_METHOD, getMethod, { method: 'GET', uri: METHOD }),
  DeleteMethod: api(ON_METHOD, deleteMethod, { method: 'DELETE', uri: METHOD, status: 204 }),
  PutMethodResponse: api(ON_RESPONSE, putMethodResponse, { method: 'PUT', uri: `${METHOD}/responses/{statusCode}`, status: 201 }),
  GetMethodResponse: api(ON_RESPONSE, getMethodResponse, { method: 'GET', uri: `${METHOD}/responses/{statusCode}` }),
  DeleteMethodResponse: api(ON_RESPONSE, deleteMethodResponse, { method: 'DELETE', uri: `${METHOD}/responses/{statusCode}`, status: 204 }),

  PutIntegration: api(
    { ...ON_METHOD, type: required(enumOf(INTEGRATION_TYPES)) },
    putIntegration,
    { method: 'PUT', uri: `${METHOD}/integration`, status: 201, jsonNames: { integrationHttpMethod: 'httpMethod' } },
    'putIntegrationInput',
  ),
  GetIntegration: api(ON_METHOD, getIntegration, { method: 'GET', uri: `${METHOD}/integration` }),
  DeleteIntegration: api(ON_METHOD, deleteIntegration, { method: 'DELETE', uri: `${METHOD}/integration`, status: 204 }),
  PutIntegrationResponse: api(ON_RESPONSE, putIntegrationResponse, { method: 'PUT', uri: `${METHOD}/integration/responses/{statusCode}`, status: 201 }),
  GetIntegrationResponse: api(ON_RESPONSE, getIntegrationResponse, { method: 'GET', uri: `${METHOD}/integration/responses/{statusCode}` }),
  DeleteIntegrationResponse: api(ON_RESPONSE, deleteIntegrationResponse, { method: 'DELETE', uri: `${METHOD}/integration/responses/{statusCode}`, status: 204 }),

  CreateDeployment: api(API, createDeployment, { method: 'POST', uri: `${R}/deployments`, status: 201 }),
  GetDeployments: api(API, getDeployments, { method: 'GET', uri: `${R}/deployments`, query: PAGE, ...ITEMS }),
  GetDeployment: api({ ...API, deploymentId: LABEL }, getDeployment, { method: 'GET', uri: `${R}/deployments/{deploymentId}` }),
  DeleteDeployment: api({ ...API, deploymentId: LABEL }, deleteDeployment, { method: 'DELETE', uri: `${R}/deployments/{deploymentId}`, status: 202 }),

  CreateStage: api({ ...API, stageName: required(string()) }, createStage, { method: 'POST', uri: `${R}/stages`, status: 201 }, 'createStageInput'),
  GetStages: api(API, getStages, { method: 'GET', uri: `${R}/stages`, query: { deploymentId: 'deploymentId' } }),
  GetStage: api({ ...API, stageName: LABEL }, getStage, { method: 'GET', uri: `${R}/stages/{stageName}` }),
  UpdateStage: api({ ...API, stageName: LABEL, ...PATCH }, updateStage, { method: 'PATCH', uri: `${R}/stages/{stageName}` }, 'updateStageInput'),
  DeleteStage: api({ ...API, stageName: LABEL }, deleteStage, { method: 'DELETE', uri: `${R}/stages/{stageName}`, status: 202 }),

  GetAccount: api({}, getAccount, { method: 'GET', uri: '/account' }),
  UpdateAccount: api(PATCH, updateAccount, { method: 'PATCH', uri: '/account' }, 'updateAccountInput'),
};
