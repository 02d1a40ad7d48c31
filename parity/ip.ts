/**
 * Address text for the generators, written independently of src/net (the code under test): IPv4 dotted quads and
 * IPv6 in RFC 5952 form (lower case, longest zero run compressed), plus the spellings upstream must also handle.
 */
export type Family = 4 | 6;

export const BITS: Record<Family, number> = { 4: 32, 6: 128 };

export function fmt(family: Family, v: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map(s => String((v >> s) & 255n)).join('.');
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((v >> BigInt(i * 16)) & 0xffffn));
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) { i++; continue; }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) { bestStart = i; bestLen = j - i; }
    i = j;
  }
  const hex = (g: number[]) => g.map(x => x.toString(16)).join(':');
  if (bestStart < 0) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/** The uncompressed, upper-case IPv6 spelling (valid, not canonical). */
export function fmtLong(v: bigint): string {
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16).toUpperCase().padStart(4, '0'));
  return groups.join(':');
}

export function range(family: Family, a: bigint, b: bigint): string {
  return a === b ? fmt(family, a) : `${fmt(family, a)}-${fmt(family, b)}`;
}

export function cidr(family: Family, base: bigint, prefix: number): string {
  return `${fmt(family, base)}/${prefix}`;
}
