import { boolean, enumOf, integer, list, required, string, structure } from '../protocol/validation';

/** Input members CloudFormation's operations share, in the service model's terms. */

export const STACK_NAME = string({ min: 1 });
/** CreateStack's and CreateChangeSet's stack name: a name, or an ARN. */
export const NEW_STACK_NAME = string({ min: 1, max: 128, pattern: '[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/._+]*' });
export const CHANGE_SET_NAME = string({ min: 1, max: 1600, pattern: '[a-zA-Z][-a-zA-Z0-9]*|arn:[-a-zA-Z0-9:/]*' });
export const TEMPLATE_BODY = string({ min: 1 });
export const TEMPLATE_URL = string({ min: 1, max: 5120 });
export const PARAMETERS = list(
  structure({ ParameterKey: string(), ParameterValue: string(), UsePreviousValue: boolean(), ResolvedValue: string() }),
);
export const CAPABILITIES = list(enumOf(['CAPABILITY_IAM', 'CAPABILITY_NAMED_IAM', 'CAPABILITY_AUTO_EXPAND'] as const));
export const TAGS = list(structure({ Key: required(string({ min: 1, max: 128 })), Value: required(string({ min: 0, max: 256 })) }), { max: 50 });
export const NOTIFICATION_ARNS = list(string(), { max: 5 });
export const RESOURCE_TYPES = list(string({ min: 1, max: 256 }));
export const ROLE_ARN = string({ min: 20, max: 2048 });
export const TOKEN = string({ min: 1, max: 128 });
export const NEXT_TOKEN = string({ min: 1, max: 1024 });
export const DEPLOYMENT_CONFIG = structure({ Mode: string() });
export const TIMEOUT = integer({ min: 1 });
export const ON_FAILURE = enumOf(['DO_NOTHING', 'ROLLBACK', 'DELETE'] as const);

/** The template and its inputs, as UpdateStack and CreateChangeSet take them (in the model's member order). */
export const TEMPLATE_AND_INPUTS = {
  TemplateBody: TEMPLATE_BODY,
  TemplateURL: TEMPLATE_URL,
  UsePreviousTemplate: boolean(),
  Parameters: PARAMETERS,
  Capabilities: CAPABILITIES,
  ResourceTypes: RESOURCE_TYPES,
  RoleARN: ROLE_ARN,
  NotificationARNs: NOTIFICATION_ARNS,
  Tags: TAGS,
};
