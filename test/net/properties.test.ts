import { isIPv4, isIPv6 } from 'net';
import fc from 'fast-check';
import { Cidr, findOverlaps, Interval, IpAddress, IpFamily, IpRange, lowestRankedOverlaps, lowestRankedOverlapsSwept, maxValue, RangeSet } from '../../src/net';
import { scanAddress } from '../../src/net/scan';

const v4Value = fc.bigInt({ min: 0n, max: maxValue(4) });
/** IPv6 values biased towards zero groups so that "::" compression is exercised. */
const v6Value = fc
  .array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff })), { minLength: 8, maxLength: 8 })
  .map((words) => words.reduce((acc, w) => acc * 65536n + BigInt(w), 0n));
const anyV6Value = fc.oneof(v6Value, fc.bigInt({ min: 0n, max: maxValue(6) }));

/** Fully expanded IPv6 text, upper case with leading zeros. */
function expanded(value: bigint): string {
  return value.toString(16).padStart(32, '0').toUpperCase().match(/.{4}/g)!.join(':');
}

describe('address round trips', () => {
  test('IPv4 toString/parse', () => {
    fc.assert(fc.property(v4Value, (v) => {
      const text = IpAddress.fromBigInt(4, v).toString();
      expect(IpAddress.parse(text).value).toBe(v);
      expect(isIPv4(text)).toBe(true);
    }));
  });

  test('IPv6 toString/parse, canonical form agrees with the WHATWG URL serializer', () => {
    fc.assert(fc.property(anyV6Value, (v) => {
      const ip = IpAddress.fromBigInt(6, v);
      const text = ip.toString();
      expect(IpAddress.parse(text).equals(ip)).toBe(true);
      expect(IpAddress.parse(expanded(v)).equals(ip)).toBe(true);
      expect(text).toBe(text.toLowerCase());
      expect(isIPv6(text)).toBe(true);
      if (!text.startsWith('::ffff:') || !text.includes('.')) {
        // URL serialization is RFC 5952 except for mixed IPv4 notation.
        expect(`[${text}]`).toBe(new URL(`http://[${expanded(v)}]/`).hostname);
      }
    }));
  });

  test('parser accepts exactly what Node accepts (no zones)', () => {
    const chars = fc.constantFrom(...'0123456789abcdefABCDEF:.'.split(''));
    const junk = fc.oneof(
      fc.string({ unit: chars, maxLength: 40 }),
      fc.tuple(anyV6Value, fc.nat(39), fc.constantFrom(':', '.', '', '::', '0', '1.2.3.4')).map(([v, i, s]) => {
        const t = expanded(v).toLowerCase();
        return t.slice(0, i) + s + t.slice(i + 1);
      }),
      fc.tuple(v4Value, fc.nat(15), fc.constantFrom('.', '0', '00', '', '9', '::')).map(([v, i, s]) => {
        const t = IpAddress.fromBigInt(4, v).toString();
        return t.slice(0, i) + s + t.slice(i + 1);
      }),
    );
    fc.assert(fc.property(junk, (text) => {
      const ip = IpAddress.tryParse(text);
      expect(ip !== undefined).toBe(isIPv4(text) || isIPv6(text));
      if (ip) expect(ip.family).toBe(isIPv4(text) ? 4 : 6);
    }), { numRuns: 300 });
  });

  test('compare is consistent with family then value', () => {
    const addr = fc.oneof(v4Value.map((v) => IpAddress.fromBigInt(4, v)), anyV6Value.map((v) => IpAddress.fromBigInt(6, v)));
    fc.assert(fc.property(addr, addr, (a, b) => {
      const c = a.compare(b);
      expect(Math.sign(c) + Math.sign(b.compare(a))).toBe(0); // antisymmetric (avoids -0 vs 0)
      expect(c === 0).toBe(a.equals(b));
      if (a.family !== b.family) expect(Math.sign(c)).toBe(a.family === 4 ? -1 : 1);
    }));
  });

  test('CIDR toString/parse and bounds', () => {
    const cidr = fc.oneof(
      fc.tuple(v4Value, fc.integer({ min: 0, max: 32 })).map(([v, p]) => `${IpAddress.fromBigInt(4, v).toString()}/${p}`),
      fc.tuple(anyV6Value, fc.integer({ min: 0, max: 128 })).map(([v, p]) => `${IpAddress.fromBigInt(6, v).toString()}/${p}`),
    );
    fc.assert(fc.property(cidr, (text) => {
      const c = Cidr.parse(text);
      const again = Cidr.parse(c.toString());
      expect(again.isCanonical).toBe(true);
      expect(again.toString()).toBe(c.toString());
      expect(c.last - c.first + 1n).toBe(c.size);
      expect(c.contains(c.address)).toBe(true);
      expect(c.first % c.size).toBe(0n);
      expect(c.isCanonical).toBe(c.address.value === c.first);
    }));
  });
});

