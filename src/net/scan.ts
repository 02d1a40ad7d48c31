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
  return BigInt(hi) * P80 + BigInt(mid) * P32 + BigInt(lo);
}

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

/** text[from, to) as IPv6 hex groups with at most one "::" (no embedded IPv4, no zone), or undefined. */
function scanV6(text: string, from: number, to: number): bigint | undefined {
  let n = 0;
  let gap = -1;
  let i = from;
  if (i < to && text.charCodeAt(i) === COLON) {
    if (i + 1 >= to || text.charCodeAt(i + 1) !== COLON) return undefined;
    gap = 0;
    i += 2;
    if (i === to) return 0n;
  }
  for (;;) {
    let w = 0;
    let digits = 0;
    while (i < to) {
      const h = hexValue(text.charCodeAt(i));
      if (h < 0) break;
      w = w * 16 + h;
      i++;
      if (++digits > 4) return undefined;
    }
    if (digits === 0 || n === 8) return undefined;
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
  return wordsToV6(words);
}

let scanned: IpFamily = 4;

/** Family of the last address {@link scanAddress} accepted. */
export function scannedFamily(): IpFamily {
  return scanned;
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
