/**
 * The library's own NADs carry the config object their `spec.config` was written from (NAD_CONFIG), and the NAD
 * rules read it instead of parsing the text. That object must be exactly what parsing gives, so that findings and
 * the parsed network are the same with and without it, and the YAML is the text written from it.
 */
import { Chart, Testing } from 'cdk8s';
import fc from 'fast-check';
import {
  Ipam, IpPool, MacvlanErrors, MacvlanMode, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, NadSource,
  OverlayHelperPlugin, StandaloneHelperPlugin,
} from '../../src';
import { MacvlanNetwork } from '../../src/networks/macvlan-network';
import { NAD_CONFIG, NadConfigText, checkNadConfig, checkNetworkAttachmentDefinition, lintManifests, renderNadConfig } from '../../src/rules';
import { ValidationEngine } from '../../src/validation/engine';

/** What a NAD object carries, if anything. */
function carried(obj: object): unknown {
  return (obj as { [NAD_CONFIG]?: unknown })[NAD_CONFIG];
}

/** The object as a manifest has it: the same own enumerable keys, without what the library's object carries. */
function plain(obj: Record<string, any>): Record<string, any> {
  const copy = { ...obj };
  expect(carried(copy)).toBeUndefined();
  return copy;
}

function deepFreeze<T>(v: T): T {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
  }
  return v;
}

const cidr4 = fc.constantFrom('10.9.0.0/24', '10.9.0.0/16', 'x', '10.9.0.300/24');
const addr4 = fc.constantFrom('10.9.0.1', '10.9.0.5', 'x');

const coordinatorOptions = fc.record({
  tunePodRoutes: fc.boolean(),
  podDefaultRouteNic: fc.constantFrom('net1', 'eth0'),
  podMacPrefix: fc.constantFrom('0a:1b', '01:00', 'x'),
  hijackCidrs: fc.array(cidr4, { maxLength: 2 }),
  hostRuleTable: fc.constantFrom(500, 0),
  podRpFilter: fc.constantFrom(0, 1, 2, 3, -1),
  txQueueLen: fc.constantFrom(0, 1000, -1),
}, { requiredKeys: [] });

const spidernetOptions = fc.record({
  serviceHijackSubnets: fc.array(cidr4, { maxLength: 2 }),
  overlayHijackSubnets: fc.array(cidr4, { maxLength: 2 }),
  additionalHijackSubnets: fc.array(cidr4, { maxLength: 1 }),
  migrateRoute: fc.constantFrom(-1, 0, 1),
  hostRpFilter: fc.constantFrom(0, 1),
}, { requiredKeys: ['serviceHijackSubnets', 'overlayHijackSubnets'] });

type IpamChoice = { kind: 'spiderpool' | 'dhcp' | 'none' } | { kind: 'static' | 'whereabouts' | 'hostLocal'; options: any };
const ipam: fc.Arbitrary<IpamChoice> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<IpamChoice>({ kind: 'spiderpool' }, { kind: 'dhcp' }, { kind: 'none' }) },
  fc.record({ kind: fc.constant('static' as const), options: fc.record({ addresses: fc.array(fc.record({ address: fc.constantFrom('10.0.0.5/24', '10.0.0.5', 'x'), gateway: addr4 }, { requiredKeys: ['address'] }), { maxLength: 2 }), routes: fc.array(fc.record({ destination: cidr4, gateway: addr4 }, { requiredKeys: ['destination'] }), { maxLength: 2 }) }, { requiredKeys: [] }) }),
  fc.record({ kind: fc.constant('whereabouts' as const), options: fc.record({ range: cidr4, rangeStart: addr4, rangeEnd: addr4, exclude: fc.array(cidr4, { maxLength: 2 }), gateway: addr4 }, { requiredKeys: ['range'] }) }),
  fc.record({ kind: fc.constant('hostLocal' as const), options: fc.record({ ranges: fc.array(fc.record({ subnet: cidr4, rangeStart: addr4, rangeEnd: addr4, gateway: addr4 }, { requiredKeys: ['subnet'] }), { maxLength: 2 }) }) }),
);

function ipamOf(c: IpamChoice): Ipam {
  switch (c.kind) {
    case 'spiderpool': return Ipam.spiderpool();
    case 'dhcp': return Ipam.dhcp();
    case 'none': return Ipam.none();
    case 'static': return Ipam.staticAddresses(c.options);
    case 'whereabouts': return Ipam.whereabouts(c.options);
    case 'hostLocal': return Ipam.hostLocal(c.options);
  }
}

const helper = fc.oneof(
  fc.record({ kind: fc.constant('coordinator' as const), options: coordinatorOptions }),
  fc.record({ kind: fc.constant('spidernet' as const), options: spidernetOptions }),
  fc.constant({ kind: 'none' as const }),
);