// --- Small windows: brute force over enumerated offsets 0..255 ---------------

const WINDOW = 256;
/** A window base: a /24-aligned IPv4 address or any 256-aligned IPv6 address. */
const windowArb = fc.oneof(
  fc.bigInt({ min: 0n, max: maxValue(4) / 256n }).map((b) => ({ family: 4 as IpFamily, base: b * 256n })),
  fc.bigInt({ min: 0n, max: maxValue(6) / 256n }).map((b) => ({ family: 6 as IpFamily, base: b * 256n })),
);
const offsetRange = fc.tuple(fc.nat(WINDOW - 1), fc.nat(WINDOW - 1)).map(([a, b]) => (a <= b ? [a, b] : [b, a]) as [number, number]);
const offsetRanges = fc.array(offsetRange, { maxLength: 6 });

interface Window { family: IpFamily; base: bigint }

function toSet(w: Window, ranges: Array<[number, number]>): RangeSet {
  return RangeSet.of(w.family, ranges.map(([a, b]) => IpRange.fromBigInt(w.family, w.base + BigInt(a), w.base + BigInt(b))));
}

function enumerate(ranges: Array<[number, number]>): Set<number> {
  const s = new Set<number>();
  for (const [a, b] of ranges) for (let i = a; i <= b; i++) s.add(i);
  return s;
}

/** Offsets of a RangeSet relative to the window (asserting it stays inside). */
function offsets(w: Window, set: RangeSet): Set<number> {
  const s = new Set<number>();
  for (const r of set.ranges) {
    expect(r.start >= w.base && r.end < w.base + BigInt(WINDOW)).toBe(true);
    for (let v = r.start; v <= r.end; v++) s.add(Number(v - w.base));
  }
  return s;
}

function sorted(s: Set<number>): number[] {
  return [...s].sort((a, b) => a - b);
}

