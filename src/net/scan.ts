/**
 * Allocation-light scanning of well-formed address text. Fabrics parse hundreds of thousands of addresses at
 * synth (every pool, gateway and range, in the topology and again in the shared rules), so the common valid
 * forms are read here character by character. Anything unusual returns `undefined` and goes through the
 * explaining parsers in address.ts, which either accept it or say what is wrong: the scanners accept a subset
 * of what those parsers accept, with the same values (a property test holds them to it).
 */
import type { IpFamily } from './address';

const COLON = 58;
const DOT = 46;
const ZERO = 48;
const P32 = 2n ** 32n;
const P48 = 2n ** 48n;
const P80 = 2n ** 80n;

/*
 * An IPv6 value and its eight 16-bit groups convert through three exact doubles (48 + 48 + 32 bits) rather
 * than eight bigint steps or a hex string. Both directions live here, for the scanner and for formatting.
 */

/** The value of eight 16-bit groups. */
export function wordsToV6(w: readonly number[]): bigint {
  const hi = (w[0] * 65536 + w[1]) * 65536 + w[2];
  const mid = (w[3] * 65536 + w[4]) * 65536 + w[5];
  const lo = w[6] * 65536 + w[7];
  if (hi === 0 && mid === 0) return BigInt(lo);
  // (the upper 96 bits of the last value kept: a pool's subnet, ranges and gateway share them, and each bigint
  // step allocates; zero parts skipped)
  if (hi !== lastHi || mid !== lastMid) {
    let high = hi === 0 ? 0n : BigInt(hi) * P80;
    if (mid !== 0) high += BigInt(mid) * P32;
    lastHi = hi;
    lastMid = mid;
    lastHigh = high;
  }
  return lo === 0 ? lastHigh : lastHigh + BigInt(lo);
}

/** The upper 96 bits of the last value {@link wordsToV6} made, as two 48-bit numbers and as a bigint. */
let lastHi = 0;
let lastMid = 0;
let lastHigh = 0n;

/** Writes the eight 16-bit groups of `value` into `out` and returns it. */
export function v6ToWords(value: bigint, out: number[]): number[] {
  const hi = Number(value / P80);
  const mid = Number((value / P32) % P48);
  const lo = Number(value % P32);
  out[0] = Math.floor(hi / 4294967296); out[1] = Math.floor(hi / 65536) % 65536; out[2] = hi % 65536;
  out[3] = Math.floor(mid / 4294967296); out[4] = Math.floor(mid / 65536) % 65536; out[5] = mid % 65536;
  out[6] = Math.floor(lo / 65536); out[7] = lo % 65536;
  return out;
}

/** 0-15 for a hex digit's char code, -1 otherwise. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** text[from, to) as a dotted quad (decimal octets 0-255, no leading zeros), or -1. */
function scanV4(text: string, from: number, to: number): number {
  let value = 0;
  let octets = 0;
  let i = from;
  for (;;) {
    const start = i;
    let octet = 0;
    while (i < to) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - ZERO);
      i++;
      if (i - start > 3) return -1;
    }
    const len = i - start;
    if (len === 0 || octet > 255 || (len > 1 && text.charCodeAt(start) === ZERO)) return -1;
    value = value * 256 + octet;
    octets++;
    if (i === to) break;
    if (text.charCodeAt(i) !== DOT || octets === 4) return -1;
    i++;
  }
  return octets === 4 ? value : -1;
}

/** Scratch for the eight 16-bit groups (scanning is synchronous and never re-entered). */
const words = [0, 0, 0, 0, 0, 0, 0, 0];

/** Whether the last text scanV6 accepted is the canonical text of its value (what formatAddress writes). */
let canonicalV6 = true;

