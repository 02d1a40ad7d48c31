/**
 * Issue 12: generated input for every public entry point of the constructs (construct props, attach options,
 * topology props and methods, static factories), and the judge of what the library did with it. Shared by
 * the bounded property test (`npm test`) and the long seeded run (`npx projen fuzz:constructs`).
 *
 * An input is plain data with {@link Ref} markers for library objects (a pool, a network, a helper, ...),
 * resolved in a fresh app each time it is run, so the same input can be run twice (determinism).
 */
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import fc from 'fast-check';
import {
  AddressCapacity, AnnotatedPod, BondMode, HostInterfaces, IPodNetworks, Ipam, IpPool, LacpRate, MacvlanErrors, MacvlanMode, MacvlanOverlayNetwork,
  MacvlanStandaloneNetwork, NadSource, OverlayHelperPlugin, PodNetworks, StandaloneHelperPlugin, VlanOffer, VlanTopology,
  NodeAddresses, XmitHashPolicy,
} from '../../src';
import { lintManifests } from '../../src/rules';

/** A library object (or a wrong one) in an input, resolved per run. */
export class Ref {
  constructor(public readonly kind: RefKind) {}

  public [fc.toStringMethod](): string {
    return `<${this.kind}>`;
  }
}

export const REF_KINDS = [
  'pool4', 'pool6', 'standalone', 'overlay', 'staticOverlay', 'deployment', 'chart',
  'ipam:spiderpool', 'ipam:dhcp', 'ipam:none', 'ipam:static', 'helper:sa', 'helper:ov', 'helper:sa-none', 'helper:ov-router',
  'hostInterfaces:nmstate', 'hostInterfaces:ifacer', 'podNetworks', 'topology', 'nodeAddresses:dhcp', 'nodeAddresses:static',
] as const;
export type RefKind = typeof REF_KINDS[number];

/** What the library did with one input. */
export type OutcomeKind =
  | 'valid' // built, synthesized, and our own lint finds no error in the output
  | 'library-error' // a MacvlanError at the call
  | 'rule-error' // built; synth refused it with rule findings (MVxxx)
  | 'crash' // any other exception
  | 'lint-mismatch' // synthesized, but lint finds errors synth validation did not
  | 'wrong-output'; // synthesized, but the output differs from what the typed input meant

export interface Outcome {
  readonly kind: OutcomeKind;
  /** The error message, or the synthesized objects as JSON (for the determinism check). */
  readonly detail: string;
  /** Where a crash came from (not compared between runs). */
  readonly trace?: string;
}

/** One generated call. */
export interface FuzzInput {
  readonly entry: EntryName;
  readonly args: readonly unknown[];
}

export type EntryName = 'IpPool' | 'network' | 'attach' | 'configurePrimary' | 'capacity' | 'podNetworks' | 'applyTo' | 'topology' | 'topologyMethod' | 'factory' | 'annotatedPod';

interface Env {
  readonly app: App;
  readonly chart: Chart;
  readonly refs: Map<RefKind, () => unknown>;
}

function newEnv(): Env {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const cache = new Map<RefKind, unknown>();
  const make: { [K in RefKind]: () => unknown } = {
    'pool4': () => new IpPool(chart, 'pool4', { name: 'pool4', subnet: '10.1.0.0/24', ips: ['10.1.0.10-10.1.0.20'], gateway: '10.1.0.1' }),
    'pool6': () => new IpPool(chart, 'pool6', { name: 'pool6', subnet: 'fd00:1::/64', ips: ['fd00:1::10-fd00:1::20'], gateway: 'fd00:1::1' }),
    'standalone': () => new MacvlanStandaloneNetwork(chart, 'sa', { name: 'sa', master: 'eth1', pools: [ref('pool4') as IpPool] }),
    'overlay': () => new MacvlanOverlayNetwork(chart, 'ov', { name: 'ov', master: 'eth2', pools: [ref('pool6') as IpPool] }),
    'staticOverlay': () => new MacvlanOverlayNetwork(chart, 'st', { name: 'st', master: 'eth3', ipam: Ipam.staticAddresses() }),
    'deployment': () => new kplus.Deployment(chart, 'ref-deployment', { containers: [{ image: 'nginx' }] }),
    'chart': () => chart,
    'ipam:spiderpool': () => Ipam.spiderpool(),
    'ipam:dhcp': () => Ipam.dhcp(),
    'ipam:none': () => Ipam.none(),
    'ipam:static': () => Ipam.staticAddresses({ addresses: [{ address: '10.9.0.5/24' }] }),
    'helper:sa': () => StandaloneHelperPlugin.coordinator(),
    'helper:ov': () => OverlayHelperPlugin.coordinator(),
    'helper:sa-none': () => StandaloneHelperPlugin.none(),
    'helper:ov-router': () => OverlayHelperPlugin.spidernetRouter({ serviceHijackSubnets: ['10.233.0.0/18'], overlayHijackSubnets: ['10.233.64.0/18'] }),
    'hostInterfaces:nmstate': () => HostInterfaces.nmstate(),
    'hostInterfaces:ifacer': () => HostInterfaces.spiderpoolIfacer(),
    'nodeAddresses:dhcp': () => NodeAddresses.dhcp(),
    'nodeAddresses:static': () => NodeAddresses.perNode({ 'worker-a': '10.100.0.60', 'worker-b': '10.100.0.61/24' }),
    'podNetworks': () => PodNetworks.overlay(ref('overlay') as MacvlanOverlayNetwork),
    'topology': () => new VlanTopology(chart, 'ref-topology', { bond: { name: 'bond9', members: ['ens9'], mode: BondMode.ACTIVE_BACKUP }, vlans: [{ id: 900, ipv4: { subnet: '10.90.0.0/24', gateway: '10.90.0.1' } }] }),
  };
  function ref(kind: RefKind): unknown {
    if (!cache.has(kind)) cache.set(kind, make[kind]());
    return cache.get(kind);
  }
  return { app, chart, refs: new Map(REF_KINDS.map(k => [k, () => ref(k)])) };
}

