import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { MacvlanMode } from '../cni/macvlan-mode';
import { ifacerMaster } from '../cni/spider-multus-config';
import * as k8s from '../k8s';
import { DEFAULT_MTU, IpAddress, IpRange, RangeSet, formatRangeSet } from '../net';
import {
  IMacvlanNetwork, IMacvlanOverlayNetwork, IMacvlanStandaloneNetwork, IfacerBondOptions, IpPool,
  MacvlanOverlayNetwork, MacvlanStandaloneNetwork, NadSource, ReservedIps,
} from '../networks';
import { poolIps } from './address-plan';
import { BondProps } from './bond';
import { DiagramModel, DiagramWorkload, renderMermaid } from './diagram';
import { HostInterfaces, HostInterfacesKind } from './host-interfaces';
import { topologyHostState } from './nmstate-state';
import {
  BOND_SHAPE, OfferingVlan, VLAN_SUBNET_SHAPE, VlanOwner, addHostPolicy, addOfferPools, diagramWorkloadsOf, ifacerBondOf, ipSections, lookupVlan,
  nodePolicyName, offeredNetwork, requiredTermCount, vlanNetworks,
} from './vlan-build';
import { MacvlanError } from '../errors';
import { networkUses } from '../networks/attachment-record';
import { AddressCapacity, PoolCapacity } from '../networks/capacity';
import { podSpecPointer, recordNodeSelector, recordedNodeSelector } from '../networks/placement-record';
import {
  HOSTNAME_LABEL, NODE_COUNT_ANNOTATION, NamedObject, ParsedFamily, ParsedVlan, checkNodeAddressCoverage, checkNodeAddressesAgainstSwitches,
  checkTopologyConsistency, checkTopologyHostPolicy, checkVlanAddressPlans, formatFinding,
} from '../rules';
import { Shape, checkConstructorArgs, checkShape, construct, describeValue, instanceOf, listOf, mapOf, num, obj, opt, req, str } from '../shape';
import { renderSwitchConfigs } from './switch-config/render';
import { SwitchConfig, SwitchVendor } from './switch-config/vendor';
import { SwitchPlan, SwitchRackPlan } from './switch-plan';
import { SWITCHES_SHAPE, buildRackSwitchPlan } from './switch-plan-builder';
import { renderSwitchPlanMarkdown } from './switch-plan-markdown';
import { SwitchesProps } from './switches';
import { VlanOffer, VlanProps, VlanSubnetProps } from './vlan';
import { MacvlanNetwork } from '../networks/macvlan-network';
import { ValidationEngine } from '../validation/engine';

/** Props of {@link VlanTopology}. */
export interface VlanTopologyProps {
  /** The host bond that carries the VLANs (on a switch trunk). */
  readonly bond: BondProps;
  /** The VLANs: one sub-interface `<bond>.<id>`, one or two macvlan networks and their pools each. */
  readonly vlans: VlanProps[];
  /**
   * Nodes that have the bond (equality selector): where nmstate configures it, and which switch ports
   * the switch plan covers.
   * @default - every node
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Who creates the bond and the VLAN sub-interfaces on the hosts.
   * @default HostInterfaces.nmstate()
   */
  readonly hostInterfaces?: HostInterfaces;
  /**
   * Namespace of the NetworkAttachmentDefinitions (and SpiderMultusConfigs).
   * @default "kube-system"
   */
  readonly namespace?: string;
  /**
   * How many nodes match `nodeSelector`. A DaemonSet placed with {@link VlanTopology.placeWorkload} runs one pod
   * per such node, which is its address demand (written as the `capacity.cdk8s-macvlan.io/nodes` annotation).
   * @default - unknown: such a DaemonSet's demand is reported as unknown
   */
  readonly nodeCount?: number;
  /**
   * Capacity warning threshold (rule MV171) of every pool of the topology, percent of its addresses.
   * @default 90
   */
  readonly capacityWarnPercent?: number;
  /**
   * The switches the bond members are cabled to: one switch, or a redundant pair (MLAG with a peer link and
   * a first-hop redundancy gateway, or a stack), with the node ports. Read by {@link VlanTopology.switchPlan}
   * and the switch configurations.
   * @default - one switch named "switch", every bond member cabled to it, its VLANIF addresses the gateways
   */
  readonly switches?: SwitchesProps;
}

