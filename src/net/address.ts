/**
 * IP address parsing and formatting (IPv4 and IPv6) on top of `bigint`.
 *
 * Internal module: no Kubernetes knowledge, no third-party IP library.
 */

import { isV4MappedWords, longestZeroRun, scanAddress, scannedFamily, v6ToWords, zeroRunLength } from './scan';

/** Address family: 4 for IPv4, 6 for IPv6. */
export type IpFamily = 4 | 6;

/** Raised for any malformed address, CIDR, range or mismatched family. */
export class NetParseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NetParseError';
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

const MAX_V4 = 2n ** 32n - 1n;
const MAX_V6 = 2n ** 128n - 1n;

/** Largest address value of a family: 2^32-1 or 2^128-1. */
export function maxValue(family: IpFamily): bigint {
  return family === 4 ? MAX_V4 : MAX_V6;
}

/** Number of bits in an address of the family. */
export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

/** Format a raw address value canonically (dotted quad, or RFC 5952 for IPv6). */
export function formatAddress(family: IpFamily, value: bigint): string {
  checkValue(family, value);
  return family === 4 ? formatV4(value) : formatV6(value);
}

/** An immutable IPv4 or IPv6 address. */
export class IpAddress {
  /**
   * Parse an IPv4 dotted quad (no leading zeros) or an IPv6 address (with `::`
   * and an optional trailing embedded IPv4 such as `::ffff:1.2.3.4`).
   * Zone ids, brackets and whitespace are rejected.
   */
  public static parse(text: string): IpAddress {
    if (typeof text !== 'string') {
      throw new NetParseError(`${JSON.stringify(text)} is not a valid IP address: expected a string`);
    }
    const scanned = scanAddress(text, 0, text.length);
    if (scanned !== undefined) return new IpAddress(scannedFamily(), scanned);
    return IpAddress.parseExplained(text);
  }

  /**
   * The parser that explains every rejection (what {@link parse} falls back to when the text is not in a
   * plain form). Same results as {@link parse}; slower.
   */
  public static parseExplained(text: string): IpAddress {
    if (typeof text !== 'string') {
      throw new NetParseError(`${JSON.stringify(text)} is not a valid IP address: expected a string`);
    }
    const bad = (why: string) => new NetParseError(`${quote(text)} is not a valid IP address: ${why}`);
    if (text.length === 0) {
      throw bad('it is empty; expected an IPv4 address like 192.0.2.1 or an IPv6 address like 2001:db8::1');
    }
    if (/\s/u.test(text)) {
      throw bad('it contains whitespace; expected a bare address such as 192.0.2.1 or 2001:db8::1');
    }
    if (text.includes('[') || text.includes(']')) {
      throw bad('brackets are not allowed; write the bare address, e.g. 2001:db8::1');
    }
    if (text.includes('%')) {
      throw bad('zone ids (the "%..." suffix) are not supported; write the address without a zone');
    }
    if (text.includes(':')) {
      return new IpAddress(6, parseV6(text));
    }
    if (text.includes('.')) {
      return new IpAddress(4, parseV4(text, text, 'IPv4 address'));
    }
    throw bad('expected an IPv4 address like 192.0.2.1 or an IPv6 address like 2001:db8::1');
  }

  /** Like {@link parse} but returns `undefined` instead of throwing. */
  public static tryParse(text: string): IpAddress | undefined {
    try {
      return IpAddress.parse(text);
    } catch (e) {
      if (e instanceof NetParseError) return undefined;
      throw e;
    }
  }

  /** Build an address from its numeric value; throws if out of range for the family. */
  public static fromBigInt(family: IpFamily, value: bigint): IpAddress {
    checkValue(family, value);
    return new IpAddress(family, value);
  }

  private constructor(public readonly family: IpFamily, public readonly value: bigint) {}

  /** Canonical text: dotted quad for IPv4, RFC 5952 for IPv6. */
  public toString(): string {
    return formatAddress(this.family, this.value);
  }

  /** Orders by family first (IPv4 before IPv6), then by value. */
  public compare(other: IpAddress): number {
    if (this.family !== other.family) return this.family - other.family;
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  /** True when family and value are equal. */
  public equals(other: IpAddress): boolean {
    return this.family === other.family && this.value === other.value;
  }
}

/** Quote a user-supplied string for an error message. */
export function quote(text: string): string {
  return JSON.stringify(text);
}

function checkValue(family: IpFamily, value: bigint): void {
  if (family !== 4 && family !== 6) {
    throw new NetParseError(`${String(family)} is not a valid IP family: expected 4 or 6`);
  }
  if (typeof value !== 'bigint' || value < 0n || value > maxValue(family)) {
    throw new NetParseError(`${String(value)} is not a valid IPv${family} address value: expected 0-${maxValue(family)}`);
  }
}

/**
 * Parse a dotted quad. `whole` is the full user input (for messages) and
 * `what` names the thing being parsed, e.g. "IPv4 address".
 */
const V4_FAST = /^(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})\.(0|[1-9]\d{0,2})$/;

