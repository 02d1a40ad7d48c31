/**
 * Internal: the vendor documents the command forms of the switch configurations are taken from. Each
 * renderer names, beside every command it writes, the id of the document showing that form; the generated
 * text lists the documents in its header, and test/topology/switch-config.test.ts holds the rendered lines
 * against the forms these documents show.
 */

/** One vendor document. */
export interface SwitchConfigSource {
  readonly id: string;
  readonly title: string;
  readonly url: string;
}

export const SOURCES = {
  // Huawei VRP (CloudEngine data center switches, VRP V200R019)
  vrpLinkAggregation: {
    id: 'VRP-LAG',
    title: 'Huawei CloudEngine 8800, 7800, 6800, and 5800 Series Switches Configuration Guide - Ethernet Switching, 3 Link Aggregation Configuration',
    url: 'https://www.scribd.com/document/731516161/01-03-Link-Aggregation-Configuration',
  },
  vrpMlag: {
    id: 'VRP-MLAG',
    title: 'Huawei CloudEngine 8800, 7800, 6800, and 5800 Series Switches Configuration Guide - Ethernet Switching, 4 M-LAG Configuration',
    url: 'https://www.scribd.com/document/731516147/01-04-M-LAG-Configuration',
  },
  vrpDfsGroup: {
    id: 'VRP-DFS',
    title: 'Huawei CloudEngine 8800, 7800, 6800, and 5800 V200R019C10 Configuration Guide - Ethernet Switching: Configuring a DFS Group',
    url: 'https://support.huawei.com/enterprise/en/doc/EDOC1100137937/96709576/configuring-a-dfs-group',
  },
  vrpVlanif: {
    id: 'VRP-VLANIF',
    title: 'Huawei configuration example (VLAN, trunk allow-pass, interface vlanif, ip address)',
    url: 'https://support.huawei.com/enterprise/zh/doc/EDOC1100143312/1012c383',
  },
  vrpVrrp: {
    id: 'VRP-VRRP',
    title: 'Huawei CloudEngine command reference: vrrp vrid priority (vrrp vrid virtual-ip, vrrp vrid priority in the VLANIF interface view)',
    url: 'http://a10.tagan.ru/huawei/dc/vrrp_vrid_priority.html',
  },
  vrpVrrp6: {
    id: 'VRP-VRRP6',
    title: 'Huawei CloudEngine command reference: vrrp6 vrid priority (vrrp6 vrid virtual-ip FE80::x link-local, vrrp6 vrid priority)',
    url: 'http://a10.tagan.ru/huawei/dc/vrrp6_vrid_priority.html',
  },
  vrpVrrp6Global: {
    id: 'VRP-VRRP6-IP',
    title: 'Huawei VRP command reference: vrrp6 vrid virtual-ip (a link-local virtual address, then global ones)',
    url: 'http://a10.tagan.ru/huawei/netengine8000f1a/command/8090/createvrrp(VRRP6OM).html',
  },
  vrpMtu: {
    id: 'VRP-MTU',
    title: 'ce_mtu - Manages MTU settings on HUAWEI CloudEngine switches (jumbo frames default to 9216 bytes; interface mtu 46-9600)',
    url: 'https://docs.ansible.com/ansible/2.9_ja/modules/ce_mtu_module.html',
  },
  // Cisco NX-OS (Nexus 9000)
  nxosVpc: {
    id: 'NXOS-VPC',
    title: 'Cisco Nexus 9000 Series NX-OS Interfaces Configuration Guide, Release 10.4(x): Configuring vPCs',
    url: 'https://www.cisco.com/c/en/us/td/docs/dcn/nx-os/nexus9000/104x/configuration/interfaces/cisco-nexus-9000-series-nx-os-interfaces-configuration-guide-release-104x/m_configuring_vpcs_9x.html',
  },
  nxosVpcKeepalive: {
    id: 'NXOS-KEEPALIVE',
    title: 'Cisco Nexus 5000 Series NX-OS Layer 2 Switching Configuration Guide: Configuring Virtual Port Channels (peer-keepalive in the management VRF)',
    url: 'https://cisco.com/c/en/us/td/docs/switches/datacenter/nexus5000/sw/layer2/b_Cisco_Nexus_5000_Series_NX-OS_/b_Cisco_Nexus_5000_Series_NX-OS__chapter_01000.html',
  },
  nxosVrrp: {
    id: 'NXOS-VRRP',
    title: 'Cisco Nexus 9000 Series NX-OS Unicast Routing Configuration Guide, Release 10.4(x): Configure VRRP',
    url: 'https://www.cisco.com/c/en/us/td/docs/dcn/nx-os/nexus9000/104x/unicast-routing-configuration/cisco-nexus-9000-series-nx-os-unicast-routing-configuration-guide/m_configuring_vrrp.html',
  },
  nxosHsrp: {
    id: 'NXOS-HSRP',
    title: 'Cisco Nexus 7000 Series NX-OS Unicast Routing Configuration Guide, Release 6.x: Configuring HSRP',
    url: 'https://cisco.com/c/en/us/td/docs/switches/datacenter/sw/6_x/nx-os/unicast/configuration/guide/b-7k-Cisco-Nexus-7000-Series-NX-OS-Unicast-Routing-Configuration-Guide-Release-6x/m_7k_configuring_hsrp.html',
  },
  nxosHsrpCommands: {
    id: 'NXOS-HSRP-CMD',
    title: 'Cisco Nexus 6000 Series NX-OS Unicast Routing Command Reference: HSRP P commands (hsrp, priority, preempt, ip)',
    url: 'https://www.cisco.com/c/en/us/td/docs/switches/datacenter/nexus6000/sw/command/reference/unicast/n6k-ucast-cr/n6k-hsrp_cmds_p.html',
  },
  // Arista EOS
  eosMlag: {
    id: 'EOS-MLAG',
    title: 'Arista EOS User Manual: Multi-Chassis Link Aggregation',
    url: 'https://www.arista.com/um-eos/eos-multi-chassis-link-aggregation',
  },
  eosVrrpVarp: {
    id: 'EOS-VRRP-VARP',
    title: 'Arista EOS User Manual: VRRP and VARP',
    url: 'https://www.arista.com/en/um-eos/eos-vrrp-and-varp',
  },
  eosMtu: {
    id: 'EOS-MTU',
    title: 'Arista EOS MTU Behavior (1): the MTU is enforced for routed packets only, not for switched traffic',
    url: 'https://aristaeos.blogspot.com/2020/03/arista-eos-mtu-behavior-1.html',
  },
} as const satisfies { [key: string]: SwitchConfigSource };

/** The documents of a vendor, in the order listed above. */
export function sourcesOf(prefix: 'VRP' | 'NXOS' | 'EOS'): SwitchConfigSource[] {
  return Object.values(SOURCES).filter(s => s.id.startsWith(`${prefix}-`));
}
