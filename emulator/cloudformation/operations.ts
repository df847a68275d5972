import { op, type OperationTable } from '../protocol/operations';
import { ChangeSetInput, CreateChangeSetInput, ExecuteChangeSetInput, ListChangeSetsInput } from './change-sets';
import { createChangeSet, deleteChangeSet, describeChangeSet, executeChangeSet, listChangeSets } from './change-sets';
import type { CloudFormationRuntime } from './runtime';
import { CreateStackInput, DeleteStackInput, DescribeStackResourceInput, DescribeStackResourcesInput, DescribeStacksInput, GetTemplateInput } from './stack-operations';
import { ListExportsInput, ListStacksInput, StackNameInput, TemplateSourceInput, UpdateStackInput, UpdateTerminationProtectionInput } from './stack-operations';
import { createStack, deleteStack, describeStackEvents, describeStackResource, describeStackResources, describeStacks, getTemplate } from './stack-operations';
import { getTemplateSummary, listExports, listStackResources, listStacks, updateStack, updateTerminationProtection, validateTemplate } from './stack-operations';

/** Every CloudFormation operation the emulator answers, by its AWS name (AWS Query, `Version=2010-05-15`). */
export const cloudFormationOperations: OperationTable<CloudFormationRuntime> = {
  CreateStack: op(CreateStackInput, createStack),
  UpdateStack: op(UpdateStackInput, updateStack),
  DeleteStack: op(DeleteStackInput, deleteStack),
  DescribeStacks: op(DescribeStacksInput, describeStacks),
  ListStacks: op(ListStacksInput, listStacks),
  DescribeStackEvents: op(StackNameInput, describeStackEvents),
  DescribeStackResource: op(DescribeStackResourceInput, describeStackResource),
  DescribeStackResources: op(DescribeStackResourcesInput, describeStackResources),
  ListStackResources: op(StackNameInput, listStackResources),
  GetTemplate: op(GetTemplateInput, getTemplate),
  GetTemplateSummary: op(TemplateSourceInput, getTemplateSummary),
  ValidateTemplate: op(TemplateSourceInput, validateTemplate),
  ListExports: op(ListExportsInput, listExports),
  UpdateTerminationProtection: op(UpdateTerminationProtectionInput, updateTerminationProtection),

  CreateChangeSet: op(CreateChangeSetInput, createChangeSet),
  DescribeChangeSet: op(ChangeSetInput, describeChangeSet),
  ExecuteChangeSet: op(ExecuteChangeSetInput, executeChangeSet),
  DeleteChangeSet: op(ChangeSetInput, deleteChangeSet),
  ListChangeSets: op(ListChangeSetsInput, listChangeSets),
};
