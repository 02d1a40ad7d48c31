/**
 * Internal: the evidence for every command the switch configurations contain.
 *
 * `SOURCES` lists the documents (a vendor page, or a file or folder of a public repository at a fixed
 * commit: a vendor-maintained configuration generator, a parser grammar that accepts the line, the
 * configuration scripts of a vendor configuration example). `COMMAND_FORMS` lists, per vendor, every
 * command form a renderer writes, each with the documents (and the page in them) showing it. The
 * generated text names the documents in its header; test/topology/switch-config.test.ts renders the
 * two-rack example and other plans and holds every line they contain to one of these forms (and every
 * form to at least one rendered line), so a command without evidence cannot be added silently.
 */

/** One document. */
export interface SwitchConfigSource {
  readonly id: string;
  readonly title: string;
  readonly url: string;
}

/**
 * One command form. `form` is the line as written, with its leading spaces (the view depth) and
 * placeholders: `<n>` a number, `<name>` a word, `<text>` free text, `<iface>` an interface name,
 * `<vlans>` a VLAN list (`100-102,200`; Huawei `100 to 102 200`), `<ipv4>` / `<ipv6>` an address,
 * `<ipv4/len>` / `<ipv6/len>` an address with prefix length, `<mask>` a dotted IPv4 mask, `<mac>` a MAC
 * address in the vendor's notation, `<hex>` hexadecimal digits. Any other text is literal.
 */
export interface SwitchCommandForm {
  readonly form: string;
  /** `<source id>` or `<source id> <page or rule in it>`: where the form is shown or accepted. */
  readonly evidence: readonly string[];
}

const BATFISH = 'https://github.com/batfish/batfish/tree/cba1873338ae3b1952883706f5d7c6d969b385ec/projects/batfish/src';
const NXOS_ANSIBLE = 'https://github.com/ansible-collections/cisco.nxos/tree/154aa540bebd880f2cdc17b9f9c2a480dd804a3f';
const CE_ANSIBLE = 'https://github.com/ansible-collections/community.network/tree/e68d1cfb39b6247eb867a0e05ab3300a62bd1a04/plugins/modules';
const AVD = 'https://github.com/aristanetworks/avd/tree/3cac535c16978abb099f159b0bd6839536a9108c';
const CE6800 = 'https://github.com/WheaterW/INTA-project/tree/9308062d7ec56ac434ae2df6f1c140d8d4440f17/nassim-main/corpus/hw/hw_CE6800_V300R023C00';
const CE6800_MLAG = `${CE6800}/config_corpus/Configuration/Configuration_Guide/High_Availability_Configuration/M-LAG_Configuration`.replace('/tree/', '/blob/');