const network = fc.record({
  overlay: fc.boolean(),
  master: fc.constantFrom('eth1', 'bond0.100', 'a'.repeat(16), 'a b'),
  name: fc.constantFrom('net-a', 'net-b', 'Bad_Name', 'a.b', undefined),
  namespace: fc.constantFrom('kube-system', 'other', 'Bad_NS'),
  mode: fc.constantFrom(...Object.values(MacvlanMode), undefined),
  mtu: fc.constantFrom(undefined, 0, 1400, 9000),
  ipam,
  helper,
  pools: fc.subarray(['v4a', 'v6a', 'v4b'] as const),
  laterPools: fc.subarray(['v6b'] as const),
  cniVersion: fc.constantFrom(undefined, '0.3.1', '1.0.0', '0.3', ''),
  source: fc.constantFrom(NadSource.NETWORK_ATTACHMENT_DEFINITION, NadSource.NETWORK_ATTACHMENT_DEFINITION, NadSource.SPIDER_MULTUS_CONFIG),
  ifacer: fc.option(fc.record({
    interfaces: fc.array(fc.constantFrom('ens224', 'ens256'), { minLength: 1, maxLength: 2 }),
    vlanId: fc.constantFrom(undefined, 100, 0),
    bond: fc.option(fc.record({ name: fc.constant('bond0'), mode: fc.constantFrom(1, 4), options: fc.constantFrom(undefined, 'miimon=100') }), { nil: undefined }),
  }), { nil: undefined }),
});

type NetworkSpec = typeof network extends fc.Arbitrary<infer T> ? T : never;

/** Builds the networks of `specs` (and their pools) in one chart; those the library refuses are left out. */
function build(specs: readonly NetworkSpec[]): { chart: Chart; networks: MacvlanNetwork[] } {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const pools: Record<string, IpPool> = {
    v4a: new IpPool(chart, 'v4a', { name: 'v4a', subnet: '10.1.0.0/24', ips: ['10.1.0.10-10.1.0.20'], gateway: '10.1.0.1' }),
    v6a: new IpPool(chart, 'v6a', { name: 'v6a', subnet: 'fd00:1::/64', ips: ['fd00:1::10-fd00:1::20'], gateway: 'fd00:1::1' }),
    v4b: new IpPool(chart, 'v4b', { name: 'v4b', subnet: '10.2.0.0/24', ips: ['10.2.0.15-10.2.0.30'], gateway: '10.2.0.1' }),
    v6b: new IpPool(chart, 'v6b', { name: 'v6b', subnet: 'fd00:2::/64', ips: ['fd00:2::10-fd00:2::20'] }),
  };
  const networks: MacvlanNetwork[] = [];
  specs.forEach((s, i) => {
    try {
      const props = {
        master: s.master,
        name: s.name,
        namespace: s.namespace,
        mode: s.mode,
        mtu: s.mtu,
        ipam: ipamOf(s.ipam),
        pools: s.pools.map(p => pools[p]),
        cniVersion: s.cniVersion,
        source: s.source,
        ifacer: s.ifacer,
      };
      const n = s.overlay
        ? new MacvlanOverlayNetwork(chart, `n${i}`, { ...props, helper: s.helper.kind === 'coordinator' ? OverlayHelperPlugin.coordinator(s.helper.options) : s.helper.kind === 'spidernet' ? OverlayHelperPlugin.spidernetRouter(s.helper.options) : OverlayHelperPlugin.none() })
        : new MacvlanStandaloneNetwork(chart, `n${i}`, { ...props, helper: s.helper.kind === 'coordinator' ? StandaloneHelperPlugin.coordinator(s.helper.options) : s.helper.kind === 'spidernet' ? StandaloneHelperPlugin.spidernetVeth(s.helper.options) : StandaloneHelperPlugin.none() });
      // (a pool added after construction renders the config again)
      for (const p of s.laterPools) n.addPool(pools[p]);
      networks.push(n);
    } catch (e) {
      if (!MacvlanErrors.isMacvlanError(e)) throw e;
    }
  });
  return { chart, networks };
}