/** The input with every Ref replaced by its object (plain objects and lists copied). */
function resolve(env: Env, v: unknown): unknown {
  if (v instanceof Ref) return env.refs.get(v.kind)!();
  if (Array.isArray(v)) return v.map(x => resolve(env, x));
  if (isPlain(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) out[k] = resolve(env, (v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}

function isPlain(v: unknown): v is object {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype;
}

// ---------------------------------------------------------------------------------------------------------
// Running and judging

/** Runs one input in a fresh app and judges the result. */
export function runInput(input: FuzzInput): Outcome {
  const env = newEnv();
  let intent: Intent | undefined;
  try {
    intent = ENTRIES[input.entry](env, input.args.map(a => resolve(env, a)));
  } catch (e) {
    return MacvlanErrors.isMacvlanError(e) ? { kind: 'library-error', detail: (e as Error).message } : crash(e);
  }
  let objects: any[];
  try {
    env.app.synth(); // the whole app's validation (every chart)
    objects = env.app.charts.flatMap(c => c.toJson());
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (msg.startsWith('Validation failed')) {
      const lines = msg.split('\n').slice(1).map(l => l.trim()).filter(l => l !== '');
      if (lines.length > 0 && lines.every(l => /^\[[^\]]*\] MV\d{3} error: /.test(l))) return { kind: 'rule-error', detail: msg };
    }
    return crash(e);
  }
  let detail: string;
  try {
    detail = JSON.stringify(objects);
  } catch (e) {
    return { kind: 'wrong-output', detail: `the synthesized objects are not JSON: ${(e as Error).message}` };
  }
  const lintErrors = lintManifests(objects).flatMap(r => r.findings.filter(f => f.severity === 'error').map(f => `${f.rule} ${f.object.kind}/${f.object.name} ${f.field}: ${f.message}`));
  if (lintErrors.length > 0) return { kind: 'lint-mismatch', detail: lintErrors.join('\n') };
  const wrong = intent ? intent(objects) : undefined;
  if (wrong !== undefined) return { kind: 'wrong-output', detail: wrong };
  return { kind: 'valid', detail };
}

function crash(e: unknown): Outcome {
  const err = e as Error;
  return { kind: 'crash', detail: `${err?.constructor?.name ?? typeof e}: ${err?.message ?? String(e)}`, trace: (err?.stack ?? '').split('\n').slice(1, 6).join('\n') };
}

/** Checks the synthesized objects against what the typed input meant; returns what differs. */
type Intent = (objects: readonly any[]) => string | undefined;

function deployment(env: Env, id = 'd'): kplus.Deployment {
  return new kplus.Deployment(env.chart, id, { containers: [{ image: 'nginx' }] });
}

function annotationsOf(objects: readonly any[], name: string): Record<string, string> {
  const d = objects.find(o => o.kind === 'Deployment' && o.metadata?.name?.startsWith(`c-${name}`));
  return d?.spec?.template?.metadata?.annotations ?? {};
}

/** The networks annotation must hold exactly the typed attachments (names, namespaces, interfaces, ips). */
function networksIntent(set: IPodNetworks, deploymentId: string): Intent {
  const expected = set.attachments.filter(a => !a.isDefault).map(a => ({
    name: a.network.name, namespace: a.network.namespace, interface: a.interfaceName, ...(a.ips && a.ips.length > 0 ? { ips: a.ips } : {}),
  }));
  const primary = set.attachments.find(a => a.isDefault)?.network.qualifiedName;
  return objects => {
    const ann = annotationsOf(objects, deploymentId);
    const got = ann['k8s.v1.cni.cncf.io/networks'];
    if (expected.length > 0 && JSON.stringify(JSON.parse(got ?? 'null')) !== JSON.stringify(expected)) return `networks annotation ${got} is not ${JSON.stringify(expected)}`;
    if (primary !== undefined && ann['v1.multus-cni.io/default-network'] !== primary) return `default-network ${ann['v1.multus-cni.io/default-network']} is not ${primary}`;
    return undefined;
  };
}

/** The NAD (or SpiderMultusConfig) carries the typed name, namespace, master and MTU. */
function networkIntent(net: MacvlanStandaloneNetwork | MacvlanOverlayNetwork, props: any): Intent {
  return objects => {
    const obj = objects.find(o => (o.kind === 'NetworkAttachmentDefinition' || o.kind === 'SpiderMultusConfig') && o.metadata?.name === net.name);
    if (!obj) return `no object for network ${net.name}`;
    const ns = props.namespace ?? 'kube-system';
    if (obj.metadata.namespace !== ns) return `namespace ${JSON.stringify(obj.metadata.namespace)} is not ${JSON.stringify(ns)}`;
    if (obj.kind === 'NetworkAttachmentDefinition' && !props.ifacer) {
      const main = JSON.parse(obj.spec.config).plugins.find((p: any) => p.type === 'macvlan');
      if (main.master !== props.master) return `master ${JSON.stringify(main.master)} is not ${JSON.stringify(props.master)}`;
      if ((props.mtu ?? 0) !== (main.mtu ?? 0)) return `mtu ${JSON.stringify(main.mtu)} is not ${JSON.stringify(props.mtu)}`;
    }
    for (const p of net.pools) {
      const pool = objects.find(o => o.kind === 'SpiderIPPool' && o.metadata?.name === p.name);
      if (!pool?.spec?.multusName?.includes(`${ns}/${net.name}`)) return `pool ${p.name} does not list ${ns}/${net.name}`;
    }
    return undefined;
  };
}

const ENTRIES: { [K in EntryName]: (env: Env, args: any[]) => Intent | undefined } = {
  IpPool(env, [props]) {
    const pool = new IpPool(env.chart, 'p', props);
    new MacvlanStandaloneNetwork(env.chart, 'uses-p', { name: 'uses-p', master: 'eth1', pools: [pool] });
    return objects => {
      const o = objects.find(x => x.kind === 'SpiderIPPool' && x.metadata?.name === pool.name);
      if (o?.spec?.subnet !== props.subnet) return `subnet ${JSON.stringify(o?.spec?.subnet)} is not ${JSON.stringify(props.subnet)}`;
      if (props.ips !== undefined && JSON.stringify(o.spec.ips) !== JSON.stringify(props.ips)) return `ips ${JSON.stringify(o.spec.ips)} are not ${JSON.stringify(props.ips)}`;
      return undefined;
    };
  },
  network(env, [kind, props]) {
    const net = kind === 'overlay' ? new MacvlanOverlayNetwork(env.chart, 'n', props) : new MacvlanStandaloneNetwork(env.chart, 'n', props);
    return networkIntent(net, props);
  },
  attach(env, [kind, network, options]) {
    const set = kind === 'overlay' ? PodNetworks.overlay() : PodNetworks.standalone(env.refs.get('standalone')!() as MacvlanStandaloneNetwork);
    (set as any).attach(network, options);
    set.applyTo(deployment(env));
    return networksIntent(set, 'd');
  },
  capacity(_env, [method, arg]) {
    if (method === 'report') AddressCapacity.report(arg);
    else AddressCapacity.renderMarkdown(arg);
    return undefined;
  },
  configurePrimary(env, [options]) {
    const set = PodNetworks.standalone(env.refs.get('standalone')!() as MacvlanStandaloneNetwork).configurePrimary(options);
    set.applyTo(deployment(env));
    return networksIntent(set, 'd');
  },
  podNetworks(env, [kind, list]) {
    const networks = Array.isArray(list) ? list : [list]; // (the arguments of a rest parameter are always a list)
    const set = kind === 'overlay' ? (PodNetworks.overlay as any)(...networks) : (PodNetworks.standalone as any)(...networks);
    set.applyTo(deployment(env));
    return networksIntent(set, 'd');
  },
  applyTo(env, [target]) {
    PodNetworks.overlay(env.refs.get('overlay')!() as MacvlanOverlayNetwork).applyTo(target);
    return undefined;
  },
  topology(env, [props]) {
    new VlanTopology(env.chart, 't', props);
    return undefined;
  },
  topologyMethod(env, [method, list]) {
    const args = Array.isArray(list) ? list : [list];
    const t = env.refs.get('topology')!() as any;
    if (typeof t[method] !== 'function') return undefined; // (the sweep replaced the method name)
    const result = t[method](...args);
    void result;
    return undefined;
  },
  factory(env, [name, options]) {
    const [cls, fn] = name.split('.');
    const classes: Record<string, any> = { Ipam, StandaloneHelperPlugin, OverlayHelperPlugin, HostInterfaces };
    const made = classes[cls][fn](options);
    // the product is used where it belongs, so that its output is synthesized and linted
    if (cls === 'Ipam') {
      const net = new MacvlanOverlayNetwork(env.chart, 'n', { name: 'n', master: 'eth1', ipam: made, ...(made.type === 'spiderpool' ? { pools: [env.refs.get('pool4')!() as IpPool] } : {}) });
      if (made.needsPodAddresses) PodNetworks.overlay().attach(net, { ips: ['10.9.0.9/24'] }).applyTo(deployment(env));
    } else if (cls === 'StandaloneHelperPlugin') {
      new MacvlanStandaloneNetwork(env.chart, 'n', { name: 'n', master: 'eth1', helper: made, pools: [env.refs.get('pool4')!() as IpPool] });
    } else if (cls === 'OverlayHelperPlugin') {
      new MacvlanOverlayNetwork(env.chart, 'n', { name: 'n', master: 'eth1', helper: made, pools: [env.refs.get('pool4')!() as IpPool] });
    } else {
      new VlanTopology(env.chart, 't', { bond: { name: 'bond0', members: ['ens1', 'ens2'], mode: BondMode.ACTIVE_BACKUP }, vlans: [{ id: 100, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1' } }], hostInterfaces: made });
    }
    return undefined;
  },
  annotatedPod(env, [props]) {
    new AnnotatedPod(env.chart, 'pod', props);
    return undefined;
  },
};

// ---------------------------------------------------------------------------------------------------------
// Generators: valid-looking input (with values the rules refuse now and then), then one part of it replaced by
// a value of the wrong shape.

const ref = (...kinds: RefKind[]) => fc.constantFrom(...kinds).map(k => new Ref(k));
/** Mostly the first value (so that a fair share of inputs is valid), sometimes one a rule refuses. */
function mostly<T>(usual: T, ...others: T[]): fc.Arbitrary<T> {
  if (others.length === 0) return fc.constant(usual);
  return fc.oneof({ weight: 4, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
}
/** Like {@link mostly}, for fields that come many times in one input. */
function rarely<T>(usual: T, ...others: T[]): fc.Arbitrary<T> {
  return fc.oneof({ weight: 15, arbitrary: fc.constant(usual) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
}
const cidr4 = mostly('10.0.0.0/24', '172.16.0.0/16', '10.0.0.1/24', '192.168.1.0/30', '10.0.0.0/31', 'x', '');
const addr4 = mostly('10.0.0.1', '10.0.0.5', '10.0.0.254', '172.16.0.1', '10.0.0.300', 'fd00::1', '');
const name = mostly('n1', 'pool-a', 'Net_1', 'a'.repeat(64), '', 'with.dot');
const iface = mostly('eth1', 'bond0.100', 'ens224', 'enp175s0f0np0.100', 'a b', 'net1', 'eth0');
const podIp = mostly('10.9.0.5/24', '10.9.0.6', 'fd00:9::5/64', 'a', '10.9.0.5/33');
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

const selector = fc.record({
  matchLabels: fc.dictionary(fc.constantFrom('a', 'b', 'zone'), mostly('x', '', 'y'), { minKeys: 1, maxKeys: 2 }),
  matchExpressions: fc.array(fc.record({ key: fc.constantFrom('a', 'b'), operator: mostly('Exists', 'In', 'Bad'), values: fc.array(fc.constantFrom('x', 'y'), { maxLength: 2 }) }, { requiredKeys: ['key', 'operator'] }), { maxLength: 2 }),
}, { requiredKeys: ['matchLabels'] });

const ipPoolProps = fc.record({
  subnet: cidr4,
  name,
  ips: fc.array(mostly('10.0.0.10-10.0.0.20', '10.0.0.30', '10.0.0.20-10.0.0.10', '10.0.1.5', 'a-b'), { maxLength: 2 }),
  excludeIps: fc.array(mostly('10.0.0.15', '10.0.2.1'), { maxLength: 1 }),
  gateway: addr4,
  routes: fc.array(fc.record({ destination: mostly('10.7.0.0/16', '0.0.0.0/0', 'x'), gateway: mostly('10.0.0.1', '10.9.9.9') }), { maxLength: 1 }),
  nodeAffinity: optional(selector),
  namespaceAffinity: optional(selector),
  podAffinity: optional(selector),
  clusterDefault: fc.boolean(),
}, { requiredKeys: ['subnet'] }).map(withoutUndefined);

const networkProps = (kind: 'standalone' | 'overlay') => fc.record({
  master: iface,
  name,
  namespace: mostly('kube-system', 'team-a', 'Bad_NS', ''),
  mode: mostly<string>(MacvlanMode.BRIDGE, ...Object.values(MacvlanMode), 'Bridge'),
  mtu: mostly(1500, 0, 9000, -1, 1.5, 70000),
  ipam: mostly(new Ref('ipam:spiderpool'), new Ref('ipam:dhcp'), new Ref('ipam:none'), new Ref('ipam:static')),
  pools: fc.array(ref('pool4', 'pool6'), { minLength: 1, maxLength: 2 }),
  cniVersion: mostly('0.3.1', '1.0.0', '0.3', ''),
  source: mostly<string>(NadSource.NETWORK_ATTACHMENT_DEFINITION, NadSource.SPIDER_MULTUS_CONFIG),
  ifacer: optional(fc.record({
    interfaces: fc.array(fc.constantFrom('ens224', 'ens256'), { minLength: 1, maxLength: 2 }),
    vlanId: mostly(100, 0, 5000),
    bond: fc.record({ name: mostly('bond0', 'b'.repeat(16)), mode: mostly(1, 4, 9), options: mostly('miimon=100', 'bad') }, { requiredKeys: ['name', 'mode'] }),
  }, { requiredKeys: ['interfaces'] })),
  helper: kind === 'overlay' ? ref('helper:ov', 'helper:ov-router') : ref('helper:sa', 'helper:sa-none'),
}, { requiredKeys: ['master'] }).map(withoutUndefined);

const attachOptions = fc.record({
  interfaceName: mostly('net7', 'net1', 'eth0', 'a'.repeat(16), 'a/b', ''),
  pools: fc.array(ref('pool4', 'pool6'), { maxLength: 2 }),
  ips: fc.array(podIp, { maxLength: 2 }),
}, { requiredKeys: [] });

const subnetPlan = (v: 4 | 6, id: number) => fc.record({
  subnet: rarely(v === 4 ? `10.${id % 256}.0.0/24` : `fd00:${id.toString(16)}::/64`, '10.0.0.0/8', 'x'),
  gateway: rarely(v === 4 ? `10.${id % 256}.0.1` : `fd00:${id.toString(16)}::1`, '1.2.3.4'),
  ips: fc.array(fc.constantFrom(v === 4 ? `10.${id % 256}.0.10-10.${id % 256}.0.50` : `fd00:${id.toString(16)}::10-fd00:${id.toString(16)}::50`), { minLength: 1, maxLength: 1 }),
  excludeIps: fc.array(fc.constantFrom(v === 4 ? `10.${id % 256}.0.20` : `fd00:${id.toString(16)}::20`), { minLength: 1, maxLength: 1 }),
  standalonePoolName: rarely(`p${id}-${v}-s`, ''),
  overlayPoolName: rarely(`p${id}-${v}-o`, 'Bad_Name'),
  reservedIps: fc.array(mostly(v === 4 ? `10.${id % 256}.0.30` : `fd00:${id.toString(16)}::30`, v === 4 ? `10.${id % 256}.0.1-10.${id % 256}.0.5` : '10.0.0.1', '10.250.0.1'), { maxLength: 1 }),
  nodeAddresses: mostly(new Ref('nodeAddresses:dhcp'), new Ref('nodeAddresses:static')),
}, { requiredKeys: ['subnet', 'gateway'] });

const vlanId = fc.oneof({ weight: 8, arbitrary: fc.constantFrom(100, 200, 4094, 300) }, { weight: 1, arbitrary: fc.constant(0) });
const vlanProps = vlanId.chain(id => fc.record({
  id: fc.constant(id),
  ipv4: subnetPlan(4, id),
  ipv6: subnetPlan(6, id),
  offer: mostly<string>(VlanOffer.BOTH, ...Object.values(VlanOffer)),
  mtu: rarely(1500, 9000, 1400),
  macvlanMtu: rarely(1400, 0, 9500),
  macvlanMode: rarely<string>(MacvlanMode.BRIDGE, MacvlanMode.PRIVATE),
  standaloneNetworkName: rarely(`s${id}`, 'Bad_Name'),
  overlayNetworkName: rarely(`o${id}`, ''),
}, { requiredKeys: ['id', 'ipv4'] }));

const topologyProps = fc.record({
  bond: fc.record({
    name: rarely('bond0', 'bondfabric01', 'b:0'),
    members: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(['ens224', 'ens256'], ['ens224']) }, { weight: 1, arbitrary: fc.constantFrom([], ['ens224', 'bond0'], ['ens224', 'ens224']) }),
    mode: mostly<string>(BondMode.ACTIVE_BACKUP, ...Object.values(BondMode)),
    options: fc.oneof({ weight: 3, arbitrary: fc.constant({ miimon: 100 }) }, {
      weight: 1,
      arbitrary: fc.record({
        miimon: mostly(100, 0),
        arpInterval: fc.constantFrom(100),
        arpIpTargets: fc.array(mostly('10.0.0.1', 'x'), { maxLength: 2 }),
        lacpRate: fc.constantFrom(...Object.values(LacpRate)),
        xmitHashPolicy: fc.constantFrom(...Object.values(XmitHashPolicy)),
        primary: mostly('ens224', 'eth9'),
      }, { requiredKeys: [] }),
    }),
    mtu: mostly(1500, 9000),
  }, { requiredKeys: ['members', 'mode'] }),
  vlans: fc.uniqueArray(vlanProps, { minLength: 1, maxLength: 3, selector: v => v.id }),
  nodeSelector: fc.dictionary(fc.constantFrom('role', 'zone'), mostly('worker', '')),
  hostInterfaces: mostly(new Ref('hostInterfaces:nmstate'), new Ref('hostInterfaces:ifacer')),
  namespace: mostly('kube-system', 'net'),
}, { requiredKeys: ['bond', 'vlans'] });

function withoutUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const FACTORY_OPTIONS: { readonly [name: string]: fc.Arbitrary<unknown> } = {
  'Ipam.whereabouts': fc.record({ range: cidr4, rangeStart: addr4, rangeEnd: addr4, exclude: fc.array(cidr4, { maxLength: 2 }), gateway: addr4, additionalRanges: fc.array(fc.record({ range: fc.constantFrom('fd00::/64', 'x') }), { maxLength: 1 }) }, { requiredKeys: ['range'] }),
  'Ipam.staticAddresses': fc.record({ addresses: fc.array(fc.record({ address: fc.constantFrom('10.0.0.5/24', '10.0.0.5', 'x'), gateway: addr4 }, { requiredKeys: ['address'] }), { maxLength: 2 }), routes: fc.array(fc.record({ destination: cidr4, gateway: addr4 }, { requiredKeys: ['destination'] }), { maxLength: 2 }) }, { requiredKeys: [] }),
  'Ipam.hostLocal': fc.record({ ranges: fc.array(fc.record({ subnet: cidr4, rangeStart: addr4, rangeEnd: addr4, gateway: addr4 }, { requiredKeys: ['subnet'] }), { maxLength: 2 }), routes: fc.array(fc.record({ destination: cidr4 }), { maxLength: 1 }) }, { requiredKeys: ['ranges'] }),
  'StandaloneHelperPlugin.coordinator': coordinatorOptions(),
  'OverlayHelperPlugin.coordinator': coordinatorOptions(),
  'StandaloneHelperPlugin.spidernetVeth': spidernetOptions(),
  'OverlayHelperPlugin.spidernetRouter': spidernetOptions(),
  'HostInterfaces.nmstate': fc.record({ policyName: fc.constantFrom('bond0-vlans', 'Bad_Name'), maxUnavailable: fc.constantFrom('25%', '1', 'x') }, { requiredKeys: [] }),
};

function coordinatorOptions() {
  return fc.record({
    tunePodRoutes: fc.boolean(),
    podDefaultRouteNic: fc.constantFrom('net1', 'eth0'),
    podMacPrefix: fc.constantFrom('0a:1b', '01:00', 'x'),
    hijackCidrs: fc.array(cidr4, { maxLength: 2 }),
    hostRuleTable: fc.constantFrom(500, 0),
    podRpFilter: fc.constantFrom(0, 1, 2, 3),
    txQueueLen: fc.constantFrom(0, 1000, -1),
  }, { requiredKeys: [] });
}

function spidernetOptions() {
  return fc.record({
    serviceHijackSubnets: fc.array(cidr4, { maxLength: 2 }),
    overlayHijackSubnets: fc.array(cidr4, { maxLength: 2 }),
    additionalHijackSubnets: fc.array(cidr4, { maxLength: 1 }),
    migrateRoute: fc.constantFrom(-1, 0, 1),
    hostRpFilter: fc.constantFrom(0, 1),
  }, { requiredKeys: ['serviceHijackSubnets', 'overlayHijackSubnets'] });
}

/** Values of the wrong shape, some derived from the value they replace (a list for a scalar and back). */
function wrongFor(current: unknown): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.constantFrom(null, undefined, [], {}, 0, -1, 1.5, NaN, Infinity, '', '42', 'x', true, 42, 10n),
    fc.constant([current]),
    fc.constant(Array.isArray(current) ? current[0] : typeof current === 'string' ? current.split('') : typeof current === 'object' ? [] : String(current)),
    fc.anything({ maxDepth: 2, maxKeys: 3 }),
    fc.constantFrom(...REF_KINDS).map(k => new Ref(k)),
  );
}

type Path = ReadonlyArray<string | number>;

/** Every place in a value a wrong value can go (the value itself, every field and list item). */
function pathsOf(v: unknown, prefix: Path = []): Path[] {
  const out: Path[] = [prefix];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...prefix, i])));
  else if (isPlain(v)) for (const k of Object.keys(v)) out.push(...pathsOf((v as any)[k], [...prefix, k]));
  return out;
}

function getAt(v: unknown, path: Path): unknown {
  return path.reduce<any>((x, k) => x?.[k], v);
}

function setAt(v: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: any = Array.isArray(v) ? [...v] : { ...(v as object) };
  copy[head] = setAt(copy[head], rest, value);
  return copy;
}

/** A valid-looking value, or that value with one part (or an unknown key) replaced by a wrong value. */
export function mutated<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 2, arbitrary: valid },
    {
      weight: 4,
      arbitrary: valid.chain(v => {
        const paths = pathsOf(v);
        return fc.nat({ max: paths.length - 1 }).chain(i => wrongFor(getAt(v, paths[i])).map(w => setAt(v, paths[i], w)));
      }),
    },
    { weight: 1, arbitrary: fc.tuple(valid, fc.constantFrom('subnet', 'ipss', 'excludeIPs', 'Master', 'pool', 'vlan', 'interfaceName', 'x'), fc.anything({ maxDepth: 1 })).map(([v, k, w]) => (isPlain(v) ? { ...(v as object), [k]: w } : v)) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
}

const networkArg = fc.oneof(ref(...REF_KINDS), fc.anything({ maxDepth: 1 }));

const CAPACITY_ROWS = [{
  pool: 'p',
  ipVersion: 4,
  supply: 10,
  demand: 2,
  pinnedDemand: 2,
  status: 'ok',
  warnPercent: 90,
  workloads: [{ kind: 'Deployment', namespace: 'default', name: 'd', podInterface: 'eth0', pods: 2, explanation: '2 replicas' }],
}];

/** Inputs for one entry point. */
export const ENTRY_ARBITRARIES: { readonly [K in EntryName]: fc.Arbitrary<FuzzInput> } = {
  IpPool: mutated(ipPoolProps).map(p => ({ entry: 'IpPool', args: [p] })),
  network: fc.constantFrom('standalone' as const, 'overlay' as const).chain(kind => mutated(networkProps(kind)).map(p => ({ entry: 'network' as const, args: [kind, p] }))),
  attach: fc.tuple(fc.constantFrom('standalone', 'overlay'), fc.oneof({ weight: 3, arbitrary: ref('standalone', 'overlay', 'staticOverlay') }, { weight: 1, arbitrary: networkArg }), mutated(attachOptions))
    .map(([kind, network, options]) => ({ entry: 'attach', args: [kind, network, options] })),
  capacity: fc.oneof(
    fc.oneof(ref(...REF_KINDS), fc.anything({ maxDepth: 1 })).map(a => ({ entry: 'capacity' as const, args: ['report', a] })),
    mutated(fc.constant(CAPACITY_ROWS)).map(rows => ({ entry: 'capacity' as const, args: ['renderMarkdown', rows] })),
  ),
  configurePrimary: mutated(fc.record({ pools: fc.array(ref('pool4', 'pool6'), { maxLength: 2 }), ips: fc.array(podIp, { maxLength: 1 }) }, { requiredKeys: [] }))
    .map(o => ({ entry: 'configurePrimary', args: [o] })),
  podNetworks: fc.tuple(fc.constantFrom('standalone', 'overlay'), fc.array(fc.oneof({ weight: 3, arbitrary: ref('standalone', 'overlay', 'staticOverlay') }, { weight: 1, arbitrary: networkArg }), { maxLength: 3 }))
    .map(([kind, networks]) => ({ entry: 'podNetworks', args: [kind, networks] })),
  applyTo: networkArg.map(t => ({ entry: 'applyTo', args: [t] })),
  topology: mutated(topologyProps).map(p => ({ entry: 'topology', args: [p] })),
  topologyMethod: fc.oneof(
    fc.tuple(fc.constant('placeWorkload'), fc.oneof(ref('deployment', 'standalone', 'chart', 'pool4'), fc.anything({ maxDepth: 1 }))).map(([m, a]) => [m, [a]] as const),
    fc.tuple(fc.constantFrom('standaloneNetwork', 'overlayNetwork', 'vlanInterfaceName'), fc.oneof(fc.constantFrom(900, 901), fc.anything({ maxDepth: 1 }))).map(([m, a]) => [m, [a]] as const),
    fc.constantFrom('renderMermaid', 'renderSwitchPlanMarkdown').map(m => [m, []] as const),
  ).map(([method, args]) => ({ entry: 'topologyMethod', args: [method, args] })),
  factory: fc.constantFrom(...Object.keys(FACTORY_OPTIONS)).chain(n => mutated(FACTORY_OPTIONS[n]).map(o => ({ entry: 'factory' as const, args: [n, o] }))),
  // only `networks` is ours: the other props are cdk8s-plus' (which throws its own TypeErrors on some of them)
  annotatedPod: mutated(fc.record({ networks: ref('podNetworks') })).map(p => ({ entry: 'annotatedPod', args: [isPlain(p) ? { ...p, containers: [{ image: 'nginx' }] } : p] })),
};

/** Any entry point. */
export const ANY_INPUT: fc.Arbitrary<FuzzInput> = fc.oneof(...Object.values(ENTRY_ARBITRARIES));

/** A short, stable rendering of an input for reports (Refs as <kind>). */
export function renderInput(input: FuzzInput): string {
  return `${input.entry}(${input.args.map(a => fc.stringify(a)).join(', ')})`;
}

/** Fixed valid input per entry point, for the exhaustive one-field-wrong sweep. */
export const VALID_INPUTS: readonly FuzzInput[] = [
  { entry: 'IpPool', args: [{ subnet: '10.0.0.0/24', name: 'p', ips: ['10.0.0.10-10.0.0.20'], excludeIps: ['10.0.0.15'], gateway: '10.0.0.1', routes: [{ destination: '10.7.0.0/16', gateway: '10.0.0.1' }], podAffinity: { matchLabels: { app: 'web' } }, clusterDefault: false }] },
  { entry: 'network', args: ['standalone', { master: 'eth1', name: 'n', namespace: 'team-a', mode: 'bridge', mtu: 1500, ipam: new Ref('ipam:spiderpool'), pools: [new Ref('pool4'), new Ref('pool6')], cniVersion: '0.3.1', source: 'NetworkAttachmentDefinition', helper: new Ref('helper:sa') }] },
  { entry: 'network', args: ['overlay', { master: 'ens224.100', name: 'n', pools: [new Ref('pool4')], source: 'SpiderMultusConfig', ifacer: { interfaces: ['ens224'], vlanId: 100 }, helper: new Ref('helper:ov') }] },
  { entry: 'attach', args: ['overlay', new Ref('overlay'), { interfaceName: 'net5', pools: [new Ref('pool6')] }] },
  { entry: 'attach', args: ['overlay', new Ref('staticOverlay'), { ips: ['10.9.0.5/24'] }] },
  { entry: 'configurePrimary', args: [{ pools: [new Ref('pool4')] }] },
  { entry: 'podNetworks', args: ['standalone', [new Ref('standalone')]] },
  { entry: 'podNetworks', args: ['overlay', [new Ref('overlay')]] },
  { entry: 'applyTo', args: [new Ref('deployment')] },
  {
    entry: 'topology',
    args: [{
      bond: { name: 'bond0', members: ['ens224', 'ens256'], mode: 'active-backup', options: { miimon: 100, primary: 'ens224' }, mtu: 9000 },
      vlans: [{
        id: 100,
        offer: 'both',
        mtu: 9000,
        macvlanMtu: 1500,
        ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1', ips: ['10.100.0.10-10.100.0.50'], excludeIps: ['10.100.0.20'], reservedIps: ['10.100.0.55'], nodeAddresses: new Ref('nodeAddresses:static') },
        ipv6: { subnet: 'fd00:64::/64', gateway: 'fd00:64::1', nodeAddresses: new Ref('nodeAddresses:dhcp') },
      }],
      nodeSelector: { role: 'worker' },
      hostInterfaces: new Ref('hostInterfaces:nmstate'),
      namespace: 'net',
    }],
  },
  { entry: 'topologyMethod', args: ['renderMermaid', []] },
  { entry: 'topologyMethod', args: ['placeWorkload', [new Ref('deployment')]] },
  { entry: 'factory', args: ['Ipam.whereabouts', { range: '10.0.0.0/24', rangeStart: '10.0.0.10', exclude: ['10.0.0.1/32'], gateway: '10.0.0.1', additionalRanges: [{ range: 'fd00::/64' }] }] },
  { entry: 'factory', args: ['Ipam.staticAddresses', { addresses: [{ address: '10.0.0.5/24', gateway: '10.0.0.1' }], routes: [{ destination: '0.0.0.0/0', gateway: '10.0.0.1' }] }] },
  { entry: 'factory', args: ['Ipam.hostLocal', { ranges: [{ subnet: '10.0.0.0/24', rangeStart: '10.0.0.10', gateway: '10.0.0.1' }], routes: [{ destination: '0.0.0.0/0' }] }] },
  { entry: 'factory', args: ['StandaloneHelperPlugin.coordinator', { tunePodRoutes: true, podDefaultRouteNic: 'eth0', podMacPrefix: '0a:1b', hijackCidrs: ['169.254.20.10/32'], hostRuleTable: 500, podRpFilter: 0, txQueueLen: 0 }] },
  { entry: 'factory', args: ['OverlayHelperPlugin.spidernetRouter', { serviceHijackSubnets: ['10.233.0.0/18'], overlayHijackSubnets: ['10.233.64.0/18'], additionalHijackSubnets: ['10.9.0.0/16'], migrateRoute: -1, hostRpFilter: 0 }] },
  { entry: 'factory', args: ['HostInterfaces.nmstate', { policyName: 'bond0-vlans', maxUnavailable: '25%' }] },
  { entry: 'annotatedPod', args: [{ networks: new Ref('podNetworks'), containers: [{ image: 'nginx' }] }] },
  { entry: 'capacity', args: ['renderMarkdown', CAPACITY_ROWS] },
  { entry: 'capacity', args: ['report', new Ref('chart')] },
];

/** Values of the wrong shape for the sweep (plus, per place, the value wrapped in a list and unwrapped). */
export const WRONG_VALUES: readonly unknown[] = [null, undefined, 5, NaN, 'x', true, {}, [], new Ref('pool4'), new Ref('standalone')];

const SELECTOR_FIRST: readonly EntryName[] = ['network', 'attach', 'podNetworks', 'topologyMethod', 'factory', 'capacity'];

/** Every input of {@link VALID_INPUTS} with one place replaced by one wrong value (or given an unknown key). */
export function oneWrongPlace(): FuzzInput[] {
  const out: FuzzInput[] = [];
  for (const input of VALID_INPUTS) {
    input.args.forEach((arg, a) => {
      if (a === 0 && SELECTOR_FIRST.includes(input.entry)) return; // which call to make: the harness's, not user input
      for (const path of pathsOf(arg)) {
        if (input.entry === 'annotatedPod' && path[0] === 'containers') continue; // cdk8s-plus' props, not ours
        const current = getAt(arg, path);
        const wrongs = [...WRONG_VALUES, [current], ...(Array.isArray(current) ? [current[0]] : [])];
        for (const w of wrongs) out.push({ entry: input.entry, args: input.args.map((x, i) => (i === a ? setAt(x, path, w) : x)) });
        if (!isPlain(current)) continue;
        const withUnknown = { ...(current as object), unknownProp: 1 };
        out.push({ entry: input.entry, args: input.args.map((x, i) => (i === a ? setAt(x, path, withUnknown) : x)) });
      }
    });
  }
  return out;
}
