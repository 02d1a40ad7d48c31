/**
 * The shape checks decide a value twice: `accepts` (the predicate every valid input takes, allocating nothing) and
 * the general walk (`_explain`, which builds field paths and throws the first problem). Every object shape of the
 * library, on arbitrary values and on valid props with one place changed: `accepts` says yes exactly when the
 * general walk throws nothing, and `check` throws exactly what the general walk throws.
 */
import { App, Chart } from 'cdk8s';
import fc from 'fast-check';
import {
  BondMode, HostInterfaces, IpPool, Ipam, MacvlanStandaloneNetwork, NodeAddresses, OverlayHelperPlugin, StandaloneHelperPlugin,
  VlanOffer,
} from '../../src';
import { OBJECT_SHAPES, Shape, ShapeContext } from '../../src/shape';

const chart = new Chart(new App(), 'c');
const pool = new IpPool(chart, 'pool', { subnet: '10.0.0.0/24' });
const network = new MacvlanStandaloneNetwork(chart, 'net', { master: 'eth1', pools: [pool] });

const LEAVES: readonly unknown[] = [
  undefined, null, 0, 5, -1, 1.5, NaN, Infinity, -0, '', 'x', '10.0.0.0/24', 'bridge', 'both', true, false, 10n, [], {},
  Object.create(null), new Date(0), () => 1, Symbol('s'), pool, network, chart,
  HostInterfaces.nmstate(), Ipam.spiderpool(), NodeAddresses.dhcp(), StandaloneHelperPlugin.coordinator(), OverlayHelperPlugin.coordinator(),
  ['a'], [1], [pool], [undefined], { key: 'v' }, { key: 1 },
];

/** Every key of every object shape, and a few no shape has. */
const KEYS = [...new Set([...OBJECT_SHAPES.values()].flatMap(s => s.keys)), 'bogus', 'Subnet', 'ipv4Pools', '__proto__x'];

const VALUE: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>(tie => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc.string(),
    fc.double(),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 6 })),
})).value;

/** A copy of the plain objects and lists of `v` (instances kept), with the paths to each place. */
function places(v: unknown, path: Array<string | number> = [], out: Array<Array<string | number>> = []): Array<Array<string | number>> {
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => places(x, [...path, i], out));
  else if (isPlain(v)) for (const k of Object.keys(v as object)) places((v as Record<string, unknown>)[k], [...path, k], out);
  return out;
}

function isPlain(v: unknown): boolean {
  return typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype;
}

function copy(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(copy);
  if (isPlain(v)) return Object.fromEntries(Object.entries(v as object).map(([k, x]) => [k, copy(x)]));
  return v;
}

type Change = 'replace' | 'delete' | 'unknown key' | 'undefined';

/** `sample` with place `at` (modulo the number of places) changed. */
function changed(sample: unknown, at: number, change: Change, value: unknown, key: string): unknown {
  const root = { root: copy(sample) };
  const all = places(root.root).map(p => ['root', ...p]);
  const path = all[at % all.length];
  const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], root);
  const last = path[path.length - 1];
  const target = parent[last];
  if (change === 'replace') parent[last] = value;
  else if (change === 'undefined') parent[last] = undefined;
  else if (change === 'delete') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last];
  else if (isPlain(target)) target[key] = value;
  else parent[last] = { [key]: value };
  return root.root;
}

