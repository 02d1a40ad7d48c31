/**
 * Inclusive address ranges, merged range sets and a sweep-line overlap finder.
 * Everything works on `bigint` bounds and never enumerates addresses.
 */
import { formatAddress, IpAddress, IpFamily, maxValue, NetParseError, quote } from './address';
import type { Cidr } from './cidr';
import { scanAddress, scannedFamily } from './scan';

/** An inclusive range of addresses of one family, start <= end. */
export class IpRange {
  /**
   * Parse Spiderpool range syntax: a single address "a" or "a-b" with no
   * spaces, both ends of the same family and start <= end.
   */
  public static parse(text: string): IpRange {
    if (typeof text === 'string') {
      // "a" or "a-b" in the plain forms without building parts; everything else goes to parseExplained
      const dash = text.indexOf('-');
      const split = dash < 0 ? text.length : dash;
      if (dash < 0 || text.indexOf('-', dash + 1) < 0) {
        const start = scanAddress(text, 0, split);
        const family = scannedFamily();
        const end = start === undefined ? undefined : dash < 0 ? start : scanAddress(text, dash + 1, text.length);
        if (start !== undefined && end !== undefined && scannedFamily() === family && start <= end) return new IpRange(family, start, end);
      }
    }
    return IpRange.parseExplained(text);
  }

  /**
   * The parser that explains every rejection (what {@link parse} falls back to when the text is not in a
   * plain form). Same results as {@link parse}; slower.
   */
  public static parseExplained(text: string): IpRange {
    const bad = (why: string) => new NetParseError(`${quote(text)} is not a valid IP range: ${why}`);
    if (typeof text !== 'string' || text.length === 0) {
      throw bad('it is empty; expected an address "a" or a range "a-b" such as 192.0.2.10-192.0.2.20');
    }
    const parts = text.split('-');
    if (parts.length > 2) throw bad('it contains more than one "-"; expected "a" or "a-b"');
    const ends = parts.map((p, i) => {
      try {
        return IpAddress.parse(p);
      } catch (e) {
        if (!(e instanceof NetParseError)) throw e;
        const which = parts.length === 1 ? '' : i === 0 ? 'start: ' : 'end: ';
        throw bad(`${which}${e.message}`);
      }
    });
    const start = ends[0];
    const end = ends[ends.length - 1];
    if (start.family !== end.family) {
      throw bad(`start is IPv${start.family} but end is IPv${end.family}; both ends must be the same family`);
    }
    if (start.value > end.value) {
      throw bad(`start ${start.toString()} is after end ${end.toString()}; write the lower address first`);
    }
    return new IpRange(start.family, start.value, end.value);
  }

  /** Like {@link parse} but returns `undefined` instead of throwing. */
  public static tryParse(text: string): IpRange | undefined {
    try {
      return IpRange.parse(text);
    } catch (e) {
      if (e instanceof NetParseError) return undefined;
      throw e;
    }
  }

  /** Range from two addresses of the same family with start <= end. */
  public static of(start: IpAddress, end: IpAddress): IpRange {
    if (start.family !== end.family) {
      throw new NetParseError(`cannot make a range from ${start.toString()} to ${end.toString()}: both ends must be the same family`);
    }
    if (start.value > end.value) {
      throw new NetParseError(`cannot make a range from ${start.toString()} to ${end.toString()}: start is after end`);
    }
    return new IpRange(start.family, start.value, end.value);
  }

  /** Range from raw values (validated: within the family, start <= end). */
  public static fromBigInt(family: IpFamily, start: bigint, end: bigint): IpRange {
    return IpRange.of(IpAddress.fromBigInt(family, start), IpAddress.fromBigInt(family, end));
  }

  private constructor(public readonly family: IpFamily, public readonly start: bigint, public readonly end: bigint) {}

  /** Number of addresses in the range. */
  public get size(): bigint {
    return this.end - this.start + 1n;
  }

  /** True when `ip` has the same family and lies inside the range. */
  public contains(ip: IpAddress): boolean {
    return ip.family === this.family && ip.value >= this.start && ip.value <= this.end;
  }

  /** True when the ranges share an address; always false across families. */
  public overlaps(other: IpRange): boolean {
    return other.family === this.family && this.start <= other.end && other.start <= this.end;
  }

