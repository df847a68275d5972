import type { AslDefinition, AslState } from './validate-definition';

const JSONPATH_ONLY = ['InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath', 'ItemsPath', 'ErrorPath', 'CausePath', 'SecondsPath', 'TimestampPath', 'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'MaxConcurrencyPath', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath'];
const JSONATA_ONLY = ['Arguments', 'Output', 'Items'];

/**
 * CreateStateMachine's QueryLanguage checks, in AWS's words: a state may not go back to JSONPath
 * under a JSONata machine, and each language has fields the other does not allow.
 */
export function queryLanguageProblems(definition: AslDefinition): string[] {
  const problems: string[] = [];
  const wholeMachine = definition.QueryLanguage === 'JSONata';
  const visit = (machine: { States?: Record<string, AslState>; QueryLanguage?: unknown }, inherited: string, at: string) => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      const where = `${at}/States/${name}`;
      if (wholeMachine && state.QueryLanguage === 'JSONPath') {
        problems.push(`SCHEMA_VALIDATION_FAILED: 'QueryLanguage' can not be 'JSONPath' if set to 'JSONata' for whole state machine at ${where}`);
        continue;
      }
      const language = (state.QueryLanguage as string | undefined) ?? inherited;
      const forbidden = language === 'JSONata' ? JSONPATH_ONLY : JSONATA_ONLY;
      for (const field of forbidden) {
        if (Object.hasOwn(state, field)) problems.push(`SCHEMA_VALIDATION_FAILED: The field '${field}' is not supported when the QueryLanguage is '${language}' at ${where}`);
      }
      (state.Branches as AslDefinition[] | undefined)?.forEach((branch, i) => visit(branch, language, `${where}/Branches[${i}]`));
      const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
      if (processor) visit(processor, language, `${where}/${state.ItemProcessor ? 'ItemProcessor' : 'Iterator'}`);
    }
  };
  visit(definition, (definition.QueryLanguage as string | undefined) ?? 'JSONPath', '');
  return problems;
}
