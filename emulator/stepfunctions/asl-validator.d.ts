// asl-validator (the ASL checker aws-local-stepfunctions uses) ships no type declarations.
declare module 'asl-validator' {
  interface AslValidationError {
    'Error code': string;
    Message: string;
    schemaError?: { instancePath: string; schemaPath: string };
  }
  interface AslValidationResult {
    isValid: boolean;
    errors: AslValidationError[];
    errorsText(separator?: string): string;
  }
  function validator(definition: unknown, options?: { checkPaths: boolean; checkArn: boolean }): AslValidationResult;
  export = validator;
}