  /** "a" when start == end, otherwise "a-b", with canonical addresses. */
  public toString(): string {
    const a = formatAddress(this.family, this.start);
    // (joined, not concatenated: a flat text, as formatAddress's)
    return this.start === this.end ? a : [a, formatAddress(this.family, this.end)].join('-');
  }
}

/** The ranges of every empty set (frozen: shared). */
const NO_RANGES: IpRange[] = Object.freeze([]) as unknown as IpRange[];

/** The empty sets ({@link RangeSet.empty}). */
let EMPTY_V4: RangeSet | undefined;
let EMPTY_V6: RangeSet | undefined;

/** An immutable set of addresses of one family, kept as sorted, merged (non-adjacent) ranges. */
export class RangeSet {
  /** Build from ranges in any order; overlapping and adjacent ranges are merged. O(n log n). */
  public static of(family: IpFamily, ranges: readonly IpRange[]): RangeSet {
    // (indexed loops and slice, not for..of and spreads: a set's own ranges are a frozen array, which V8 iterates
    // through the generic iterator protocol, several times slower)
    for (let i = 0; i < ranges.length; i++) {
      const r = ranges[i];
      if (r.family !== family) {
        throw new NetParseError(`cannot add IPv${r.family} range ${r.toString()} to an IPv${family} range set; all ranges must be IPv${family}`);
      }
    }
    if (ranges.length < 2) return new RangeSet(family, ranges.length === 0 ? NO_RANGES : ranges.slice());
    const sorted = ranges.slice().sort((a, b) => cmp(a.start, b.start));
    const merged: IpRange[] = [];
    for (let i = 0; i < sorted.length; i++) {
      const r = sorted[i];
      const top = merged[merged.length - 1];
      if (top !== undefined && r.start <= top.end + 1n) {
        if (r.end > top.end) merged[merged.length - 1] = IpRange.fromBigInt(family, top.start, r.end);
      } else {
        merged.push(r);
      }
    }
    return new RangeSet(family, merged);
  }

  /** The empty set of `family` (one shared instance per family: the set is immutable). */
  public static empty(family: IpFamily): RangeSet {
    if (family !== 4 && family !== 6) return RangeSet.of(family, NO_RANGES);
    return family === 4 ? (EMPTY_V4 ??= new RangeSet(4, NO_RANGES)) : (EMPTY_V6 ??= new RangeSet(6, NO_RANGES));
  }

  /** Parse each text with {@link IpRange.parse}; every range must be of `family`. */
  public static parse(family: IpFamily, texts: readonly string[]): RangeSet {
    const ranges = texts.map((t) => {
      const r = IpRange.parse(t);
      if (r.family !== family) {
        throw new NetParseError(`${quote(t)} is not a valid IPv${family} range: it is IPv${r.family}, expected IPv${family} only`);
      }
      return r;
    });
    return RangeSet.of(family, ranges);
  }

  /** Sorted, merged ranges; no two overlap or touch. */
  public readonly ranges: readonly IpRange[];

  private count?: bigint;

  private constructor(public readonly family: IpFamily, ranges: IpRange[]) {
    this.ranges = Object.freeze(ranges);
  }

  /** True when the set holds no address. */
  public get isEmpty(): boolean {
    return this.ranges.length === 0;
  }

  /** Number of addresses in the set (summed once: the set is immutable). */
  public get size(): bigint {
    if (this.count === undefined) {
      // (one range, the common pool: its size, without a sum)
      let n = this.ranges.length === 1 ? this.ranges[0].size : 0n;
      if (this.ranges.length > 1) for (let i = 0; i < this.ranges.length; i++) n += this.ranges[i].size;
      this.count = n;
    }
    return this.count;
  }

  /** True when `ip` is in the set (binary search). */
  public contains(ip: IpAddress): boolean {
    if (ip.family !== this.family) return false;
    let lo = 0;
    let hi = this.ranges.length - 1;
    while (lo <= hi) {
      const mid = Math.floor((lo + hi) / 2);
      const r = this.ranges[mid];
      if (ip.value < r.start) hi = mid - 1;
      else if (ip.value > r.end) lo = mid + 1;
      else return true;
    }
    return false;
  }

