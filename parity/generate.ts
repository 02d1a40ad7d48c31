/**
 * Seeded scene generator for the differential run. A scene is a small manifest set (pools, SpiderMultusConfigs,
 * NADs, pods and workloads referring to each other) built valid first and then mutated: every field of SpiderIPPool
 * and SpiderMultusConfig, the Multus and Spiderpool pod annotations in each of their forms, IPv4 and IPv6.
 * Each mutation is named; the names travel with the objects (`mutations`) so a disagreement points at its cause.
 */
import { BITS, Family, cidr, fmt, fmtLong, range } from './ip';
import { Rng } from './rng';

/** One generated object and the mutations applied to it. */
export interface GeneratedObject {
  readonly obj: Record<string, any>;
  readonly mutations: string[];
}

export interface Scene {
  readonly seed: number;
  readonly objects: GeneratedObject[];
}

interface PoolPlan {
  readonly name: string;
  readonly family: Family;
  readonly base: bigint;
  readonly prefix: number;
  readonly gateway: bigint;
  readonly ips: Array<[bigint, bigint]>;
}

interface Net {
  readonly ns: string;
  readonly name: string;
  readonly v4: string[];
  readonly v6: string[];
  readonly spiderpool: boolean;
}

const API_POOL = 'spiderpool.spidernet.io/v2beta1';
const NAMESPACES = ['default', 'kube-system', 'team-a'];
const IFACES = ['ens192', 'ens224', 'eth1', 'bond0', 'bond0.100', 'enp0s31f6'];

/** The seed of scene `n` of a run: independent of the run's length. */
export function sceneSeed(runSeed: number, n: number): number {
  // the run seed is mixed on its own first: combined raw with n (as before), seeds 1 and 2 gave the same scenes
  // in another order
  const mix = (x: number) => {
    x = Math.imul(x ^ (x >>> 16), 0x85ebca6b) >>> 0;
    x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35) >>> 0;
    return (x ^ (x >>> 16)) >>> 0;
  };
  return mix((mix((runSeed ^ 0x9e3779b9) >>> 0) + Math.imul(n + 1, 0x7f4a7c15)) >>> 0);
}

export function generateScene(seed: number): Scene {
  const rng = new Rng(seed);
  const objects: GeneratedObject[] = [];
  const pools: PoolPlan[] = [];
  const nPools = rng.int(1, 4);
  for (let i = 0; i < nPools; i++) {
    const family: Family = rng.chance(0.55) ? 4 : 6;
    const sibling = i > 0 && rng.chance(0.2) ? pools.find(p => p.family === family) : undefined;
    const plan = (sibling && siblingPlan(rng, sibling, i)) || poolPlan(rng, family, i);
    pools.push(plan);
    objects.push(mutatePool(rng, plan, pools));
  }

  const nets: Net[] = [];
  const v4Names = pools.filter(p => p.family === 4).map(p => p.name);
  const v6Names = pools.filter(p => p.family === 6).map(p => p.name);
  const nNads = rng.int(0, 2);
  for (let i = 0; i < nNads; i++) {
    const net: Net = {
      ns: rng.pick(NAMESPACES), name: `nad-${i}`, spiderpool: rng.chance(0.85),
      v4: v4Names.length && rng.chance(0.8) ? [rng.pick(v4Names)] : [], v6: v6Names.length && rng.chance(0.6) ? [rng.pick(v6Names)] : [],
    };
    nets.push(net);
    objects.push({ obj: nad(rng, net), mutations: [] });
  }
  const nSmcs = rng.int(0, 2);
  for (let i = 0; i < nSmcs; i++) {
    const g = mutateSmc(rng, i, v4Names, v6Names);
    objects.push(g);
    const spec = g.obj.spec ?? {};
    const block = spec.macvlan ?? spec.ipvlan ?? {};
    const crName = g.obj.metadata?.annotations?.['multus.spidernet.io/cr-name'];
    nets.push({
      ns: g.obj.metadata?.namespace ?? 'default', name: typeof crName === 'string' && crName ? crName : g.obj.metadata?.name,
      spiderpool: spec.disableIPAM !== true, v4: arr(block.ippools?.ipv4), v6: arr(block.ippools?.ipv6),
    });
  }
  const nPods = rng.int(1, 3);
  for (let i = 0; i < nPods; i++) objects.push(mutatePod(rng, i, nets, pools));
  return { seed, objects };
}

function arr(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

// ---------------------------------------------------------------------------------------------------- pools

function poolPlan(rng: Rng, family: Family, i: number): PoolPlan {
  const prefix = family === 4 ? rng.pick([16, 20, 22, 24, 24, 24, 26, 28, 29]) : rng.pick([64, 64, 96, 112, 116, 120, 124]);
  const base = family === 4 ? (10n << 24n) | (BigInt(16 * i) << 16n) : (0xfd00n << 112n) | (BigInt(i + 1) << 64n);
  const size = 1n << BigInt(BITS[family] - prefix);
  const gateway = base + 1n;
  const first = base + 2n;
  const last = family === 4 ? base + size - 2n : base + size - 1n;
  const span = last - first + 1n;
  const ips: Array<[bigint, bigint]> = [];
  const n = rng.int(1, 3);
  const chunk = span / BigInt(n);
  for (let k = 0; k < n; k++) {
    const lo = first + chunk * BigInt(k);
    const width = chunk < 2n ? 1n : BigInt(rng.int(1, Number(chunk > 300n ? 300n : chunk)));
    const start = lo + BigInt(rng.int(0, Number(chunk - width > 50n ? 50n : chunk - width)));
    if (width >= 1n) ips.push([start, start + width - 1n]);
  }
  return { name: `pool-${i}-v${family}`, family, base, prefix, gateway, ips };
}

/** A second pool in the same subnet, with ips after the sibling's. */
function siblingPlan(rng: Rng, s: PoolPlan, i: number): PoolPlan | undefined {
  const after = s.ips.reduce((m, r) => (r[1] > m ? r[1] : m), 0n) + 1n;
  const size = 1n << BigInt(BITS[s.family] - s.prefix);
  const last = s.family === 4 ? s.base + size - 2n : s.base + size - 1n;
  const end = after + BigInt(rng.int(0, 20));
  return after <= last ? { ...s, name: `pool-${i}-v${s.family}`, ips: [[after, end > last ? last : end]] } : undefined;
}

function poolObject(p: PoolPlan): Record<string, any> {
  const spec: Record<string, any> = {
    subnet: cidr(p.family, p.base, p.prefix),
    ips: p.ips.map(([a, b]) => range(p.family, a, b)),
    gateway: fmt(p.family, p.gateway),
  };
  return { apiVersion: API_POOL, kind: 'SpiderIPPool', metadata: { name: p.name }, spec };
}

const LABEL_KEYS_OK = ['app', 'app.kubernetes.io/name', 'tier', 'kubernetes.io/hostname', 'a-b_c.d', 'x'.repeat(63)];
const LABEL_KEYS_BAD = ['a b', '-app', 'app-', 'Example.COM/x', 'a/b/c', '/app', 'x'.repeat(64), 'ex_ample.com/app', ''];
const LABEL_VALUES_OK = ['web', '', 'a.b-c_d', 'v'.repeat(63), 'A1'];
const LABEL_VALUES_BAD = ['-web', 'web-', 'a b', 'v'.repeat(64), 'a/b', '_x'];
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];
const OPERATORS_BAD = ['in', 'Gt', 'Equals', ''];