describe('RangeSet agrees with brute force in a 256-address window', () => {
  test('construction: sorted, merged, same addresses, contains', () => {
    fc.assert(fc.property(windowArb, offsetRanges, (w, rs) => {
      const set = toSet(w, rs);
      const expected = enumerate(rs);
      // sorted and merged: each range starts at least 2 after the previous end
      set.ranges.forEach((r, i) => {
        if (i > 0) expect(r.start > set.ranges[i - 1].end + 1n).toBe(true);
      });
      expect(sorted(offsets(w, set))).toEqual(sorted(expected));
      expect(set.size).toBe(BigInt(expected.size));
      expect(set.isEmpty).toBe(expected.size === 0);
      for (let i = -1; i <= WINDOW; i++) {
        const v = w.base + BigInt(i);
        if (v < 0n || v > maxValue(w.family)) continue;
        expect(set.contains(IpAddress.fromBigInt(w.family, v))).toBe(expected.has(i));
      }
      // textual round trip
      expect(RangeSet.parse(w.family, set.toStrings()).toStrings()).toEqual(set.toStrings());
    }));
  });

  test('intersects, intersection, subtract, union', () => {
    fc.assert(fc.property(windowArb, offsetRanges, offsetRanges, (w, ra, rb) => {
      const a = toSet(w, ra);
      const b = toSet(w, rb);
      const ea = enumerate(ra);
      const eb = enumerate(rb);
      const inter = [...ea].filter((x) => eb.has(x));
      expect(a.intersects(b)).toBe(inter.length > 0);
      expect(sorted(offsets(w, a.intersection(b)))).toEqual(sorted(new Set(inter)));
      expect(sorted(offsets(w, a.subtract(b)))).toEqual(sorted(new Set([...ea].filter((x) => !eb.has(x)))));
      expect(sorted(offsets(w, a.union(b)))).toEqual(sorted(new Set([...ea, ...eb])));
      // results are normalised the same way as RangeSet.of
      for (const s of [a.intersection(b), a.subtract(b), a.union(b)]) {
        expect(RangeSet.of(w.family, s.ranges).toStrings()).toEqual(s.toStrings());
      }
    }));
  });

  test('within a CIDR', () => {
    const bits = (f: IpFamily) => (f === 4 ? 32 : 128);
    fc.assert(fc.property(windowArb, offsetRanges, fc.integer({ min: 0, max: 8 }), fc.nat(WINDOW - 1), (w, rs, hostBits, at) => {
      const prefix = bits(w.family) - hostBits;
      const cidr = Cidr.parse(`${IpAddress.fromBigInt(w.family, w.base + BigInt(at)).toString()}/${prefix}`);
      const lo = Number(cidr.first - w.base);
      const hi = Number(cidr.last - w.base);
      const set = toSet(w, rs);
      expect(set.within(cidr)).toBe([...enumerate(rs)].every((x) => x >= lo && x <= hi));
      // Cidr.contains / containsRange / hostRange by enumeration
      for (const [a, b] of rs) {
        const r = IpRange.fromBigInt(w.family, w.base + BigInt(a), w.base + BigInt(b));
        expect(cidr.containsRange(r)).toBe(a >= lo && b <= hi);
      }
      const host = cidr.hostRange();
      const hostOffsets: number[] = [];
      for (let i = lo; i <= hi; i++) {
        if (cidr.contains(IpAddress.fromBigInt(w.family, w.base + BigInt(i))) && host.contains(IpAddress.fromBigInt(w.family, w.base + BigInt(i)))) {
          hostOffsets.push(i);
        }
      }
      let expectedHosts: number[];
      const all = Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
      if (hostBits <= 1) expectedHosts = all;
      else if (w.family === 4) expectedHosts = all.slice(1, -1);
      else expectedHosts = all.slice(1);
      expect(hostOffsets).toEqual(expectedHosts);
      expect(host.size).toBe(BigInt(expectedHosts.length));
    }));
  });
});

describe('findOverlaps agrees with brute force', () => {
  test('random intervals in a shared numeric window, mixed families', () => {
    const item = fc.tuple(fc.constantFrom<IpFamily>(4, 6), offsetRange);
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: maxValue(4) / 256n }), fc.array(item, { maxLength: 12 }), (b, specs) => {
      const base = b * 256n;
      const items: Array<Interval<number>> = specs.map(([family, [s, e]], key) => ({
        family, start: base + BigInt(s), end: base + BigInt(e), key,
      }));
      const pairs = findOverlaps(items);

      // Brute-force model: the sort order is (family, start, input index).
      const order = [...items].sort((x, y) => x.family - y.family || Number(x.start - y.start) || x.key - y.key);
      const addrs = (it: Interval<number>) => enumerate([[Number(it.start - base), Number(it.end - base)]]);
      const expected: Array<[number, number]> = [];
      order.forEach((it, p) => {
        const mine = addrs(it);
        const earlier = order.slice(0, p).filter((q) => q.family === it.family);
        const overlapping = earlier.filter((q) => [...addrs(q)].some((x) => mine.has(x)));
        if (overlapping.length === 0) return;
        // partner: earlier item reaching furthest (first on ties)
        const partner = earlier.reduce((best, q) => (q.end > best.end ? q : best));
        expect(overlapping).toContain(partner);
        expected.push([partner.key, it.key]);
      });
      expect(pairs).toEqual(expected);
      // deterministic
      expect(findOverlaps(items)).toEqual(pairs);
    }));
  });
});

