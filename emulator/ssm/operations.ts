import { op, type OperationTable } from '../protocol/operations';
import { DeleteParameterInput, DeleteParametersInput, GetParameterInput, GetParametersByPathInput, GetParametersInput, PutParameterInput } from './parameters';
import { deleteParameter, deleteParameters, getParameter, getParameters, getParametersByPath, putParameter, type SsmStore } from './parameters';

/** Every SSM Parameter Store operation the emulator answers, by its AWS name. */
export const ssmOperations: OperationTable<SsmStore> = {
  PutParameter: op(PutParameterInput, putParameter),
  GetParameter: op(GetParameterInput, getParameter),
  GetParameters: op(GetParametersInput, getParameters),
  GetParametersByPath: op(GetParametersByPathInput, getParametersByPath),
  DeleteParameter: op(DeleteParameterInput, deleteParameter),
  DeleteParameters: op(DeleteParametersInput, deleteParameters),
};
