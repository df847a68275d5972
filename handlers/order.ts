import { z } from 'zod';

/**
 * The order event contract shared by every handler (docs/stack.md, "Event contract"). The stack's rules match on
 * these same literals; a change here is a change of the public contract.
 */
export const ORDER_SOURCE = 'com.aws.orders';
export const ORDER_DETAIL_TYPE = 'Order Notification';
export const DISPATCH_SOURCE = 'com.aws.orders.fulfillment';
export const DISPATCH_DETAIL_TYPE = 'Order Dispatched';

/** What a caller submits to ProduceOrder. */
export interface OrderInput {
  location: string;
  category: string;
  value: number;
  orderId?: string;
}

/** The `detail` of an `Order Notification` event. */
export interface OrderDetail {
  orderId: string;
  category: string;
  value: number;
  location: string;
  createdAt: string;
}

/** The `detail` of an `Order Dispatched` event. */
export interface DispatchDetail {
  orderId: string;
  location: string;
  dispatchedAt: string;
}

/** One validation problem, as the producer API reports it. */
export interface FieldProblem {
  field: string;
  problem: string;
}

export const MAX_ORDER_VALUE = 1_000_000;

// Each schema states its problem as a phrase that follows the field name ("value must be ..."),
// so a caller reads `${field} ${problem}` as one sentence.
const typeError = (expected: string) => (issue: { input: unknown }) =>
  issue.input === undefined ? 'is required' : `must be ${expected}`;

const location = z
  .string({ error: typeError('a string') })
  .regex(/^[a-z0-9-]{2,32}$/, { error: 'must be 2 to 32 lower-case letters, digits or dashes' });

// Printable: letters, marks, digits, punctuation, symbols and the plain space; no control,
// format, separator-line or unassigned code points. Length counts code points (the `u` flag).
const category = z
  .string({ error: typeError('a string') })
  .regex(/^[\p{L}\p{M}\p{N}\p{P}\p{S} ]{1,64}$/u, { error: 'must be 1 to 64 printable characters' });

// z.number() already refuses NaN and ±Infinity; the message says why a number was refused.
const value = z
  .number({ error: (issue) => (issue.input === undefined ? 'is required' : typeof issue.input === 'number' ? 'must be a finite number' : 'must be a number') })
  .gt(0, { error: 'must be greater than 0' })
  .lte(MAX_ORDER_VALUE, { error: `must be at most ${MAX_ORDER_VALUE}` });

const orderId = z
  .string({ error: typeError('a string') })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'must be 1 to 64 letters, digits, dashes or underscores' });

/** A JSON body: every field has its JSON type; unknown fields are refused so typos surface. */
export const orderBodySchema = z.strictObject({ location, category, value, orderId: orderId.optional() });

// Decimal notation only: Number() alone would also accept '', '0x1f' and 'Infinity'.
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A query string: every value arrives as a string; `value` is converted to a number. */
export const orderQuerySchema = z.strictObject({
  location,
  category,
  value: z
    .string({ error: typeError('a string') })
    .regex(NUMERIC, { error: 'must be a number' })
    .transform(Number)
    .pipe(value),
  orderId: orderId.optional(),
});

/**
 * An `Order Notification` detail as consumers receive it (ProduceOrder always sets every field).
 * The location rule is the producer API's; other publishers on the bus may send any location
 * (`EU-west`), which the rules route as "other" and which must still be recorded and dispatched.
 */
export const orderDetailSchema = z.object({
  orderId,
  category,
  value,
  location: z.string({ error: typeError('a string') }).min(1, { error: 'must not be empty' }).max(128, { error: 'must be at most 128 characters' }),
  createdAt: z.iso.datetime({ error: 'must be an ISO 8601 UTC timestamp' }),
});

export type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/** Validates with `schema` and turns every zod issue into field problems, one per field and problem. */
export function parseWith<T>(schema: z.ZodType<T>, input: unknown): ParseResult<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  const problems: FieldProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) problems.push({ field: key, problem: 'is not a recognised field' });
    } else {
      problems.push({ field: issue.path.map(String).join('.') || '(order)', problem: issue.message });
    }
  }
  return { ok: false, problems };
}
