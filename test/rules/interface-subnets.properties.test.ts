/**
 * The linter gathers the subnets of the networks on each master interface only for the interfaces some host
 * policy gives a static address to (`addressedInterfaces`): the address rules read the subnets of no other
 * interface, so they decide exactly as with the subnets of every master.
 */
import fc from 'fast-check';
import { Cidr } from '../../src/net';
import { AddressPolicyModel, Finding, addressedInterfaces, checkAddressConflicts, checkIpPool, checkSharedInterfaces } from '../../src/rules';

const iface = fc.constantFrom('bond0.100', 'bond0.200', 'ens1', 'bond0');
const subnet = fc.constantFrom('10.0.0.0/24', '10.0.1.0/24', '10.0.0.0/16', 'fd00::/64', 'fd00:1::/64');
const ip = fc.constantFrom('10.0.0.5', '10.0.1.5', '10.9.0.1', 'fd00::5', 'fd00:1::5', 'x');
const address = fc.record({ iface, ip, prefix: fc.constantFrom(16, 24, 64, 'x') });
const policy = fc.record({ node: fc.constantFrom('w1', 'w2', undefined), addresses: fc.array(address, { maxLength: 3 }) });

const text = (found: ReadonlyMap<{ readonly name: string }, readonly Finding[]>): string[] =>
  [...found].flatMap(([p, fs]) => fs.map(f => `${p.name} ${f.rule.id} ${f.field}: ${f.message}`));

describe('addressedInterfaces (the interface subnets the address rules read)', () => {
  test('the address rules decide the same with the subnets of the addressed interfaces only as with every master\'s', () => {
    const masterSubnets = fc.array(fc.tuple(iface, fc.array(subnet, { minLength: 1, maxLength: 2 })), { maxLength: 5 });
    fc.assert(fc.property(fc.array(policy, { maxLength: 3 }), masterSubnets, fc.array(subnet, { maxLength: 3 }), (specs, masters, poolSubnets) => {
      const policies: AddressPolicyModel[] = specs.map((s, i) => ({
        name: `p${i}`,
        nodeSelector: (s.node ? { 'kubernetes.io/hostname': s.node } : { role: 'worker' }) as { [key: string]: string },
        interfaces: [...new Set(s.addresses.map(a => a.iface))].map((name, k) => ({ name, field: `spec.desiredState.interfaces[${k}]` })),
        addresses: s.addresses.map((a, j) => ({
          iface: a.iface,
          ip: a.ip,
          prefixLength: a.prefix === 'x' ? 'x' : a.prefix,
          field: `spec.desiredState.interfaces[0].ipv4.address[${j}]`,
          family: a.ip.includes(':') ? 6 : 4,
        })),
      }));
      const every = new Map<string, Cidr[]>();
      for (const [name, cidrs] of masters) {
        const list = every.get(name) ?? [];
        for (const c of cidrs) if (!list.some(x => x.toString() === c)) list.push(Cidr.parse(c));
        every.set(name, list);
      }
      const addressed = addressedInterfaces(policies);
      const only = new Map([...every].filter(([name]) => addressed.has(name)));
      // every interface with an address is in the set, and nothing else
      expect([...addressed].sort()).toEqual([...new Set(policies.flatMap(h => h.addresses.map(a => a.iface)))].sort());
      const pools = poolSubnets.map((s, i) => Object.assign({ routeRouters: [] }, withGateway(checkIpPool({ metadata: { name: `pool${i}` }, spec: { subnet: s, gateway: s.includes(':') ? 'fd00::1' : '10.0.0.1' } }).parsed)));
      const all = checkAddressConflicts({ pools, reserved: [], policies, interfaceSubnets: every });
      const restricted = checkAddressConflicts({ pools, reserved: [], policies, interfaceSubnets: only });
      expect(text(restricted.policies)).toEqual(text(all.policies));
      expect(text(restricted.pools)).toEqual(text(all.pools));
    }), { numRuns: 300 });
  });
});

describe('MV208 (an interface configured by two policies) runs only with two policies or more', () => {
  test('one policy, whatever its interfaces and selector, has no MV208 finding; with more, checkAddressConflicts reports what checkSharedInterfaces finds', () => {
    const interfaces = fc.array(fc.tuple(iface, fc.nat(5)), { maxLength: 6 });
    const selector = fc.constantFrom<Record<string, string>>({ 'kubernetes.io/hostname': 'w1' }, { 'kubernetes.io/hostname': 'w2' }, { role: 'worker' }, {});
    fc.assert(fc.property(fc.array(fc.tuple(interfaces, selector), { minLength: 1, maxLength: 3 }), specs => {
      const policies: AddressPolicyModel[] = specs.map(([ifaces, nodeSelector], i) => ({
        name: `p${i}`, nodeSelector, interfaces: ifaces.map(([name, k]) => ({ name, field: `spec.desiredState.interfaces[${k}]` })), addresses: [],
      }));
      const general = new Map<AddressPolicyModel, Finding[]>();
      checkSharedInterfaces(policies, general);
      const found = checkAddressConflicts({ pools: [], reserved: [], policies, interfaceSubnets: new Map() });
      const mv208 = new Map([...found.policies].map(([h, fs]) => [h, fs.filter(f => f.rule.id === 'MV208')] as const).filter(([, fs]) => fs.length > 0));
      expect(text(mv208)).toEqual(text(general));
      if (policies.length === 1) expect(general.size).toBe(0);
    }), { numRuns: 300 });
  });
});

/** A parsed pool with its gateway as its router (as the linter's pool plans have it). */
function withGateway<T extends { gateway?: unknown }>(parsed: T): T & { gatewayRouter: T['gateway'] } {
  return Object.assign({ gatewayRouter: parsed.gateway }, parsed);
}
