/**
 * The routing table the suites prove (docs/testbed.md): which effects an order must have, by its
 * location. Rules match `detail.location` by prefix, case-sensitively: `usa` and `EU-west` are
 * "other", as on EventBridge.
 */
export const ROUTES = ['log', 'api', 'stepfunctions', 'table', 'dispatch'] as const;
export type Route = (typeof ROUTES)[number];

export const ROUTE_LABELS: Record<Route, string> = {
  log: 'log group',
  api: 'API target',
  stepfunctions: 'Step Functions',
  table: 'OrderDetails',
  dispatch: 'dispatch',
};

/** The stack's rule behind each route (the table and the dispatch are ProcessedOrder's work). */
export const ROUTE_RULES: Record<Route, string> = {
  log: 'OrdertoCloudWatch',
  api: 'USOrdertoAPI',
  stepfunctions: 'EUOrdertoStepFunctions',
  table: 'ProcessedOrderstoLambda',
  dispatch: 'ProcessedOrderstoLambda',
};

export type Expectation = Record<Route, boolean>;

/** What a refused order must reach: nothing at all. */
export const NO_ROUTE: Expectation = { log: false, api: false, stepfunctions: false, table: false, dispatch: false };

export function expectedRoutes(location: string): Expectation {
  return {
    log: true,
    api: location.startsWith('us-'),
    stepfunctions: location.startsWith('eu-'),
    table: true,
    dispatch: true,
  };
}

/** The decision `EUOrderWorkflow` must record: REVIEW above the threshold, APPROVED otherwise. */
export const REVIEW_THRESHOLD = 1000;
export function expectedDecision(value: number): 'REVIEW' | 'APPROVED' {
  return value > REVIEW_THRESHOLD ? 'REVIEW' : 'APPROVED';
}