describe('lowestRankedOverlaps agrees with brute force', () => {
  test('random intervals of a few keys (several intervals per key, disjoint within a key), mixed families, ranks apart from input order', () => {
    const item = fc.tuple(fc.nat(5), fc.constantFrom<IpFamily>(4, 6), offsetRange);
    fc.assert(fc.property(fc.array(item, { maxLength: 14 }), fc.array(fc.nat(100), { minLength: 6, maxLength: 6 }), (specs, ranks) => {
      const items: Array<Interval<number>> = [];
      for (const [key, family, [s, e]] of specs) {
        const clash = items.some(x => x.key === key && x.family === family && BigInt(s) <= x.end && x.start <= BigInt(e));
        if (!clash) items.push({ family, start: BigInt(s), end: BigInt(e), key });
      }
      const rank = (k: number) => ranks[k];
      const got = lowestRankedOverlaps(items, rank);
      const expected = new Map<number, number>();
      for (const key of new Set(items.map(x => x.key))) {
        const overlapsKey = (y: Interval<number>) => items.some(x => x.key === key && x.family === y.family && x.start <= y.end && y.start <= x.end);
        const others = items.filter(y => y.key !== key && overlapsKey(y));
        if (others.length === 0) continue;
        // lowest rank; on ties the interval earliest in the input
        const before = (y: Interval<number>, b: Interval<number>) =>
          rank(y.key) < rank(b.key) || (rank(y.key) === rank(b.key) && items.indexOf(y) < items.indexOf(b));
        const bestOther = others.reduce((b, y) => (before(y, b) ? y : b));
        expected.set(key, bestOther.key);
      }
      expect(new Map([...got].sort((a, b) => a[0] - b[0]))).toEqual(new Map([...expected].sort((a, b) => a[0] - b[0])));
    }));
  });
});

describe('lowestRankedOverlaps\' shortcut for ascending, disjoint intervals agrees with the sweep', () => {
  test('intervals ascending per family (interleaved families, often touching), or one of them moved or widened', () => {
    // gaps of 0 or more between an interval's end and the next start of its family; then maybe one interval
    // widened back into its predecessor or moved elsewhere, so the input is sometimes out of order
    const step = fc.tuple(fc.constantFrom<IpFamily>(4, 6), fc.nat(3), fc.nat(4), fc.nat(5));
    const change = fc.option(fc.tuple(fc.nat(30), fc.nat(30), fc.boolean()), { nil: undefined });
    fc.assert(fc.property(fc.array(step, { maxLength: 16 }), change, fc.array(fc.nat(20), { minLength: 16, maxLength: 16 }), (steps, edit, ranks) => {
      const items: Array<Interval<number>> = [];
      const next = { 4: 0n, 6: 0n };
      steps.forEach(([family, gap, width, key]) => {
        const start = next[family] + BigInt(gap);
        items.push({ family, start, end: start + BigInt(width), key });
        next[family] = start + BigInt(width) + 1n;
      });
      if (edit && items.length > 0) {
        const [at, to, widen] = edit;
        const i = at % items.length;
        if (widen) {
          items[i] = { ...items[i], start: items[i].start > 0n ? items[i].start - 1n : 0n };
        } else {
          const [moved] = items.splice(i, 1);
          items.splice(to % (items.length + 1), 0, moved);
        }
      }
      const rank = (k: number) => ranks[k];
      expect(lowestRankedOverlaps(items, rank)).toEqual(lowestRankedOverlapsSwept(items, rank));
    }));
  });

  test('an interval out of its family\'s range is refused by both', () => {
    const items: Array<Interval<string>> = [
      { family: 4, start: 1n, end: 2n, key: 'a' },
      { family: 4, start: 5n, end: maxValue(4) + 1n, key: 'b' },
    ];
    expect(() => lowestRankedOverlaps(items, () => 0)).toThrow(/invalid interval for b/);
    expect(() => lowestRankedOverlapsSwept(items, () => 0)).toThrow(/invalid interval for b/);
  });
});