const SAMPLES: { readonly [name: string]: unknown } = {
  VlanTopologyProps: {
    bond: { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.ACTIVE_BACKUP, options: { miimon: 100, primary: 'ens224' }, mtu: 9000 },
    vlans: [
      { id: 100, offer: VlanOffer.BOTH, mtu: 9000, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1', ips: ['10.100.0.10-10.100.0.50'], nodeAddresses: NodeAddresses.dhcp() } },
      { id: 101, ipv6: { subnet: 'fd00:65::/64', gateway: 'fd00:65::1', routes: [{ destination: 'fd01::/64', gateway: 'fd00:65::2' }] } },
    ],
    nodeSelector: { role: 'worker' },
    hostInterfaces: HostInterfaces.nmstate(),
    namespace: 'net',
    switches: { names: ['tor-a', 'tor-b'], nodes: [{ node: 'w1', ports: ['Ethernet1/1'] }], gatewayAddresses: [{ vlanId: 100, ipv4: ['10.100.0.2'] }] },
  },
  FabricProps: {
    bond: { members: ['ens224'], mode: BondMode.IEEE_802_3AD },
    vlans: [{ id: 10 }, { id: 11, offer: VlanOffer.OVERLAY }],
    racks: [{ name: 'r1', nodeSelector: { rack: 'r1' }, vlans: [{ id: 10, ipv4: { subnet: '10.0.10.0/24', gateway: '10.0.10.1' } }], nodeCount: 3 }],
  },
  IpPoolProps: {
    subnet: '10.0.0.0/24',
    name: 'p',
    ips: ['10.0.0.10-10.0.0.20'],
    excludeIps: ['10.0.0.15'],
    gateway: '10.0.0.1',
    routes: [{ destination: '10.7.0.0/16', gateway: '10.0.0.1' }],
    podAffinity: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }] },
    clusterDefault: false,
    capacityWarnPercent: 80,
  },
  MacvlanStandaloneNetworkProps: {
    master: 'eth1',
    name: 'n',
    namespace: 'team-a',
    mode: 'bridge',
    mtu: 1500,
    ipam: Ipam.spiderpool(),
    pools: [pool],
    cniVersion: '0.3.1',
    ifacer: { interfaces: ['ens224', 'ens256'], vlanId: 100, bond: { name: 'bond0', mode: 1, options: 'miimon=100' } },
    helper: StandaloneHelperPlugin.coordinator(),
  },
  ReservedIpsProps: { ips: ['10.0.0.1', '10.0.0.5-10.0.0.9'], name: 'r', ipVersion: 4 },
  AttachmentOptions: { interfaceName: 'net1', pools: [pool], ips: ['10.0.0.5/24'] },
  NodeNetworkConfigurationPolicyProps: { metadata: { name: 'p' }, spec: { nodeSelector: { a: 'b' }, maxUnavailable: '50%', desiredState: { interfaces: [] } } },
};

const CTX: ShapeContext = { call: 'test()', constructPath: 'c/x' };

/** What a check throws (undefined: nothing), as far as a user sees it. */
function outcome(run: () => void): string | undefined {
  try {
    run();
    return undefined;
  } catch (e) {
    const err = e as { name?: string; message?: string; ruleId?: string; field?: string; constructPath?: string };
    return `${err.name}|${err.ruleId}|${err.field}|${err.constructPath}|${err.message}`;
  }
}

function agree(shape: Shape, value: unknown): void {
  const general = outcome(() => shape._explain(value, '', CTX));
  expect(general === undefined || general.startsWith('MacvlanError|')).toBe(true);
  expect(shape.accepts(value)).toBe(general === undefined);
  expect(outcome(() => shape.check(value, '', CTX))).toBe(general);
}

describe('accepts and the general walk agree', () => {
  test.each(Object.keys(SAMPLES))('the %s sample is valid (the changes below start from an accepted value)', name => {
    const shape = OBJECT_SHAPES.get(name)!.shape;
    expect(shape.accepts(SAMPLES[name])).toBe(true);
    expect(outcome(() => shape._explain(SAMPLES[name], '', CTX))).toBeUndefined();
  });

  test.each(Object.keys(SAMPLES))('%s with one place changed', name => {
    const shape = OBJECT_SHAPES.get(name)!.shape;
    let accepted = 0;
    fc.assert(fc.property(fc.nat(), fc.constantFrom<Change>('replace', 'delete', 'unknown key', 'undefined'), VALUE, fc.constantFrom(...KEYS),
      (at, change, value, key) => {
        const v = changed(SAMPLES[name], at, change, value, key);
        agree(shape, v);
        if (shape.accepts(v)) accepted++;
      }), { numRuns: 400, seed: 16 });
    // both answers are exercised
    expect(accepted).toBeGreaterThan(10);
    expect(accepted).toBeLessThan(400);
  });

  test.each([...OBJECT_SHAPES.keys()])('%s on arbitrary values', name => {
    const shape = OBJECT_SHAPES.get(name)!.shape;
    fc.assert(fc.property(VALUE, value => agree(shape, value)), { numRuns: 150, seed: 16 });
  });
});

describe('the construct path of a constructor error is made when the error is', () => {
  test('a prop of the wrong shape names the construct that was being made', () => {
    const parent = new Chart(new App(), 'apps');
    let thrown: any;
    try {
      new IpPool(parent, 'bad', { subnet: 5 as unknown as string });
    } catch (e) {
      thrown = e;
    }
    expect(thrown?.constructPath).toBe('apps/bad');
    expect(thrown?.field).toBe('subnet');
    expect(thrown?.message).toContain('[apps/bad] subnet: a string expected by new IpPool(), got 5');
  });
});