  /** True when the sets share an address (linear merge walk); false across families. */
  public intersects(other: RangeSet): boolean {
    if (other.family !== this.family) return false;
    // each range of the smaller set looked up in the larger (a pool against every reserved address of a fabric)
    // (no pair built per call)
    const swap = this.ranges.length > other.ranges.length;
    const small = swap ? other.ranges : this.ranges;
    const large = swap ? this.ranges : other.ranges;
    let j = 0;
    for (let i = 0; i < small.length; i++) {
      const r = small[i];
      j = firstEndingFrom(large, r.start, j);
      if (j < large.length && large[j].start <= r.end) return true;
    }
    return false;
  }

  /** Addresses in both sets; empty across families. */
  public intersection(other: RangeSet): RangeSet {
    if (other.family !== this.family) return new RangeSet(this.family, []);
    const swap = this.ranges.length > other.ranges.length;
    const small = swap ? other.ranges : this.ranges;
    const large = swap ? this.ranges : other.ranges;
    const out: IpRange[] = [];
    let j = 0;
    for (let i = 0; i < small.length; i++) {
      const r = small[i];
      j = firstEndingFrom(large, r.start, j);
      for (let k = j; k < large.length && large[k].start <= r.end; k++) {
        out.push(IpRange.fromBigInt(this.family, max(r.start, large[k].start), min(r.end, large[k].end)));
      }
    }
    return new RangeSet(this.family, out);
  }

  /** Addresses in this set but not in `other`; unchanged across families. */
  public subtract(other: RangeSet): RangeSet {
    if (other.family !== this.family || other.isEmpty || this.isEmpty) return this;
    // (nothing to take away, the common case of a pool against a fabric's reserved addresses: no copy)
    if (!this.intersects(other)) return this;
    const b = other.ranges;
    const out: IpRange[] = [];
    let j = 0;
    for (let i = 0; i < this.ranges.length; i++) {
      const r = this.ranges[i];
      let cur = r.start;
      // Skip subtrahend ranges entirely before r.
      j = firstEndingFrom(b, r.start, j);
      let k = j;
      while (k < b.length && b[k].start <= r.end) {
        if (b[k].start > cur) out.push(IpRange.fromBigInt(this.family, cur, b[k].start - 1n));
        cur = max(cur, b[k].end + 1n);
        k++;
      }
      if (cur <= r.end) out.push(IpRange.fromBigInt(this.family, cur, r.end));
    }
    return new RangeSet(this.family, out);
  }

  /** Addresses in either set; throws {@link NetParseError} across families. */
  public union(other: RangeSet): RangeSet {
    if (other.family !== this.family) {
      throw new NetParseError(`cannot union an IPv${this.family} range set with an IPv${other.family} range set`);
    }
    return RangeSet.of(this.family, this.ranges.concat(other.ranges));
  }

  /** True when every range lies inside `cidr` (vacuously true when empty). */
  public within(cidr: Cidr): boolean {
    if (this.isEmpty) return true;
    if (cidr.family !== this.family) return false;
    return this.ranges[0].start >= cidr.first && this.ranges[this.ranges.length - 1].end <= cidr.last;
  }

  /** {@link IpRange.toString} of each merged range, in order. */
  public toStrings(): string[] {
    return this.ranges.map((r) => r.toString());
  }
}

/** A list {@link formatRangeSet} made: the set it formats and the texts it was made with (a copy only read here). */
export class FormattedRanges {
  /** @internal */
  constructor(public readonly set: RangeSet, public readonly texts: readonly string[]) {}
}

/** The lists {@link formatRangeSet} made (weakly: a list no one keeps is forgotten). */
const FORMATTED = new WeakMap<readonly unknown[], FormattedRanges>();

/**
 * {@link RangeSet.toStrings}, remembering which set the list formats, so that code reading the list back can take the
 * set instead of parsing the texts ({@link formattedSetOf}).
 */
export function formatRangeSet(set: RangeSet): string[] {
  const texts = set.toStrings();
  FORMATTED.set(texts, new FormattedRanges(set, texts.slice()));
  return texts;
}

/**
 * The set a list formats, when {@link formatRangeSet} made the list and it still holds the very texts it was made
 * with, in order (parsing each text then gives the set's ranges); undefined for any other list.
 */
