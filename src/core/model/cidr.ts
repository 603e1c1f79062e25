/**
 * CIDR set arithmetic for allowlists. Ranges are compared as integer intervals so that a change
 * from two /25s to the /24 they make up is not a widening, and a /16 replacing a /24 is.
 */
import { isIPv4, isIPv6 } from 'node:net';

export interface CidrRange {
  family: 4 | 6;
  start: bigint;
  end: bigint;
  text: string;
}

function parseIPv4(address: string): bigint {
  return address.split('.').reduce((acc, part) => (acc << 8n) | BigInt(Number(part)), 0n);
}

function parseIPv6(address: string): bigint {
  let text = address;
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hextets.
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const n = parseIPv4(v4[1]);
    text = `${text.slice(0, -v4[1].length)}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = tail !== undefined && tail !== '' ? tail.split(':') : [];
  const missing = 8 - headParts.length - tailParts.length;
  const parts = tail === undefined ? headParts : [...headParts, ...Array(missing).fill('0'), ...tailParts];
  return parts.reduce((acc, part) => (acc << 16n) | BigInt(Number.parseInt(part || '0', 16)), 0n);
}

/** Parses `10.0.0.0/8`, `2001:db8::/32` or a bare address; null when it is not a CIDR. */
export function parseCidr(input: string): CidrRange | null {
  const text = input.trim();
  const [address, prefixText] = text.split('/');
  const family = isIPv4(address) ? 4 : isIPv6(address) ? 6 : 0;
  if (family === 0) return null;
  const bits = family === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? bits : Number(prefixText);
  if (
    !Number.isInteger(prefix) ||
    prefix < 0 ||
    prefix > bits ||
    (prefixText !== undefined && !/^\d+$/.test(prefixText))
  )
    return null;
  const value = family === 4 ? parseIPv4(address) : parseIPv6(address);
  const hostBits = BigInt(bits - prefix);
  const start = (value >> hostBits) << hostBits;
  const end = start + (1n << hostBits) - 1n;
  return { family, start, end, text };
}

/** Splits an annotation value (`10.0.0.0/8, 192.168.0.0/16`) into ranges; unparsable entries are returned apart. */
export function parseCidrList(value: string): { ranges: CidrRange[]; invalid: string[] } {
  const ranges: CidrRange[] = [];
  const invalid: string[] = [];
  for (const item of value.split(/[\s,]+/).filter(Boolean)) {
    const range = parseCidr(item);
    if (range) ranges.push(range);
    else invalid.push(item);
  }
  return { ranges, invalid };
}

export function isAnyAddress(ranges: CidrRange[]): boolean {
  return ranges.some((r) => r.start === 0n && r.end === (r.family === 4 ? 2n ** 32n - 1n : 2n ** 128n - 1n));
}

function merged(ranges: CidrRange[], family: 4 | 6): [bigint, bigint][] {
  const sorted = ranges
    .filter((r) => r.family === family)
    .map((r): [bigint, bigint] => [r.start, r.end])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out: [bigint, bigint][] = [];
  for (const [s, e] of sorted) {
    const last = out[out.length - 1];
    if (last && s <= last[1] + 1n) last[1] = last[1] > e ? last[1] : e;
    else out.push([s, e]);
  }
  return out;
}

/** Number of addresses in the set, per family (for magnitudes and messages). */
export function addressCount(ranges: CidrRange[]): { v4: bigint; v6: bigint } {
  const count = (f: 4 | 6) => merged(ranges, f).reduce((n, [s, e]) => n + (e - s + 1n), 0n);
  return { v4: count(4), v6: count(6) };
}

/** The parts of `head` not inside `base`: the addresses a change newly lets in. Empty = not wider. */
export function widening(base: CidrRange[], head: CidrRange[]): string[] {
  const out: string[] = [];
  for (const family of [4, 6] as const) {
    const allowed = merged(base, family);
    for (const range of head.filter((r) => r.family === family)) {
      const covered = allowed.some(([s, e]) => s <= range.start && range.end <= e);
      if (!covered) out.push(range.text);
    }
  }
  return out;
}

/** A comparable size: log2 of allowed addresses (IPv4 scaled to IPv6 space), so wider = larger. */
export function breadth(ranges: CidrRange[] | 'any'): number {
  if (ranges === 'any') return 128;
  const { v4, v6 } = addressCount(ranges);
  const total = v6 + (v4 << 96n);
  return total === 0n ? 0 : total.toString(2).length;
}
