import { BOND, build, vlan } from './helpers';
import { BondMode, HostInterfaces, HostInterfacesKind, LacpRate, NadSource, VlanOffer } from '../../src';
import { validateCustomResources } from '../support/crd-schemas';
import { findObject, synthObjects, validationErrors } from '../support/synth';

describe('HostInterfaces.spiderpoolIfacer(): SpiderMultusConfig replaces the NAD', () => {
  const built = build({
    hostInterfaces: HostInterfaces.spiderpoolIfacer(),
    bond: { ...BOND, options: { miimon: 100, lacpRate: LacpRate.FAST } },
    vlans: [vlan(100, { offer: VlanOffer.BOTH, macvlanMtu: 1400 }), vlan(200, { offer: VlanOffer.OVERLAY })],
  });
  const objects = synthObjects(built.chart);

  test('one SpiderMultusConfig per network: members, vlanID, bond (mode number, k=v options), pools, coordinator mode', () => {
    expect(findObject(objects, 'SpiderMultusConfig', 'macvlan-standalone-vlan100')).toEqual({
      apiVersion: 'spiderpool.spidernet.io/v2beta1',
      kind: 'SpiderMultusConfig',
      metadata: { name: 'macvlan-standalone-vlan100', namespace: 'kube-system' },
      spec: {
        cniType: 'macvlan',
        macvlan: {
          master: ['ens224', 'ens256'],
          vlanID: 100,
          bond: { name: 'bond0', mode: 4, options: 'miimon=100;lacp_rate=fast' },
          ippools: { ipv4: ['vlan100-standalone-v4'], ipv6: ['vlan100-standalone-v6'] },
          mtu: 1400,
        },
        enableCoordinator: true,
        coordinator: { mode: 'underlay' },
      },
    });
    const overlay = findObject(objects, 'SpiderMultusConfig', 'macvlan-overlay-vlan200');
    expect(overlay.spec.coordinator).toEqual({ mode: 'overlay' });
    expect(overlay.spec.macvlan.vlanID).toBe(200);
    expect(overlay.spec.macvlan).not.toHaveProperty('mtu');
    expect(built.topology.multusConfigs.map(c => c.name)).toEqual([
      'macvlan-standalone-vlan100', 'macvlan-overlay-vlan100', 'macvlan-overlay-vlan200',
    ]);
  });

  test('no NNCP and no hand-written NAD (Spiderpool generates it); pools still name their network', () => {
    expect(objects.filter(o => o.kind === 'NodeNetworkConfigurationPolicy')).toEqual([]);
    expect(objects.filter(o => o.kind === 'NetworkAttachmentDefinition')).toEqual([]);
    expect(built.topology.hostPolicy).toBeUndefined();
    expect(built.topology.standaloneNetwork(100).source).toBe(NadSource.SPIDER_MULTUS_CONFIG);
    expect(findObject(objects, 'SpiderIPPool', 'vlan100-standalone-v4').spec.multusName).toEqual(['kube-system/macvlan-standalone-vlan100']);
    expect(built.topology.renderMermaid()).toContain('Host (created by Spiderpool ifacer at pod start)');
  });

  test('valid: CRD schemas and synth validation', () => {
    const { checked, errors } = validateCustomResources(objects);
    expect(errors).toEqual([]);
    expect(checked).toBe(3 + 6 + 4); // 3 SpiderMultusConfigs + 6 pools + 4 SpiderReservedIPs (2 VLANs, 2 families)
    expect(validationErrors(built.app)).toEqual([]);
  });

  test('one member: ifacer creates no bond, the VLAN sits on the NIC (eth1.10) and the NAD master follows', () => {
    const b = build({ hostInterfaces: HostInterfaces.spiderpoolIfacer(), bond: { members: ['eth1'], mode: BondMode.ACTIVE_BACKUP }, vlans: [vlan(10)] });
    const smc = findObject(synthObjects(b.chart), 'SpiderMultusConfig', 'macvlan-standalone-vlan10');
    expect(smc.spec.macvlan).not.toHaveProperty('bond');
    expect(smc.spec.macvlan.master).toEqual(['eth1']);
    expect(b.topology.standaloneNetwork(10).master).toBe('eth1.10');
  });

  test('bond modes map to kernel numbers 0-6', () => {
    const modes = [BondMode.BALANCE_RR, BondMode.ACTIVE_BACKUP, BondMode.BALANCE_XOR, BondMode.BROADCAST,
      BondMode.IEEE_802_3AD, BondMode.BALANCE_TLB, BondMode.BALANCE_ALB];
    modes.forEach((mode, n) => {
      const b = build({ hostInterfaces: HostInterfaces.spiderpoolIfacer(), bond: { members: ['eth1', 'eth2'], mode }, vlans: [vlan(10)] });
      const smc = findObject(synthObjects(b.chart), 'SpiderMultusConfig', 'macvlan-standalone-vlan10');
      expect(smc.spec.macvlan.bond).toEqual({ name: 'bond0', mode: n });
    });
  });
});

describe('HostInterfaces.preExisting()', () => {
  const built = build({ hostInterfaces: HostInterfaces.preExisting(), vlans: [vlan(100)] });
  const objects = synthObjects(built.chart);

  test('nothing for the hosts: only the NAD and its pools, once each', () => {
    expect(objects.map(o => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'NetworkAttachmentDefinition/macvlan-standalone-vlan100',
      'SpiderIPPool/vlan100-standalone-v4',
      'SpiderIPPool/vlan100-standalone-v6',
      'SpiderReservedIP/vlan100-reserved-v4',
      'SpiderReservedIP/vlan100-reserved-v6',
    ]);
    expect(built.topology.hostInterfaces.kind).toBe(HostInterfacesKind.PRE_EXISTING);
    expect(validateCustomResources(objects)).toEqual({ checked: 5, errors: [] });
    expect(built.topology.renderMermaid()).toContain('Host (pre-existing interfaces)');
  });
});

describe('HostInterfaces.nmstate() options', () => {
  test('policy name, maxUnavailable, no node selector means every node', () => {
    const built = build({ hostInterfaces: HostInterfaces.nmstate({ policyName: 'fabric', maxUnavailable: '25%' }) });
    const nncp = findObject(synthObjects(built.chart), 'NodeNetworkConfigurationPolicy', 'fabric');
    expect(nncp.spec.maxUnavailable).toBe('25%');
    expect(nncp.spec).not.toHaveProperty('nodeSelector');
    expect(built.topology.switchPlan().racks[0].nodeSelector).toEqual({});
    expect(built.topology.renderSwitchPlanMarkdown()).toContain('Applies to every node.');
  });

  test('custom MTUs reach the bond, the VLANs and the macvlan NICs', () => {
    const built = build({ bond: { ...BOND, mtu: 9000 }, vlans: [vlan(100, { mtu: 9000, macvlanMtu: 8950 }), vlan(200)] });
    const objects = synthObjects(built.chart);
    const [bond, v100, v200] = findObject(objects, 'NodeNetworkConfigurationPolicy', 'bond0-vlans').spec.desiredState.interfaces;
    expect([bond.mtu, v100.mtu, v200.mtu]).toEqual([9000, 9000, 9000]);
    expect(JSON.parse(findObject(objects, 'NetworkAttachmentDefinition', 'macvlan-standalone-vlan100').spec.config).plugins[0].mtu).toBe(8950);
    expect(built.topology.switchPlan().racks[0].mtu).toBe(9000);
    expect(validationErrors(built.app)).toEqual([]);
  });
});