/** The shape of one family's plan (what the addresses say is for the topology rules). */
const SUBNET_SHAPE = VLAN_SUBNET_SHAPE;
/** Numbers and enum strings: their values are for the rules (MV026, MV029-MV031, MV033, MV017). */
const PROPS_SHAPE: Shape = obj('VlanTopologyProps', {
  bond: req(BOND_SHAPE),
  vlans: req(listOf(obj('VlanProps', {
    id: req(num()),
    ipv4: opt(SUBNET_SHAPE),
    ipv6: opt(SUBNET_SHAPE),
    offer: opt(str('both')),
    mtu: opt(num()),
    macvlanMtu: opt(num()),
    macvlanMode: opt(str('bridge')),
    standaloneNetworkName: opt(str()),
    overlayNetworkName: opt(str()),
  }))),
  nodeSelector: opt(mapOf(str())),
  hostInterfaces: opt(instanceOf(HostInterfaces, 'HostInterfaces', 'HostInterfaces.nmstate(), HostInterfaces.spiderpoolIfacer() or HostInterfaces.preExisting()')),
  namespace: opt(str('kube-system')),
  nodeCount: opt(num()), // values: the capacity rules'
  capacityWarnPercent: opt(num()),
  switches: opt(SWITCHES_SHAPE),
});

/** A workload's NIC on one of a topology's networks (attached with `PodNetworks...applyTo`). */
export interface TopologyWorkload {
  /** The workload's kind, e.g. `Deployment`. */
  readonly kind: string;
  /** The workload's object name. */
  readonly name: string;
  /**
   * The workload's namespace.
   * @default - none set on the workload (the namespace it is applied to)
   */
  readonly namespace?: string;
  /** The workload's construct path. */
  readonly constructPath: string;
  /** The NIC's interface name in the pod (eth0, net1, ...). */
  readonly interfaceName: string;
  /** The VLAN of the network. */
  readonly vlanId: number;
  /** STANDALONE or OVERLAY: which of the VLAN's networks the NIC is on. */
  readonly offer: VlanOffer;
}

interface BuiltVlan {
  readonly parsed: ParsedVlan<VlanProps>;
  readonly iface: string;
  readonly mtu: number;
  readonly standalone?: MacvlanStandaloneNetwork;
  readonly overlay?: MacvlanOverlayNetwork;
  readonly multusConfigs: MacvlanNetwork[];
  readonly reserved: ReservedIps[];
}

/**
 * The bond + VLAN fabric of the seed's "Other" topology, from host NICs to pod annotations: host NICs
 * bonded into a bond on a switch trunk, one VLAN sub-interface `<bond>.<id>` per VLAN, per VLAN a
 * macvlan-standalone and/or macvlan-overlay network whose master is the sub-interface, and per network one
 * Spiderpool pool per IP family whose gateway is the switch's VLANIF address.
 *
 * Hand a VLAN's network to pods with `PodNetworks.standalone(topology.standaloneNetwork(100))` or
 * `PodNetworks.overlay(topology.overlayNetwork(100))`. `switchPlan()` and `renderSwitchPlanMarkdown()`
 * describe the switch side, `renderMermaid()` draws the whole path.
 *
 * The bond and VLANs are checked with the NodeNetworkConfigurationPolicy rules `cdk8s-macvlan lint` runs on
 * hand-written policies, on the desired state built from the props (whoever creates the interfaces), and
 * reported against the props. Problems the children would otherwise echo (VLAN ids, interface names, bond
 * members, malformed addresses, a gateway outside its subnet, overlapping VLAN subnets) throw here, all in
 * one error. Bond mode and options, MTUs, name clashes and ifacer limits are reported at synth with every
 * other validation error.
 */
export class VlanTopology extends Construct {
  /** The bond's interface name. */
  public readonly bondName: string;
  /** The bond MTU. */
  public readonly bondMtu: number;
  /** Who creates the host interfaces. */
  public readonly hostInterfaces: HostInterfaces;
  /**
   * The NodeNetworkConfigurationPolicy (nmstate host interfaces only, and no static node addresses: with them
   * the host side is one policy per node, see {@link hostPolicies}).
   */
  public readonly hostPolicy?: k8s.NodeNetworkConfigurationPolicy;