/** text[from, to) as IPv6 hex groups with at most one "::" (no embedded IPv4, no zone), or undefined. */
function scanV6(text: string, from: number, to: number): bigint | undefined {
  let n = 0;
  let gap = -1;
  let i = from;
  // lower case and no leading zeros so far (the zero runs are compared at the end)
  let plain = true;
  if (i < to && text.charCodeAt(i) === COLON) {
    if (i + 1 >= to || text.charCodeAt(i + 1) !== COLON) return undefined;
    gap = 0;
    i += 2;
    if (i === to) {
      canonicalV6 = true;
      return 0n;
    }
  }
  for (;;) {
    let w = 0;
    let digits = 0;
    const start = i;
    while (i < to) {
      const c = text.charCodeAt(i);
      const h = hexValue(c);
      if (h < 0) break;
      if (c >= 65 && c <= 70) plain = false;
      w = w * 16 + h;
      i++;
      if (++digits > 4) return undefined;
    }
    if (digits === 0 || n === 8) return undefined;
    if (digits > 1 && text.charCodeAt(start) === ZERO) plain = false;
    words[n++] = w;
    if (i === to) break;
    if (text.charCodeAt(i) !== COLON) return undefined;
    i++;
    if (i < to && text.charCodeAt(i) === COLON) {
      if (gap >= 0) return undefined;
      gap = n;
      i++;
      if (i === to) break;
    } else if (i === to) {
      return undefined;
    }
  }
  if (gap < 0) {
    if (n !== 8) return undefined;
  } else {
    if (n > 7) return undefined;
    const tail = n - gap;
    for (let k = 0; k < tail; k++) words[7 - k] = words[n - 1 - k];
    for (let k = gap; k < 8 - tail; k++) words[k] = 0;
  }
  canonicalV6 = plain && isCanonicalRun(gap, gap < 0 ? 0 : 8 - n);
  return wordsToV6(words);
}

/**
 * Whether `words` written with "::" for the run at `gap` of `len` groups (gap -1: none) is RFC 5952 text as
 * formatAddress writes it: "::" for the longest run of two or more zero groups (the leftmost on a tie), no "::"
 * otherwise, and not an IPv4-mapped address (written in mixed notation).
 */
function isCanonicalRun(gap: number, len: number): boolean {
  if (isV4MappedWords(words)) return false;
  const bestStart = longestZeroRun(words);
  return gap < 0 ? bestStart < 0 : gap === bestStart && len === zeroRunLength();
}

/** Whether eight 16-bit groups are an IPv4-mapped address (::ffff:0:0/96), which RFC 5952 writes in mixed notation. */
export function isV4MappedWords(w: ArrayLike<number>): boolean {
  return w[0] === 0 && w[1] === 0 && w[2] === 0 && w[3] === 0 && w[4] === 0 && w[5] === 0xffff;
}

let runLength = 1;

/**
 * RFC 5952 section 4.2: the start of the longest run of two or more zero groups of eight (the leftmost on a tie), or
 * -1 when there is none; {@link zeroRunLength} then gives its length. (Scanning and formatting share it.)
 */
export function longestZeroRun(w: ArrayLike<number>): number {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (w[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && w[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  runLength = bestLen;
  return bestStart;
}

/** The length of the run {@link longestZeroRun} found last. */
export function zeroRunLength(): number {
  return runLength;
}

let scanned: IpFamily = 4;

/** Family of the last address {@link scanAddress} accepted. */
export function scannedFamily(): IpFamily {
  return scanned;
}

/**
 * Whether the text of the last address {@link scanAddress} accepted is exactly what formatAddress writes for its
 * value (IPv4: always, the scanner takes no leading zeros; IPv6: lower case, no leading zeros, RFC 5952 "::").
 */
export function scannedCanonical(): boolean {
  return scanned === 4 || canonicalV6;
}

/**
 * text[from, to) as an address value (IPv6 if it holds a colon, else IPv4), with its family in {@link scannedFamily};
 * `undefined` when the text is not in one of the plain forms (the explaining parser decides then).
 */
export function scanAddress(text: string, from: number, to: number): bigint | undefined {
  const colon = text.indexOf(':', from);
  if (colon >= 0 && colon < to) {
    const v = scanV6(text, from, to);
    if (v !== undefined) scanned = 6;
    return v;
  }
  const v4 = scanV4(text, from, to);
  if (v4 < 0) return undefined;
  scanned = 4;
  return BigInt(v4);
}

/** text[from, to) as a prefix length 0-`max` (decimal, no leading zeros), or -1. */
export function scanPrefix(text: string, from: number, to: number, max: number): number {
  const len = to - from;
  if (len < 1 || len > 3 || (len > 1 && text.charCodeAt(from) === ZERO)) return -1;
  let p = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    p = p * 10 + (c - ZERO);
  }
  return p <= max ? p : -1;
}