export const SOURCES = {
  // Huawei VRP (CloudEngine)
  vrpCommands: {
    id: 'VRP-CMD',
    title: 'Huawei CloudEngine 6800 V300R023C00 Command Reference (Huawei product documentation as Markdown in the NAssim corpus; page paths below)',
    url: `${CE6800}/cmd_corpus/References/Command_Reference/Command_Reference`,
  },
  vrpMlagExample: {
    id: 'VRP-MLAG-EX4',
    title: 'Huawei CloudEngine 6800 V300R023C00 Configuration Guide: Example for Configuring Dual-Homing of a Device to a Layer 3 Network Through an M-LAG in V-STP Mode (IPv4), configuration scripts',
    url: `${CE6800_MLAG}/Configuring_M-LAG_Dual-Active_Gateways/Example_for_Configuring_Dual-Homing_of_a_Device_to_a_Layer_3_Network_Through_an_M-LAG_in_V-STP_Mode_(IPv4).md`,
  },
  vrpMlagExample6: {
    id: 'VRP-MLAG-EX6',
    title: 'Huawei CloudEngine 6800 V300R023C00 Configuration Guide: the same example for IPv6 (ipv6 enable, ipv6 address X/64, mac-address 0000-5e00-0101), configuration scripts',
    url: `${CE6800_MLAG}/Configuring_M-LAG_Dual-Active_Gateways/Example_for_Configuring_Dual-Homing_of_a_Device_to_a_Layer_3_Network_Through_an_M-LAG_in_V-STP_Mode_(IPv6).md`,
  },
  vrpMlagVrrp: {
    id: 'VRP-MLAG-VRRP',
    title: 'Huawei CloudEngine 6800 V300R023C00 Troubleshooting: Services Are Interrupted When M-LAG Dual-Active Gateways Are Configured in VRRP or VRRP6 Mode (use one IP address and one MAC address on both devices)',
    url: `${CE6800_MLAG}/Troubleshooting_M-LAG/Services_Are_Interrupted_When_M-LAG_Dual-Active_Gateways_Are_Configured_in_VRRP_or_VRRP6_Mode.md`,
  },
  vrpDfsGroup: {
    id: 'VRP-DFS',
    title: 'Huawei CloudEngine 8800, 7800, 6800, and 5800 V200R019C10 Configuration Guide - Ethernet Switching: Configuring a DFS Group ("source ip ip-address [ peer peer-ip-address ]")',
    url: 'https://support.huawei.com/enterprise/en/doc/EDOC1100137937/96709576/configuring-a-dfs-group',
  },
  vrpAnsible: {
    id: 'VRP-ANSIBLE',
    title: 'Ansible community.network CloudEngine modules (ce_mlag_config, ce_mlag_interface, ce_eth_trunk): the VRP commands they send',
    url: CE_ANSIBLE,
  },
  // Cisco NX-OS
  nxosGrammar: {
    id: 'NXOS-GRAMMAR',
    title: 'Batfish Cisco NX-OS configuration grammar (ANTLR): the lines its parser accepts',
    url: `${BATFISH}/main/antlr4/org/batfish/vendor/cisco_nxos/grammar`,
  },
  nxosTestConfigs: {
    id: 'NXOS-CONFIGS',
    title: 'Batfish Cisco NX-OS parser test configurations',
    url: `${BATFISH}/test/resources/org/batfish/vendor/cisco_nxos/grammar/testconfigs`,
  },
  nxosAnsible: {
    id: 'NXOS-ANSIBLE',
    title: 'Ansible cisco.nxos collection: the NX-OS commands its modules send (module sources and unit tests)',
    url: NXOS_ANSIBLE,
  },
  // Arista EOS
  eosAvd: {
    id: 'EOS-AVD',
    title: 'Arista Validated Designs (Arista Networks): eos_cli_config_gen templates that write EOS configuration',
    url: `${AVD}/python-avd/pyavd/_eos_cli_config_gen/j2templates/eos`,
  },
  eosAvdMlag: {
    id: 'EOS-AVD-MLAG',
    title: 'Arista Validated Designs campus-fabric example: intended configuration of the MLAG leaf LEAF1A',
    url: `${AVD}/ansible_collections/arista/avd/examples/campus-fabric/intended/configs/LEAF1A.cfg`.replace('/tree/', '/blob/'),
  },
  eosGrammar: {
    id: 'EOS-GRAMMAR',
    title: 'Batfish Arista EOS configuration grammar (ANTLR): the lines its parser accepts',
    url: `${BATFISH}/main/antlr4/org/batfish/vendor/arista/grammar`,
  },
  eosMtu: {
    id: 'EOS-MTU',
    title: 'Arista EOS MTU Behavior (1), a practitioner\'s blog: the MTU is enforced for routed packets only, not for switched traffic (the comment on jumbo frames; no command)',
    url: 'https://aristaeos.blogspot.com/2020/03/arista-eos-mtu-behavior-1.html',
  },
} as const satisfies { [key: string]: SwitchConfigSource };

const HA = 'High_Availability';
const ETH = 'Ethernet_Switching';