  private readonly policies: k8s.NodeNetworkConfigurationPolicy[] = [];
  /** The nodes with static addresses (one policy each), sorted; empty: one policy. */
  private readonly addressedNodes: string[] = [];

  private readonly props: VlanTopologyProps;
  private readonly rackPlan: SwitchRackPlan;
  private readonly vlans = new Map<number, BuiltVlan>();
  private ownerInfo?: VlanOwner;

  constructor(scope: Construct, id: string, props: VlanTopologyProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new VlanTopology()');
    super(scope, id);
    this.props = props;
    this.bondName = props.bond.name ?? 'bond0';
    this.bondMtu = props.bond.mtu ?? DEFAULT_MTU;
    this.hostInterfaces = props.hostInterfaces ?? HostInterfaces.nmstate();
    const namespace = props.namespace ?? MacvlanNetwork.DEFAULT_NAMESPACE;

    // The host interfaces as nmstate gets them (emitted for nmstate, built only to be checked otherwise).
    const kind = this.hostInterfaces.kind;
    const vlanProps = props.vlans ?? [];
    const hostState = topologyHostState(this.bondName, props.bond, this.bondMtu, vlanProps);
    const nodeSelector = props.nodeSelector && Object.keys(props.nodeSelector).length > 0 ? { ...props.nodeSelector } : undefined;
    const maxUnavailable = this.hostInterfaces.maxUnavailable;
    const policyName = kind === HostInterfacesKind.NMSTATE
      ? this.hostInterfaces.policyName ?? `${this.bondName.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'bond'}-vlans`
      : undefined;
    const hostFindings = checkTopologyHostPolicy(hostState, vlanProps, { nodeSelector, maxUnavailable }, policyName);
    const structure = checkVlanAddressPlans(vlanProps, hostFindings.badVlans);
    // (with static node addresses the host interfaces are configured per listed node: every declared node listed)
    const addressedNodes = [...new Set(structure.vlans.flatMap(v => v.families.flatMap(f => f.nodeAddresses.map(a => a.node))))].sort();
    const thrown = [...hostFindings.structural, ...structure.findings, ...checkNodeAddressCoverage({
      owner: 'the topology',
      nodes: addressedNodes,
      nodeCount: props.nodeCount,
      nodeCountField: 'nodeCount',
      switchNodes: (props.switches?.nodes ?? []).map(n => n?.node),
      switchNodesField: 'switches.nodes',
    })];
    const subject = `VlanTopology "${this.node.path}"`;
    if (thrown.length > 0) {
      const one = thrown.length === 1 ? thrown[0] : undefined;
      throw new MacvlanError({
        constructPath: this.node.path,
        ruleId: one?.rule.id,
        field: one?.field,
        message: `${subject} has invalid props:\n${thrown.map(f => `  ${formatFinding(f, subject)}`).join('\n')}\n`,
        fix: 'fix each problem listed (all are reported together)',
      });
    }

    // Node addresses: on the VLAN sub-interfaces of the host policy, one policy per node when static.
    const nodes = addressedNodes;
    const withAddresses = structure.vlans.flatMap(v => v.families.filter(f => f.dhcp || f.nodeAddresses.length > 0).map(f => `vlans[${v.index}].ipv${f.family}.nodeAddresses`));
    if (withAddresses.length > 0 && policyName === undefined) {
      throw new MacvlanError({
        constructPath: this.node.path,
        field: withAddresses[0],
        message: `node addresses are configured by the nmstate host policy, and the host interfaces are ${kind === HostInterfacesKind.SPIDERPOOL_IFACER ? 'created by Spiderpool ifacer' : 'pre-existing'}`,
        fix: 'use HostInterfaces.nmstate(), or configure the node addresses where the interfaces are created',
      });
    }
    if (nodes.length > 0 && nodeSelector?.[HOSTNAME_LABEL] !== undefined) {
      throw new MacvlanError({
        constructPath: this.node.path,
        field: `nodeSelector[${HOSTNAME_LABEL}]`,
        message: `with static node addresses every node gets its own policy selected by ${HOSTNAME_LABEL}, which nodeSelector already fixes to "${nodeSelector[HOSTNAME_LABEL]}"`,
        fix: `drop ${HOSTNAME_LABEL} from nodeSelector (list the nodes in nodeAddresses)`,
      });
    }

    if (policyName !== undefined) {
      const byIndex = new Map(structure.vlans.map(v => [v.index, v]));
      const addPolicy = (cid: string, name: string, selector: { [key: string]: string } | undefined, node?: string) => {
        const state = node === undefined && withAddresses.length === 0 ? hostState
          : topologyHostState(this.bondName, props.bond, this.bondMtu, vlanProps, i => ipSections(byIndex, i, node));
        const policy = addHostPolicy(this, cid, name, subject, { nodeSelector: selector, maxUnavailable, interfaces: state.interfaces });
        this.policies.push(policy);
        return policy;
      };
      if (nodes.length === 0) {
        this.hostPolicy = addPolicy('HostPolicy', policyName, nodeSelector);
      } else {
        this.addressedNodes.push(...nodes);
        for (const node of nodes) {
          const name = nodePolicyName(this.node.path, policyName, node, '', 'give a shorter policyName (HostInterfaces.nmstate({ policyName }))');
          addPolicy(`HostPolicy-${node}`, name, { ...nodeSelector ?? {}, [HOSTNAME_LABEL]: node }, node);
        }
      }
    }

    const ordered = [...structure.vlans].sort((a, b) => a.id - b.id);
    // The switch plan first: the switches' own addresses on each VLAN are reserved and kept out of the pools.
    const switches = buildRackSwitchPlan({
      rack: this.node.id,
      nodeSelector: props.nodeSelector,
      bond: this.bondName,
      bondMode: props.bond.mode,
      members: props.bond.members,
      bondMtu: this.bondMtu,
      vlans: ordered.map(v => ({
        id: v.id,
        hostInterface: this.hostInterfaceOf(v.id, kind),
        mtu: v.props.mtu ?? this.bondMtu,
        families: v.families.map(fam => ({
          family: fam.family,
          cidr: fam.cidr,
          gateway: fam.gateway,
          reserved: fam.reserved.toStrings(),
          reservedIpName: fam.props.reservedIpName ?? `vlan${v.id}-reserved-v${fam.family}`,
        })),
      })),
      switches: props.switches,
      field: 'switches',
      constructPath: this.node.path,
    });
    this.rackPlan = switches.plan;
    const switchAddresses = new Map<string, IpAddress[]>();
    for (const v of this.rackPlan.vlans) {
      for (const vi of v.vlanInterfaces) {
        // (an address that does not parse or lies outside the subnet is MV212's, reported at synth: nothing to reserve)
        const own = vi.switchAddresses.map(a => IpAddress.tryParse(a.address)).filter((a): a is IpAddress => a !== undefined);
        switchAddresses.set(`${v.id}/${vi.ipVersion}`, own);
      }
    }
    const named: NamedObject[] = [];
    for (const parsed of ordered) this.vlans.set(parsed.id, this.buildVlan(parsed, namespace, kind, named, switchAddresses));

    // Props-only rules: decided now (reported at synth), so the parsed VLANs and the name list are not kept.
    const propFindings = [
      ...hostFindings.consistency,
      ...checkTopologyConsistency({
        bondMtu: props.bond.mtu, ifacer: kind === HostInterfacesKind.SPIDERPOOL_IFACER, vlans: structure.vlans, objects: named,
      }),
      ...switches.findings,
      ...checkNodeAddressesAgainstSwitches(structure.vlans, i => `vlans[${i}]`, (vid, fam) => this.switchAddressesOf(vid, fam)),
    ];
    ValidationEngine.of(this).addCheck(this, subject, () => propFindings);
  }

