import ipaddr from 'ipaddr.js';
import { PatternSyntaxError } from './pattern-reader';

/**
 * IP addresses as the rule engine sees them. A string that looks like an IPv4 or IPv6 literal is
 * compared as the address's bytes (hex digits), so "10.0.0.1" in a pattern matches the same
 * address however the event writes it, and `cidr` is a range of such byte strings.
 */

const IPV4_SHAPE = /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
const IPV6_SHAPE = /^[0-9a-fA-F:]*:[0-9a-fA-F:]*$/;

export function looksLikeIp(s: string): boolean {
  return IPV4_SHAPE.test(s) || IPV6_SHAPE.test(s);
}

/** The address's bytes, or undefined when the text is not an address literal. */
function addressBytes(s: string): number[] | undefined {
  if (IPV4_SHAPE.test(s)) {
    const parts = s.split('.').map(Number);
    return parts.every((p) => p <= 255) ? parts : undefined;
  }
  if (!IPV6_SHAPE.test(s) || !ipaddr.IPv6.isValid(s)) return undefined;
  const v6 = ipaddr.IPv6.parse(s);
  // Java's InetAddress hands back an IPv4 address for an IPv4-mapped IPv6 literal.
  return v6.isIPv4MappedAddress() ? v6.toIPv4Address().toByteArray() : v6.toByteArray();
}

function toHex(bytes: number[]): string {
  let out = '';
  for (const b of bytes) out += (b < 16 ? '0' : '') + b.toString(16).toUpperCase();
  return out;
}

/** Hex digits of an address literal (8 for IPv4, 32 for IPv6), or undefined. */
export function ipHex(s: string): string | undefined {
  if (!looksLikeIp(s)) return undefined;
  const bytes = addressBytes(s);
  return bytes && toHex(bytes);
}

export interface CidrRange {
  /** Inclusive bounds, as hex digits of equal length. */
  readonly low: string;
  readonly high: string;
}

/** Parses a `cidr` operand; throws a PatternSyntaxError carrying the rule compiler's message when invalid. */
export function parseCidr(text: string): CidrRange {
  // Java's String.split drops trailing empty strings: "10.0.0.0/" has one part, "a//8" three.
  const parts = text.split('/');
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length !== 2) throw new PatternSyntaxError("Malformed CIDR, one '/' required");
  const maskText = parts[1];
  if (!/^[+-]?[0-9]+$/.test(maskText) || Math.abs(Number(maskText)) > 2147483647) {
    throw new PatternSyntaxError('Malformed CIDR, mask bits must be an integer');
  }
  const maskBits = Number(maskText);
  if (maskBits < 0) throw new PatternSyntaxError('Malformed CIDR, mask bits must not be negative');
  const ip = parts[0];
  if (!looksLikeIp(ip)) throw new PatternSyntaxError(`Nonstandard IP address: ${ip}`);
  const bytes = addressBytes(ip);
  if (!bytes) throw new PatternSyntaxError(`Invalid IP address: ${ip}`);
  if (bytes.length === 4 && maskBits > 31) throw new PatternSyntaxError('IPv4 mask bits must be < 32');
  if (bytes.length === 16 && maskBits > 127) throw new PatternSyntaxError('IPv6 mask bits must be < 128');
  const low: number[] = [];
  const high: number[] = [];
  let fixed = maskBits;
  for (const b of bytes) {
    const keep = fixed >= 8 ? 0xff : fixed <= 0 ? 0 : (0xff << (8 - fixed)) & 0xff;
    low.push(b & keep);
    high.push((b & keep) | (~keep & 0xff));
    fixed -= 8;
  }
  return { low: toHex(low), high: toHex(high) };
}

/** Whether an event value is an address inside the range. */
export function inCidr(range: CidrRange, v: unknown): boolean {
  if (typeof v !== 'string') return false;
  const hex = ipHex(v);
  return hex !== undefined && hex.length === range.low.length && hex >= range.low && hex <= range.high;
}