describe('the NAD config the library\'s own NADs carry', () => {
  test('is what parsing spec.config gives; findings, the parsed network and lint of the app are the same without it; the YAML is its text', () => {
    fc.assert(fc.property(fc.array(network, { minLength: 1, maxLength: 4 }), specs => {
      const { chart, networks } = build(specs);
      for (const n of networks) {
        const obj = n._validationObject();
        const c = carried(obj);
        if (n.source === NadSource.SPIDER_MULTUS_CONFIG) {
          expect(c).toBeUndefined();
          continue;
        }
        expect(c).toBeInstanceOf(NadConfigText);
        const text = (c as NadConfigText).text;
        expect(text).toBe(obj.spec.config);
        expect(text).toBe(n.cniConfig);
        expect((c as NadConfigText).value).toStrictEqual(JSON.parse(text));
        // (not a key of the object: nothing that copies or writes it sees it)
        expect(Object.keys(obj)).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
        expect(Object.getOwnPropertyDescriptor(obj, NAD_CONFIG)?.enumerable).toBe(false);
        // the rules only read it (a frozen object throws on a write: the code is strict)
        deepFreeze((c as NadConfigText).value);
        // the check made with the text is the check of what parsing gives (the NAD check's config part)
        const checked = c as NadConfigText;
        expect({ findings: [...checked.findings], network: checked.network }).toStrictEqual(checkNadConfig(JSON.parse(text)));
        const general = checkNetworkAttachmentDefinition(plain(obj));
        expect(checkNetworkAttachmentDefinition(obj)).toStrictEqual(general);
        // (and again: what a later pass gets, each pass its own parse result)
        const again = checkNetworkAttachmentDefinition(obj);
        expect(again).toStrictEqual(general);
        expect(again.parsed).not.toBe(checkNetworkAttachmentDefinition(obj).parsed);
      }
      // the whole app, as the engine lints it, with and without what the NADs carry
      const objects = (ValidationEngine.of(chart) as any).objects.map((o: { object(): Record<string, any> }) => o.object());
      expect(lintManifests(objects)).toStrictEqual(lintManifests(objects.map(plain)));
      // the YAML holds the text written from the carried object (the object as rendered: synth itself may fail)
      for (const n of networks) {
        if (n.source !== NadSource.SPIDER_MULTUS_CONFIG) expect(n.toJson().spec.config).toBe((carried(n._validationObject()) as NadConfigText).text);
      }
    }), { numRuns: 150 });
  });

  test('a carried config is used only for the text it was written as', () => {
    const { networks } = build([{ overlay: false, master: 'eth1', name: 'net-a', namespace: 'kube-system', mode: undefined, mtu: undefined, ipam: { kind: 'spiderpool' }, helper: { kind: 'none' }, pools: ['v4a'], laterPools: [], cniVersion: undefined, source: NadSource.NETWORK_ATTACHMENT_DEFINITION, ifacer: undefined }]);
    const obj = networks[0]._validationObject();
    const other = JSON.stringify({ cniVersion: '9.9', name: 'net-a', plugins: [{ type: 'macvlan', master: 'a'.repeat(16) }] });
    const other4 = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: obj.metadata, spec: { config: other } };
    const swapped = Object.defineProperty(other4, NAD_CONFIG, { value: carried(obj) });
    const expected = checkNetworkAttachmentDefinition({ metadata: obj.metadata, spec: { config: other } });
    expect(expected.findings.map(f => f.rule.id)).toEqual(['MV074', 'MV015', 'MV073']);
    expect(checkNetworkAttachmentDefinition(obj).findings).toEqual([]);
    expect(checkNetworkAttachmentDefinition(swapped)).toStrictEqual(expected);
    // (and a manifest cannot forge it: only the library's own class counts)
    const fake = { text: other, value: { plugins: 'x' } };
    const forged = Object.defineProperty({ metadata: obj.metadata, spec: { config: other } }, NAD_CONFIG, { value: fake });
    expect(checkNetworkAttachmentDefinition(forged)).toStrictEqual(expected);
  });
});

describe('renderNadConfig', () => {
  test('keeps plain JSON data as the parsed config, equal to what parsing its text gives', () => {
    // (as JSON.parse makes them: fast-check's dictionaries may have no prototype)
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()).map(v => JSON.parse(JSON.stringify(v))), v => {
      const r = renderNadConfig(v);
      expect(r.text).toBe(JSON.stringify(v));
      expect(r.value).toBe(v);
      expect(r.value).toStrictEqual(JSON.parse(r.text));
      // (checked with it: the NAD check of any config object never throws)
      expect({ findings: [...r.findings], network: r.network }).toStrictEqual(checkNadConfig(JSON.parse(r.text)));
    }));
  });

  test('keeps any other value only when it is what parsing gives', () => {
    const anything = fc.anything({
      maxDepth: 3,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      withBigInt: false,
    });
    fc.assert(fc.property(fc.dictionary(fc.string(), anything), v => {
      const r = renderNadConfig(v);
      expect(r.text).toBe(JSON.stringify(v));
      if (r.value !== undefined) expect(r.value).toStrictEqual(JSON.parse(r.text));
    }));
  });

  test('does not keep what JSON drops, changes or calls', () => {
    class Plugin { public type = 'macvlan'; }
    const getter = Object.defineProperty({}, 'type', { get: () => 'macvlan', enumerable: true });
    const hidden = Object.defineProperty({ type: 'macvlan' }, 'master', { value: 'eth1' });
    const withSymbol = { type: 'macvlan', [Symbol('s')]: 1 };
    const extraKey = Object.assign(['a'], { extra: 1 });
    const cases: unknown[] = [
      { mtu: undefined }, { mtu: -0 }, { mtu: NaN }, { mtu: Infinity }, { f: () => 1 }, { s: Symbol('x') },
      { list: [undefined] }, { list: [1, , 2] }, { list: extraKey }, { when: new Date(0) }, { p: new Plugin() },
      { p: Object.create(null) }, { p: getter }, { p: hidden }, { p: withSymbol }, { p: { toJSON: () => 'x' } },
      { plugins: [{ ipam: { default_ipv4_ippool: ['a', undefined] } }] },
    ];
    for (const c of cases) expect([c, renderNadConfig(c as Record<string, unknown>).value]).toEqual([c, undefined]);
    expect(renderNadConfig({ a: [1, 'x', true, null, { b: [] }], c: 0, d: -1.5 }).value).toBeDefined();
  });
});
