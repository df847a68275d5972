import { op, type OperationTable } from '../protocol/operations';
import { CreateFunctionInput, createFunction } from './create-function';
import { DeleteFunctionInput, deleteFunction } from './delete-function';
import { EventInvokeConfigInput, FunctionEventInvokeConfigInput } from './event-invoke-config';
import { deleteFunctionEventInvokeConfig, getFunctionEventInvokeConfig, putFunctionEventInvokeConfig, updateFunctionEventInvokeConfig } from './event-invoke-config';
import { FunctionConcurrencyInput, PutFunctionConcurrencyInput } from './function-concurrency';
import { deleteFunctionConcurrency, getFunctionConcurrency, putFunctionConcurrency } from './function-concurrency';
import { AddPermissionInput, GetPolicyInput, RemovePermissionInput, addPermission, getPolicy, removePermission } from './function-policy';
import { GetFunctionInput, getFunction, getFunctionConfiguration } from './get-function';
import { InvokeInput, invokeOperation } from './invoke';
import { ListFunctionsInput, listFunctions } from './list-functions';
import type { LambdaState } from './state';
import { ListTagsInput, TagResourceInput, UntagResourceInput, listTags, tagResource, untagResource } from './tags';
import { UpdateFunctionCodeInput, updateFunctionCode } from './update-function-code';
import { UpdateFunctionConfigurationInput, updateFunctionConfiguration } from './update-function-configuration';

const FN = '/2015-03-31/functions/{FunctionName}';
const QUALIFIER = { Qualifier: 'Qualifier' } as const;

/**
 * Every Lambda operation the emulator answers, by its AWS name, with the REST-JSON binding of
 * Lambda's service model (method, URI, query and header members, success status).
 */
export const lambdaOperations: OperationTable<LambdaState> = {
  CreateFunction: op(CreateFunctionInput, createFunction, { http: { method: 'POST', uri: '/2015-03-31/functions', status: 201 } }),
  ListFunctions: op(ListFunctionsInput, listFunctions, {
    http: { method: 'GET', uri: '/2015-03-31/functions', query: { MasterRegion: 'MasterRegion', FunctionVersion: 'FunctionVersion', Marker: 'Marker', MaxItems: 'MaxItems' } },
  }),
  GetFunction: op(GetFunctionInput, getFunction, { http: { method: 'GET', uri: FN, query: QUALIFIER } }),
  DeleteFunction: op(DeleteFunctionInput, deleteFunction, { http: { method: 'DELETE', uri: FN, query: QUALIFIER, status: 204 } }),
  GetFunctionConfiguration: op(GetFunctionInput, getFunctionConfiguration, { http: { method: 'GET', uri: `${FN}/configuration`, query: QUALIFIER } }),
  UpdateFunctionConfiguration: op(UpdateFunctionConfigurationInput, updateFunctionConfiguration, { http: { method: 'PUT', uri: `${FN}/configuration` } }),
  UpdateFunctionCode: op(UpdateFunctionCodeInput, updateFunctionCode, { http: { method: 'PUT', uri: `${FN}/code` } }),
  Invoke: op(InvokeInput, invokeOperation, {
    http: {
      method: 'POST',
      uri: `${FN}/invocations`,
      headers: { InvocationType: 'X-Amz-Invocation-Type', LogType: 'X-Amz-Log-Type', ClientContext: 'X-Amz-Client-Context' },
      query: QUALIFIER,
      payload: 'Payload',
      output: {
        status: 'StatusCode',
        headers: { FunctionError: 'X-Amz-Function-Error', LogResult: 'X-Amz-Log-Result', ExecutedVersion: 'X-Amz-Executed-Version' },
        payload: 'Payload',
        contentType: 'application/json',
      },
    },
  }),

  PutFunctionConcurrency: op(PutFunctionConcurrencyInput, putFunctionConcurrency, { http: { method: 'PUT', uri: '/2017-10-31/functions/{FunctionName}/concurrency' } }),
  DeleteFunctionConcurrency: op(FunctionConcurrencyInput, deleteFunctionConcurrency, { http: { method: 'DELETE', uri: '/2017-10-31/functions/{FunctionName}/concurrency', status: 204 } }),
  GetFunctionConcurrency: op(FunctionConcurrencyInput, getFunctionConcurrency, { http: { method: 'GET', uri: '/2019-09-30/functions/{FunctionName}/concurrency' } }),

  AddPermission: op(AddPermissionInput, addPermission, { http: { method: 'POST', uri: `${FN}/policy`, query: QUALIFIER, status: 201 } }),
  GetPolicy: op(GetPolicyInput, getPolicy, { http: { method: 'GET', uri: `${FN}/policy`, query: QUALIFIER } }),
  RemovePermission: op(RemovePermissionInput, removePermission, {
    http: { method: 'DELETE', uri: `${FN}/policy/{StatementId}`, query: { Qualifier: 'Qualifier', RevisionId: 'RevisionId' }, status: 204 },
  }),

  PutFunctionEventInvokeConfig: op(EventInvokeConfigInput, putFunctionEventInvokeConfig, { http: { method: 'PUT', uri: '/2019-09-25/functions/{FunctionName}/event-invoke-config', query: QUALIFIER } }),
  UpdateFunctionEventInvokeConfig: op(EventInvokeConfigInput, updateFunctionEventInvokeConfig, { http: { method: 'POST', uri: '/2019-09-25/functions/{FunctionName}/event-invoke-config', query: QUALIFIER } }),
  GetFunctionEventInvokeConfig: op(FunctionEventInvokeConfigInput, getFunctionEventInvokeConfig, { http: { method: 'GET', uri: '/2019-09-25/functions/{FunctionName}/event-invoke-config', query: QUALIFIER } }),
  DeleteFunctionEventInvokeConfig: op(FunctionEventInvokeConfigInput, deleteFunctionEventInvokeConfig, {
    http: { method: 'DELETE', uri: '/2019-09-25/functions/{FunctionName}/event-invoke-config', query: QUALIFIER, status: 204 },
  }),

  TagResource: op(TagResourceInput, tagResource, { http: { method: 'POST', uri: '/2017-03-31/tags/{Resource}', status: 204 } }),
  UntagResource: op(UntagResourceInput, untagResource, { http: { method: 'DELETE', uri: '/2017-03-31/tags/{Resource}', query: { TagKeys: { name: 'tagKeys', list: true } }, status: 204 } }),
  ListTags: op(ListTagsInput, listTags, { http: { method: 'GET', uri: '/2017-03-31/tags/{Resource}' } }),
};
