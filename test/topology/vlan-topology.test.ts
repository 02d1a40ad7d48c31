import { App } from 'cdk8s';
import { addVlanTopologyScenario } from '../../examples/vlan-topology';
import { MacvlanOverlayNetwork, MacvlanStandaloneNetwork, SwitchPortAggregation } from '../../src';
import { validateCustomResources } from '../support/crd-schemas';
import { findObject, synthObjects, testApp } from '../support/synth';

function seed() {
  const app = testApp();
  const { chart, topology } = addVlanTopologyScenario(app);
  return { app, chart, topology, objects: synthObjects(chart) };
}

describe('the seed topology (examples/vlan-topology.ts)', () => {
  const { topology, objects } = seed();

  test('one NodeNetworkConfigurationPolicy creates bond0 from ens224 + ens256 (port list, mode, string options)', () => {
    const nncp = findObject(objects, 'NodeNetworkConfigurationPolicy', 'bond0-vlans');
    expect(nncp.apiVersion).toBe('nmstate.io/v1');
    expect(nncp.spec.nodeSelector).toEqual({ 'node-role.kubernetes.io/worker': '' });
    const [bond, ...vlans] = nncp.spec.desiredState.interfaces;
    expect(bond).toEqual({
      'name': 'bond0',
      'type': 'bond',
      'state': 'up',
      'mtu': 1500,
      'ipv4': { enabled: false },
      'ipv6': { enabled: false },
      'link-aggregation': {
        mode: '802.3ad',
        options: { miimon: '100', lacp_rate: 'fast', xmit_hash_policy: 'layer3+4' },
        port: ['ens224', 'ens256'],
      },
    });
    expect(bond['link-aggregation']).not.toHaveProperty('slaves');
    expect(vlans).toEqual([100, 200].map(id => ({
      name: `bond0.${id}`,
      type: 'vlan',
      state: 'up',
      mtu: 1500,
      ipv4: { enabled: false },
      ipv6: { enabled: false },
      vlan: { 'base-iface': 'bond0', 'id': id, 'reorder-headers': true },
    })));
  });

  test('per VLAN a standalone (coordinator underlay) and an overlay (coordinator overlay) NAD on bond0.<id>', () => {
    for (const id of [100, 200]) {
      for (const [kind, mode] of [['standalone', 'underlay'], ['overlay', 'overlay']]) {
        const nad = findObject(objects, 'NetworkAttachmentDefinition', `macvlan-${kind}-vlan${id}`);
        expect(nad.metadata.namespace).toBe('kube-system');
        const config = JSON.parse(nad.spec.config);
        expect(config.plugins[0]).toMatchObject({
          type: 'macvlan',
          master: `bond0.${id}`,
          mode: 'bridge',
          ipam: { type: 'spiderpool', default_ipv4_ippool: [`vlan${id}-${kind}-v4`], default_ipv6_ippool: [`vlan${id}-${kind}-v6`] },
        });
        expect(config.plugins[1]).toEqual({ type: 'coordinator', mode });
      }
    }
  });

  test('pools: gateway = switch VLANIF, bound to their NAD, standalone and overlay halves disjoint', () => {
    const pool = (name: string) => findObject(objects, 'SpiderIPPool', name).spec;
    expect(pool('vlan100-standalone-v4')).toEqual({
      ipVersion: 4,
      subnet: '192.168.100.0/24',
      gateway: '192.168.100.1',
      ips: ['192.168.100.2-192.168.100.9', '192.168.100.11-192.168.100.128'], // .10 is reserved
      multusName: ['kube-system/macvlan-standalone-vlan100'],
    });
    expect(findObject(objects, 'SpiderReservedIP', 'vlan100-reserved-v4').spec).toEqual({ ipVersion: 4, ips: ['192.168.100.1', '192.168.100.10'] });
    expect(findObject(objects, 'SpiderReservedIP', 'vlan100-reserved-v6').spec).toEqual({ ipVersion: 6, ips: ['fd00:100::1'] });
    expect(pool('vlan100-overlay-v4')).toEqual({
      ipVersion: 4,
      subnet: '192.168.100.0/24',
      gateway: '192.168.100.1',
      ips: ['192.168.100.129-192.168.100.254'],
      multusName: ['kube-system/macvlan-overlay-vlan100'],
    });
    expect(pool('vlan200-standalone-v6')).toMatchObject({
      ipVersion: 6, subnet: 'fd00:200::/64', gateway: 'fd00:200::1', multusName: ['kube-system/macvlan-standalone-vlan200'],
    });
    expect(pool('vlan200-overlay-v6').ips).toEqual(['fd00:200::8001-fd00:200::ffff']);
    expect(pool('vlan200-standalone-v6').ips).toEqual(['fd00:200::2-fd00:200::8000']);
  });

  test('the workloads pick their VLAN by annotation', () => {
    const dep = (name: string) => findObject(objects, 'Deployment', name).spec.template.metadata.annotations;
    expect(dep('vlan100-standalone-app')['v1.multus-cni.io/default-network']).toBe('kube-system/macvlan-standalone-vlan100');
    expect(JSON.parse(dep('vlan200-overlay-app')['k8s.v1.cni.cncf.io/networks'])).toEqual([
      { name: 'macvlan-overlay-vlan200', namespace: 'kube-system', interface: 'net1' },
    ]);
    expect(JSON.parse(dep('vlan200-overlay-app')['ipam.spidernet.io/ippools'])).toEqual([
      { interface: 'net1', ipv4: ['vlan200-overlay-v4'], ipv6: ['vlan200-overlay-v6'] },
    ]);
  });

  test('accessors return the concrete network classes', () => {
    expect(topology.standaloneNetwork(100)).toBeInstanceOf(MacvlanStandaloneNetwork);
    expect(topology.overlayNetwork(200)).toBeInstanceOf(MacvlanOverlayNetwork);
    expect(topology.overlayNetwork(200).master).toBe('bond0.200');
    expect(topology.vlanIds).toEqual([100, 200]);
    expect(topology.vlanInterfaceName(200)).toBe('bond0.200');
    expect(topology.networks.map(n => n.name)).toEqual([
      'macvlan-standalone-vlan100', 'macvlan-overlay-vlan100', 'macvlan-standalone-vlan200', 'macvlan-overlay-vlan200',
    ]);
    expect(topology.pools).toHaveLength(8);
    expect(topology.multusConfigs).toEqual([]);
    expect(topology.workloads).toHaveLength(4);
  });

  test('every custom resource validates against the upstream CRDs', () => {
    const { checked, errors } = validateCustomResources(objects);
    expect(errors).toEqual([]);
    expect(checked).toBe(17); // 1 NNCP + 4 NADs + 8 pools + 4 SpiderReservedIPs
  });

  test('whole chart snapshot', () => {
    expect(objects).toMatchSnapshot();
  });
});