  /** The VLAN ids, ascending. */
  public get vlanIds(): number[] {
    return this.sortedVlans().map(v => v.parsed.id);
  }

  /**
   * Every NodeNetworkConfigurationPolicy of the topology: the one {@link hostPolicy}, or with static node
   * addresses one per node (named `<policyName>-<node>`, by node name ascending); empty unless nmstate creates
   * the host interfaces.
   */
  public get hostPolicies(): k8s.NodeNetworkConfigurationPolicy[] {
    return [...this.policies];
  }

  /**
   * The SpiderReservedIP objects, one per VLAN and family (by VLAN id, IPv4 first): the gateway and the VLAN's
   * `reservedIps`, which no pool of the cluster hands out.
   */
  public get reservedIps(): ReservedIps[] {
    return this.sortedVlans().flatMap(v => v.reserved);
  }

  /** The host sub-interface of a VLAN, e.g. `bond0.100`. */
  public vlanInterfaceName(vlanId: number): string {
    return this.vlan(vlanId, 'vlanInterfaceName').iface;
  }

  /**
   * The standalone macvlan network of a VLAN, for `PodNetworks.standalone(...)`. Throws if the VLAN is not
   * part of the topology or not offered STANDALONE/BOTH.
   */
  public standaloneNetwork(vlanId: number): IMacvlanStandaloneNetwork {
    return offeredNetwork(this.owner(), this.offering(this.vlan(vlanId, 'standaloneNetwork')), 'standalone');
  }

