/**
 * End to end for the peer choices (issue 7): the peers example's networks executed by the REAL CNI plugins in
 * network namespaces (same fabric as topology-e2e: a switch namespace, two node namespaces with a veth named
 * like each NAD master).
 *
 * - SpiderMultusConfig source: the NAD is the one the library models Spiderpool generating; `ifacer` is skipped
 *   (the fabric already has `ens224.300`), Spiderpool IPAM is replaced by static IPAM from the selected pool.
 * - Static IPAM with per-pod addresses: the pod's annotation `ips` reach the static plugin as
 *   `runtimeConfig.ips`, because the NAD declares the `ips` capability; the legacy spidernet `veth` helper is
 *   not installed here and is skipped.
 * - `"ipam": {}`: a layer-2-only NIC. DHCP and Whereabouts need daemons/cluster state and are not run.
 * - passthru: one macvlan per master; a second one on the same node fails in the kernel (rule MV090).
 */
import { App } from 'cdk8s';
import { CniError, Fabric, Pod, checkPrerequisites, cleanupStale } from './fabric';
import { ManifestIndex, PoolAllocator, vlansFrom, withRuntimeIps, withStaticIpam } from './node-agent';
import { addPeersScenario } from '../../examples/peers';

const prereq = checkPrerequisites();
const SKIP = ['coordinator', 'ifacer', 'veth', 'router'];

if (!prereq.ok) {
  if (process.env.CI === 'true') throw new Error(`e2e prerequisites missing under CI=true: ${prereq.reason}`);
  test(`peers e2e skipped: ${prereq.reason}`, () => {
    console.log(`[e2e] skipped: ${prereq.reason}`);
  });
} else {
  describe('peer choices on the real CNI plugins', () => {
    let fabric: Fabric;
    let index: ManifestIndex;
    const alloc = new PoolAllocator();
    const log: string[] = [];

    beforeAll(() => {
      cleanupStale();
      const app = new App({ outdir: '/tmp/unused' });
      index = new ManifestIndex(addPeersScenario(app).toJson());
      fabric = Fabric.create({ nodes: ['node1', 'node2'], vlans: vlansFrom(index) });
    });
    afterAll(() => {
      fabric?.destroy();
      if (log.length > 0) console.log(`[e2e] peers:\n${log.join('\n')}`);
    });

    const workload = (name: string) => index.plans().find(p => p.name === name)!;
    const clusterEth0 = (pod: Pod, n: number) => fabric.runChain(pod, {
      cniVersion: '0.3.1',
      name: 'cluster-cni',
      plugins: [{ type: 'ptp', ipMasq: false, ipam: { type: 'host-local', subnet: `10.244.${n}.0/24`, dataDir: fabric.hostLocalDataDir(), routes: [{ dst: '0.0.0.0/0' }] } }],
    }, 'eth0');
    const link = (pod: Pod, ifName: string) => fabric.exec(pod.netns, ['ip', '-d', 'link', 'show', ifName]).stdout;
    const addrs = (pod: Pod, ifName: string) => fabric.exec(pod.netns, ['ip', '-4', '-o', 'addr', 'show', 'dev', ifName]).stdout;

    test('SpiderMultusConfig source: the generated NAD (ifacer, macvlan, coordinator) gives pods on two nodes a working eth0', () => {
      const plan = workload('smc-app');
      const nic = plan.nics[0];
      expect(nic.nad.conflist.plugins.map((p: any) => p.type)).toEqual(['ifacer', 'macvlan', 'coordinator']);
      const pods = ['node1', 'node2'].map((node, i) => {
        const pod = fabric.createPod(`smc${i}`, node);
        const r = fabric.runChain(pod, withStaticIpam(nic.nad.conflist, nic.pools.map(p => alloc.allocate(p)), true), 'eth0', { skip: SKIP });
        expect(r.skipped).toEqual(['ifacer', 'coordinator']);
        return { pod, addr: r.result.ips.find((x: any) => !x.address.includes(':')).address as string };
      });
      expect(link(pods[0].pod, 'eth0')).toMatch(/macvlan mode bridge/);
      expect(fabric.ping(pods[0].pod, pods[1].addr)).toBe(true);
      log.push(`  smc-app: ${pods[0].addr} (node1) -> ${pods[1].addr} (node2) reached over ens224.300`);
    });

    test('static IPAM, per-pod ips: the annotation\'s address reaches the plugin (capability ips) and two pods talk', () => {
      const plan = workload('static-pod');
      const [primary, data] = plan.nics;
      expect(data.ifName).toBe('data0');
      expect(data.ips).toEqual(['10.32.0.10/24']);
      const pods = [['node1', data.ips!], ['node2', ['10.32.0.11/24']]].map(([node, ips], i) => {
        const pod = fabric.createPod(`static${i}`, node as string);
        fabric.runChain(pod, withStaticIpam(primary.nad.conflist, primary.pools.map(p => alloc.allocate(p)), true), 'eth0', { skip: SKIP });
        const r = fabric.runChain(pod, withRuntimeIps(data.nad.conflist, ips as string[]), 'data0', { skip: SKIP });
        expect(r.skipped).toEqual(['veth']);
        return pod;
      });
      expect(addrs(pods[0], 'data0')).toContain('10.32.0.10/24');
      expect(link(pods[0], 'data0')).toMatch(/macvlan mode private/);
      expect(fabric.ping(pods[0], '10.32.0.11')).toBe(true);
      log.push('  static-pod: data0 10.32.0.10/24 (runtimeConfig.ips) -> 10.32.0.11 on node2 reached; macvlan mode private');
    });

    test('"ipam": {} gives a layer-2-only macvlan NIC (no address)', () => {
      const plan = workload('dhcp-l2-app');
      const l2 = plan.nics.find(n => n.nad.conflist.name === 'macvlan-l2')!;
      const pod = fabric.createPod('l2', 'node1');
      clusterEth0(pod, 1);
      fabric.runChain(pod, l2.nad.conflist, l2.ifName, { skip: SKIP });
      expect(link(pod, l2.ifName)).toMatch(/macvlan mode bridge/);
      expect(addrs(pod, l2.ifName)).toBe('');
      log.push(`  dhcp-l2-app: ${l2.ifName} is a macvlan link without an address (dhcp NIC not run: needs the CNI dhcp daemon)`);
    });

    test('passthru: one NIC per master; a second passthru NIC on the same master and node fails (rule MV090)', () => {
      const plan = workload('passthru-app');
      const nic = plan.nics[0];
      const first = fabric.createPod('pt0', 'node1');
      clusterEth0(first, 1);
      fabric.runChain(first, withStaticIpam(nic.nad.conflist, nic.pools.map(p => alloc.allocate(p)), false), nic.ifName, { skip: SKIP });
      expect(link(first, nic.ifName)).toMatch(/macvlan mode passthru/);
      const second = fabric.createPod('pt1', 'node1');
      clusterEth0(second, 1);
      let err: unknown;
      try {
        fabric.runChain(second, withStaticIpam(nic.nad.conflist, nic.pools.map(p => alloc.allocate(p)), false), nic.ifName, { skip: SKIP });
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(CniError);
      log.push(`  passthru-app: first NIC macvlan mode passthru; second on the same master: ${(err as CniError).msg}`);
    });
  });
}
