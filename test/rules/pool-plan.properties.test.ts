/**
 * The library's own IpPool carries its address plan already parsed (POOL_PLAN: the subnet it parsed, the range it
 * derived, or the set a topology formatted its ips from), and the pool check takes it instead of parsing the texts
 * while the spec holds what it was made with. The check must decide exactly as when it parses: the same findings
 * and the same parsed plan as for a plain copy of the object (which carries nothing), whatever the plan and however
 * the spec was changed after the pool was made.
 */
import { App, Chart } from 'cdk8s';
import fc from 'fast-check';
import { BondMode, IpPool, ReservedIps, VlanOffer, VlanTopology } from '../../src';
import { IpAddress, IpRange, RangeSet, formatRangeSet, formattedSetOf, maxValue } from '../../src/net';
import { CarriedPoolPlan, CarriedReservedIps, POOL_PLAN, RESERVED_IPS, checkIpPool, checkReservedIp, lintManifests } from '../../src/rules';

/** Subnets of both families, canonical or not, nested, IPv4-mapped, and not CIDRs at all. */
const subnet = fc.oneof(
  { arbitrary: fc.constantFrom('10.0.0.0/16', 'fd00::/64'), weight: 2 },
  {
    arbitrary: fc.constantFrom('10.0.0.0/24', '10.0.0.5/24', '10.1.0.0/30', 'fd00::/120', 'FD00::/64', '::/112', '::ffff:10.0.0.0/120',
      '2001:db8::/126', '::ffff:0:0/96', 'bad', '10.0.0.0/33'),
    weight: 3,
  },
);
/** Addresses in and around those subnets (first groups 0 included: IPv4-mapped and "::" texts). */
const address = fc.oneof(
  fc.constantFrom('10.0.0.1', '10.0.0.7', '10.0.0.255', '10.0.1.1', '10.1.0.2', 'fd00::1', 'fd00::ff', 'fd00:1::1', '::5',
    '::ffff:10.0.0.9', '2001:db8::2', 'x'),
  fc.bigInt({ min: 0x0a000000n, max: 0x0a0001ffn }).map(v => IpAddress.fromBigInt(4, v).toString()),
  fc.bigInt({ min: 0n, max: 0x1ffn }).map(v => IpAddress.fromBigInt(6, 0xfd00n * 2n ** 112n + v).toString()),
);
/** Ranges of one family, as sets to format (some empty, some outside any subnet, some IPv4-mapped IPv6). */
const rangeSet = fc.oneof(
  fc.array(fc.tuple(fc.bigInt({ min: 0x0a000000n, max: 0x0a0001ffn }), fc.nat(40)), { maxLength: 3 })
    .map(rs => RangeSet.of(4, rs.map(([s, w]) => IpRange.fromBigInt(4, s, s + BigInt(w) > maxValue(4) ? s : s + BigInt(w))))),
  fc.tuple(fc.constantFrom(0xfd00n * 2n ** 112n, 0xffffn * 2n ** 32n, 0n, 0x20010db8n * 2n ** 96n),
    fc.array(fc.tuple(fc.bigInt({ min: 0n, max: 0x1ffn }), fc.nat(40)), { maxLength: 3 }))
    .map(([base, rs]) => RangeSet.of(6, rs.map(([s, w]) => IpRange.fromBigInt(6, base + s, base + s + BigInt(w))))),
);
/** How the pool's ips are given: derived, texts, or a formatted set (as a topology gives them). */
const ips = fc.oneof(
  fc.constant({ kind: 'derived' as const }),
  fc.array(fc.oneof(address, fc.tuple(address, address).map(([a, b]) => `${a}-${b}`)), { maxLength: 3 })
    .map(texts => ({ kind: 'texts' as const, texts })),
  rangeSet.map(set => ({ kind: 'formatted' as const, set })),
);
/** What may happen to the spec after the pool is made (the carried plan must then be left aside where it no longer holds). */
const edit = fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'replace-ip', 'push-ip', 'new-list', 'subnet', 'subnet-same-text',
  'ips-not-list', 'push-exclude', 'replace-exclude', 'gateway', 'gateway-same-text');