  /**
   * The overlay macvlan network of a VLAN, for `PodNetworks.overlay(...)`. Throws if the VLAN is not
   * part of the topology or not offered OVERLAY/BOTH.
   */
  public overlayNetwork(vlanId: number): IMacvlanOverlayNetwork {
    return offeredNetwork(this.owner(), this.offering(this.vlan(vlanId, 'overlayNetwork')), 'overlay');
  }

  /** Every network of the topology, by VLAN id ascending, standalone before overlay. */
  public get networks(): IMacvlanNetwork[] {
    return this.sortedVlans().flatMap(v => vlanNetworks(v));
  }

  /** Every pool of the topology, in the order of {@link networks}. */
  public get pools(): IpPool[] {
    return this.networks.flatMap(n => n.pools);
  }

  /** The SpiderMultusConfig objects (Spiderpool ifacer host interfaces only; empty otherwise). */
  public get multusConfigs(): IMacvlanNetwork[] {
    return this.sortedVlans().flatMap(v => v.multusConfigs);
  }

  /**
   * Every NIC that a `PodNetworks` set applied to a workload has on one of the topology's networks: by VLAN id
   * ascending, standalone before overlay, then in the order the sets were applied.
   */
  public get workloads(): TopologyWorkload[] {
    return this.sortedVlans().flatMap(v => vlanNetworks(v).flatMap(n => networkUses(n).map(u => ({
      kind: u.kind,
      name: u.name,
      ...(u.namespace !== undefined ? { namespace: u.namespace } : {}),
      constructPath: u.workload.node.path,
      interfaceName: u.nic().interfaceName,
      vlanId: v.parsed.id,
      offer: MacvlanOverlayNetwork.isMacvlanOverlayNetwork(n) ? VlanOffer.OVERLAY : VlanOffer.STANDALONE,
    }))));
  }

