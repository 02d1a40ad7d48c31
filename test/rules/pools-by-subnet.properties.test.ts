/**
 * The pass files each pool by subnet once, as it checks the pool (`PoolsBySubnet`), and hands that index to the
 * overlap rules and the address rules: each decides exactly as when it files the pools itself.
 */
import fc from 'fast-check';
import { IpAddress } from '../../src/net';
import {
  AddressPolicyModel, Finding, PoolsBySubnet, ReservedIpModel, checkAddressConflicts, checkIpPool, checkPoolOverlaps, checkReservedIp,
} from '../../src/rules';

/** Subnets that nest, overlap and repeat, in both families, and texts inside and around them. */
const subnet = fc.constantFrom('10.0.0.0/24', '10.0.0.0/25', '10.0.0.128/25', '10.0.0.0/16', '10.1.0.0/24', 'fd00::/64', 'fd00::/120', 'fd00:1::/64', 'bad', undefined);
const address = fc.constantFrom('10.0.0.1', '10.0.0.5', '10.0.0.130', '10.0.1.1', '10.1.0.1', 'fd00::1', 'fd00::5', 'fd00:1::1', 'x');
const range = fc.oneof(address, fc.constantFrom('10.0.0.2-10.0.0.100', '10.0.0.120-10.0.0.140', '10.1.0.2-10.1.0.9', 'fd00::2-fd00::ff', 'fd00:1::2-fd00:1::9'));
const pool = fc.record({
  subnet,
  ips: fc.array(range, { maxLength: 3 }),
  excludeIPs: fc.array(address, { maxLength: 2 }),
  gateway: fc.option(address, { nil: undefined }),
  routes: fc.array(fc.record({ dst: fc.constantFrom('10.9.0.0/16', 'fd09::/64'), gw: address }), { maxLength: 2 }),
});
const reserved = fc.array(address, { minLength: 1, maxLength: 2 });
const nodeAddress = fc.record({ ip: address, prefix: fc.constantFrom(16, 24, 25, 64, 120) });

type Plan = ReturnType<typeof checkIpPool>['parsed'] & { gatewayRouter?: IpAddress; routeRouters: Array<{ ip: IpAddress; field: string }> };

function plansOf(specs: ReadonlyArray<Record<string, unknown>>): Plan[] {
  return specs.map((spec, i) => {
    const { parsed } = checkIpPool({ metadata: { name: `p${i}` }, spec: spec as any });
    const routeRouters: Array<{ ip: IpAddress; field: string }> = [];
    ((spec.routes ?? []) as Array<{ gw: string }>).forEach((r, j) => {
      const ip = IpAddress.tryParse(r.gw);
      if (ip) routeRouters.push({ ip, field: `spec.routes[${j}].gw` });
    });
    return Object.assign({ gatewayRouter: parsed.gateway, routeRouters }, parsed);
  });
}

const text = (found: ReadonlyMap<{ readonly name: string }, readonly Finding[]>): string[] =>
  [...found].flatMap(([p, fs]) => fs.map(f => `${p.name} ${f.rule.id} ${f.field}: ${f.message}`));