describe('the pool check with the carried plan decides as when it parses', () => {
  test('findings and parsed plan equal those of a plain copy, for every plan and edit', () => {
    let carriedTaken = 0;
    let excludedCarried = 0;
    const excludes = fc.oneof(fc.constant<string[]>([]), fc.array(address, { maxLength: 2 }));
    const gateways = fc.option(address, { nil: undefined });
    fc.assert(fc.property(subnet, ips, gateways, excludes, edit, address, (sub, given, gateway, exclude, change, other) => {
      const chart = new Chart(new App(), 'c');
      const list = given.kind === 'derived' ? undefined : given.kind === 'texts' ? given.texts : formatRangeSet(given.set);
      if (given.kind === 'formatted') expect(formattedSetOf(list!)?.set).toBe(given.set);
      const pool = new IpPool(chart, 'pool', {
        subnet: sub, gateway, ips: list, excludeIps: exclude.length > 0 ? exclude : undefined,
      });
      const obj = pool._validationObject();
      const spec = obj.spec as Record<string, any>;
      const carried = (spec as { [POOL_PLAN]?: unknown })[POOL_PLAN] as CarriedPoolPlan;
      expect(carried).toBeInstanceOf(CarriedPoolPlan);
      expect(Object.keys(spec)).not.toContain(POOL_PLAN);
      switch (change) {
        case 'replace-ip': if (Array.isArray(spec.ips) && spec.ips.length > 0) spec.ips[0] = other; break;
        case 'push-ip': if (Array.isArray(spec.ips)) spec.ips.push(other); break;
        case 'new-list': if (Array.isArray(spec.ips)) spec.ips = [...spec.ips]; break;
        case 'subnet': spec.subnet = '10.0.0.0/24'; break;
        case 'subnet-same-text': spec.subnet = [spec.subnet].join(''); break;
        case 'ips-not-list': spec.ips = 'x'; break;
        case 'push-exclude': if (Array.isArray(spec.excludeIPs)) spec.excludeIPs.push(other); break;
        case 'replace-exclude': if (Array.isArray(spec.excludeIPs) && spec.excludeIPs.length > 0) spec.excludeIPs[0] = other; break;
        case 'gateway': spec.gateway = other; break;
        case 'gateway-same-text': if (typeof spec.gateway === 'string') spec.gateway = [spec.gateway].join(''); break;
        default: break;
      }
      const plain = JSON.parse(JSON.stringify(obj));
      expect(plain.spec[POOL_PLAN]).toBeUndefined();
      const fast = checkIpPool(obj);
      const general = checkIpPool(plain);
      const shown = (r: ReturnType<typeof checkIpPool>) => ({
        findings: r.findings.map(f => `${f.rule.id} ${f.field}: ${f.message} | ${f.fix}`),
        name: r.parsed.name,
        subnet: r.parsed.subnet?.toString(),
        subnetFamily: r.parsed.subnet?.family,
        canonical: r.parsed.subnet?.isCanonical,
        allocatable: r.parsed.allocatable && {
          family: r.parsed.allocatable.family, ranges: r.parsed.allocatable.toStrings(), size: r.parsed.allocatable.size,
        },
        gateway: r.parsed.gateway?.toString(),
      });
      expect(shown(fast)).toEqual(shown(general));
      if (carried.ips !== undefined && fast.parsed.allocatable === carried.ips) carriedTaken++;
      if (carried.excluded !== undefined && change === 'none' && fast.findings.length === 0) excludedCarried++;
      // and the linter over the object finds what it finds over the copy
      expect(lintManifests([obj])[0].findings).toEqual(lintManifests([plain])[0].findings);
    }), { numRuns: 400 });
    // the carried sets were taken in some runs (the shortcut is exercised, not only the general path)
    expect(carriedTaken).toBeGreaterThan(10);
    expect(excludedCarried).toBeGreaterThan(0);
  });

  test('a pool that derives its ips carries its gateway and the gateway excluded, and the check takes them', () => {
    for (const [cidr, gateway] of [['10.0.0.0/24', '10.0.0.1'], ['fd00::/64', 'fd00::1'], ['10.0.0.0/16', '10.0.7.1']]) {
      const pool = new IpPool(new Chart(new App(), 'c'), 'pool', { subnet: cidr, gateway });
      const obj = pool._validationObject();
      const carried = obj.spec[POOL_PLAN] as CarriedPoolPlan;
      expect(carried.excluded?.toStrings()).toEqual([gateway]);
      const { findings, parsed } = checkIpPool(obj);
      expect(findings).toEqual([]);
      expect(parsed.gateway).toBe(carried.gateway);
      expect(parsed.allocatable!.toStrings()).toEqual(checkIpPool(JSON.parse(JSON.stringify(obj))).parsed.allocatable!.toStrings());
    }
  });

  test('a topology\'s pools carry the sets their ips were formatted from, and the check takes them', () => {
    const chart = new Chart(new App(), 'c');
    new VlanTopology(chart, 't', {
      bond: { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP },
      vlans: [{
        id: 100,
        offer: VlanOffer.BOTH,
        ipv4: { subnet: '10.0.100.0/24', gateway: '10.0.100.1' },
        ipv6: { subnet: 'fd00:100::/64', gateway: 'fd00:100::1' },
      }],
    });
    const pools = chart.node.findAll().filter((c): c is IpPool => (c as { kind?: string }).kind === 'SpiderIPPool');
    expect(pools.length).toBe(4);
    for (const p of pools) {
      const obj = p._validationObject();
      const carried = obj.spec[POOL_PLAN] as CarriedPoolPlan;
      expect(carried.ips).toBeDefined();
      const { findings, parsed } = checkIpPool(obj);
      expect(findings).toEqual([]);
      expect(parsed.allocatable).toBe(carried.ips);
      expect(parsed.subnet).toBe(carried.subnet);
      expect(parsed.allocatable!.toStrings()).toEqual(p.ips);
    }
    const reserved = chart.node.findAll().filter((c): c is ReservedIps => (c as { kind?: string }).kind === 'SpiderReservedIP');
    expect(reserved.length).toBe(2);
    for (const r of reserved) {
      const obj = r._validationObject();
      const carried = obj.spec[RESERVED_IPS] as CarriedReservedIps;
      const { findings, parsed } = checkReservedIp(obj);
      expect(findings).toEqual([]);
      expect(parsed.ips).toBe(carried.ips);
    }
  });

  test('a reserved-IP object carrying the set its ips were formatted from is checked as its plain copy', () => {
    let taken = 0;
    const version = fc.constantFrom<number | undefined>(undefined, undefined, 4, 6, 5);
    const given = fc.oneof(rangeSet.map(set => ({ set })), fc.array(address, { minLength: 1, maxLength: 3 }).map(texts => ({ texts })));
    const change = fc.constantFrom('none', 'none', 'none', 'replace', 'push', 'new-list', 'version', 'not-list');
    fc.assert(fc.property(given, version, change, address, (g, ipVersion, what, other) => {
      const chart = new Chart(new App(), 'c');
      const list = 'set' in g ? formatRangeSet(g.set) : g.texts;
      const reserved = new ReservedIps(chart, 'r', { ips: list, ipVersion });
      const obj = reserved._validationObject();
      const spec = obj.spec as Record<string, any>;
      const carried = (spec as { [RESERVED_IPS]?: unknown })[RESERVED_IPS];
      if ('set' in g) expect(carried).toBeInstanceOf(CarriedReservedIps); else expect(carried).toBeUndefined();
      switch (what) {
        case 'replace': if (spec.ips.length > 0) spec.ips[0] = other; break;
        case 'push': spec.ips.push(other); break;
        case 'new-list': spec.ips = [...spec.ips]; break;
        case 'version': spec.ipVersion = spec.ipVersion === 4 ? 6 : 4; break;
        case 'not-list': spec.ips = 'x'; break;
        default: break;
      }
      const plain = JSON.parse(JSON.stringify(obj));
      const fast = checkReservedIp(obj);
      const general = checkReservedIp(plain);
      const shown = (r: ReturnType<typeof checkReservedIp>) => ({
        findings: r.findings.map(f => `${f.rule.id} ${f.field}: ${f.message} | ${f.fix}`),
        name: r.parsed.name,
        family: r.parsed.family,
        ips: r.parsed.ips?.toStrings(),
        ipsFamily: r.parsed.ips?.family,
      });
      expect(shown(fast)).toEqual(shown(general));
      if (carried instanceof CarriedReservedIps && fast.parsed.ips === carried.ips) taken++;
      expect(lintManifests([obj])[0].findings).toEqual(lintManifests([plain])[0].findings);
    }), { numRuns: 300 });
    expect(taken).toBeGreaterThan(20);
  });
});