  /**
   * Schedules a workload's pods only on the topology's nodes (where the bond and its VLANs exist): adds the
   * topology's `nodeSelector` to the pod spec; with static node addresses (one host policy per listed node) also a
   * required node affinity term on `kubernetes.io/hostname` with the listed nodes. A DaemonSet also gets the
   * topology's `nodeCount` as its address demand. Nothing to add when the topology covers every node.
   */
  public placeWorkload(workload: IConstruct): void {
    checkShape(workload, construct('pass a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or Pod'), { call: 'VlanTopology.placeWorkload()', constructPath: this.node.path }, 'workload');
    const selector = this.props.nodeSelector ?? {};
    let api: ApiObject;
    try {
      api = ApiObject.of(workload);
    } catch {
      throw new MacvlanError({
        constructPath: this.node.path,
        field: 'placeWorkload(workload)',
        message: `${describeValue(workload)} is not a workload construct`,
        fix: 'pass a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or Pod',
      });
    }
    if (Object.keys(selector).length > 0) {
      const existing = recordedNodeSelector(workload);
      for (const [k, v] of Object.entries(selector)) {
        if (existing[k] !== undefined && existing[k] !== v) {
          throw new MacvlanError({
            constructPath: workload.node.path,
            field: `nodeSelector[${k}]`,
            message: `the pods are already placed on ${k}=${existing[k]}, and the topology ${this.node.path} needs ${k}=${v}`,
            fix: 'place the workload on one topology, or give the topologies compatible nodeSelectors',
          });
        }
      }
      const merged = { ...existing, ...selector };
      recordNodeSelector(workload, merged);
      api.addJsonPatch(JsonPatch.add(`${podSpecPointer(api.kind)}/nodeSelector`, merged));
    }
    if (this.addressedNodes.length > 0) {
      // with static node addresses the host interfaces exist on the listed nodes only (one policy each)
      const scheduling = (workload as { scheduling?: kplus.PodScheduling }).scheduling;
      if (!scheduling || typeof scheduling.attract !== 'function') {
        throw new MacvlanError({
          constructPath: workload.node.path,
          field: 'placeWorkload(workload)',
          message: `${api.kind} ${api.name} has no cdk8s-plus scheduling, which placing it on the nodes with static addresses needs (a node affinity term on ${HOSTNAME_LABEL})`,
          fix: 'pass a cdk8s-plus workload, or add required node affinity on kubernetes.io/hostname with the listed nodes yourself',
        });
      }
      const required = requiredTermCount(scheduling);
      if (required > 0) {
        throw new MacvlanError({
          constructPath: workload.node.path,
          field: 'scheduling',
          message: `${api.kind} ${api.name} already has ${required} required node affinity term(s); Kubernetes ORs the terms, so the topology's term (its nodes with static addresses) would widen where the pods run instead of narrowing it`,
          fix: 'place the workload first and express the rest as nodeSelector entries',
        });
      }
      scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.in(HOSTNAME_LABEL, this.addressedNodes)));
      recordNodeSelector(workload, {}); // where the pods run changed what the workload rules read
    }
    if (api.kind === 'DaemonSet' && this.props.nodeCount !== undefined) {
      api.metadata.addAnnotation(NODE_COUNT_ANNOTATION, String(this.props.nodeCount));
      recordNodeSelector(workload, {}); // the node count changed what the workload rules read
    }
  }

  /**
   * Address capacity of the topology's pools: allocatable addresses, the peak pod count of every workload of the
   * app on each pool, and the status (rules MV170 / MV171). Call after the app is complete.
   */
  public capacityReport(): PoolCapacity[] {
    const mine = new Set(this.pools.map(p => p.name));
    return AddressCapacity.report(this).filter(r => mine.has(r.pool));
  }

  /**
   * What the switches need: one rack (named after the topology's id) with its switch or redundant pair, the
   * ports facing the bond members and their grouping, allowed VLANs, MTU, the peer link of a pair, and per
   * VLAN the gateway addresses (virtual and per switch).
   */
  public switchPlan(): SwitchPlan {
    return { racks: [JSON.parse(JSON.stringify(this.rackPlan)) as SwitchRackPlan] };
  }

  /**
   * The configuration text of each switch of the plan for a vendor (one per switch; one for a stack): VLANs,
   * node-facing port channels with LACP, allowed VLANs, MTU, the peer link and MLAG / vPC / M-LAG domain of
   * a pair, and the VLAN interfaces with their addresses and first-hop redundancy.
   * @param vendor `SwitchVendor.huaweiVrp()`, `SwitchVendor.ciscoNxos()` or `SwitchVendor.aristaEos()`
   */
  public switchConfig(vendor: SwitchVendor): SwitchConfig[] {
    checkShape(vendor, instanceOf(SwitchVendor, 'SwitchVendor', 'SwitchVendor.huaweiVrp(), SwitchVendor.ciscoNxos() or SwitchVendor.aristaEos()'),
      { call: 'VlanTopology.switchConfig()', constructPath: this.node.path }, 'vendor');
    return renderSwitchConfigs(this.switchPlan(), vendor, this.node.path);
  }

  /** The switch plan as a Markdown document, with the address capacity of the topology's pools. */
  public renderSwitchPlanMarkdown(): string {
    return renderSwitchPlanMarkdown(this.switchPlan(), `VLAN topology \`${this.node.path}\``, AddressCapacity.renderMarkdown(this.capacityReport()));
  }

  /** A Mermaid flowchart: NICs -> bond -> VLAN sub-interfaces -> networks -> pools (gateway) -> workloads. */
  public renderMermaid(): string {
    const kind = this.hostInterfaces.kind;
    const model: DiagramModel = {
      title: `cdk8s-macvlan VlanTopology ${this.node.path}`,
      hostLabel: kind === HostInterfacesKind.NMSTATE
        ? this.hostPolicy ? `Host (nmstate policy ${this.hostPolicy.name})` : `Host (nmstate, one policy per node: ${this.policies.length})`
        : kind === HostInterfacesKind.SPIDERPOOL_IFACER ? 'Host (created by Spiderpool ifacer at pod start)' : 'Host (pre-existing interfaces)',
      vlanNote: '',
      bond: { name: this.bondName, mode: this.props.bond.mode, members: this.props.bond.members },
      vlans: this.sortedVlans().map(v => ({
        id: v.parsed.id,
        iface: v.iface,
        networks: vlanNetworks(v).map(n => ({
          qualifiedName: n.qualifiedName,
          kind: MacvlanOverlayNetwork.isMacvlanOverlayNetwork(n) ? 'overlay' as const : 'standalone' as const,
          pools: n.pools.map(p => ({ name: p.name, subnet: p.subnet, gateway: p.gateway })),
        })),
      })),
      workloads: this.diagramWorkloads(),
    };
    return renderMermaid(model);
  }

  /** One entry per workload (first NIC's order), with the pools each of its NICs on the topology allocates from. */
  private diagramWorkloads(): DiagramWorkload[] {
    return diagramWorkloadsOf(this.sortedVlans().map(v => ({ id: v.parsed.id, networks: vlanNetworks(v) })));
  }

  /** The host sub-interface of VLAN `id` (the macvlan master). */
  private hostInterfaceOf(id: number, kind: HostInterfacesKind): string {
    const members = this.props.bond.members;
    // ifacer bonds only two or more NICs; with one it puts the VLAN straight on the NIC.
    return kind === HostInterfacesKind.SPIDERPOOL_IFACER ? ifacerMaster(members, id, members.length > 1 ? this.bondName : undefined) : `${this.bondName}.${id}`;
  }

  private buildVlan(parsed: ParsedVlan<VlanProps>, namespace: string, kind: HostInterfacesKind, named: NamedObject[],
    switchAddresses: ReadonlyMap<string, readonly IpAddress[]>): BuiltVlan {
    const v = parsed.props;
    const id = parsed.id;
    const ifacer = kind === HostInterfacesKind.SPIDERPOOL_IFACER;
    const members = this.props.bond.members;
    const iface = this.hostInterfaceOf(id, kind);
    // The VLAN's networks and pools are direct children (`vlan<id>-standalone`, `vlan<id>-standalone-v4`, ...):
    // a scope construct per VLAN would only add thousands of nodes to every synth pass.
    const field = `vlans[${parsed.index}]`;
    const common = {
      master: iface,
      namespace,
      mode: v.macvlanMode ?? MacvlanMode.BRIDGE,
      mtu: v.macvlanMtu,
      ...(ifacer ? {
        // Spiderpool generates the NAD from a SpiderMultusConfig whose ifacer creates the bond and VLAN at pod start.
        source: NadSource.SPIDER_MULTUS_CONFIG,
        ifacer: { interfaces: [...members], vlanId: id, ...(members.length > 1 ? { bond: this.ifacerBond() } : {}) },
      } : {}),
    };

    // Per family: the SpiderReservedIP (gateway and reservedIps), and the addresses no derived pool range gets.
    const ipsByFamily = new Map<ParsedFamily<VlanSubnetProps>, ReturnType<typeof poolIps>>();
    const reserved: ReservedIps[] = [];
    for (const f of parsed.families) {
      const gw = RangeSet.of(f.family, [IpRange.of(f.gateway, f.gateway)]);
      // the switches' own addresses (with one switch: the gateway itself)
      const own = RangeSet.of(f.family, (switchAddresses.get(`${id}/${f.family}`) ?? []).filter(a => f.cidr.contains(a)).map(a => IpRange.of(a, a)));
      const nodeIps = RangeSet.of(f.family, f.nodeAddresses.map(a => IpRange.of(a.ip, a.ip)));
      ipsByFamily.set(f, poolIps(f, parsed.offer, f.reserved.union(own.subtract(gw)).union(nodeIps)));
      const name = f.props.reservedIpName ?? `vlan${id}-reserved-v${f.family}`;
      named.push({ kind: 'SpiderReservedIP', name, field: `${field}.ipv${f.family}.reservedIpName` });
      reserved.push(new ReservedIps(this, `vlan${id}-reserved-v${f.family}`, { name, ipVersion: f.family, ips: formatRangeSet(gw.union(own).union(f.reserved)) }));
    }
    const makePools = (offer: 'standalone' | 'overlay'): IpPool[] => addOfferPools(this, {
      families: parsed.families,
      offer,
      ips: ipsByFamily,
      named,
      idOf: fam => `vlan${id}-${offer}-v${fam}`,
      fieldOf: fam => `${field}.ipv${fam}`,
      capacityWarnPercent: this.props.capacityWarnPercent,
    });

    let standalone: MacvlanStandaloneNetwork | undefined;
    let overlay: MacvlanOverlayNetwork | undefined;
    if (parsed.offer !== VlanOffer.OVERLAY) {
      const name = v.standaloneNetworkName ?? `macvlan-standalone-vlan${id}`;
      named.push({ kind: 'NetworkAttachmentDefinition', name: `${namespace}/${name}`, field: `${field}.standaloneNetworkName` });
      standalone = new MacvlanStandaloneNetwork(this, `vlan${id}-standalone`, Object.assign({}, common, { name, pools: makePools('standalone') }));
    }
    if (parsed.offer !== VlanOffer.STANDALONE) {
      const name = v.overlayNetworkName ?? `macvlan-overlay-vlan${id}`;
      named.push({ kind: 'NetworkAttachmentDefinition', name: `${namespace}/${name}`, field: `${field}.overlayNetworkName` });
      overlay = new MacvlanOverlayNetwork(this, `vlan${id}-overlay`, Object.assign({}, common, { name, pools: makePools('overlay') }));
    }

    const multusConfigs = [standalone, overlay].filter((n): n is MacvlanStandaloneNetwork | MacvlanOverlayNetwork =>
      n !== undefined && n.source === NadSource.SPIDER_MULTUS_CONFIG);
    return { parsed, iface, mtu: v.mtu ?? this.bondMtu, standalone, overlay, multusConfigs, reserved };
  }

  /** The switches' own addresses on a VLAN for one family, from the switch plan. */
  private switchAddressesOf(vlanId: number, family: number): Array<{ switchName: string; address: string }> {
    return this.rackPlan.vlans.find(v => v.id === vlanId)?.vlanInterfaces.find(vi => vi.ipVersion === family)?.switchAddresses ?? [];
  }

  /** The bond as Spiderpool's ifacer takes it: kernel mode number and `k=v;k=v` options. */
  private ifacerBond(): IfacerBondOptions {
    return ifacerBondOf(this.bondName, this.props.bond);
  }

  private vlan(vlanId: number, method: string): BuiltVlan {
    return lookupVlan(this.owner(), this.vlans, vlanId, method);
  }

  private owner(): VlanOwner {
    // (the VLAN ids are listed only by an error: not sorted on every network lookup)
    const self = this;
    return this.ownerInfo ??= { construct: this, className: 'VlanTopology', variable: 'topology', get vlanIds() { return self.vlanIds; } };
  }

  private offering(v: BuiltVlan): OfferingVlan {
    return { id: v.parsed.id, offer: v.parsed.offer, standalone: v.standalone, overlay: v.overlay };
  }

  private sortedVlans(): BuiltVlan[] {
    return [...this.vlans.values()].sort((a, b) => a.parsed.id - b.parsed.id);
  }
}

