/**
 * CIDR blocks ("address/prefix") with O(1) arithmetic on `bigint`.
 */
import { familyBits, IpAddress, IpFamily, NetParseError, quote } from './address';
import { IpRange } from './range';
import { scanAddress, scannedCanonical, scannedFamily, scanPrefix } from './scan';

/** 2^0 .. 2^128, so that block sizes are not recomputed. */
const POW2: readonly bigint[] = Array.from({ length: 129 }, (_, i) => 2n ** BigInt(i));
/** 2^i - 1: the offset of a block's last address from its first. */
const LOW_MASK: readonly bigint[] = POW2.map(p => p - 1n);

/** An IPv4 or IPv6 CIDR block; the address may be written with host bits set. */
export class Cidr {
  /**
   * Parse "address/prefix". The prefix is decimal without leading zeros,
   * 0-32 for IPv4 and 0-128 for IPv6. A bare address (no "/prefix") is an error.
   */
  public static parse(text: string): Cidr {
    if (typeof text === 'string') {
      // the plain forms without building parts; everything else goes to parseExplained
      const slash = text.indexOf('/');
      if (slash > 0 && text.indexOf('/', slash + 1) < 0) {
        const value = scanAddress(text, 0, slash);
        if (value !== undefined) {
          const family = scannedFamily();
          const canonical = scannedCanonical();
          const prefix = scanPrefix(text, slash + 1, text.length, familyBits(family));
          if (prefix >= 0) return new Cidr(IpAddress.fromBigInt(family, value), prefix, canonical ? text : undefined);
        }
      }
    }
    return Cidr.parseExplained(text);
  }

  /**
   * The parser that explains every rejection (what {@link parse} falls back to when the text is not in a
   * plain form). Same results as {@link parse}; slower.
   */
  public static parseExplained(text: string): Cidr {
    const bad = (why: string) => new NetParseError(`${quote(text)} is not a valid CIDR: ${why}`);
    if (typeof text !== 'string' || text.length === 0) {
      throw bad('it is empty; expected "address/prefix" such as 192.0.2.0/24 or 2001:db8::/64');
    }
    const parts = text.split('/');
    if (parts.length === 1) {
      throw bad('the "/prefix" is missing; expected "address/prefix" such as 192.0.2.0/24 or 2001:db8::/64');
    }
    if (parts.length > 2) throw bad('it contains more than one "/"; expected "address/prefix"');
    const [addrText, prefixText] = parts;

    let address: IpAddress;
    try {
      address = IpAddress.parse(addrText);
    } catch (e) {
      if (e instanceof NetParseError) throw bad(e.message);
      throw e;
    }
    const bits = familyBits(address.family);
    const range = `0-${bits} for IPv${address.family}`;
    if (prefixText.length === 0) throw bad(`the prefix length after "/" is empty, expected ${range}`);
    if (!/^[0-9]+$/.test(prefixText)) throw bad(`prefix length ${quote(prefixText)} is not a decimal number, expected ${range}`);
    if (prefixText.length > 1 && prefixText.startsWith('0')) {
      throw bad(`prefix length ${quote(prefixText)} has a leading zero, expected ${range} without leading zeros`);
    }
    const prefix = prefixText.length > 3 ? Infinity : Number(prefixText);
    if (prefix > bits) throw bad(`prefix length ${prefixText} is too large, expected ${range}`);
    // (the same object as the fast path makes: the text kept when it is the canonical one)
    const cidr = new Cidr(address, prefix, undefined);
    if (cidr.isCanonical && cidr.toString() !== text) cidr.text = undefined;
    return cidr;
  }

  /** Like {@link parse} but returns `undefined` instead of throwing. */
  public static tryParse(text: string): Cidr | undefined {
    try {
      return Cidr.parse(text);
    } catch (e) {
      if (e instanceof NetParseError) return undefined;
      throw e;
    }
  }

  /** Address family of the block. */
  public readonly family: IpFamily;
  /** First (network) address value. */
  public readonly first: bigint;
  /** Last address value (the broadcast address for IPv4). */
  public readonly last: bigint;
  /** True when the address was written without host bits (address === network address). */
  public readonly isCanonical: boolean;
  /** The canonical text, once known (from the parsed text when that was canonical: no formatting then). */
  private text: string | undefined;

  /**
   * @param address the address as written (host bits may be set)
   * @param prefix the prefix length, already validated
   * @param text the text parsed, when its address is written canonically (no leading zeros, RFC 5952)
   */
  private constructor(public readonly address: IpAddress, public readonly prefix: number, text: string | undefined) {
    this.family = address.family;
    const hostBits = familyBits(this.family) - prefix;
    // (no host bits, the common case: the address value is the network's, one bigint step fewer; the host bits
    // masked off, not divided out, which for IPv6 values is many times slower)
    const low = BigInt.asUintN(hostBits, address.value);
    this.isCanonical = low === 0n;
    this.first = this.isCanonical ? address.value : address.value - low;
    this.last = this.first + LOW_MASK[hostBits];
    // written canonically with no host bits: the text is the canonical "network/prefix"
    this.text = this.isCanonical ? text : undefined;
  }

  /** Number of addresses in the block (2^(bits - prefix)). */
  public get size(): bigint {
    return POW2[familyBits(this.family) - this.prefix];
  }

  /** Canonical "network/prefix" text (formatted once: the rules compare and key pools by it). */
  public toString(): string {
    return (this.text ??= [IpAddress.fromBigInt(this.family, this.first).toString(), this.prefix].join('/'));
  }

  /** True when `ip` has the same family and lies inside the block. */
  public contains(ip: IpAddress): boolean {
    return ip.family === this.family && ip.value >= this.first && ip.value <= this.last;
  }

  /** True when the whole `range` has the same family and lies inside the block. */
  public containsRange(range: IpRange): boolean {
    return range.family === this.family && range.start >= this.first && range.end <= this.last;
  }

  /** True when the blocks share at least one address; always false across families. */
  public overlaps(other: Cidr): boolean {
    return other.family === this.family && this.first <= other.last && other.first <= this.last;
  }

  /**
   * Usable host addresses. IPv4: excludes network and broadcast addresses for
   * prefixes up to /30; /31 and /32 are used whole (RFC 3021). IPv6: excludes the
   * subnet-router anycast address (the first) for prefixes up to /126; /127 and
   * /128 are used whole (RFC 6164).
   */
  public hostRange(): IpRange {
    const bits = familyBits(this.family);
    if (this.prefix >= bits - 1) return IpRange.fromBigInt(this.family, this.first, this.last);
    if (this.family === 4) return IpRange.fromBigInt(4, this.first + 1n, this.last - 1n);
    return IpRange.fromBigInt(6, this.first + 1n, this.last);
  }
}