describe('PoolsBySubnet (the pools filed once per pass)', () => {
  test('the overlap and the address rules decide the same with the index filed before as when they file the pools', () => {
    fc.assert(fc.property(fc.array(pool, { maxLength: 10 }), fc.array(reserved, { maxLength: 2 }), fc.array(nodeAddress, { maxLength: 3 }),
      (specs, reservedIps, nodeAddresses) => {
        const plans = plansOf(specs);
        const filed = new PoolsBySubnet<Plan>();
        for (const p of plans) filed.add(p);
        // the index's lists are its map's values, in the map's order
        const lists = [...filed.bySubnet.values()];
        expect(filed.distinct.length).toBe(lists.length);
        filed.distinct.forEach((d, i) => expect(d.key).toBe(lists[i]));
        expect(text(checkPoolOverlaps(plans, filed))).toEqual(text(checkPoolOverlaps(plans)));

        const reservedModels: ReservedIpModel[] = reservedIps.map((ips, i) => checkReservedIp({ metadata: { name: `r${i}` }, spec: { ips } }).parsed);
        const policy: AddressPolicyModel = {
          name: 'n',
          nodeSelector: { 'kubernetes.io/hostname': 'w' },
          interfaces: [{ name: 'bond0.100', field: 'spec.desiredState.interfaces[0]' }],
          addresses: nodeAddresses.map((a, i) => ({
            iface: 'bond0.100', ip: a.ip, prefixLength: a.prefix, field: `spec.desiredState.interfaces[0].ipv4.address[${i}]`, family: a.ip.includes(':') ? 6 : 4,
          })),
        };
        const input = { pools: plans, reserved: reservedModels, policies: [policy], interfaceSubnets: new Map() };
        const own = checkAddressConflicts(input);
        const shared = checkAddressConflicts(Object.assign({ poolsBySubnet: filed }, input));
        expect(text(shared.pools)).toEqual(text(own.pools));
        expect(text(shared.policies)).toEqual(text(own.policies));
      }), { numRuns: 300 });
  });

  test('MV204 walks each pool\'s routers (its gateway, then its routes\' next hops) as one list of routers would', () => {
    // the reference: every pool's routers as one list, compared one by one against each pool of the subnet
    const reference = (plans: Plan[], isReserved: (ip: IpAddress) => boolean): string[] => {
      const out: string[] = [];
      const groups = new Map<string, Plan[]>();
      for (const p of plans) if (p.subnet) groups.set(p.subnet.toString(), [...(groups.get(p.subnet.toString()) ?? []), p]);
      const byPool = new Map<Plan, string[]>();
      for (const pools of groups.values()) {
        for (const p of pools) {
          if (!p.allocatable) continue;
          const seen = new Set<string>();
          for (const owner of pools) {
            const routers = [...(owner.gatewayRouter ? [{ ip: owner.gatewayRouter, field: 'spec.gateway' }] : []), ...owner.routeRouters];
            for (const r of routers) {
              if (!owner.subnet!.contains(r.ip) || (owner === p && r.field === 'spec.gateway')) continue;
              if (!p.allocatable.contains(r.ip) || isReserved(r.ip) || seen.has(r.ip.toString())) continue;
              seen.add(r.ip.toString());
              byPool.set(p, [...(byPool.get(p) ?? []), `${p.name} ${r.ip.toString()} ${owner === p ? `this pool's ${r.field}` : `${r.field} of SpiderIPPool "${owner.name}"`}`]);
            }
          }
        }
      }
      for (const p of plans) out.push(...(byPool.get(p) ?? []));
      return out;
    };
    fc.assert(fc.property(fc.array(pool, { maxLength: 10 }), fc.array(reserved, { maxLength: 2 }), (specs, reservedIps) => {
      const plans = plansOf(specs);
      const reservedModels: ReservedIpModel[] = reservedIps.map((ips, i) => checkReservedIp({ metadata: { name: `r${i}` }, spec: { ips } }).parsed);
      const found = checkAddressConflicts({ pools: plans, reserved: reservedModels, policies: [], interfaceSubnets: new Map() });
      const mv204 = [...found.pools].flatMap(([p, fs]) => fs.filter(f => f.rule.id === 'MV204')
        .map(f => `${p.name} ${f.message.slice(0, f.message.indexOf(' is '))} ${f.message.slice(f.message.indexOf(' is ') + 4, f.message.indexOf(' (a router'))}`));
      const reservedSets = reservedModels.filter(r => r.ips);
      const isReserved = (ip: IpAddress) => reservedSets.some(r => r.ips!.contains(ip));
      // (the findings in the order the pools come)
      const order = new Map(plans.map((p, i) => [p.name, i]));
      expect(mv204.sort((a, b) => order.get(a.split(' ')[0])! - order.get(b.split(' ')[0])!)).toEqual(reference(plans, isReserved));
    }), { numRuns: 300 });
  });

  test('a pool without a subnet is not filed; a subnet\'s prefix is filed with its first pool', () => {
    const plans = plansOf([{ subnet: '10.0.0.0/24' }, { subnet: 'bad' }, { subnet: '10.0.0.0/24' }, { subnet: 'fd00::/64' }, { subnet: '10.1.0.0/16' }]);
    const filed = new PoolsBySubnet<Plan>();
    for (const p of plans) filed.add(p);
    expect([...filed.bySubnet].map(([k, list]) => [k, list.map(p => p.name)])).toEqual([
      ['10.0.0.0/24', ['p0', 'p2']], ['fd00::/64', ['p3']], ['10.1.0.0/16', ['p4']],
    ]);
    expect([...filed.prefixes].map(([f, set]) => [f, [...set]])).toEqual([[4, [24, 16]], [6, [64]]]);
  });
});