describe('fast scanning agrees with the explaining parsers', () => {
  /** Near-miss text: valid addresses, CIDRs and ranges with one character replaced, dropped or doubled, and noise. */
  const chars = fc.constantFrom(...'0123456789abcdefABCDEF:.-/ %['.split(''));
  const v4Text = v4Value.map(v => IpAddress.fromBigInt(4, v).toString());
  const v6Text = fc.oneof(anyV6Value.map(v => IpAddress.fromBigInt(6, v).toString()), anyV6Value.map(v => expanded(v).toLowerCase()));
  const addrText = fc.oneof(v4Text, v6Text);
  const shapes = fc.oneof(
    addrText,
    fc.tuple(addrText, fc.nat(130)).map(([a, p]) => `${a}/${p}`),
    fc.tuple(addrText, addrText).map(([a, b]) => `${a}-${b}`),
  );
  const mutated = fc.tuple(shapes, fc.nat(60), fc.constantFrom('', ':', '::', '.', '-', '/', '0', '00', 'g', ' ', '1.2.3.4', 'ffff0'))
    .map(([t, i, s]) => t.slice(0, i % (t.length + 1)) + s + t.slice((i % (t.length + 1)) + 1));
  const text = fc.oneof(shapes, mutated, fc.string({ unit: chars, maxLength: 45 }));

  /** Both parsers give the same value, or both refuse with the same message. */
  function agree<T>(fast: (t: string) => T, explained: (t: string) => T, t: string): void {
    const run = (f: (t: string) => T) => {
      try {
        return { value: f(t) };
      } catch (e) {
        return { error: (e as Error).message };
      }
    };
    expect(run(fast)).toEqual(run(explained));
  }

  test('IpAddress.parse = IpAddress.parseExplained', () => {
    fc.assert(fc.property(text, t => agree(x => IpAddress.parse(x), x => IpAddress.parseExplained(x), t)), { numRuns: 3000 });
  });

  test('Cidr.parse = Cidr.parseExplained', () => {
    fc.assert(fc.property(text, t => agree(x => Cidr.parse(x), x => Cidr.parseExplained(x), t)), { numRuns: 3000 });
  });

  test('IpRange.parse = IpRange.parseExplained', () => {
    fc.assert(fc.property(text, t => agree(x => IpRange.parse(x), x => IpRange.parseExplained(x), t)), { numRuns: 3000 });
  });

  test('the forms this library writes take the fast path', () => {
    // IPv4-mapped IPv6 values are written as ::ffff:a.b.c.d (RFC 5952 section 5); the scanner leaves embedded
    // IPv4 to the explaining parser, so they are excluded here and held to their value in the next test.
    fc.assert(fc.property(addrText.filter(t => !/^::ffff:[0-9.]+$/.test(t)), t => {
      expect(scanAddress(t, 0, t.length)).toBe(IpAddress.parseExplained(t).value);
    }));
  });

  test('IPv4-mapped IPv6 text leaves the fast path and keeps its value', () => {
    fc.assert(fc.property(v4Value, v => {
      const value = 0xffff00000000n + v;
      const t = IpAddress.fromBigInt(6, value).toString();
      expect(t).toMatch(/^::ffff:\d+\.\d+\.\d+\.\d+$/);
      expect(scanAddress(t, 0, t.length)).toBeUndefined();
      expect(IpAddress.parseExplained(t).value).toBe(value);
    }));
  });
});