describe('switch plan', () => {
  const { topology } = seed();

  test('structured data: trunk ports, allowed VLANs, VLANIF addresses and prefixes, MTU', () => {
    expect(topology.switchPlan()).toEqual({
      racks: [{
        name: 'fabric',
        nodeSelector: { 'node-role.kubernetes.io/worker': '' },
        bond: 'bond0',
        bondMode: '802.3ad',
        memberNics: ['ens224', 'ens256'],
        aggregation: SwitchPortAggregation.LACP,
        allowedVlans: [100, 200],
        mtu: 1500,
        switches: [{ name: 'switch', cabledNics: ['ens224', 'ens256'] }],
        memberLinks: [{ nic: 'ens224', switchName: 'switch' }, { nic: 'ens256', switchName: 'switch' }],
        portChannels: [],
        vlans: [100, 200].map(id => ({
          id,
          hostInterface: `bond0.${id}`,
          mtu: 1500,
          vlanInterfaces: [
            {
              ipVersion: 4,
              subnet: `192.168.${id}.0/24`,
              address: `192.168.${id}.1`,
              prefixLength: 24,
              cidr: `192.168.${id}.1/24`,
              switchAddresses: [{ switchName: 'switch', address: `192.168.${id}.1`, cidr: `192.168.${id}.1/24` }],
              reservedIps: [`192.168.${id}.10`],
              reservedIpName: `vlan${id}-reserved-v4`,
            },
            {
              ipVersion: 6,
              subnet: `fd00:${id}::/64`,
              address: `fd00:${id}::1`,
              prefixLength: 64,
              cidr: `fd00:${id}::1/64`,
              switchAddresses: [{ switchName: 'switch', address: `fd00:${id}::1`, cidr: `fd00:${id}::1/64` }],
              reservedIps: [],
              reservedIpName: `vlan${id}-reserved-v6`,
            },
          ],
        })),
      }],
    });
  });

  test('markdown names the trunk ports, the LACP grouping, the allowed VLANs and the VLANIFs', () => {
    const md = topology.renderSwitchPlanMarkdown();
    expect(md).toMatch(/^# Switch plan: VLAN topology `macvlan-vlan-topology\/fabric`/);
    expect(md).toContain('| ens224 | trunk (802.1Q) | LACP port channel (Eth-Trunk in LACP mode), one per node | 100, 200 | 1500 |');
    expect(md).toContain('| ens256 | trunk (802.1Q) |');
    expect(md).toContain('| 100 | bond0.100 | 1500 | 192.168.100.1/24 | fd00:100::1/64 |');
    expect(md).toContain('| 200 | bond0.200 | 1500 | 192.168.200.1/24 | fd00:200::1/64 |');
    expect(md).toContain('`node-role.kubernetes.io/worker=`');
  });
});

describe('mermaid diagram', () => {
  const { topology } = seed();
  const mmd = topology.renderMermaid();

  test('NICs -> bond -> VLAN sub-interfaces -> networks -> pools -> workloads', () => {
    expect(mmd.startsWith('flowchart LR\n')).toBe(true);
    for (const edge of [
      'nic_ens224 --> bond_bond0',
      'nic_ens256 --> bond_bond0',
      'bond_bond0 --> vlan_100',
      'bond_bond0 --> vlan_200',
      'vlan_100 --> net_kube_system_macvlan_standalone_vlan100',
      'vlan_200 --> net_kube_system_macvlan_overlay_vlan200',
      'net_kube_system_macvlan_standalone_vlan100 --> pool_vlan100_standalone_v4',
      'net_kube_system_macvlan_overlay_vlan200 --> pool_vlan200_overlay_v6',
      'pool_vlan100_standalone_v4 --> wl_macvlan_vlan_topology_vlan100_standalone_app',
      'pool_vlan200_overlay_v6 --> wl_macvlan_vlan_topology_vlan200_overlay_app',
    ]) {
      expect(mmd).toContain(`  ${edge}\n`);
    }
    expect(mmd).toContain('pool_vlan100_standalone_v4["vlan100-standalone-v4<br/>192.168.100.0/24<br/>gateway 192.168.100.1"]');
    expect(mmd).toContain('subgraph host["Host (nmstate policy bond0-vlans)"]');
    // a standalone workload is not drawn on the overlay pools
    expect(mmd).not.toContain('pool_vlan100_overlay_v4 --> wl_macvlan_vlan_topology_vlan100_standalone_app');
    expect(mmd).toContain('wl_macvlan_vlan_topology_vlan200_overlay_app["Deployment default/vlan200-overlay-app<br/>net1: VLAN 200 overlay"]');
  });

  test('deterministic: two builds give identical strings (diagram, markdown, manifests)', () => {
    const a = seed();
    const b = seed();
    expect(a.topology.renderMermaid()).toBe(b.topology.renderMermaid());
    expect(a.topology.renderSwitchPlanMarkdown()).toBe(b.topology.renderSwitchPlanMarkdown());
    expect((a.app as App).synthYaml()).toBe((b.app as App).synthYaml());
  });
});
