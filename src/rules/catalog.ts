import { RULE_EXAMPLES } from './examples';

/** Severity of a rule: errors fail synth (and `lint`), warnings are reported only. */
export type Severity = 'error' | 'warning';

/**
 * A failing and a fixed example of a rule, rendered into docs/rules.md. YAML examples are Kubernetes
 * manifests: a test lints them (the bad one must trigger the rule, the good one must not).
 */
export interface RuleExample {
  /** Triggers the rule. */
  readonly bad: string;
  /** The same, fixed. */
  readonly good: string;
  /**
   * `yaml` (manifests, linted by the docs test) or `typescript` (construct code, shown only).
   * @default "yaml"
   */
  readonly language?: 'yaml' | 'typescript';
}

/** A rule of the catalog: one stable id, one severity, one line of title, a docs link and examples. */
export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly title: string;
  /** Where the rule is documented, e.g. `docs/rules.md#mv004`. */
  readonly docs: string;
  /** Failing and fixed example (given here, or looked up in `./examples` by id). */
  readonly example?: RuleExample;
}

function defineRule(id: string, severity: Severity, title: string, example?: RuleExample): RuleInfo {
  return { id, severity, title, docs: ruleDocsLink(id), example: example ?? RULE_EXAMPLES[id] };
}

/** The documentation link of a rule id (`docs/rules.md#mv004`). */
export function ruleDocsLink(id: string): string {
  return `docs/rules.md#${id.toLowerCase()}`;
}

/**
 * The rules catalog. Ids are stable: never renumber, only append. Each id is documented in
 * docs/rules.md. Synth-time validation and every other checker report through these ids.
 */
