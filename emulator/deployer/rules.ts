import { evaluateCondition, type ResolveContext } from './intrinsics';
import type { TemplateRule } from './template';
import { TemplateError } from './template-error';

/**
 * Checks the template's `Rules` against the parameter values, before anything is created: a rule
 * whose `RuleCondition` holds must have every assertion hold, or the deployment stops with the
 * assertion's description (CDK's `CheckBootstrapVersion` rule is one such).
 */
export function checkRules(rules: Record<string, TemplateRule> | undefined, context: ResolveContext): void {
  for (const [name, rule] of Object.entries(rules ?? {})) {
    if (rule.RuleCondition !== undefined && !evaluateCondition(rule.RuleCondition, context)) continue;
    for (const assertion of rule.Assertions ?? []) {
      if (!evaluateCondition(assertion.Assert, context)) {
        throw new TemplateError(assertion.AssertDescription ?? `Template validation error: Assertion failed for rule ${name}.`);
      }
    }
  }
}
