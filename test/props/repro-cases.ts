/**
 * The inputs of issue 12 ("construct crashes", "accepted but wrong", "JavaScript guards"), each with the
 * library error it must end in: the prop or argument at fault and the construct it belongs to. Shared by the
 * regression test and the fuzz harness (which also replays them).
 */
import { App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  BondMode, Ipam, IpPool, NadSource, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, PodNetworks, StandaloneHelperPlugin, VlanTopology,
} from '../../src';

/** What a repro builds on: a chart with one pool and one network of each kind. */
export interface ReproEnv {
  readonly app: App;
  readonly chart: Chart;
  readonly pool: IpPool;
  readonly standalone: MacvlanStandaloneNetwork;
  readonly overlay: MacvlanOverlayNetwork;
  readonly staticOverlay: MacvlanOverlayNetwork;
}

export function reproEnv(): ReproEnv {
  const app = Testing.app();
  const chart = new Chart(app, 'c');
  const pool = new IpPool(chart, 'v4', { name: 'v4', subnet: '10.0.0.0/24', gateway: '10.0.0.1' });
  const standalone = new MacvlanStandaloneNetwork(chart, 'sa', { name: 'sa', master: 'eth1', pools: [pool] });
  const overlay = new MacvlanOverlayNetwork(chart, 'ov', { name: 'ov', master: 'eth2', pools: [pool] });
  const staticOverlay = new MacvlanOverlayNetwork(chart, 'st', { name: 'st', master: 'eth3', ipam: Ipam.staticAddresses() });
  return { app, chart, pool, standalone, overlay, staticOverlay };
}

/** Where the error must point. */
export interface ReproExpectation {
  /** The prop or argument at fault. */
  readonly field?: string;
  /** The construct (undefined for calls not tied to one). */
  readonly constructPath?: string;
  /** Part of the problem text (e.g. the method the user called). */
  readonly problem?: string;
  /** The rule, for a value the catalog reports at synth. */
  readonly ruleId?: string;
}

export interface ReproCase {
  readonly name: string;
  /** Builds the input; the library must throw from here, or (with `atSynth`) from app.synth(). */
  readonly run: (env: ReproEnv) => unknown;
  /** Reported at synth with every other validation error (a value rule of the catalog), not thrown at once. */
  readonly atSynth?: boolean;
  readonly expect: ReproExpectation;
}

const BOND = { name: 'bond0', members: ['ens224', 'ens256'], mode: BondMode.IEEE_802_3AD };
const VLAN = { id: 100, ipv4: { subnet: '10.100.0.0/24', gateway: '10.100.0.1' } };
const topo = (env: ReproEnv, props: any) => new VlanTopology(env.chart, 't', props);
const any = (v: unknown) => v as any;

