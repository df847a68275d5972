import { RECORD_KINDS, type RecordFilter } from './recorder';

const FILTERS = ['eventId', 'orderId', 'rule', 'kind', 'since', 'limit'];

/**
 * The filters of `GET /_testbed/events` from a query string, or one sentence naming what is
 * wrong: an unknown filter or kind is refused rather than ignored, so a typo never looks like
 * "no records".
 */
export function recordFilter(params: URLSearchParams): RecordFilter | string {
  const filter: RecordFilter = {};
  for (const [name, value] of params) {
    if (!FILTERS.includes(name)) return `Unknown filter "${name}"; the filters are ${FILTERS.join(', ')}.`;
    if (name === 'kind' && !(RECORD_KINDS as readonly string[]).includes(value)) return `Unknown kind "${value}"; the kinds are ${RECORD_KINDS.join(', ')}.`;
    if (name === 'since' || name === 'limit') {
      const n = Number(value);
      if (value === '' || !Number.isInteger(n) || n < 0) return `${name} must be a whole number of 0 or more, got "${value}".`;
      filter[name] = n;
    } else filter[name as 'eventId' | 'orderId' | 'rule' | 'kind'] = value;
  }
  return filter;
}
