/**
 * The EventBridge event-pattern engine: `compilePattern` validates and compiles a pattern once (as
 * PutRule and TestEventPattern do), `CompiledPattern.matches` tests a parsed event against it, and
 * `PatternIndex` finds the matching rules of a whole bus without testing each one.
 */
export { compilePattern, MAX_WILDCARD_COMPLEXITY } from './compile-pattern';
export type { CompiledPattern, SubRule, FieldCondition } from './compile-pattern';
export { PatternIndex } from './pattern-index';
export { explainMismatch } from './explain';