/** Every command form of each vendor, with its evidence. */
export const COMMAND_FORMS: { readonly [vendor in 'VRP' | 'NXOS' | 'EOS']: readonly SwitchCommandForm[] } = {
  VRP: [
    { form: 'sysname <name>', evidence: ['VRP-CMD Basic_Configuration/First_Login_to_a_Device_Configuration_Commands/sysname_(System_view).md', 'VRP-MLAG-EX4'] },
    { form: 'dfs-group 1', evidence: [`VRP-CMD ${HA}/M-LAG_Configuration_Commands/dfs-group.md`, 'VRP-MLAG-EX4', 'VRP-DFS', 'VRP-ANSIBLE ce_mlag_config.py'] },
    { form: ' priority <n>', evidence: ['VRP-MLAG-EX4', 'VRP-ANSIBLE ce_mlag_config.py'] },
    { form: ' source ip <ipv4> peer <ipv4>', evidence: ['VRP-DFS', 'VRP-ANSIBLE ce_mlag_config.py ("source ip <address>")'] },
    { form: 'vlan batch <vlans>', evidence: [`VRP-CMD ${ETH}/VLAN_Configuration_Commands/vlan_batch.md`, 'VRP-MLAG-EX4'] },
    { form: 'stp mode rstp', evidence: [`VRP-CMD ${ETH}/STP_and_RSTP_and_MSTP_Configuration_Commands/stp_mode.md`, 'VRP-MLAG-EX4'] },
    { form: 'stp v-stp enable', evidence: [`VRP-CMD ${ETH}/STP_and_RSTP_and_MSTP_Configuration_Commands/stp_v-stp_enable.md`, 'VRP-MLAG-EX4'] },
    { form: 'interface Vlanif<n>', evidence: ['VRP-CMD Interface_Management/Interface_Basic_Configuration_Commands/interface.md', 'VRP-MLAG-EX4'] },
    { form: ' mtu <n>', evidence: ['VRP-CMD Interface_Management/Interface_Basic_Configuration_Commands/mtu_(interface_view).md (VLANIF interface view, 46-9600)'] },
    { form: ' ip address <ipv4> <mask>', evidence: ['VRP-CMD IP_Addresses_and_Services/IPv4_Basic_Configuration_Commands/ip_address_(interface_view).md', 'VRP-MLAG-EX4'] },
    { form: ' vrrp vrid <n> virtual-ip <ipv4>', evidence: [`VRP-CMD ${HA}/VRRP_Configuration_Commands/vrrp_vrid.md`] },
    { form: ' vrrp vrid <n> priority <n>', evidence: [`VRP-CMD ${HA}/VRRP_Configuration_Commands/vrrp_vrid_priority.md`] },
    { form: ' ipv6 enable', evidence: ['VRP-CMD IP_Addresses_and_Services/IPv6_Basic_Configuration_Commands/ipv6_enable.md', 'VRP-MLAG-EX6'] },
    { form: ' ipv6 address <ipv6/len>', evidence: ['VRP-CMD IP_Addresses_and_Services/IPv6_Basic_Configuration_Commands/ipv6_address.md', 'VRP-MLAG-EX6'] },
    { form: ' vrrp6 vrid <n> virtual-ip FE80::<hex> link-local', evidence: [`VRP-CMD ${HA}/VRRP6_Configuration_Commands/vrrp6_vrid.md (the first virtual address of a group is link-local)`] },
    { form: ' vrrp6 vrid <n> virtual-ip <ipv6>', evidence: [`VRP-CMD ${HA}/VRRP6_Configuration_Commands/vrrp6_vrid.md`] },
    { form: ' vrrp6 vrid <n> priority <n>', evidence: [`VRP-CMD ${HA}/VRRP6_Configuration_Commands/vrrp6_vrid_priority.md`] },
    { form: ' mac-address <mac>', evidence: ['VRP-MLAG-EX4 (" mac-address 0000-5e00-0101")', 'VRP-MLAG-EX6', 'VRP-MLAG-VRRP (0000-5E00-01XX, the same on both devices)'] },
    { form: 'interface Eth-Trunk<n>', evidence: ['VRP-MLAG-EX4', 'VRP-ANSIBLE ce_eth_trunk.py'] },
    { form: ' description <text>', evidence: ['VRP-CMD Interface_Management/Interface_Basic_Configuration_Commands/description_(interface_view).md'] },
    { form: ' port link-type trunk', evidence: [`VRP-CMD ${ETH}/VLAN_Configuration_Commands/port_link-type.md`, 'VRP-MLAG-EX4'] },
    { form: ' port trunk allow-pass vlan <vlans>', evidence: [`VRP-CMD ${ETH}/VLAN_Configuration_Commands/port_trunk_allow-pass_vlan.md`, 'VRP-MLAG-EX4'] },
    { form: ' mode lacp-static', evidence: [`VRP-CMD ${ETH}/Eth-Trunk_Configuration_Commands/mode_(Eth-Trunk_interface_view).md`, 'VRP-MLAG-EX4'] },
    { form: ' mode manual load-balance', evidence: [`VRP-CMD ${ETH}/Eth-Trunk_Configuration_Commands/mode_(Eth-Trunk_interface_view).md`] },
    { form: ' peer-link 1', evidence: [`VRP-CMD ${HA}/M-LAG_Configuration_Commands/peer-link.md (a peer-link joins every VLAN and takes no other service)`, 'VRP-MLAG-EX4', 'VRP-ANSIBLE ce_mlag_config.py'] },
    { form: ' dfs-group 1 m-lag <n>', evidence: [`VRP-CMD ${HA}/M-LAG_Configuration_Commands/dfs-group_m-lag.md`, 'VRP-MLAG-EX4', 'VRP-ANSIBLE ce_mlag_interface.py'] },
    { form: 'interface <iface>', evidence: ['VRP-CMD Interface_Management/Interface_Basic_Configuration_Commands/interface.md', 'VRP-MLAG-EX4'] },
    { form: ' eth-trunk <n>', evidence: [`VRP-CMD ${ETH}/Eth-Trunk_Configuration_Commands/eth-trunk.md`, 'VRP-MLAG-EX4', 'VRP-ANSIBLE ce_eth_trunk.py'] },
    { form: 'return', evidence: ['VRP-MLAG-EX4'] },
  ],
  NXOS: [
    { form: 'hostname <name>', evidence: ['NXOS-GRAMMAR CiscoNxosParser.g4 s_hostname'] },
    { form: 'feature lacp', evidence: ['NXOS-CONFIGS nxos_feature', 'NXOS-ANSIBLE tests/integration/targets/nxos_lag_interfaces'] },
    { form: 'feature vpc', evidence: ['NXOS-ANSIBLE tests/integration/targets/nxos_vpc/tests/common/sanity.yaml (nxos_feature: vpc)'] },
    { form: 'feature interface-vlan', evidence: ['NXOS-CONFIGS nxos_feature', 'NXOS-ANSIBLE tests/integration/targets/nxos_vrrp/tests/common/sanity.yaml'] },
    { form: 'feature vrrp', evidence: ['NXOS-ANSIBLE tests/integration/targets/nxos_vrrp/tests/common/sanity.yaml (nxos_feature: vrrp; plugins/modules/nxos_feature.py writes "feature <name>")'] },
    { form: 'feature hsrp', evidence: ['NXOS-CONFIGS nxos_feature', 'NXOS-ANSIBLE tests/integration/targets/nxos_hsrp_interfaces'] },
    { form: 'vlan <vlans>', evidence: ['NXOS-GRAMMAR CiscoNxos_vlan.g4 vlan_vlan, CiscoNxos_common.g4 vlan_id_range'] },
    { form: 'vpc domain <n>', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_vpc.py ("vpc domain 100")'] },
    { form: '  peer-keepalive destination <ipv4> source <ipv4> vrf management', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_vpc.py ("peer-keepalive destination 192.168.100.4 source 10.1.100.20 vrf management")'] },
    { form: 'interface port-channel<n>', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_vpc_interface.py ("interface port-channel100")', 'NXOS-CONFIGS nxos_interface_port_channel ("interface port-channel1")'] },
    { form: 'interface Ethernet<iface>', evidence: ['NXOS-CONFIGS nxos_interface_hsrp ("interface Ethernet1/1")', 'NXOS-GRAMMAR CiscoNxos_interface.g4 s_interface_regular'] },
    { form: 'interface Vlan<n>', evidence: ['NXOS-ANSIBLE tests/unit/modules/network/nxos/test_nxos_hsrp_interfaces.py ("interface Vlan10")', 'NXOS-GRAMMAR CiscoNxos_interface.g4 s_interface_regular'] },
    { form: '  description <text>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_description'] },
    { form: '  switchport', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_switchport_switchport', 'NXOS-ANSIBLE tests/unit/modules/network/nxos/test_nxos_interfaces.py'] },
    { form: '  switchport mode trunk', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_switchport_mode_trunk', 'NXOS-ANSIBLE tests/unit/modules/network/nxos/test_nxos_l2_interfaces.py'] },
    { form: '  switchport trunk allowed vlan <vlans>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_switchport_trunk_allowed', 'NXOS-ANSIBLE tests/unit/modules/network/nxos/test_nxos_l2_interfaces.py ("switchport trunk allowed vlan 30-45,47")'] },
    { form: '  mtu 9216', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_interfaces.py (mtu: an even number between 576 and 9216) and its unit test ("mtu 9216" on a layer 2 port)', 'NXOS-GRAMMAR CiscoNxos_interface.g4 i_mtu'] },
    { form: '  vpc peer-link', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_vpc_interface.py'] },
    { form: '  vpc <n>', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_vpc_interface.py and tests/unit/modules/network/nxos/test_nxos_vpc_interface.py ("vpc 200")'] },
    { form: '  channel-group <n> mode active', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_channel_group (MODE ACTIVE|ON|PASSIVE)', 'NXOS-ANSIBLE tests/unit/modules/network/nxos/test_nxos_l2_interfaces.py ("channel-group 10 mode active")'] },
    { form: '  channel-group <n> mode on', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_channel_group (MODE ACTIVE|ON|PASSIVE)'] },
    { form: '  no shutdown', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_no_shutdown', 'NXOS-CONFIGS nxos_interface_hsrp'] },
    { form: '  mtu <n>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_mtu'] },
    { form: '  ip address <ipv4/len>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 i_ip_address', 'NXOS-CONFIGS nxos_interface_hsrp'] },
    { form: '  ipv6 address <ipv6/len>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 iip6_address', 'NXOS-CONFIGS nxos_interface_hsrp_ipv6'] },
    { form: '  hsrp version 2', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 ih_version', 'NXOS-CONFIGS nxos_interface_hsrp', 'NXOS-ANSIBLE tests/unit/modules/network/nxos/test_nxos_hsrp_interfaces.py'] },
    { form: '  hsrp <n>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 ih_group / ihg_ipv4', 'NXOS-CONFIGS nxos_interface_hsrp'] },
    { form: '  hsrp <n> ipv6', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 ihg_ipv6', 'NXOS-CONFIGS nxos_interface_hsrp_ipv6 ("hsrp 2 ipv6")'] },
    { form: '    priority <n>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 ihg_priority', 'NXOS-ANSIBLE plugins/modules/nxos_vrrp.py ("priority {0}")'] },
    { form: '    preempt', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 ihg_preempt', 'NXOS-CONFIGS nxos_interface_hsrp'] },
    { form: '    ip <ipv4>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 ihg4_ip', 'NXOS-CONFIGS nxos_interface_hsrp ("ip 192.0.2.1")'] },
    { form: '    ip autoconfig', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 ihg6_ip_autoconfig', 'NXOS-CONFIGS nxos_interface_hsrp_ipv6 ("ip autoconfig" then "ip 1::2:1")'] },
    { form: '    ip <ipv6>', evidence: ['NXOS-GRAMMAR CiscoNxos_interface.g4 ihg6_ip_address', 'NXOS-CONFIGS nxos_interface_hsrp_ipv6 ("ip 1::2:1")'] },
    { form: '  vrrp <n>', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_vrrp.py ("interface vlan10", "vrrp 150", "address 10.1.15.1", "no shutdown")'] },
    { form: '    address <ipv4>', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_vrrp.py ("address {0}")'] },
    { form: '    no shutdown', evidence: ['NXOS-ANSIBLE plugins/modules/nxos_vrrp.py (admin_state "no shutdown"; a group is shut down by default)'] },
  ],
  EOS: [
    { form: 'hostname <name>', evidence: ['EOS-AVD hostname.j2'] },
    { form: 'vlan <vlans>', evidence: ['EOS-GRAMMAR Arista_vlan.g4 s_vlan, Legacy_common.g4 eos_vlan_id (comma-separated ranges)', 'EOS-AVD vlans.j2'] },
    { form: '   name <name>', evidence: ['EOS-AVD vlans.j2', 'EOS-AVD-MLAG ("vlan 4094" / "name MLAG" / "trunk group MLAG")'] },
    { form: '   trunk group <name>', evidence: ['EOS-AVD vlans.j2', 'EOS-GRAMMAR Arista_vlan.g4 vlan_trunk', 'EOS-AVD-MLAG'] },
    { form: 'no spanning-tree vlan-id <n>', evidence: ['EOS-AVD spanning-tree.j2', 'EOS-AVD-MLAG ("no spanning-tree vlan-id 4094")'] },
    { form: 'interface Port-Channel<n>', evidence: ['EOS-AVD port-channel-interfaces.j2', 'EOS-AVD-MLAG'] },
    { form: 'interface Ethernet<iface>', evidence: ['EOS-AVD ethernet-interfaces.j2', 'EOS-AVD-MLAG'] },
    { form: 'interface Vlan<n>', evidence: ['EOS-AVD vlan-interfaces.j2', 'EOS-AVD-MLAG'] },
    { form: '   description <text>', evidence: ['EOS-AVD port-channel-interfaces.j2, ethernet-interfaces.j2, vlan-interfaces.j2'] },
    { form: '   switchport trunk allowed vlan <vlans>', evidence: ['EOS-AVD port-channel-interfaces.j2, ethernet-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 if_switchport_trunk_allowed_eos', 'EOS-AVD-MLAG'] },
    { form: '   switchport mode trunk', evidence: ['EOS-AVD port-channel-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 if_switchport_mode', 'EOS-AVD-MLAG'] },
    { form: '   switchport trunk group <name>', evidence: ['EOS-AVD port-channel-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 if_switchport_trunk_group_eos', 'EOS-AVD-MLAG'] },
    { form: '   mlag <n>', evidence: ['EOS-AVD port-channel-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 if_eos_mlag', 'EOS-AVD-MLAG ("mlag 51")'] },
    { form: '   channel-group <n> mode active', evidence: ['EOS-AVD ethernet-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 ifcg_num_eos (ACTIVE|ON|PASSIVE)', 'EOS-AVD-MLAG ("channel-group 53 mode active")'] },
    { form: '   channel-group <n> mode on', evidence: ['EOS-GRAMMAR Legacy_interface.g4 ifcg_num_eos (ACTIVE|ON|PASSIVE)'] },
    { form: '   mtu <n>', evidence: ['EOS-AVD vlan-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 if_mtu', 'EOS-AVD-MLAG'] },
    { form: '   no autostate', evidence: ['EOS-AVD vlan-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 if_no_autostate', 'EOS-AVD-MLAG'] },
    { form: '   ip address <ipv4/len>', evidence: ['EOS-AVD vlan-interfaces.j2', 'EOS-AVD-MLAG'] },
    { form: '   ipv6 address <ipv6/len>', evidence: ['EOS-AVD vlan-interfaces.j2'] },
    { form: '   ip virtual-router address <ipv4>', evidence: ['EOS-AVD vlan-interfaces.j2', 'EOS-GRAMMAR Arista_interface.g4 if_ip_virtual_router'] },
    { form: '   ipv6 virtual-router address <ipv6>', evidence: ['EOS-AVD vlan-interfaces.j2'] },
    { form: '   vrrp <n> priority-level <n>', evidence: ['EOS-AVD vlan-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 ifvrrp_priority_level'] },
    { form: '   vrrp <n> ipv4 <ipv4>', evidence: ['EOS-AVD vlan-interfaces.j2', 'EOS-GRAMMAR Legacy_interface.g4 ifvrrp_ipv4'] },
    { form: '   vrrp <n> ipv6 <ipv6>', evidence: ['EOS-AVD vlan-interfaces.j2 (one VRID may carry both families)', 'EOS-GRAMMAR Legacy_interface.g4 ifvrrp_ipv6'] },
    { form: 'mlag configuration', evidence: ['EOS-AVD mlag-configuration.j2', 'EOS-GRAMMAR Arista_mlag.g4 s_eos_mlag', 'EOS-AVD-MLAG'] },
    { form: '   domain-id <name>', evidence: ['EOS-AVD mlag-configuration.j2', 'EOS-GRAMMAR Arista_mlag.g4 eos_mlag_domain'] },
    { form: '   local-interface Vlan<n>', evidence: ['EOS-AVD mlag-configuration.j2', 'EOS-GRAMMAR Arista_mlag.g4 eos_mlag_local_interface', 'EOS-AVD-MLAG'] },
    { form: '   peer-address <ipv4>', evidence: ['EOS-AVD mlag-configuration.j2', 'EOS-GRAMMAR Arista_mlag.g4 eos_mpa_ip', 'EOS-AVD-MLAG'] },
    { form: '   peer-link Port-Channel<n>', evidence: ['EOS-AVD mlag-configuration.j2', 'EOS-GRAMMAR Arista_mlag.g4 eos_mlag_peer_link', 'EOS-AVD-MLAG'] },
    { form: 'ip virtual-router mac-address <mac>', evidence: ['EOS-AVD ip-virtual-router-mac-address.j2', 'EOS-GRAMMAR AristaParser.g4 s_ip_virtual_router'] },
    { form: 'ip routing', evidence: ['EOS-AVD ip-routing.j2'] },
    { form: 'ipv6 unicast-routing', evidence: ['EOS-AVD ipv6-unicast-routing.j2'] },
    { form: 'end', evidence: ['EOS-AVD end.j2', 'EOS-AVD-MLAG'] },
  ],
};

/** The documents of a vendor, in the order listed above. */
export function sourcesOf(prefix: 'VRP' | 'NXOS' | 'EOS'): SwitchConfigSource[] {
  return Object.values(SOURCES).filter(s => s.id.startsWith(`${prefix}-`));
}