export function formattedSetOf(list: readonly unknown[]): FormattedRanges | undefined {
  const f = FORMATTED.get(list);
  return f !== undefined && sameItems(list, f.texts) ? f : undefined;
}

/** Whether `list` holds exactly `texts` (the same strings, in order, no more). */
export function sameItems(list: readonly unknown[], texts: readonly string[]): boolean {
  if (list.length !== texts.length) return false;
  for (let i = 0; i < texts.length; i++) if (list[i] !== texts[i]) return false;
  return true;
}

/** An inclusive interval tagged with a caller key, for {@link findOverlaps}. */
export interface Interval<T> {
  readonly family: IpFamily;
  readonly start: bigint;
  readonly end: bigint;
  readonly key: T;
}

/**
 * Sweep-line overlap finder. Sorts by (family, start), keeping input order on
 * ties (O(n log n)), then for each item that overlaps an earlier one reports
 * `[earlier, item]` where `earlier` is the earlier item (same family) whose
 * range reaches furthest (first such item on ties). Items of different
 * families never overlap. At most one pair per item; deterministic.
 */
export function findOverlaps<T>(items: readonly Interval<T>[]): Array<[T, T]> {
  const order = items.map((item, index) => ({ item, index }));
  order.sort((a, b) => a.item.family - b.item.family || cmp(a.item.start, b.item.start) || a.index - b.index);
  const pairs: Array<[T, T]> = [];
  let reach: Interval<T> | undefined;
  for (const { item } of order) {
    if (item.start > item.end || item.start < 0n || item.end > maxValue(item.family)) {
      throw new NetParseError(`invalid interval for ${String(item.key)}: start ${item.start} and end ${item.end} must satisfy 0 <= start <= end <= ${maxValue(item.family)}`);
    }
    if (reach !== undefined && reach.family === item.family && item.start <= reach.end) {
      pairs.push([reach.key, item.key]);
    }
    if (reach === undefined || reach.family !== item.family || item.end > reach.end) reach = item;
  }
  return pairs;
}

/**
 * The first index from `from` on whose range ends at or after `value` (`ranges.length` if none): binary search
 * over sorted, disjoint ranges (their ends ascend).
 */