export const REPRO_CASES: readonly ReproCase[] = [
  // construct crashes
  { name: 'new IpPool(c, "p", {})', run: e => new IpPool(e.chart, 'p', any({})), expect: { field: 'subnet', constructPath: 'c/p', problem: 'new IpPool()' } },
  { name: 'IpPool subnet: 5', run: e => new IpPool(e.chart, 'p', any({ subnet: 5 })), expect: { field: 'subnet', constructPath: 'c/p' } },
  { name: 'IpPool subnet: null', run: e => new IpPool(e.chart, 'p', any({ subnet: null })), expect: { field: 'subnet', constructPath: 'c/p' } },
  { name: 'IpPool null props', run: e => new IpPool(e.chart, 'p', any(null)), expect: { field: undefined, constructPath: 'c/p', problem: 'got null' } },
  { name: 'network pools: ["a"]', run: e => new MacvlanStandaloneNetwork(e.chart, 'n', any({ master: 'eth1', pools: ['a'] })), expect: { field: 'pools[0]', constructPath: 'c/n' } },
  { name: 'network pools: [null]', run: e => new MacvlanStandaloneNetwork(e.chart, 'n', any({ master: 'eth1', pools: [null] })), expect: { field: 'pools[0]', constructPath: 'c/n' } },
  { name: 'network pools: [{}]', run: e => new MacvlanOverlayNetwork(e.chart, 'n', any({ master: 'eth1', pools: [{}] })), expect: { field: 'pools[0]', constructPath: 'c/n' } },
  { name: 'network pools: 5', run: e => new MacvlanOverlayNetwork(e.chart, 'n', any({ master: 'eth1', pools: 5 })), expect: { field: 'pools', constructPath: 'c/n' } },
  { name: 'addPool(null)', run: e => e.standalone.addPool(any(null)), expect: { field: 'pool', constructPath: 'c/sa', problem: 'addPool()' } },
  { name: 'new MacvlanOverlayNetwork(c, "n") without props', run: e => new (MacvlanOverlayNetwork as any)(e.chart, 'n'), expect: { field: undefined, constructPath: 'c/n', problem: 'got nothing (undefined)' } },
  { name: 'helper: "x"', run: e => new MacvlanOverlayNetwork(e.chart, 'n', any({ master: 'eth1', helper: 'x' })), expect: { field: 'helper', constructPath: 'c/n' } },
  { name: 'ipam: "dhcp"', run: e => new MacvlanStandaloneNetwork(e.chart, 'n', any({ master: 'eth1', ipam: 'dhcp' })), expect: { field: 'ipam', constructPath: 'c/n' } },
  { name: 'attach { pools: [null] }', run: e => PodNetworks.overlay().attach(e.overlay, any({ pools: [null] })), expect: { field: 'options.pools[0]', constructPath: 'c/ov', problem: 'OverlayPodNetworks.attach()' } },
  { name: 'attach { ips: 5 }', run: e => PodNetworks.overlay().attach(e.staticOverlay, any({ ips: 5 })), expect: { field: 'options.ips', constructPath: 'c/st' } },
  { name: 'attach { interfaceName: 1 }', run: e => PodNetworks.standalone(e.standalone).attach(e.standalone, any({ interfaceName: 1 })), expect: { field: 'options.interfaceName', constructPath: 'c/sa', problem: 'StandalonePodNetworks.attach()' } },
  { name: 'new VlanTopology(c, "t", {})', run: e => topo(e, {}), expect: { field: 'bond', constructPath: 'c/t', problem: 'new VlanTopology()' } },
  { name: 'VlanTopology bond: null', run: e => topo(e, { bond: null, vlans: [VLAN] }), expect: { field: 'bond', constructPath: 'c/t' } },
  { name: 'VlanTopology vlans: 42', run: e => topo(e, { bond: BOND, vlans: 42 }), expect: { field: 'vlans', constructPath: 'c/t' } },
  { name: 'VlanTopology vlans: [null]', run: e => topo(e, { bond: BOND, vlans: [null] }), expect: { field: 'vlans[0]', constructPath: 'c/t' } },
  { name: 'VlanTopology ipv4: null', run: e => topo(e, { bond: BOND, vlans: [{ id: 100, ipv4: null }] }), expect: { field: 'vlans[0].ipv4', constructPath: 'c/t' } },
  { name: 'VlanTopology bond.members: false', run: e => topo(e, { bond: { ...BOND, members: false }, vlans: [VLAN] }), expect: { field: 'bond.members', constructPath: 'c/t' } },
  { name: 'VlanTopology bond.options: null', run: e => topo(e, { bond: { ...BOND, options: null }, vlans: [VLAN] }), expect: { field: 'bond.options', constructPath: 'c/t' } },
  { name: 'VlanTopology arpIpTargets: "10.0.0.1"', run: e => topo(e, { bond: { ...BOND, mode: BondMode.ACTIVE_BACKUP, options: { arpInterval: 100, arpIpTargets: '10.0.0.1' } }, vlans: [VLAN] }), expect: { field: 'bond.options.arpIpTargets', constructPath: 'c/t' } },
  { name: 'PodNetworks.standalone(sa).applyTo(network)', run: e => PodNetworks.standalone(e.standalone).applyTo(any(e.overlay)), expect: { field: 'applyTo(workload)', constructPath: 'c/ov', problem: 'expects a Pod or a workload with a pod template, got MacvlanOverlayNetwork' } },
  { name: 'a network passed in pools', run: e => new MacvlanStandaloneNetwork(e.chart, 'n', any({ master: 'eth1', pools: [e.standalone] })), expect: { field: 'pools[0]', constructPath: 'c/n', problem: 'got MacvlanStandaloneNetwork "kube-system/sa"' } },
  // accepted but wrong
  { name: 'network namespace: 42', run: e => new MacvlanStandaloneNetwork(e.chart, 'n', any({ master: 'eth1', namespace: 42, pools: [e.pool] })), expect: { field: 'namespace', constructPath: 'c/n' } },
  { name: 'network namespace: true', run: e => new MacvlanOverlayNetwork(e.chart, 'n', any({ master: 'eth1', namespace: true, pools: [e.pool] })), expect: { field: 'namespace', constructPath: 'c/n' } },
  { name: 'network namespace: {}', run: e => new MacvlanOverlayNetwork(e.chart, 'n', any({ master: 'eth1', namespace: {}, pools: [e.pool] })), expect: { field: 'namespace', constructPath: 'c/n' } },
  {
    name: 'static IPAM ips: ["a"] (a string, so the catalog rule reports it at synth)',
    run: e => PodNetworks.overlay().attach(e.staticOverlay, { ips: ['a'] }).applyTo(new kplus.Deployment(e.chart, 'd', { containers: [{ image: 'nginx' }] })),
    atSynth: true,
    expect: { ruleId: 'MV061', constructPath: 'c/d', problem: '"a" is not an IP or CIDR' },
  },
  { name: 'static IPAM ips: [0]', run: e => PodNetworks.overlay().attach(e.staticOverlay, any({ ips: [0] })), expect: { field: 'options.ips[0]', constructPath: 'c/st' } },
  { name: 'interfaceName: ["net1"]', run: e => PodNetworks.overlay().attach(e.overlay, any({ interfaceName: ['net1'] })), expect: { field: 'options.interfaceName', constructPath: 'c/ov', problem: 'got the list ["net1"]' } },
  // JavaScript guards
  { name: 'StandaloneHelperPlugin.coordinator() on an overlay network', run: e => new MacvlanOverlayNetwork(e.chart, 'n', { master: 'eth1', pools: [e.pool], helper: any(StandaloneHelperPlugin.coordinator()) }), expect: { field: 'helper', constructPath: 'c/n', problem: 'got a StandaloneHelperPlugin' } },
  { name: 'PodNetworks.overlay(standalone)', run: e => PodNetworks.overlay(any(e.standalone)), expect: { field: 'networks[0]', constructPath: undefined, problem: 'a MacvlanOverlayNetwork expected by PodNetworks.overlay(), got MacvlanStandaloneNetwork "kube-system/sa"' } },
  { name: 'PodNetworks.standalone()', run: () => (PodNetworks.standalone as any)(), expect: { field: 'primary', constructPath: undefined, problem: 'a MacvlanStandaloneNetwork expected by PodNetworks.standalone(), got nothing (undefined)' } },
  // found by the property tests (seed 12): synthesized, but our own lint refused the output
  {
    name: 'configurePrimary({ pools: [p, p] }) (fast-check seed 12; lint said MV111, synth said nothing)',
    run: e => PodNetworks.standalone(e.standalone).configurePrimary({ pools: [e.pool, e.pool] }).applyTo(new kplus.Deployment(e.chart, 'd', { containers: [{ image: 'nginx' }] })),
    atSynth: true,
    expect: { ruleId: 'MV111', constructPath: 'c/d', problem: 'pool "v4" is selected twice for one NIC' },
  },
  // found by `npx projen fuzz:constructs -- --runs 100000 --seed 1` (chunk seed, index)
  {
    name: 'SpiderMultusConfig network with cniVersion "0.3" (seed 11 index 756; lint said MV113, synth said nothing)',
    run: e => new MacvlanStandaloneNetwork(e.chart, 'n', { name: 'n', master: 'eth1', pools: [e.pool], cniVersion: '0.3', source: NadSource.SPIDER_MULTUS_CONFIG }),
    atSynth: true,
    expect: { ruleId: 'MV113', constructPath: 'c/n', problem: 'cni-version "0.3" is not one Spiderpool supports' },
  },
  {
    name: 'placeWorkload({ toString: false }) (seed 54 index 918; TypeError from the error message)',
    run: e => new VlanTopology(e.chart, 't', { bond: BOND, vlans: [VLAN] }).placeWorkload(any({ toString: false })),
    expect: { field: 'workload', constructPath: 'c/t', problem: 'expected by VlanTopology.placeWorkload(), got an object with "toString"' },
  },
  {
    name: 'attach(n, { pools: [p, p] })',
    run: e => PodNetworks.overlay().attach(e.overlay, { pools: [e.pool, e.pool] }).applyTo(new kplus.Deployment(e.chart, 'd', { containers: [{ image: 'nginx' }] })),
    atSynth: true,
    expect: { ruleId: 'MV111', constructPath: 'c/d', problem: 'pool "v4" is selected twice for one NIC' },
  },
];
