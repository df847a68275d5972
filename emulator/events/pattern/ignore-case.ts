/**
 * `equals-ignore-case` (alone, and inside `prefix`, `suffix` and `anything-but`). The rule engine
 * lets each character of the operand match either its lower-case or its upper-case form (Java,
 * root locale), which is not the same as comparing lower-cased strings: "ß" matches "ß" or "SS"
 * but not "ss", and the Kelvin sign does not match "k". ASCII operands, the usual case, take a
 * fast character loop; others a regular expression built from those alternatives.
 */

export type IgnoreCaseMode = 'equals' | 'prefix' | 'suffix';

export function ignoreCaseMatcher(operand: string, mode: IgnoreCaseMode): (value: string) => boolean {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(operand)) {
    const lower = operand.toLowerCase();
    const n = lower.length;
    const same = (value: string, offset: number): boolean => {
      for (let i = 0; i < n; i++) {
        let c = value.charCodeAt(offset + i);
        if (c >= 65 && c <= 90) c += 32;
        if (c !== lower.charCodeAt(i)) return false;
      }
      return true;
    };
    if (mode === 'equals') return (value) => value.length === n && same(value, 0);
    if (mode === 'prefix') return (value) => value.length >= n && same(value, 0);
    return (value) => value.length >= n && same(value, value.length - n);
  }
  let body = '';
  for (const c of operand.split('')) {
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    body += lower === upper ? escape(lower) : `(?:${escape(lower)}|${escape(upper)})`;
  }
  const re = new RegExp(mode === 'equals' ? `^${body}$` : mode === 'prefix' ? `^${body}` : `${body}$`);
  return (value) => re.test(value);
}

function escape(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
}