function firstEndingFrom(ranges: readonly IpRange[], value: bigint, from: number): number {
  let lo = from;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (ranges[mid].end < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * For every key with an interval that overlaps an interval of another key: the lowest-ranked such key (by `rank`,
 * the earlier input position on ties). An admission check that compares each new object with every object created
 * before it refuses exactly the keys whose lowest-ranked overlapping key ranks below them; {@link findOverlaps},
 * which reports one partner per interval, misses a key whose overlaps are all with intervals that another interval
 * reaches past. Intervals of one key are not compared with each other. O(n log n): a sweep over (family, start)
 * with a heap for the intervals reaching the current start, and a range-minimum table for the intervals starting
 * inside each interval.
 */
export function lowestRankedOverlaps<T>(items: readonly Interval<T>[], rank: (key: T) => number): Map<T, T> {
  // (intervals that come in ascending order of each family, each starting after the one before it ends, overlap
  // nowhere: a fabric's subnets come so, in VLAN order; found in one walk, without sorting or an entry per interval)
  if (ascendingAndDisjoint(items)) return new Map();
  return lowestRankedOverlapsSwept(items, rank);
}

/**
 * Whether, in input order, every interval of a family starts after the previous interval of its family ends (so no
 * two intervals overlap); throws {@link NetParseError} as {@link lowestRankedOverlaps} does for an interval that is
 * not one of its family, when every interval before it is in order.
 */
function ascendingAndDisjoint<T>(items: readonly Interval<T>[]): boolean {
  let end4 = -1n;
  let end6 = -1n;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    checkInterval(item);
    if (item.family === 4) {
      if (item.start <= end4) return false;
      end4 = item.end;
    } else if (item.family === 6) {
      if (item.start <= end6) return false;
      end6 = item.end;
    } else {
      return false;
    }
  }
  return true;
}

/**
 * {@link lowestRankedOverlaps} by the sweep, for intervals in any order.
 * @internal (exported for the property test that holds the shortcut to it)
 */
export function lowestRankedOverlapsSwept<T>(items: readonly Interval<T>[], rank: (key: T) => number): Map<T, T> {
  // (ranked only when some intervals overlap: most sets of a fabric's subnets have none)
  // (indexed loops: this runs once per call over thousands of intervals, mostly before V8 optimizes it)
  const all = items.map((item, index) => ({ item, index, rank: 0 }));
  let ranked = false;
  for (let i = 0; i < items.length; i++) checkInterval(items[i]);
  type Entry = (typeof all)[number];
  const lower = (a: Entry, b: Entry) => a.rank - b.rank || a.index - b.index;
  const best = new Map<T, Entry>();
  const note = (key: T, other: Entry) => {
    if (other.item.key === key) return;
    const known = best.get(key);
    if (!known || lower(other, known) < 0) best.set(key, other);
  };
  for (const family of [4, 6] as const) {
    const order = all.filter(e => e.item.family === family);
    order.sort((a, b) => cmp(a.item.start, b.item.start) || a.index - b.index);
    // no interval reaching the start of a later one: nothing to note in this family
    let reach = -1n;
    let overlapping = false;
    for (let i = 0; i < order.length; i++) {
      const e = order[i];
      if (e.item.start <= reach) {
        overlapping = true;
        break;
      }
      if (e.item.end > reach) reach = e.item.end;
    }
    if (!overlapping) continue;
    if (!ranked) {
      for (const e of all) e.rank = rank(e.item.key);
      ranked = true;
    }
    // 1. the intervals that started before this one and reach its start (the lowest-ranked of them)
    const active = new Heap<Entry>(lower);
    for (const e of order) {
      // an expired interval is lower than every active one only until it is popped: pop until the top reaches
      while (active.size > 0 && active.peek()!.item.end < e.item.start) active.pop();
      // the same key can be on top only with a disjoint interval, which has expired
      if (active.size > 0) note(e.item.key, active.peek()!);
      active.push(e);
    }
    // 2. the intervals that start after this one starts and no later than it ends (a range minimum)
    const n = order.length;
    const table: number[][] = [order.map((_, i) => i)];
    for (let w = 1; 2 * w <= n; w *= 2) {
      const prev = table[table.length - 1];
      const next: number[] = [];
      for (let i = 0; i + 2 * w <= n; i++) next.push(lower(order[prev[i]], order[prev[i + w]]) <= 0 ? prev[i] : prev[i + w]);
      table.push(next);
    }
    const lowestIn = (from: number, to: number): Entry => {
      let level = 0;
      while (2 ** (level + 1) <= to - from + 1) level++;
      const x = order[table[level][from]];
      const y = order[table[level][to - 2 ** level + 1]];
      return lower(x, y) <= 0 ? x : y;
    };
    order.forEach((e, p) => {
      // the last position whose start is <= this end
      let lo = p;
      let hi = n - 1;
      while (lo < hi) {
        const mid = Math.floor((lo + hi + 1) / 2);
        if (order[mid].item.start <= e.item.end) lo = mid; else hi = mid - 1;
      }
      // (an interval of this key's own cannot start inside this one: the intervals of one key are disjoint)
      if (lo > p) note(e.item.key, lowestIn(p + 1, lo));
    });
  }
  return new Map([...best].map(([k, e]) => [k, e.item.key]));
}

/** Throws {@link NetParseError} for an interval that is not one of its family. */
function checkInterval<T>(item: Interval<T>): void {
  if (item.start > item.end || item.start < 0n || item.end > maxValue(item.family)) {
    throw new NetParseError(`invalid interval for ${String(item.key)}: start ${item.start} and end ${item.end} must satisfy 0 <= start <= end <= ${maxValue(item.family)}`);
  }
}

/** A binary heap ordered by `before` (the first element is the one no other comes before). */
class Heap<T> {
  private readonly items: T[] = [];

  constructor(private readonly before: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  clear(): void {
    this.items.length = 0;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(x: T): void {
    const a = this.items;
    a.push(x);
    for (let i = a.length - 1; i > 0;) {
      const parent = Math.floor((i - 1) / 2);
      if (this.before(a[i], a[parent]) >= 0) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length > 0 && last !== undefined) {
      a[0] = last;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.before(a[l], a[m]) < 0) m = l;
        if (r < a.length && this.before(a[r], a[m]) < 0) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}

function cmp(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