function parseV4(part: string, whole: string, what: string): bigint {
  // Fast path for the common, valid case; everything else goes through the checks that explain the problem.
  const m = V4_FAST.exec(part);
  if (m) {
    const a = Number(m[1]); const b = Number(m[2]); const c = Number(m[3]); const d = Number(m[4]);
    if (a < 256 && b < 256 && c < 256 && d < 256) return BigInt(((a * 256 + b) * 256 + c) * 256 + d);
  }
  const bad = (why: string) => new NetParseError(`${quote(whole)} is not a valid ${what}: ${why}`);
  const octets = part.split('.');
  if (octets.length !== 4) {
    throw bad(`it has ${octets.length} dot-separated parts, expected 4 decimal octets like 192.0.2.1`);
  }
  let value = 0n;
  octets.forEach((octet, i) => {
    const n = i + 1;
    if (octet.length === 0) throw bad(`octet ${n} is empty, expected 0-255`);
    if (!/^[0-9]+$/.test(octet)) throw bad(`octet ${n} is ${quote(octet)}, expected a decimal number 0-255`);
    if (octet.length > 1 && octet.startsWith('0')) {
      throw bad(`octet ${n} is ${quote(octet)}, expected 0-255 without leading zeros`);
    }
    const num = octet.length > 3 ? Infinity : Number(octet);
    if (num > 255) throw bad(`octet ${n} is ${octet}, expected 0-255`);
    value = value * 256n + BigInt(num);
  });
  return value;
}

function parseV6(text: string): bigint {
  const bad = (why: string) => new NetParseError(`${quote(text)} is not a valid IPv6 address: ${why}`);
  const halves = text.split('::');
  if (halves.length > 2) throw bad('"::" may appear at most once');
  const compressed = halves.length === 2;
  const headParts = splitGroups(halves[0], bad, compressed ? 'before "::"' : '');
  const tailParts = compressed ? splitGroups(halves[1], bad, 'after "::"') : [];
  // An embedded dotted IPv4 is only allowed as the very last part of the text.
  const head = toWords(headParts, !compressed, text, bad);
  const tail = toWords(tailParts, true, text, bad);

  let words: number[];
  if (compressed) {
    const count = head.length + tail.length;
    if (count > 7) {
      throw bad(`it has ${count} groups plus "::", expected at most 7 groups when "::" is used`);
    }
    words = [...head, ...new Array<number>(8 - count).fill(0), ...tail];
  } else {
    if (head.length !== 8) {
      throw bad(`it has ${head.length} groups, expected 8 colon-separated groups (or "::" for a run of zeros)`);
    }
    words = head;
  }
  // One BigInt conversion of the 32 hex digits instead of eight multiply-adds.
  return BigInt(`0x${words.map(w => w.toString(16).padStart(4, '0')).join('')}`);
}

/** Convert textual groups to 16-bit words; an embedded IPv4 counts as two words. */
function toWords(parts: string[], v4AllowedLast: boolean, text: string, bad: (why: string) => NetParseError): number[] {
  const words: number[] = [];
  parts.forEach((g, i) => {
    if (g.includes('.')) {
      if (!v4AllowedLast || i !== parts.length - 1) {
        throw bad(`embedded IPv4 ${quote(g)} is only allowed as the last part of the address`);
      }
      const v4 = parseV4(g, text, 'IPv6 address (embedded IPv4)');
      words.push(Number(v4 / 65536n), Number(v4 % 65536n));
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
      words.push(parseInt(g, 16));
    } else {
      throw bad(`group ${quote(g)} is not 1-4 hexadecimal digits`);
    }
  });
  return words;
}

/** Split one side of "::" into groups; an empty side means no groups. */
function splitGroups(side: string, bad: (why: string) => NetParseError, where: string): string[] {
  if (side.length === 0) return [];
  const parts = side.split(':');
  if (parts.some((p) => p.length === 0)) {
    const at = where ? ` ${where}` : '';
    throw bad(`it has an empty group${at} (a stray ":"), expected 1-4 hexadecimal digits per group`);
  }
  return parts;
}

// (formatted texts are joined, not concatenated: a concatenation of 13 characters or more is a V8 rope, which every
// first read of the text (a parse, a compare, a hash) must copy into a flat string; addresses and ranges are
// formatted when the objects are built and read when they are validated)
function formatV4(value: bigint): string {
  const v = Number(value);
  return [Math.floor(v / 16777216) % 256, Math.floor(v / 65536) % 256, Math.floor(v / 256) % 256, v % 256].join('.');
}

/** Scratch for formatting (formatting is synchronous and never re-entered). */
const V6_WORDS = [0, 0, 0, 0, 0, 0, 0, 0];

function formatV6(value: bigint): string {
  const words = v6ToWords(value, V6_WORDS);
  // RFC 5952 section 5: IPv4-mapped addresses (::ffff:0:0/96) use mixed notation.
  if (isV4MappedWords(words)) return ['::ffff:', formatV4(value % 4294967296n)].join('');
  const bestStart = longestZeroRun(words);
  const bestLen = zeroRunLength();
  // Groups joined by ":", the run replaced by "::" (the parts joined once: a flat text, see formatV4).
  const out: string[] = [];
  let colon = false;
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out.push('::');
      i += bestLen - 1;
      colon = false;
      continue;
    }
    if (colon) out.push(':');
    out.push(words[i].toString(16));
    colon = true;
  }
  return out.join('');
}