function selector(rng: Rng, m: string[]): Record<string, any> {
  const sel: Record<string, any> = {};
  const kind = rng.int(0, 9);
  if (kind === 0) {
    m.push('selector:empty');
    return {};
  }
  if (kind <= 4) {
    const labels: Record<string, any> = {};
    const nLabels = rng.int(1, 2);
    for (let i = 0; i < nLabels; i++) {
      const badKey = rng.chance(0.25);
      const badValue = !badKey && rng.chance(0.25);
      if (badKey) m.push('selector:label-key-bad');
      if (badValue) m.push('selector:label-value-bad');
      const nonString = !badKey && !badValue && rng.chance(0.05);
      if (nonString) m.push('selector:label-value-number');
      labels[rng.pick(badKey ? LABEL_KEYS_BAD : LABEL_KEYS_OK)] = nonString ? 5 : rng.pick(badValue ? LABEL_VALUES_BAD : LABEL_VALUES_OK);
    }
    sel.matchLabels = labels;
  }
  if (kind >= 4) {
    const exprs: any[] = [];
    const n = rng.int(kind === 9 ? 0 : 1, 2);
    if (n === 0) m.push('selector:expressions-empty-list');
    for (let i = 0; i < n; i++) {
      const e: Record<string, any> = {};
      const badOp = rng.chance(0.15);
      const op = rng.pick(badOp ? OPERATORS_BAD : OPERATORS);
      if (badOp) m.push('selector:operator-bad');
      const key = rng.chance(0.15) ? rng.pick(LABEL_KEYS_BAD) : rng.pick(LABEL_KEYS_OK);
      if (!LABEL_KEYS_OK.includes(key)) m.push('selector:expr-key-bad');
      if (rng.chance(0.05)) m.push('selector:expr-key-missing'); else e.key = key;
      if (rng.chance(0.03)) m.push('selector:operator-missing'); else e.operator = op;
      const wantsValues = op === 'In' || op === 'NotIn';
      const flip = rng.chance(0.25);
      if (wantsValues !== flip) {
        const bad = rng.chance(0.15);
        if (bad) m.push('selector:expr-value-bad');
        e.values = rng.chance(0.1) ? [] : [rng.pick(bad ? LABEL_VALUES_BAD : LABEL_VALUES_OK)];
        if (!wantsValues) m.push('selector:values-forbidden');
        else if (e.values.length === 0) m.push('selector:values-empty');
      } else if (wantsValues) {
        m.push('selector:values-missing');
      }
      exprs.push(e);
    }
    sel.matchExpressions = exprs;
  }
  return sel;
}

