/**
 * End to end: the two-rack fabric example (examples/fabric.ts), synthesized in-process, executed by the REAL CNI
 * macvlan plugin in network namespaces acting as one node per rack and the racks' switches.
 *
 * Simulation notes (as in topology-e2e.test.ts, plus the racks):
 *  - No 802.1Q or bond devices on this kernel: `bond0.<vlan>` on a node is a veth named like the NAD's master,
 *    plugged into the bridge of that VLAN *in the node's rack* (`br<vlan>-<rack>`), which holds the rack's gateway
 *    addresses taken from the rack's pools. One switch namespace with ip_forward routes between all racks' VLAN
 *    segments: one router holding every rack's gateway (a rack pair's first-hop address).
 *  - A node only gets the interfaces its host policy creates: the policy whose nodeSelector matches the node's
 *    labels, and its VLAN interface names are the veths created.
 *  - Spiderpool's IPAM: the pools the pod's annotation lists are filtered by the node's labels the way Spiderpool
 *    filters by nodeAffinity, then the first is used (real `static` IPAM with its next free address).
 *  - Coordinator skipped (needs a cluster); overlay pods get eth0 from `ptp`.
 */
import { App } from 'cdk8s';
import { Fabric as Netns, Pod, checkPrerequisites, cleanupStale } from './fabric';
import { ManifestIndex, PoolAllocator, PoolSpec, admittedPools, schedulable, withStaticIpam } from './node-agent';
import { RACKS, RACK_LABEL, VLANS, addFabricScenario } from '../../examples/fabric';
import { Cidr, IpAddress } from '../../src/net';

const prereq = checkPrerequisites();
/** One node per rack, labelled as the example's racks select them. */
const NODES = RACKS.map((rack, i) => ({ name: `node${i + 1}`, rack, labels: { 'node-role.kubernetes.io/worker': '', [RACK_LABEL]: rack } as Record<string, string> }));

interface PodRecord {
  pod: Pod;
  workload: string;
  standalone: boolean;
  vlan: number;
  rack: string;
  /** the macvlan NIC's addresses (CIDR form) and the pools they came from */
  addresses: string[];
  pools: PoolSpec[];
}