export const RULES = {
  poolSubnet: defineRule('MV001', 'error', 'SpiderIPPool subnet must be a valid, canonical CIDR'),
  poolIps: defineRule('MV002', 'error', 'SpiderIPPool ips entries must be IPs or a-b ranges inside the subnet'),
  poolExcludeIps: defineRule('MV003', 'error', 'SpiderIPPool excludeIPs entries must be IPs or a-b ranges inside the subnet'),
  poolGateway: defineRule('MV004', 'error', 'SpiderIPPool gateway must be an IP inside the subnet'),
  poolGatewayAllocatable: defineRule('MV005', 'error', 'SpiderIPPool gateway inside ips must be listed in excludeIPs'),
  poolDefaultRoute: defineRule('MV006', 'error', 'SpiderIPPool routes must not contain a default route (use gateway)'),
  poolDuplicateRoute: defineRule('MV007', 'error', 'SpiderIPPool routes must have distinct destinations'),
  poolRouteGateway: defineRule('MV008', 'error', 'SpiderIPPool route destinations must be CIDRs and gateways IPs inside the subnet'),
  poolIpVersion: defineRule('MV009', 'error', 'SpiderIPPool ipVersion must match the subnet family'),
  poolName: defineRule('MV010', 'error', 'SpiderIPPool names must be DNS-1123 subdomains'),
  poolSubnetOverlap: defineRule('MV011', 'error', 'SpiderIPPools with different subnets must not overlap'),
  poolIpsOverlap: defineRule('MV012', 'error', 'SpiderIPPools sharing a subnet must not share IPs'),
  nadName: defineRule('MV013', 'error', 'NetworkAttachmentDefinition names must be DNS-1123 labels'),
  nadConfig: defineRule('MV014', 'error', 'NetworkAttachmentDefinition spec.config must be JSON naming its NAD'),
  macvlanMaster: defineRule('MV015', 'error', 'macvlan master must be a valid Linux interface name'),
  macvlanMtu: defineRule('MV016', 'error', 'macvlan mtu must be a non-negative integer'),
  macvlanMode: defineRule('MV017', 'error', 'macvlan mode must be bridge, private, vepa or passthru'),
  podInterfaceName: defineRule('MV018', 'error', 'pod interface names must be valid Linux interface names'),
  podDuplicateInterface: defineRule('MV019', 'error', 'pod interface names must be unique within the pod'),
  podNicWithoutPool: defineRule('MV020', 'error', 'every Spiderpool NIC needs an IP pool of each family its network serves'),
  podOverlayAsDefault: defineRule('MV021', 'error', 'an overlay network cannot be a pod\'s default network (eth0)'),
  podMixedNetworkTypes: defineRule('MV022', 'error', 'standalone and overlay macvlan networks cannot be mixed in one pod'),
  poolEmpty: defineRule('MV023', 'error', 'SpiderIPPool must have at least one allocatable IP'),
  networkName: defineRule('MV024', 'error', 'a network reference must be ns/name with DNS-1123 label parts'),
  poolFamilyMismatch: defineRule('MV025', 'error', 'a pool selected for a family must be of that family'),
  topologyVlanId: defineRule('MV026', 'error', 'VLAN ids must be 1-4094 and unique within a topology'),
  topologyInterfaceName: defineRule('MV027', 'error', 'bond, member NIC and VLAN sub-interface names must be valid Linux interface names'),
  topologyBondMembers: defineRule('MV028', 'error', 'a bond needs at least one member NIC, each listed once'),
  topologyBondOptions: defineRule('MV029', 'error', 'bond options must suit the bond mode and members (primary, lacp_rate, xmit_hash_policy, ARP monitoring)'),
  topologyBondMonitor: defineRule('MV030', 'error', 'bond miimon and arp_interval are mutually exclusive'),
  topologyMtu: defineRule('MV031', 'error', 'VLAN MTU must not exceed the bond MTU, macvlan MTU must not exceed the VLAN MTU'),
  topologySubnetOverlap: defineRule('MV032', 'error', 'subnets of different VLANs must not overlap'),
  topologyGateway: defineRule('MV033', 'error', 'a VLAN gateway (switch VLANIF address) must be an IP inside the VLAN subnet'),
  topologyNames: defineRule('MV034', 'error', 'the networks and pools of a topology must have distinct names'),
  topologyIfacer: defineRule('MV035', 'error', 'Spiderpool ifacer host interfaces only support bridge mode and kernel-default bond/VLAN MTUs'),
  topologyAddressPlan: defineRule('MV036', 'error', 'VLAN subnets, ips and excludeIps must be well-formed and match their family and offer'),
  // Manifest rules shared by synth-time validation and `cdk8s-macvlan lint` (MV050+).
  poolPodAffinity: defineRule('MV050', 'error', 'SpiderIPPool podAffinity, if present, must select something'),
  poolMultusName: defineRule('MV051', 'warning', 'SpiderIPPool multusName entries should be written ns/name'),
  removedField: defineRule('MV052', 'error', 'fields removed in Spiderpool v1.0 must not be set (SpiderIPPool spec.vlan, coordinator detectIPConflict/detectGateway)'),
  smcMaster: defineRule('MV053', 'error', 'SpiderMultusConfig macvlan.master must list at least one host interface; two or more need a bond'),
  smcBond: defineRule('MV054', 'error', 'SpiderMultusConfig macvlan.bond needs a valid interface name and a mode 0-6'),
  smcVlanId: defineRule('MV055', 'error', 'SpiderMultusConfig macvlan.vlanID must be an integer 0-4094'),
  coordinatorOptions: defineRule('MV056', 'error', 'coordinator options: mode auto|underlay|overlay, unicast podMACPrefix, txQueueLen >= 0, podRPFilter 0/1/2, vethMTU > 0'),
  smcChainCni: defineRule('MV057', 'error', 'SpiderMultusConfig chainCNIJsonData entries must be JSON objects with a type'),
  smcCniBlocks: defineRule('MV058', 'error', 'a macvlan SpiderMultusConfig has a macvlan block and no other CNI block'),
  annotationSyntax: defineRule('MV059', 'error', 'Multus network annotations must be a ns/name@ifname list or a JSON array of selection objects'),
  annotationNameWithSlash: defineRule('MV060', 'error', 'a JSON network selection "name" is not split at "/": put the namespace in "namespace"'),
  annotationIps: defineRule('MV061', 'error', 'annotation ips must be IP or CIDR strings and default-route gateway IPs'),
  annotationMac: defineRule('MV062', 'error', 'annotation mac must be a valid MAC address'),
  defaultNetworkSingle: defineRule('MV063', 'error', 'v1.multus-cni.io/default-network must name exactly one network'),
  defaultNetworkBareName: defineRule('MV064', 'warning', 'a bare default-network name resolves in Multus\' namespace (kube-system): write ns/name'),
  ippoolAnnotation: defineRule('MV065', 'error', 'ipam.spidernet.io/ippool(s) annotations must be JSON of the documented shape'),
  ippoolsDuplicate: defineRule('MV066', 'error', 'ipam.spidernet.io/ippools must list each interface once'),
  ippoolsMissingNic: defineRule('MV067', 'error', 'ipam.spidernet.io/ippools with interface names must list every Spiderpool NIC of the pod'),
  podUnknownNetwork: defineRule('MV068', 'error', 'a network a pod references must be defined in the manifest set (NAD or SpiderMultusConfig)'),
  poolMultusNameMismatch: defineRule('MV069', 'error', 'a pool selected for a NIC must list that NIC\'s network in multusName (when multusName is set)'),
  podDefaultRouteEcmp: defineRule('MV070', 'error', 'at most one default-route gateway per IP family across a pod\'s networks'),
  hostLocalIpam: defineRule('MV071', 'warning', 'host-local IPAM on macvlan hands out the same IPs on every node'),
  podNoRouteHelper: defineRule('MV072', 'warning', 'a pod on macvlan eth0 needs the coordinator or veth plugin to reach ClusterIP services and its node'),
  nadIpamMissing: defineRule('MV073', 'warning', 'a macvlan plugin without ipam gets no address: write "ipam": {} for layer 2 only'),
  nadCniVersion: defineRule('MV074', 'warning', 'a NAD config should set a known cniVersion'),
  annotationCapabilities: defineRule('MV075', 'warning', 'annotation ips/mac reach a plugin only if its config declares that capability'),
  ipamConfig: defineRule('MV076', 'error', 'IPAM config must have the documented shape for its type'),
  networkStatusAnnotation: defineRule('MV077', 'warning', 'k8s.v1.cni.cncf.io/network-status is written by Multus: do not set it'),
  podStandaloneWithoutDefault: defineRule('MV078', 'error', 'a standalone (coordinator underlay) network as an extra NIC needs a standalone default network'),
  // NodeNetworkConfigurationPolicy rules (with MV026-MV031 above), shared by VlanTopology and `lint`.
  bondMode: defineRule('MV079', 'error', 'a bond must set link-aggregation.mode to one of the 7 bonding modes'),
  bondSlaves: defineRule('MV080', 'warning', 'bond members go under link-aggregation.port: slaves is the deprecated spelling'),
  vlanReorderHeaders: defineRule('MV081', 'warning', 'VLAN reorder-headers should stay true (macvlan pods on the VLAN can lose same-host traffic otherwise)'),
  vlanBaseIface: defineRule('MV082', 'error', 'a VLAN needs a base-iface, and not one the same policy removes (state: absent)'),
  nncpSpec: defineRule('MV083', 'error', 'NodeNetworkConfigurationPolicy nodeSelector values must be strings, maxUnavailable an integer or "NN%", desiredState.interfaces a list'),
  // Peer parity (IPAM and helper choices, SpiderMultusConfig source, macvlan modes): MV090+.
  passthruShared: defineRule('MV090', 'error', 'a passthru macvlan master carries one NIC: a pod cannot attach two NICs to it'),
  poolsWithoutSpiderpool: defineRule('MV091', 'error', 'IP pools belong to Spiderpool IPAM: a network with another IPAM takes no IpPool'),
  smcUnsupported: defineRule('MV092', 'error', 'a network synthesized as a SpiderMultusConfig can only use what Spiderpool generates (bridge mode, Spiderpool IPAM)'),
  ifacerMaster: defineRule('MV093', 'error', 'with Spiderpool ifacer the macvlan master is the interface ifacer creates (<bond or master>.<vlanID>)'),
  poolTooLarge: defineRule('MV095', 'error', 'a SpiderIPPool must hold at most 2^20 addresses (Spiderpool enumerates every address)'),
  podEmptyNetworks: defineRule('MV096', 'error', 'a pod network set must attach at least one network'),
  duplicateObject: defineRule('MV097', 'error', 'two objects of one kind must not share a name (and namespace): the second overwrites the first'),
  nadOnlyCoordinatorOption: defineRule('MV098', 'error', 'coordinator podCidrType is read by Spiderpool\'s controller: only a SpiderMultusConfig can carry it'),
  podAddresses: defineRule('MV094', 'error', 'per-pod ips need a network whose IPAM takes them (static IPAM without fixed addresses), and such a network needs them'),
  // Workload-aware rules: address capacity, placement, host interface conflicts, host-network pods (MV170-MV189).
  capacityExceeded: defineRule('MV170', 'error', 'a pool (or the pools a NIC lists for one family) must hold an address for every pod at the workloads\' peak (replicas + maxSurge, parallelism, nodes)'),
  capacityWarning: defineRule('MV171', 'warning', 'a pool should keep headroom: the workloads\' peak uses more than the warning threshold (default 90%) of its addresses'),
  placementHostInterface: defineRule('MV172', 'error', 'a workload must only be schedulable on nodes where a host policy creates its NICs\' master interface'),
  placementPool: defineRule('MV173', 'error', 'a workload must only be schedulable on nodes its pools\' nodeAffinity / nodeName admit'),
  hostNetworkMacvlan: defineRule('MV174', 'error', 'a hostNetwork pod gets no CNI NICs: it must not carry Multus / Spiderpool network annotations'),
  masterIsBondPort: defineRule('MV175', 'error', 'a macvlan master must not be a bond port on the nodes the pods can run on'),
  vlanIdTwoNames: defineRule('MV176', 'error', 'one VLAN id on one base interface must have one name on a node (across host policies)'),
  macvlanIpvlanMaster: defineRule('MV177', 'error', 'a host interface is the master of macvlan or of ipvlan networks, not both'),
} as const;

/** One problem found by a rule. */
export interface Finding {
  readonly rule: RuleInfo;
  /** The field at fault, as a path (`spec.gateway`, `metadata.annotations[k8s.v1.cni.cncf.io/networks]`). */
  readonly field: string;
  /** What is wrong, quoting the value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Builds a finding. */
export function finding(rule: RuleInfo, field: string, message: string, fix: string): Finding {
  return { rule, field, message, fix };
}

/**
 * One-line rendering used by construct validation and the CLI:
 * `MV004 error: <object> spec.gateway: gateway "10.1.0.1" is outside subnet 10.0.0.0/24. Fix: ...`.
 */
export function formatFinding(f: Finding, subject: string): string {
  return `${f.rule.id} ${f.rule.severity}: ${subject} ${f.field}: ${f.message}. Fix: ${f.fix}`;
}

/** Only the findings that fail synth. */
export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter(f => f.rule.severity === 'error');
}