function mutatePool(rng: Rng, plan: PoolPlan, all: PoolPlan[]): GeneratedObject {
  const obj = poolObject(plan);
  const m: string[] = [];
  const spec = obj.spec;
  const f = plan.family;
  const other: Family = f === 4 ? 6 : 4;
  const size = 1n << BigInt(BITS[f] - plan.prefix);
  const bcast = plan.base + size - 1n;
  const subnetText = spec.subnet as string;

  // optional fields, valid
  if (rng.chance(0.3)) spec.ipVersion = f;
  if (rng.chance(0.25)) spec.excludeIPs = [fmt(f, plan.ips[0][0])];
  if (rng.chance(0.2)) spec.routes = [{ dst: f === 4 ? '172.30.0.0/16' : 'fd99::/64', gw: fmt(f, plan.gateway) }];
  if (rng.chance(0.12)) spec.podAffinity = { matchLabels: { app: 'web' } };
  if (rng.chance(0.08)) spec.namespaceAffinity = { matchLabels: { team: 'a' } };
  if (rng.chance(0.08)) spec.nodeAffinity = { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['node1'] }] };
  if (rng.chance(0.08)) spec.namespaceName = ['default'];
  if (rng.chance(0.08)) spec.nodeName = ['node1', 'node2'];
  if (rng.chance(0.1)) spec.multusName = ['kube-system/nad-0'];
  if (rng.chance(0.05)) spec.default = rng.chance(0.5);
  if (rng.chance(0.05)) spec.disable = false;
  if (rng.chance(0.08)) delete spec.gateway;

  const nMut = rng.chance(0.35) ? 0 : rng.int(1, 2);
  const mutations: Array<() => void> = [
    () => {
      const v = rng.int(0, 6);
      const names = ['Pool-A', 'pool_a', `p${'x'.repeat(70)}`, 'pool.a.b', `${'a'.repeat(250)}.bcd`, '-pool', ''];
      m.push(['name:upper', 'name:underscore', 'name:long-label', 'name:dots', 'name:254', 'name:leading-dash', 'name:empty'][v]);
      obj.metadata.name = names[v];
    },
    () => {
      const v = rng.int(0, 8);
      m.push(`subnet:${['host-bits', 'prefix-too-long', 'not-cidr', 'missing', 'number', 'non-canonical', 'mapped', 'leading-zero', 'other-family'][v]}`);
      if (v === 0) spec.subnet = `${fmt(f, plan.base + 1n)}/${plan.prefix}`;
      else if (v === 1) spec.subnet = `${fmt(f, plan.base)}/${BITS[f] + 1}`;
      else if (v === 2) spec.subnet = fmt(f, plan.base);
      else if (v === 3) delete spec.subnet;
      else if (v === 4) spec.subnet = 24;
      else if (v === 5) spec.subnet = f === 6 ? `${fmtLong(plan.base)}/${plan.prefix}` : `${fmt(f, plan.base)}/0${plan.prefix}`;
      else if (v === 6) spec.subnet = `::ffff:${fmt(4, (10n << 24n))}/120`;
      else if (v === 7) spec.subnet = f === 4 ? subnetText.replace(/^10\./, '010.') : subnetText.replace('fd00:', 'fd00:0:');
      else spec.subnet = other === 4 ? '10.250.0.0/24' : 'fd00:250::/64';
    },
    () => {
      const v = rng.int(0, 3);
      m.push(`ipVersion:${['wrong', '5', 'string', 'zero'][v]}`);
      spec.ipVersion = [other, 5, String(f), 0][v];
    },
    () => {
      const v = rng.int(0, 12);
      m.push(`ips:${['outside', 'reversed', 'other-family', 'spaces', 'empty', 'missing', 'not-list', 'overlapping-entries', 'huge-one', 'huge-two', 'cidr', 'mapped', 'network-and-broadcast'][v]}`);
      const [a, b] = plan.ips[0];
      if (v === 0) spec.ips = [range(f, bcast + 1n, bcast + 5n)];
      else if (v === 1) spec.ips = [`${fmt(f, b + 3n)}-${fmt(f, a)}`];
      else if (v === 2) spec.ips = [other === 4 ? '10.250.0.5' : 'fd00:250::5'];
      else if (v === 3) spec.ips = [` ${fmt(f, a)}`];
      else if (v === 4) spec.ips = [];
      else if (v === 5) delete spec.ips;
      else if (v === 6) spec.ips = fmt(f, a);
      else if (v === 7) spec.ips = [range(f, a, b), range(f, a, b + 1n)];
      else if (v === 8 || v === 9) {
        const start = plan.base + 2n;
        const n = (1n << 20n) + BigInt(rng.int(-2, 2)) * 1000n;
        const end = start + n - 1n > bcast ? bcast : start + n - 1n;
        spec.ips = [range(f, start, end)];
        if (v === 9 && end + 1n < bcast) spec.ips.push(fmt(f, bcast - 1n));
        delete spec.gateway;
      } else if (v === 10) spec.ips = [cidr(f, plan.base, plan.prefix)];
      else if (v === 11) spec.ips = f === 6 ? [`::ffff:${fmt(4, (10n << 24n) | 5n)}`] : [`::ffff:${fmt(4, a)}`];
      else spec.ips = [range(f, plan.base, bcast)];
    },
    () => {
      const v = rng.int(0, 8);
      m.push(`excludeIPs:${['outside', 'all', 'other-family', 'bad', 'not-list', 'huge-two', 'typo-key', 'reversed', 'gateway'][v]}`);
      const [a, b] = plan.ips[0];
      if (v === 0) spec.excludeIPs = [fmt(f, bcast + 1n)];
      else if (v === 1) spec.excludeIPs = spec.ips.slice();
      else if (v === 2) spec.excludeIPs = [other === 4 ? '10.250.0.5' : 'fd00:250::5'];
      else if (v === 3) spec.excludeIPs = ['not-an-ip'];
      else if (v === 4) spec.excludeIPs = fmt(f, a);
      else if (v === 5) spec.excludeIPs = [range(f, plan.base + 1n, plan.base + (1n << 20n) + 10n > bcast ? bcast : plan.base + (1n << 20n) + 10n), fmt(f, a)];
      else if (v === 6) spec.excludeIps = [fmt(f, a)];
      else if (v === 7) spec.excludeIPs = [`${fmt(f, b)}-${fmt(f, a)}`];
      else spec.excludeIPs = [fmt(f, plan.gateway)];
    },
    () => {
      const v = rng.int(0, 5);
      m.push(`gateway:${['in-ips', 'outside', 'bad', 'other-family', 'null', 'excluded-in-ips'][v]}`);
      const [a] = plan.ips[0];
      if (v === 0) spec.gateway = fmt(f, a);
      else if (v === 1) spec.gateway = fmt(f, bcast + 1n);
      else if (v === 2) spec.gateway = '10.0.0.256';
      else if (v === 3) spec.gateway = other === 4 ? '10.250.0.1' : 'fd00:250::1';
      else if (v === 4) spec.gateway = null;
      else {
        spec.gateway = fmt(f, a);
        spec.excludeIPs = [fmt(f, a)];
      }
    },
    () => {
      const v = rng.int(0, 8);
      m.push(`routes:${['default', 'duplicate', 'dst-bad', 'gw-outside', 'dst-missing', 'gw-missing', 'other-family', 'not-list', 'dst-host-bits'][v]}`);
      const gw = fmt(f, plan.gateway);
      if (v === 0) spec.routes = [{ dst: f === 4 ? '0.0.0.0/0' : '::/0', gw }];
      else if (v === 1) spec.routes = [{ dst: f === 4 ? '172.30.0.0/16' : 'fd99::/64', gw }, { dst: f === 4 ? '172.30.0.0/16' : 'fd99::/64', gw }];
      else if (v === 2) spec.routes = [{ dst: '172.30.0.0', gw }];
      else if (v === 3) spec.routes = [{ dst: f === 4 ? '172.30.0.0/16' : 'fd99::/64', gw: fmt(f, bcast + 1n) }];
      else if (v === 4) spec.routes = [{ gw }];
      else if (v === 5) spec.routes = [{ dst: f === 4 ? '172.30.0.0/16' : 'fd99::/64' }];
      else if (v === 6) spec.routes = [{ dst: f === 6 ? '172.30.0.0/16' : 'fd99::/64', gw }];
      else if (v === 7) spec.routes = { dst: '172.30.0.0/16', gw };
      else spec.routes = [{ dst: f === 4 ? '172.30.0.1/16' : 'fd99::1/64', gw }];
    },
    () => {
      const key = rng.pick(['podAffinity', 'namespaceAffinity', 'nodeAffinity']);
      const sm: string[] = [];
      spec[key] = selector(rng, sm);
      m.push(...sm.map(x => `${key}:${x.split(':')[1]}`));
      if (sm.length === 0) m.push(`${key}:valid`);
    },
    () => {
      const v = rng.int(0, 6);
      m.push(`multusName:${['bare', 'three-parts', 'upper', 'not-list', 'number', 'empty-string', 'dots'][v]}`);
      spec.multusName = [['nad-0'], ['a/b/c'], ['Kube-System/nad-0'], 'kube-system/nad-0', [5], [''], ['kube-system/nad.0']][v];
    },
    () => {
      const v = rng.int(0, 5);
      m.push(`extra:${['default-string', 'disable-string', 'namespaceName-bad', 'nodeName-not-list', 'vlan', 'namespaceName-number'][v]}`);
      if (v === 0) spec.default = 'true';
      else if (v === 1) spec.disable = 'yes';
      else if (v === 2) spec.namespaceName = ['Bad_NS'];
      else if (v === 3) spec.nodeName = 'node1';
      else if (v === 4) spec.vlan = 100;
      else spec.namespaceName = [5];
    },
    () => {
      const key = rng.pick(['excludeIps', 'subnets', 'gatway', 'podaffinity', 'multusname', 'IPs', 'foo']);
      m.push(`unknown-field:${key}`);
      spec[key] = key === 'subnets' ? [subnetText] : 'x';
    },
    () => {
      const earlier = all.slice(0, -1);
      if (earlier.length === 0) return;
      const o = rng.pick(earlier);
      const v = rng.int(0, 2);
      m.push(`cross:${['duplicate-name', 'subnet-overlap', 'ips-overlap'][v]}`);
      if (v === 0) obj.metadata.name = o.name;
      else if (v === 1) {
        spec.subnet = cidr(o.family, o.base, o.prefix - 1 < 8 ? o.prefix : o.prefix - 1);
        spec.ips = o.ips.map(([a, b]) => range(o.family, a, b));
        spec.gateway = fmt(o.family, o.gateway);
        delete spec.excludeIPs;
        delete spec.routes;
        delete spec.ipVersion;
      } else {
        spec.subnet = cidr(o.family, o.base, o.prefix);
        spec.ips = [range(o.family, o.ips[0][0], o.ips[0][1])];
        spec.gateway = fmt(o.family, o.gateway);
        delete spec.excludeIPs;
        delete spec.routes;
        delete spec.ipVersion;
      }
    },
  ];
  for (let k = 0; k < nMut; k++) rng.pick(mutations)();
  return { obj, mutations: m };
}

