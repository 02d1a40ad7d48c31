/**
 * End to end: the seed topology example, synthesized in-process, executed by the REAL CNI macvlan plugin
 * (Debian containernetworking-plugins) in network namespaces acting as two nodes and a switch.
 *
 * Simulation notes (what differs from a real cluster, and why):
 *  - This kernel has no 802.1Q VLAN or bond devices. A VLAN sub-interface such as `bond0.100` is a veth named
 *    exactly like the NAD's `master`, plugged into that VLAN's bridge in the switch namespace; the bridge holds
 *    the VLANIF gateway addresses taken from the pools, and the switch routes between VLANs.
 *  - Spiderpool's IPAM and coordinator need a cluster: IPAM is replaced by the real `static` plugin with an
 *    address from the pool the pod's annotations select (honouring ips, excludeIPs and gateway); the coordinator
 *    is skipped and reported. Everything else in the NAD's macvlan config goes to the plugin unchanged.
 *  - Overlay pods get eth0 from the real `ptp` plugin (stand-in for the cluster CNI), then their macvlan NIC.
 */
import { App, Chart } from 'cdk8s';
import { CniError, Fabric, Pod, checkPrerequisites, cleanupStale } from './fabric';
import { ManifestIndex, PoolAllocator, WorkloadPlan, vlansFrom, withStaticIpam } from './node-agent';
import { addVlanTopologyScenario } from '../../examples/vlan-topology';
import { AnnotatedPod, IpPool, MacvlanStandaloneNetwork, PodNetworks } from '../../src';
import { validationErrors } from '../support/synth';

const prereq = checkPrerequisites();
const NODES = ['node1', 'node2'];

interface PodRecord {
  pod: Pod;
  plan: WorkloadPlan;
  /** interface -> addresses (CIDR form) */
  addresses: Map<string, string[]>;
  vlan: number;
  skipped: string[];
}

function vlanOf(plan: WorkloadPlan): number {
  const master = plan.nics[0].nad.conflist.plugins.find((p: any) => p.type === 'macvlan').master as string;
  return Number(/\.(\d+)$/.exec(master)![1]);
}