if (!prereq.ok) {
  if (process.env.CI === 'true') throw new Error(`e2e prerequisites missing under CI=true: ${prereq.reason}`);
  test(`fabric e2e skipped: ${prereq.reason}`, () => {
    console.log(`[e2e] skipped: ${prereq.reason} (run as root with containernetworking-plugins, iproute2 and iputils-ping)`);
  });
} else {
  describe('two-rack fabric example on the real macvlan plugin', () => {
    let net: Netns;
    const pods: PodRecord[] = [];
    const matrix: string[] = [];
    let objects: any[];
    let policies: any[];

    beforeAll(() => {
      cleanupStale();
      const { chart } = addFabricScenario(new App({ outdir: '/tmp/unused' }));
      objects = chart.toJson();
      const index = new ManifestIndex(objects);
      policies = objects.filter(o => o.kind === 'NodeNetworkConfigurationPolicy');
      // per rack and VLAN one segment with the rack's gateways, on the nodes whose host policy creates bond0.<vlan>
      const segments = NODES.flatMap(node => {
        const policy = policies.find(p => Object.entries(p.spec.nodeSelector as Record<string, string>).every(([k, v]) => node.labels[k] === v));
        const vlanIfaces = (policy?.spec.desiredState.interfaces ?? []).filter((i: any) => i.type === 'vlan');
        return vlanIfaces.map((i: any) => {
          const gateways = new Set<string>();
          for (const pool of index.pools.values()) {
            if (admittedPools([pool], node).length === 1 && pool.nodeAffinity && pool.gateway && pool.multusName?.some((m: string) => m.endsWith(`vlan${i.vlan.id}`))) {
              gateways.add(`${IpAddress.parse(pool.gateway).toString()}/${Cidr.parse(pool.subnet).prefix}`);
            }
          }
          return { id: i.vlan.id as number, master: i.name as string, rack: node.rack, nodes: [node.name], gateways: [...gateways].sort() };
        });
      });
      net = Netns.create({ nodes: NODES.map(n => n.name), vlans: segments });
      const alloc = new PoolAllocator();
      let n = 0;
      for (const w of objects.filter(o => o.kind === 'Deployment')) {
        const plan = index.plan({ kind: w.kind, name: w.metadata.name, annotations: w.spec.template.metadata.annotations });
        // one replica per node the scheduler may use (the workload spans both racks)
        for (const node of NODES.filter(x => schedulable(w.spec.template.spec, x.labels))) {
          const pod = net.createPod(`p${n++}`, node.name);
          if (!plan.standalone) {
            net.runChain(pod, {
              cniVersion: '0.3.1',
              name: 'cluster-cni',
              plugins: [{ type: 'ptp', ipMasq: false, ipam: { type: 'host-local', subnet: `10.244.${n}.0/24`, dataDir: net.hostLocalDataDir(), routes: [{ dst: '0.0.0.0/0' }] } }],
            }, 'eth0');
          }
          const nic = plan.nics[0];
          const pools = (['4', '6'] as const).map(f => {
            const admitted = admittedPools(nic.pools.filter(p => String(p.ipVersion) === f), node);
            expect(admitted.map(p => p.name)).toHaveLength(1); // exactly the rack's pool of the family
            return admitted[0];
          });
          const conf = withStaticIpam(nic.nad.conflist, pools.map(p => alloc.allocate(p)), nic.isDefault);
          const r = net.runChain(pod, conf, nic.ifName, { skip: ['coordinator'] });
          const master = nic.nad.conflist.plugins.find((p: any) => p.type === 'macvlan').master as string;
          pods.push({
            pod,
            workload: w.metadata.name,
            standalone: plan.standalone,
            vlan: Number(master.split('.')[1]),
            rack: node.rack,
            addresses: r.result.ips.map((i: any) => i.address),
            pools,
          });
        }
      }
    });

    afterAll(() => {
      net?.destroy();
      if (matrix.length > 0) console.log(`[e2e] cross-rack connectivity (who reached whom):\n${matrix.join('\n')}`);
    });

    const addr = (r: PodRecord, family: 4 | 6) => r.addresses.find(a => (family === 6) === a.includes(':'))!;
    const label = (r: PodRecord) => `${r.workload}@${r.rack}`;
    const reach = (from: PodRecord, to: PodRecord, family: 4 | 6) => {
      const ok = net.ping(from.pod, addr(to, family));
      matrix.push(`  ${label(from).padEnd(32)} -> ${label(to).padEnd(32)} ${addr(to, family).padEnd(22)} ${ok ? 'reached' : 'NOT reached'}`);
      return ok;
    };
    const find = (standalone: boolean, vlan: number, rack: string) =>
      pods.find(p => p.standalone === standalone && p.vlan === vlan && p.rack === rack)!;

    test('each node gets exactly its rack\'s host policy; every workload runs a pod on both racks', () => {
      for (const node of NODES) {
        const mine = policies.filter(p => Object.entries(p.spec.nodeSelector as Record<string, string>).every(([k, v]) => node.labels[k] === v));
        expect(mine.map(p => p.metadata.name)).toEqual([`bond0-vlans-${node.rack}`]);
      }
      expect(pods).toHaveLength(8);
      for (const w of new Set(pods.map(p => p.workload))) expect(pods.filter(p => p.workload === w).map(p => p.rack).sort()).toEqual(RACKS);
    });

    test('a pod gets its rack\'s subnet and, standalone, its rack\'s gateway as default route', () => {
      for (const p of pods) {
        for (const pool of p.pools) {
          expect(pool.nodeAffinity?.matchLabels?.[RACK_LABEL]).toBe(p.rack);
          const a = p.addresses.find(x => (pool.ipVersion === 6) === x.includes(':'))!;
          expect(Cidr.parse(pool.subnet).contains(IpAddress.parse(a.split('/')[0]))).toBe(true);
        }
        const route = net.exec(p.pod.netns, ['ip', 'route', 'show', 'default']).stdout;
        if (p.standalone) expect(route).toContain(`via ${p.pools[0].gateway} dev eth0`);
        else expect(route).toMatch(/dev eth0/);
      }
    });

    test('standalone pods of different racks reach each other through the racks\' gateways, on one VLAN and across VLANs (v4 and v6)', () => {
      for (const vlan of VLANS) {
        const a = find(true, vlan, 'rack1');
        const b = find(true, vlan, 'rack2');
        expect(Cidr.parse(a.pools[0].subnet).toString()).not.toBe(Cidr.parse(b.pools[0].subnet).toString());
        expect(reach(a, b, 4)).toBe(true);
        expect(reach(b, a, 4)).toBe(true);
        expect(reach(a, b, 6)).toBe(true);
      }
      expect(reach(find(true, 300, 'rack1'), find(true, 400, 'rack2'), 4)).toBe(true);
      expect(reach(find(true, 400, 'rack2'), find(true, 300, 'rack1'), 6)).toBe(true);
    });

    test('an overlay pod reaches its rack\'s VLAN over its macvlan NIC', () => {
      for (const vlan of VLANS) {
        for (const rack of RACKS) expect(reach(find(false, vlan, rack), find(true, vlan, rack), 4)).toBe(true);
      }
    });

    test('the racks share no layer 2: sent on-link instead of through the gateway, a packet to the other rack is lost', () => {
      const a = find(true, 300, 'rack1');
      const b = find(true, 300, 'rack2');
      const other = Cidr.parse(b.pools[0].subnet).toString();
      expect(net.exec(a.pod.netns, ['ip', 'route', 'add', other, 'dev', 'eth0']).status).toBe(0); // ARP on rack1's segment
      try {
        expect(net.ping(a.pod, addr(b, 4))).toBe(false);
      } finally {
        expect(net.exec(a.pod.netns, ['ip', 'route', 'del', other, 'dev', 'eth0']).status).toBe(0);
      }
      expect(net.ping(a.pod, addr(b, 4))).toBe(true);
    });
  });
}