// ---------------------------------------------------------------------------------------------------- NADs

function nad(rng: Rng, net: Net): Record<string, any> {
  const ipam: Record<string, any> = net.spiderpool ? { type: 'spiderpool' } : rng.pick([{}, { type: 'whereabouts', range: '192.168.5.0/24' }]);
  if (net.spiderpool && net.v4.length) ipam.default_ipv4_ippool = net.v4;
  if (net.spiderpool && net.v6.length) ipam.default_ipv6_ippool = net.v6;
  const plugins: any[] = [{ type: 'macvlan', master: rng.pick(IFACES), mode: 'bridge', ipam }];
  const mode = rng.pick(['underlay', 'overlay', 'auto', undefined]);
  if (mode !== undefined) plugins.push({ type: 'coordinator', mode });
  if (rng.chance(0.2)) plugins.push({ type: 'tuning', capabilities: { mac: true } });
  return {
    apiVersion: 'k8s.cni.cncf.io/v1', kind: 'NetworkAttachmentDefinition', metadata: { name: net.name, namespace: net.ns },
    spec: { config: JSON.stringify({ cniVersion: '0.3.1', name: net.name, plugins }) },
  };
}

// ---------------------------------------------------------------------------------------------------- SpiderMultusConfig

function mutateSmc(rng: Rng, i: number, v4: string[], v6: string[]): GeneratedObject {
  const m: string[] = [];
  const cniType = rng.chance(0.8) ? 'macvlan' : 'ipvlan';
  const block: Record<string, any> = { master: [rng.pick(IFACES)] };
  if (rng.chance(0.4)) block.vlanID = rng.pick([0, 100, 4094]);
  if (rng.chance(0.2)) block.mtu = rng.pick([0, 1500, 9000]);
  const pools: Record<string, any> = {};
  if (v4.length && rng.chance(0.7)) pools.ipv4 = [rng.pick(v4)];
  if (v6.length && rng.chance(0.5)) pools.ipv6 = [rng.pick(v6)];
  if (Object.keys(pools).length) block.ippools = pools;
  const spec: Record<string, any> = { cniType, [cniType]: block };
  if (rng.chance(0.5)) spec.coordinator = { mode: rng.pick(['auto', 'underlay', 'overlay']) };
  if (rng.chance(0.15)) spec.enableCoordinator = rng.chance(0.5);
  if (rng.chance(0.1)) spec.disableIPAM = rng.chance(0.5);
  if (rng.chance(0.15)) spec.chainCNIJsonData = ['{"type":"tuning","sysctl":{"net.ipv4.conf.all.arp_notify":"1"}}'];
  const obj: Record<string, any> = {
    apiVersion: API_POOL, kind: 'SpiderMultusConfig', metadata: { name: `smc-${i}`, namespace: rng.pick(NAMESPACES) }, spec,
  };
  const ann = (k: string, v: string) => {
    obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), [k]: v };
  };
  const coord = () => (spec.coordinator = spec.coordinator ?? {});

  const nMut = rng.chance(0.35) ? 0 : rng.int(1, 2);
  const mutations: Array<() => void> = [
    () => {
      const v = rng.int(0, 5);
      m.push(`cniType:${['missing', 'bad-case', 'other-block', 'custom', 'custom-bad-json', 'unknown'][v]}`);
      if (v === 0) delete spec.cniType;
      else if (v === 1) spec.cniType = 'Macvlan';
      else if (v === 2) spec.cniType = cniType === 'macvlan' ? 'ipvlan' : 'macvlan';
      else if (v === 3) {
        spec.cniType = 'custom';
        delete spec[cniType];
        spec.customCNI = '{"type":"bridge"}';
      } else if (v === 4) {
        spec.cniType = 'custom';
        delete spec[cniType];
        spec.customCNI = '{"type":';
      } else spec.cniType = 'bridge';
    },
    () => {
      const v = rng.int(0, 8);
      m.push(`master:${['missing-block', 'empty-list', 'missing', 'two-no-bond', 'two-bond', 'empty-string', 'too-long', 'not-list', 'bond-name-empty'][v]}`);
      if (v === 0) delete spec[cniType];
      else if (v === 1) block.master = [];
      else if (v === 2) delete block.master;
      else if (v === 3) block.master = ['ens192', 'ens224'];
      else if (v === 4) {
        block.master = ['ens192', 'ens224'];
        block.bond = { name: 'bond0', mode: rng.int(0, 6), ...(rng.chance(0.3) ? { options: 'miimon=100' } : {}) };
      } else if (v === 5) block.master = [''];
      else if (v === 6) block.master = ['averyveryverylongname0'];
      else if (v === 7) block.master = 'ens192';
      else {
        block.master = ['ens192', 'ens224'];
        block.bond = { name: '', mode: 1 };
      }
    },
    () => {
      const v = rng.int(0, 4);
      m.push(`bond:${['mode-7', 'mode-missing', 'name-missing', 'options-bad', 'single-master'][v]}`);
      block.bond = [{ name: 'bond0', mode: 7 }, { name: 'bond0' }, { mode: 1 }, { name: 'bond0', mode: 1, options: 'miimon 100' }, { name: 'bond0', mode: 1 }][v];
    },
    () => {
      const v = rng.int(0, 3);
      m.push(`vlanID:${['negative', '4095', 'string', 'float'][v]}`);
      block.vlanID = [-1, 4095, '100', 10.5][v];
    },
    () => {
      const v = rng.int(0, 2);
      m.push(`mtu:${['negative', 'string', 'huge'][v]}`);
      block.mtu = [-1, '1500', 70000][v];
    },
    () => {
      const v = rng.int(0, 4);
      m.push(`ippools:${['matchMasterSubnet', 'ipv4-string', 'ipv4-number', 'empty-name', 'other-family'][v]}`);
      if (v === 0) block.ippools = { ...(block.ippools ?? {}), matchMasterSubnet: true };
      else if (v === 1) block.ippools = { ipv4: 'pool-0-v4' };
      else if (v === 2) block.ippools = { ipv4: [5] };
      else if (v === 3) block.ippools = { ipv4: [''] };
      else block.ippools = { ipv4: v6.length ? [v6[0]] : ['pool-x'], ipv6: v4.length ? [v4[0]] : undefined };
    },
    () => {
      const v = rng.int(0, 5);
      m.push(`rdma:${['inject-no-name', 'inject-no-pools', 'inject-ok', 'network-inject-no-pools', 'network-inject-ok', 'name-only'][v]}`);
      if (v === 0) ann('cni.spidernet.io/rdma-resource-inject', 'rdma-network');
      else if (v === 1) {
        ann('cni.spidernet.io/rdma-resource-inject', 'rdma-network');
        block.rdmaResourceName = 'spidernet.io/rdma';
        delete block.ippools;
      } else if (v === 2) {
        ann('cni.spidernet.io/rdma-resource-inject', 'rdma-network');
        block.rdmaResourceName = 'spidernet.io/rdma';
        block.ippools = { ipv4: ['pool-0-v4'] };
      } else if (v === 3) {
        ann('cni.spidernet.io/network-resource-inject', 'net');
        block.rdmaResourceName = 'spidernet.io/rdma';
        delete block.ippools;
      } else if (v === 4) {
        ann('cni.spidernet.io/network-resource-inject', 'net');
        block.ippools = { ipv4: ['pool-0-v4'] };
      } else block.rdmaResourceName = 'spidernet.io/rdma';
    },
    () => {
      const v = rng.int(0, 5);
      m.push(`annotation:${['cni-version-ok', 'cni-version-bad', 'cni-version-0.3.1', 'cr-name-ok', 'cr-name-bad', 'cr-name-subdomain'][v]}`);
      if (v === 0) ann('multus.spidernet.io/cni-version', '1.0.0');
      else if (v === 1) ann('multus.spidernet.io/cni-version', rng.pick(['0.5.0', '1.1.0', '0.2.0', 'v1']));
      else if (v === 2) ann('multus.spidernet.io/cni-version', '0.3.1');
      else if (v === 3) ann('multus.spidernet.io/cr-name', 'custom-nad');
      else if (v === 4) ann('multus.spidernet.io/cr-name', 'Custom_NAD');
      else ann('multus.spidernet.io/cr-name', 'custom.nad');
    },
    () => {
      const v = rng.int(0, 8);
      m.push(`coordinator-mode:${['disabled', 'disable', 'upper', 'bad', 'auto', 'underlay', 'overlay', 'podCIDRType-bad', 'podCIDRType-ok'][v]}`);
      if (v <= 6) coord().mode = ['disabled', 'disable', 'Underlay', 'router', 'auto', 'underlay', 'overlay'][v];
      else coord().podCIDRType = v === 7 ? rng.pick(['flannel', 'Calico', 'x']) : rng.pick(['auto', 'cluster', 'calico', 'cilium', 'none']);
    },
    () => {
      const v = rng.int(0, 13);
      m.push(`coordinator:${['hijack-bad', 'hijack-ip', 'hijack-ok', 'mac-multicast', 'mac-bad', 'mac-ok', 'txq-negative', 'rp-minus1', 'rp-3', 'rp-minus5', 'veth-addr-bad', 'veth-addr-ok', 'veth-mtu-zero', 'veth-mtu-negative'][v]}`);
      const c = coord();
      if (v === 0) c.hijackCIDR = ['10.233.0.0/33'];
      else if (v === 1) c.hijackCIDR = ['169.254.25.10'];
      else if (v === 2) c.hijackCIDR = ['10.233.0.0/18', 'fd00:233::/112'];
      else if (v === 3) c.podMACPrefix = '01:1b';
      else if (v === 4) c.podMACPrefix = rng.pick(['0a1b', 'zz:11', '0a:1b:2c', 'a:1b']);
      else if (v === 5) c.podMACPrefix = '0a:1b';
      else if (v === 6) c.txQueueLen = -1;
      else if (v === 7) c.podRPFilter = -1;
      else if (v === 8) c.podRPFilter = 3;
      else if (v === 9) c.podRPFilter = -5;
      else if (v === 10) c.vethLinkAddress = rng.pick(['169.254.100.300', 'bad', '169.254.100.1/32']);
      else if (v === 11) c.vethLinkAddress = '169.254.100.1';
      else if (v === 12) c.vethMTU = 0;
      else c.vethMTU = -5;
    },
    () => {
      const v = rng.int(0, 4);
      m.push(`coordinator:${['policyRoutes-bad', 'policyRoutes-family', 'policyRoutes-ok', 'removed-detectGateway', 'tunePodRoutes'][v]}`);
      const c = coord();
      if (v === 0) c.policyRoutes = [{ dst: 'bad', gw: '10.0.0.1' }];
      else if (v === 1) c.policyRoutes = [{ dst: '10.9.0.0/16', gw: 'fd00::1' }];
      else if (v === 2) c.policyRoutes = [{ dst: '10.9.0.0/16', gw: '10.0.0.1' }];
      else if (v === 3) c.detectGateway = true;
      else {
        c.tunePodRoutes = true;
        c.podDefaultRouteNIC = 'net1';
      }
    },
    () => {
      const v = rng.int(0, 4);
      m.push(`chain:${['bad-json', 'no-type', 'not-string', 'not-list', 'ok-two'][v]}`);
      spec.chainCNIJsonData = [['{"type":'], ['{"mtu":1500}'], [{ type: 'tuning' }], '{"type":"tuning"}', ['{"type":"tuning"}', '{"type":"bandwidth"}']][v];
    },
    () => {
      const v = rng.int(0, 4);
      m.push(`unknown-field:${['macvlanConfig', 'enableCoordinater', 'coordinator.foo', 'macvlan.vlanId', 'ippool'][v]}`);
      if (v === 0) spec.macvlanConfig = { master: ['ens192'] };
      else if (v === 1) spec.enableCoordinater = true;
      else if (v === 2) coord().foo = 1;
      else if (v === 3) block.vlanId = 100;
      else block.ippool = { ipv4: ['x'] };
    },
    () => {
      const v = rng.int(0, 2);
      m.push(`name:${['upper', 'long-label', 'dots'][v]}`);
      obj.metadata.name = ['Smc', `s${'x'.repeat(70)}`, 'smc.a'][v];
    },
  ];
  for (let k = 0; k < nMut; k++) rng.pick(mutations)();
  return { obj, mutations: m };
}