if (!prereq.ok) {
  if (process.env.CI === 'true') throw new Error(`e2e prerequisites missing under CI=true: ${prereq.reason}`);
  test(`topology e2e skipped: ${prereq.reason}`, () => {
    console.log(`[e2e] skipped: ${prereq.reason} (run as root with containernetworking-plugins, iproute2 and iputils-ping)`);
  });
} else {
  describe('seed topology on the real macvlan plugin', () => {
    let fabric: Fabric;
    let index: ManifestIndex;
    const pods: PodRecord[] = [];
    const matrix: string[] = [];

    beforeAll(() => {
      cleanupStale();
      const app = new App({ outdir: '/tmp/unused' });
      const { chart } = addVlanTopologyScenario(app);
      index = new ManifestIndex(chart.toJson());
      const vlans = vlansFrom(index);
      fabric = Fabric.create({ nodes: NODES, vlans });
      const alloc = new PoolAllocator();
      let n = 0;
      for (const plan of index.plans()) {
        // one replica per node, like a Deployment spread by the scheduler
        for (const node of NODES) {
          const pod = fabric.createPod(`p${n++}`, node);
          const addresses = new Map<string, string[]>();
          const skipped: string[] = [];
          if (!plan.standalone) {
            const r = fabric.runChain(pod, {
              cniVersion: '0.3.1',
              name: 'cluster-cni',
              plugins: [{ type: 'ptp', ipMasq: false, ipam: { type: 'host-local', subnet: `10.244.${NODES.indexOf(node)}.0/24`, dataDir: fabric.hostLocalDataDir(), routes: [{ dst: '0.0.0.0/0' }] } }],
            }, 'eth0');
            addresses.set('eth0', r.result.ips.map((i: any) => i.address));
          }
          for (const nic of plan.nics) {
            const addrs = nic.pools.map(p => alloc.allocate(p));
            const conf = withStaticIpam(nic.nad.conflist, addrs, nic.isDefault);
            const r = fabric.runChain(pod, conf, nic.ifName, { skip: ['coordinator'] });
            skipped.push(...r.skipped);
            addresses.set(nic.ifName, r.result.ips.map((i: any) => i.address));
          }
          pods.push({ pod, plan, addresses, vlan: vlanOf(plan), skipped });
        }
      }
    });

    afterAll(() => {
      fabric?.destroy();
      if (matrix.length > 0) console.log(`[e2e] connectivity matrix (who reached whom):\n${matrix.join('\n')}`);
    });

    const macvlanAddr = (r: PodRecord, family: 4 | 6) => {
      const iface = r.plan.standalone ? 'eth0' : r.plan.nics[0].ifName;
      return r.addresses.get(iface)!.find(a => (family === 6) === a.includes(':'))!;
    };
    const label = (r: PodRecord) => `${r.plan.name}@${r.pod.node}`;
    const reach = (from: PodRecord, to: PodRecord, family: 4 | 6) => {
      const addr = macvlanAddr(to, family);
      const ok = fabric.ping(from.pod, addr);
      matrix.push(`  ${label(from).padEnd(34)} -> ${label(to).padEnd(34)} ${addr.padEnd(22)} ${ok ? 'reached' : 'NOT reached'}`);
      return ok;
    };

    test('the example synthesizes 4 workloads on 2 VLANs, every NIC planned from annotations', () => {
      expect(pods).toHaveLength(8);
      expect(vlansFrom(index).map(v => [v.id, v.master])).toEqual([[100, 'bond0.100'], [200, 'bond0.200']]);
      expect(vlansFrom(index)[0].gateways).toEqual(['192.168.100.1/24', 'fd00:100::1/64']);
      for (const p of pods) expect(p.skipped).toEqual(['coordinator']);
      console.log('[e2e] coordinator: skipped for every NIC (needs a cluster); IPAM: static from the annotated pools');
    });

    test('a standalone pod\'s eth0 is a macvlan link on the VLAN master, with the pool address and gateway route', () => {
      for (const p of pods.filter(r => r.plan.standalone)) {
        const link = fabric.exec(p.pod.netns, ['ip', '-d', 'link', 'show', 'eth0']).stdout;
        expect(link).toMatch(/macvlan mode bridge/);
        const pool = p.plan.nics[0].pools.find(x => x.ipVersion === 4)!;
        expect(macvlanAddr(p, 4)).toMatch(new RegExp(`^${pool.subnet.split('.').slice(0, 3).join('\\.')}\\.`));
        expect(fabric.exec(p.pod.netns, ['ip', 'route', 'show', 'default']).stdout).toMatch(new RegExp(`via ${pool.gateway!.replace(/\./g, '\\.')} dev eth0`));
      }
    });

    test('standalone pods on the same VLAN reach each other across nodes (v4 and v6)', () => {
      for (const vlan of [100, 200]) {
        const [a, b] = pods.filter(r => r.plan.standalone && r.vlan === vlan);
        expect(a.pod.node).not.toBe(b.pod.node);
        expect(reach(a, b, 4)).toBe(true);
        expect(reach(b, a, 4)).toBe(true);
        expect(reach(a, b, 6)).toBe(true);
      }
    });

    test('a pod on VLAN 100 reaches a pod on VLAN 200 through the switch VLANIF gateways', () => {
      const a = pods.find(r => r.plan.standalone && r.vlan === 100)!;
      const b = pods.find(r => r.plan.standalone && r.vlan === 200 && r.pod.node !== a.pod.node)!;
      expect(reach(a, b, 4)).toBe(true);
      expect(reach(b, a, 4)).toBe(true);
      expect(reach(a, b, 6)).toBe(true);
    });

    test('an overlay pod keeps its default route on eth0; its macvlan NIC has the pool address and reaches its VLAN', () => {
      for (const p of pods.filter(r => !r.plan.standalone)) {
        const nic = p.plan.nics[0];
        expect(nic.ifName).toBe('net1');
        expect(fabric.exec(p.pod.netns, ['ip', 'route', 'show', 'default']).stdout).toMatch(/dev eth0/);
        expect(fabric.exec(p.pod.netns, ['ip', '-d', 'link', 'show', 'net1']).stdout).toMatch(/macvlan mode bridge/);
        const pool = nic.pools.find(x => x.ipVersion === 4)!;
        expect(fabric.exec(p.pod.netns, ['ip', '-4', 'addr', 'show', 'net1']).stdout).toContain(macvlanAddr(p, 4));
        expect(pool.ips!.length).toBeGreaterThan(0);
        const peer = pods.find(r => r.plan.standalone && r.vlan === p.vlan && r.pod.node !== p.pod.node)!;
        expect(reach(p, peer, 4)).toBe(true);
      }
    });

    test('addresses come from the selected pools, never the gateway, never twice', () => {
      const all = pods.flatMap(p => [...p.addresses.entries()].filter(([i]) => i !== 'eth0' || p.plan.standalone).flatMap(([, a]) => a));
      expect(new Set(all).size).toBe(all.length);
      for (const a of all) expect(a).not.toMatch(/^(192\.168\.(100|200)\.1|fd00:(100|200)::1)\//);
    });
  });

  describe('negative evidence: what the synth rules prevent fails on the real plugin or kernel', () => {
    let fabric: Fabric | undefined;
    afterAll(() => fabric?.destroy());

    function badNetwork(master: string, extra: Partial<{ mtu: number }> = {}) {
      const app = new App({ outdir: '/tmp/unused' });
      const chart = new Chart(app, 'bad');
      const pool = new IpPool(chart, 'p', { name: 'bad-v4', subnet: '192.168.100.0/24', ips: ['192.168.100.200'], gateway: '192.168.100.1' });
      const net = new MacvlanStandaloneNetwork(chart, 'n', { name: 'bad', master, pools: [pool], ...extra });
      return { app, net };
    }

    test('MV015: a master name over 15 bytes is rejected at synth, and the kernel/plugin cannot use it either', () => {
      const { app, net } = badNetwork('enp175s0f0np0.100');
      expect(validationErrors(app).join('\n')).toMatch(/MV015 error/);
      fabric = Fabric.create({ nodes: ['node1'], vlans: [{ id: 100, master: 'bond0.100', gateways: ['192.168.100.1/24'] }] });
      const addLink = fabric.exec(fabric.nodeNetns('node1'), ['ip', 'link', 'add', 'enp175s0f0np0.100', 'type', 'dummy']);
      expect(addLink.status).not.toBe(0);
      const pod = fabric.createPod('neg1', 'node1');
      const conf = withStaticIpam(JSON.parse(net.cniConfig), [{ address: '192.168.100.200/24', family: 4 }], false);
      let err: unknown;
      try {
        fabric.runChain(pod, conf, 'eth0', { skip: ['coordinator'] });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CniError);
      console.log(`[e2e] master "enp175s0f0np0.100": ip link add exit ${addLink.status}; macvlan ADD: ${(err as CniError).msg}`);
    });

    test('MV019: two NICs named eth0 in one pod are rejected at synth, and the second ADD fails on the node', () => {
      fabric ??= Fabric.create({ nodes: ['node1'], vlans: [{ id: 100, master: 'bond0.100', gateways: ['192.168.100.1/24'] }] });
      const { app, net } = badNetwork('bond0.100');
      new AnnotatedPod(app.charts[0], 'pod', { networks: PodNetworks.standalone(net).attach(net, { interfaceName: 'eth0' }), containers: [{ image: 'x' }] });
      expect(validationErrors(app).join('\n')).toMatch(/MV019 error: .*interface name "eth0" is already used/);
      const pod = fabric.createPod('neg2', 'node1');
      const conf = (addr: string) => withStaticIpam(JSON.parse(net.cniConfig), [{ address: addr, family: 4 }], false);
      fabric.runChain(pod, conf('192.168.100.201/24'), 'eth0', { skip: ['coordinator'] });
      let err: unknown;
      try {
        fabric.runChain(pod, conf('192.168.100.202/24'), 'eth0', { skip: ['coordinator'], containerId: 'second' });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CniError);
      console.log(`[e2e] duplicate eth0: macvlan ADD: ${(err as CniError).msg}`);
    });
  });
}