// ---------------------------------------------------------------------------------------------------- pods

const WORKLOADS = ['Pod', 'Pod', 'Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicaSet'];

function podObject(kind: string, name: string, ns: string, annotations: Record<string, any>): Record<string, any> {
  const meta = { annotations, labels: { app: name } };
  const podSpec = { containers: [{ name: 'app', image: 'nginx' }] };
  const base = { metadata: { name, namespace: ns } };
  switch (kind) {
    case 'Pod':
      return { apiVersion: 'v1', kind, metadata: { ...base.metadata, annotations }, spec: podSpec };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind, ...base, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: meta, spec: podSpec } } } } };
    case 'Job':
      return { apiVersion: 'batch/v1', kind, ...base, spec: { template: { metadata: meta, spec: podSpec } } };
    default:
      return { apiVersion: 'apps/v1', kind, ...base, spec: { selector: { matchLabels: { app: name } }, template: { metadata: meta, spec: podSpec } } };
  }
}

interface Nic {
  net: Net;
  iface: string;
  named: boolean;
}

function mutatePod(rng: Rng, i: number, nets: Net[], pools: PoolPlan[]): GeneratedObject {
  const m: string[] = [];
  const kind = rng.pick(WORKLOADS);
  const ns = rng.pick(NAMESPACES);
  const ann: Record<string, any> = {};
  const v4 = pools.filter(p => p.family === 4).map(p => p.name);
  const v6 = pools.filter(p => p.family === 6).map(p => p.name);

  // networks
  const nics: Nic[] = [];
  let defaultNet: Net | undefined;
  if (nets.length && rng.chance(0.3)) {
    defaultNet = rng.pick(nets);
    ann['v1.multus-cni.io/default-network'] = rng.chance(0.15) ? JSON.stringify([{ name: defaultNet.name, namespace: defaultNet.ns }]) : `${defaultNet.ns}/${defaultNet.name}`;
    nics.push({ net: defaultNet, iface: 'eth0', named: true });
  }
  const extra = nets.length ? rng.int(defaultNet ? 0 : 1, Math.min(2, nets.length)) : 0;
  const chosen: Net[] = [];
  for (let k = 0; k < extra; k++) chosen.push(rng.pick(nets));
  const nameIfaces = rng.chance(0.4);
  chosen.forEach((net, k) => nics.push({ net, iface: nameIfaces ? `net${k + 10}` : `net${k + 1}`, named: nameIfaces }));
  const json = rng.chance(0.35);
  if (chosen.length) {
    if (json) {
      ann['k8s.v1.cni.cncf.io/networks'] = JSON.stringify(chosen.map((net, k) => ({ name: net.name, namespace: net.ns, ...(nameIfaces ? { interface: `net${k + 10}` } : {}) })));
    } else {
      ann['k8s.v1.cni.cncf.io/networks'] = chosen.map((net, k) => `${net.ns}/${net.name}${nameIfaces ? `@net${k + 10}` : ''}`).join(', ');
    }
  }

  // pool selection
  const spiderNics = nics.filter(n => n.net.spiderpool);
  const sel = (fam: Family) => {
    const names = fam === 4 ? v4 : v6;
    return names.length ? [rng.pick(names)] : [];
  };
  const ippoolsMode = rng.int(0, 3); // 0 none, 1 ippools named, 2 ippools unnamed, 3 ippool
  if (ippoolsMode === 1 && spiderNics.length) {
    ann['ipam.spidernet.io/ippools'] = JSON.stringify(spiderNics.map(n => {
      const item: Record<string, any> = { interface: n.iface };
      const a = sel(4);
      const b = sel(6);
      if (a.length) item.ipv4 = a;
      if (b.length && rng.chance(0.6)) item.ipv6 = b;
      if (rng.chance(0.1)) item.cleangateway = rng.chance(0.5);
      return item;
    }));
  } else if (ippoolsMode === 2 && spiderNics.length) {
    ann['ipam.spidernet.io/ippools'] = JSON.stringify(spiderNics.map(() => {
      const a = sel(4);
      return a.length ? { ipv4: a } : { ipv6: sel(6) };
    }));
  } else if (ippoolsMode === 3 && (v4.length || v6.length)) {
    const item: Record<string, any> = {};
    if (v4.length) item.ipv4 = sel(4);
    if (v6.length && (rng.chance(0.5) || !v4.length)) item.ipv6 = sel(6);
    ann['ipam.spidernet.io/ippool'] = JSON.stringify(item);
  }

  const nMut = rng.chance(0.35) ? 0 : rng.int(1, 2);
  const NETS = 'k8s.v1.cni.cncf.io/networks';
  const DEF = 'v1.multus-cni.io/default-network';
  const POOLS = 'ipam.spidernet.io/ippools';
  const POOL = 'ipam.spidernet.io/ippool';
  const mutations: Array<() => void> = [
    () => {
      const v = rng.int(0, 12);
      m.push(`networks:${['spaces', 'empty-iface', 'empty', 'double-comma', 'trailing-comma', 'upper', 'two-slashes', 'two-ats', 'iface-too-long', 'iface-underscore', 'json-object', 'json-bad', 'iface-space'][v]}`);
      const first = chosen[0] ?? nets[0];
      const n = first ? `${first.ns}/${first.name}` : 'default/x';
      if (v === 0) ann[NETS] = `  ${first?.ns ?? 'default'} / ${first?.name ?? 'x'} @ net7 `;
      else if (v === 1) ann[NETS] = `${n}@`;
      else if (v === 2) ann[NETS] = '';
      else if (v === 3) ann[NETS] = `${n},,${n}@net9`;
      else if (v === 4) ann[NETS] = `${n},`;
      else if (v === 5) ann[NETS] = n.toUpperCase();
      else if (v === 6) ann[NETS] = `a/${n}`;
      else if (v === 7) ann[NETS] = `${n}@net1@net2`;
      else if (v === 8) ann[NETS] = `${n}@averyveryverylongif`;
      else if (v === 9) ann[NETS] = `${n}@net_1`;
      else if (v === 10) ann[NETS] = JSON.stringify({ name: first?.name ?? 'x', namespace: first?.ns });
      else if (v === 11) ann[NETS] = `[{"name": "${first?.name ?? 'x'}",}]`;
      else ann[NETS] = `[{"name":"${first?.name ?? 'x'}","namespace":"${first?.ns ?? 'default'}","interface":"net 1"}]`;
    },
    () => {
      const v = rng.int(0, 9);
      m.push(`networks-json:${['name-slash', 'ips-string', 'ips-bad', 'ips-ok', 'mac-bad', 'mac-ok', 'default-route-two', 'default-route-bad', 'interfaceRequest', 'name-upper'][v]}`);
      const first = chosen[0] ?? nets[0];
      const el: Record<string, any> = { name: first?.name ?? 'x', namespace: first?.ns ?? 'default' };
      if (v === 0) {
        el.name = `${el.namespace}/${el.name}`;
        delete el.namespace;
      } else if (v === 1) el.ips = '10.0.0.5/24';
      else if (v === 2) el.ips = [rng.pick(['10.0.0.256', '10.0.0.5/33', 'x'])];
      else if (v === 3) el.ips = [rng.pick(['10.0.0.5/24', 'fd00::5/64', '10.0.0.5'])];
      else if (v === 4) el.mac = rng.pick(['02:42:ac:11:00', 'zz:42:ac:11:00:02']);
      else if (v === 5) el.mac = '02:42:ac:11:00:02';
      else if (v === 6) {
        el['default-route'] = ['10.0.0.1'];
        ann[NETS] = JSON.stringify([el, { ...el, interface: 'net9', 'default-route': ['10.0.1.1'] }]);
        return;
      } else if (v === 7) el['default-route'] = ['bad'];
      else if (v === 8) el.interfaceRequest = 'net5';
      else el.name = el.name.toUpperCase();
      ann[NETS] = JSON.stringify([el]);
    },
    () => {
      const v = rng.int(0, 4);
      m.push(`default-network:${['bare', 'two', 'json-array-two', 'iface', 'bad'][v]}`);
      const first = nets[0];
      const n = first ? first.name : 'x';
      if (v === 0) ann[DEF] = n;
      else if (v === 1) ann[DEF] = `${first?.ns ?? 'default'}/${n}, kube-system/${n}`;
      else if (v === 2) ann[DEF] = JSON.stringify([{ name: n }, { name: n, namespace: 'default' }]);
      else if (v === 3) ann[DEF] = `${first?.ns ?? 'default'}/${n}@net1`;
      else ann[DEF] = 'Bad_Net';
    },
    () => {
      const v = rng.int(0, 15);
      m.push(`ippools:${['empty-list', 'cleangateway-string', 'ipv4-string', 'duplicate-iface', 'mixed-named', 'missing-nic', 'unknown-iface', 'object', 'bad-json', 'duplicate-pool', 'case-keys', 'legacy-keys', 'wildcard', 'wildcard-bad', 'unknown-pool', 'null'][v]}`);
      const ifs = spiderNics.length ? spiderNics.map(n => n.iface) : ['eth0'];
      const p = v4.length ? v4[0] : v6[0] ?? 'pool-0-v4';
      const key = v4.length ? 'ipv4' : 'ipv6';
      if (v === 0) ann[POOLS] = '[]';
      else if (v === 1) ann[POOLS] = JSON.stringify(ifs.map(x => ({ interface: x, [key]: [p], cleangateway: 'true' })));
      else if (v === 2) ann[POOLS] = JSON.stringify(ifs.map(x => ({ interface: x, [key]: p })));
      else if (v === 3) ann[POOLS] = JSON.stringify([...ifs, ifs[0]].map(x => ({ interface: x, [key]: [p] })));
      else if (v === 4) ann[POOLS] = JSON.stringify([...ifs.map(x => ({ interface: x, [key]: [p] })), { [key]: [p] }]);
      else if (v === 5) ann[POOLS] = JSON.stringify(ifs.slice(1).concat(ifs.length > 1 ? [] : ['net9']).map(x => ({ interface: x, [key]: [p] })));
      else if (v === 6) ann[POOLS] = JSON.stringify([...ifs, 'net8'].map(x => ({ interface: x, [key]: [p] })));
      else if (v === 7) ann[POOLS] = JSON.stringify({ interface: ifs[0], [key]: [p] });
      else if (v === 8) ann[POOLS] = `[{"interface": "${ifs[0]}", "${key}": ["${p}"]`;
      else if (v === 9) ann[POOLS] = JSON.stringify(ifs.map(x => ({ interface: x, [key]: [p, p] })));
      else if (v === 10) ann[POOLS] = JSON.stringify(ifs.map(x => ({ Interface: x, [key.toUpperCase()]: [p] })));
      else if (v === 11) ann[POOLS] = JSON.stringify(ifs.map(x => ({ interface: x, [`${key}pools`]: [p] })));
      else if (v === 12) ann[POOLS] = JSON.stringify(ifs.map(x => ({ interface: x, [key]: [rng.pick(['pool-*', 'pool-?-v4', 'pool-[0-1]-v4', '*-v6', 'nomatch-*'])] })));
      else if (v === 13) ann[POOLS] = JSON.stringify(ifs.map(x => ({ interface: x, [key]: [rng.pick(['pool-[', 'pool-[a-]*', 'pool-\\'])] })));
      else if (v === 14) ann[POOLS] = JSON.stringify(ifs.map(x => ({ interface: x, [key]: ['no-such-pool'] })));
      else ann[POOLS] = 'null';
    },
    () => {
      const v = rng.int(0, 7);
      m.push(`ippool:${['array', 'bad-json', 'wildcard', 'wildcard-bad', 'unknown-pool', 'duplicate-pool', 'ipv4-string', 'empty-object'][v]}`);
      const p = v4.length ? v4[0] : v6[0] ?? 'pool-0-v4';
      const key = v4.length ? 'ipv4' : 'ipv6';
      delete ann[POOLS];
      if (v === 0) ann[POOL] = JSON.stringify([{ [key]: [p] }]);
      else if (v === 1) ann[POOL] = `{"${key}": [${p}]}`;
      else if (v === 2) ann[POOL] = JSON.stringify({ [key]: ['pool-*'] });
      else if (v === 3) ann[POOL] = JSON.stringify({ [key]: ['pool-['] });
      else if (v === 4) ann[POOL] = JSON.stringify({ [key]: ['no-such-pool'] });
      else if (v === 5) ann[POOL] = JSON.stringify({ [key]: [p, p] });
      else if (v === 6) ann[POOL] = JSON.stringify({ [key]: p });
      else ann[POOL] = '{}';
    },
    () => {
      const v = rng.int(0, 4);
      m.push(`other:${['network-status', 'subnet-annotation', 'subnets-annotation', 'annotation-number', 'unknown-network'][v]}`);
      if (v === 0) ann['k8s.v1.cni.cncf.io/network-status'] = '[]';
      else if (v === 1) {
        delete ann[POOLS];
        delete ann[POOL];
        ann['ipam.spidernet.io/subnet'] = JSON.stringify({ ipv4: ['subnet-v4'] });
      } else if (v === 2) {
        delete ann[POOLS];
        delete ann[POOL];
        ann['ipam.spidernet.io/subnets'] = JSON.stringify(spiderNics.map(n => ({ interface: n.iface, ipv4: ['subnet-v4'] })));
      } else if (v === 3) ann[POOL] = 5;
      else ann[NETS] = 'default/no-such-network';
    },
    () => {
      // one family on a dual-stack network
      const dual = nets.find(n => n.v4.length && n.v6.length && n.spiderpool);
      if (!dual || !v4.length) return;
      m.push('ippools:one-family-dual-stack');
      ann[NETS] = `${dual.ns}/${dual.name}`;
      delete ann[DEF];
      ann[POOLS] = JSON.stringify([{ interface: 'net1', ipv4: [v4[0]] }]);
    },
  ];
  for (let k = 0; k < nMut; k++) rng.pick(mutations)();
  return { obj: podObject(kind, `app-${i}`, ns, ann), mutations: m };
}
