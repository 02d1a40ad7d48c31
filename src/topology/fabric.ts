import { ApiObject, JsonPatch } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct, IConstruct } from 'constructs';
import { MacvlanMode } from '../cni/macvlan-mode';
import * as k8s from '../k8s';
import { DEFAULT_MTU, IpAddress, IpRange, RangeSet, formatRangeSet } from '../net';
import {
  IMacvlanNetwork, IMacvlanOverlayNetwork, IMacvlanStandaloneNetwork, IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork,
  ReservedIps,
} from '../networks';
import { PoolIps, poolIps } from './address-plan';
import { BondProps } from './bond';
import { DiagramModel, renderMermaid } from './diagram';
import { FabricPlacementOptions, FabricProps, FabricRackProps, FabricVlanProps } from './fabric-props';
import { HostInterfaces, HostInterfacesKind } from './host-interfaces';
import { hostStateOf } from './nmstate-state';
import { Shape, checkConstructorArgs, checkShape, construct, describeValue, instanceOf, listOf, mapOf, num, obj, opt, req, str } from '../shape';
import { renderSwitchConfigs } from './switch-config/render';
import { SwitchConfig, SwitchVendor } from './switch-config/vendor';
import { SwitchPlan, SwitchRackPlan } from './switch-plan';
import { SWITCHES_SHAPE, buildRackSwitchPlan } from './switch-plan-builder';
import { renderSwitchPlanMarkdown } from './switch-plan-markdown';
import { VlanOffer, VlanSubnetProps } from './vlan';
import {
  OfferingVlan, VLAN_SUBNET_SHAPE, VlanOwner, addHostPolicy, addOfferPools, defaultPolicyName, diagramWorkloadsOf, ifacerNetworkOf, ipSections,
  BOND_SHAPE, lookupVlan, nodePolicyName, offeredNetwork, requiredTermCount, vlanNetworks,
} from './vlan-build';
import { MacvlanError } from '../errors';
import { AddressCapacity, PoolCapacity } from '../networks/capacity';
import { MacvlanNetwork } from '../networks/macvlan-network';
import { podSpecPointer, recordNodeSelector, recordedNodeSelector } from '../networks/placement-record';
import {
  Finding, HOSTNAME_LABEL, NODE_COUNT_ANNOTATION, NamedObject, ParsedFamily, ParsedRack, ParsedVlan, checkFabricNodeAddresses, checkFabricRacks,
  checkFabricSubnets, checkNodeAddressCoverage, checkNodeAddressesAgainstSwitches,
  checkTopologyConsistency, checkTopologyHostPolicy, checkVlanAddressPlans, formatFinding,
} from '../rules';
import { ValidationEngine } from '../validation/engine';

const SUBNET_SHAPE = VLAN_SUBNET_SHAPE;
/** Numbers and enum strings: their values are for the rules. */
const PROPS_SHAPE: Shape = obj('FabricProps', {
  bond: req(BOND_SHAPE),
  vlans: req(listOf(obj('FabricVlanProps', {
    id: req(num()),
    offer: opt(str('both')),
    mtu: opt(num()),
    macvlanMtu: opt(num()),
    macvlanMode: opt(str('bridge')),
    standaloneNetworkName: opt(str()),
    overlayNetworkName: opt(str()),
  }))),
  racks: req(listOf(obj('FabricRackProps', {
    name: req(str('rack1')),
    nodeSelector: req(mapOf(str())),
    vlans: req(listOf(obj('FabricRackVlanProps', { id: req(num()), ipv4: opt(SUBNET_SHAPE), ipv6: opt(SUBNET_SHAPE) }))),
    bond: opt(BOND_SHAPE),
    switches: opt(SWITCHES_SHAPE),
    nodeCount: opt(num()),
  }))),
  hostInterfaces: opt(instanceOf(HostInterfaces, 'HostInterfaces', 'HostInterfaces.nmstate(), HostInterfaces.spiderpoolIfacer() or HostInterfaces.preExisting()')),
  namespace: opt(str('kube-system')),
  capacityWarnPercent: opt(num()),
});
const PLACEMENT_SHAPE = obj('FabricPlacementOptions', { racks: opt(listOf(str('rack1'))) });

/** A rack's VLAN as built: its parsed plan and its pools per offer. */
interface RackVlan {
  readonly parsed: ParsedVlan<{ id: number; ipv4?: VlanSubnetProps; ipv6?: VlanSubnetProps; offer?: VlanOffer }>;
  readonly standalonePools: IpPool[];
  readonly overlayPools: IpPool[];
}

interface BuiltRack {
  readonly index: number;
  readonly props: FabricRackProps;
  readonly bond: BondProps;
  readonly bondMtu: number;
  readonly vlans: Map<number, RackVlan>;
  /** The rack's one host policy (none with static node addresses: then one per node). */
  readonly hostPolicy?: k8s.NodeNetworkConfigurationPolicy;
  readonly hostPolicies: k8s.NodeNetworkConfigurationPolicy[];
  /** The nodes with static addresses (each has its own policy), sorted; empty: one policy for the rack. */
  readonly addressedNodes: string[];
  readonly switchPlan: SwitchRackPlan;
}

interface BuiltVlan {
  readonly index: number;
  readonly props: FabricVlanProps;
  readonly offer: VlanOffer;
  readonly standalone?: MacvlanStandaloneNetwork;
  readonly overlay?: MacvlanOverlayNetwork;
}

/**
 * A fabric of racks, each with its own top-of-rack switches and its own subnet per VLAN (layer 3 between the
 * racks), and networks that span the racks. Per VLAN one macvlan-standalone and/or macvlan-overlay network (the
 * master `<bond>.<id>` is the same on every rack, so the NetworkAttachmentDefinition is one for all racks); per
 * rack, network and family one Spiderpool pool pinned to the rack's nodes with `nodeAffinity`; per rack one
 * nmstate host policy for its bond and VLANs, selecting the rack's nodes.
 *
 * A pod attached to a spanning network lists every rack's pools for its NIC; Spiderpool keeps the pools whose
 * nodeAffinity matches the pod's node and allocates from the first of them with a free address
 * (spidernet-io/spiderpool `pkg/ipam/allocate.go`, `filterPoolCandidates` / `selectByPod` drop a pool whose
 * `nodeAffinity` does not match the node's labels, then `allocateIPFromCandidate` tries the rest in order), so
 * the pod gets its rack's subnet and gateway. Rack selectors that can select one node are an error (MV191) for
 * that reason.
 *
 * Place workloads on the fabric's nodes with {@link placeWorkload} (every rack, or some). The racks' names,
 * selectors, VLANs and subnets are checked at construction (MV190-MV193) with each rack's address plan and host
 * policy rules, all problems in one error.
 */
export class Fabric extends Construct {
  /** The bond's interface name (the same on every rack). */
  public readonly bondName: string;
  /** Who creates the host interfaces. */
  public readonly hostInterfaces: HostInterfaces;

  private readonly fabricBond: BondProps;
  private readonly racks: BuiltRack[] = [];
  private readonly vlans = new Map<number, BuiltVlan>();
  private ownerInfo?: VlanOwner;
  private readonly placed = new WeakSet<IConstruct>();

  constructor(scope: Construct, id: string, props: FabricProps) {
    checkConstructorArgs(scope, id, props, PROPS_SHAPE, 'new Fabric()');
    super(scope, id);
    this.bondName = props.bond.name ?? 'bond0';
    this.fabricBond = props.bond;
    this.hostInterfaces = props.hostInterfaces ?? HostInterfaces.nmstate();
    const subject = `Fabric "${this.node.path}"`;
    const kind = this.hostInterfaces.kind;
    const ifacer = kind === HostInterfacesKind.SPIDERPOOL_IFACER;
    // With Spiderpool ifacer the bond is part of each network's SpiderMultusConfig, and a network (its one NAD)
    // spans the racks: every rack bonds the fabric's NICs the fabric's way.
    const ownBond = ifacer ? props.racks.findIndex(r => r.bond !== undefined) : -1;
    if (ownBond >= 0) {
      throw new MacvlanError({
        constructPath: this.node.path,
        field: `racks[${ownBond}].bond`,
        message: `rack "${props.racks[ownBond].name}" has a bond of its own, but with Spiderpool ifacer the bond (NICs, mode, options) is written into each network's SpiderMultusConfig, and one network, with one SpiderMultusConfig, spans every rack: ifacer would build the fabric's bond on this rack's nodes too`,
        fix: 'give every rack the fabric\'s bond (drop racks[].bond), or create the host interfaces with HostInterfaces.nmstate() (one policy per rack, each with its own bond)',
      });
    }
    const namespace = props.namespace ?? MacvlanNetwork.DEFAULT_NAMESPACE;
    const fabricVlans = props.vlans;
    const vlanIndex = new Map<number, number>();
    fabricVlans.forEach((v, i) => { if (!vlanIndex.has(v.id)) vlanIndex.set(v.id, i); });
    const bondMtu = props.bond.mtu ?? DEFAULT_MTU;
    const policyBase = kind === HostInterfacesKind.NMSTATE ? this.hostInterfaces.policyName ?? defaultPolicyName(this.bondName) : undefined;
    const maxUnavailable = this.hostInterfaces.maxUnavailable;
    const addressed = props.racks.flatMap((r, i) => (r.vlans ?? []).flatMap((v, j) =>
      (['ipv4', 'ipv6'] as const).filter(fam => v[fam]?.nodeAddresses !== undefined).map(fam => `racks[${i}].vlans[${j}].${fam}.nodeAddresses`)));
    if (addressed.length > 0 && policyBase === undefined) {
      throw new MacvlanError({
        constructPath: this.node.path,
        field: addressed[0],
        message: `node addresses are configured by the racks' nmstate host policies, and the host interfaces are ${ifacer ? 'created by Spiderpool ifacer' : 'pre-existing'}`,
        fix: 'use HostInterfaces.nmstate() (the default), or configure the node addresses where the interfaces are created',
      });
    }

    // The fabric's bond and every VLAN (ids, interface names, MTUs), then each rack with a bond of its own.
    const host = checkTopologyHostPolicy(hostStateOf(this.bondName, props.bond, bondMtu, fabricVlans.map((v, index) => ({ v, index }))),
      fabricVlans, { maxUnavailable }, policyBase);
    const structural: Finding[] = [...host.structural];
    const consistency: Finding[] = [...host.consistency];
    const rackVlansOf = (r: FabricRackProps) => (r.vlans ?? []).flatMap(rv => {
      const index = vlanIndex.get(rv.id);
      return index === undefined ? [] : [{ v: { id: rv.id, mtu: fabricVlans[index].mtu }, index }];
    });
    props.racks.forEach((r, i) => {
      if (r.bond === undefined) return;
      const rackBondMtu = r.bond.mtu ?? DEFAULT_MTU;
      const found = checkTopologyHostPolicy(hostStateOf(this.bondName, r.bond, rackBondMtu, rackVlansOf(r)), fabricVlans,
        { nodeSelector: r.nodeSelector }, policyBase && `${policyBase}-${r.name}`, { bond: `racks[${i}].bond`, nodeSelector: `racks[${i}].nodeSelector` });
      structural.push(...found.structural);
      consistency.push(...found.consistency);
    });

    // The racks themselves, then each rack's address plan, then the subnets across racks.
    const rackInputs = props.racks.map(r => ({ name: r.name, nodeSelector: r.nodeSelector, vlans: r.vlans ?? [], bondName: r.bond?.name }));
    structural.push(...checkFabricRacks(rackInputs,
      fabricVlans.map(v => v.id), this.bondName));
    const parsedRacks: Array<ParsedRack & { readonly parsedVlans: RackVlan['parsed'][] }> = [];
    props.racks.forEach((r, i) => {
      const entries = (r.vlans ?? []).map(rv => ({ id: rv.id, ipv4: rv.ipv4, ipv6: rv.ipv6, offer: fabricVlans[vlanIndex.get(rv.id) ?? -1]?.offer }));
      const bad = new Set<number>();
      const seen = new Set<number>();
      entries.forEach((e, j) => {
        const index = vlanIndex.get(e.id);
        if (index === undefined || host.badVlans.has(index) || seen.has(e.id)) bad.add(j);
        seen.add(e.id);
      });
      const plans = checkVlanAddressPlans(entries, bad, { list: `racks[${i}].vlans`, owner: `rack "${r.name}"` });
      structural.push(...plans.findings);
      parsedRacks.push({ index: i, name: r.name, vlans: plans.vlans, parsedVlans: plans.vlans });
    });
    structural.push(...checkFabricSubnets(parsedRacks));
    // Static node addresses: per rack the listed nodes (each gets its own policy), in one rack only, every node
    // the rack declares listed.
    const rackNodes = props.racks.map((r, i) => {
      const nodes = new Map<string, string>();
      for (const v of parsedRacks[i].parsedVlans) {
        for (const f of v.families) for (const a of f.nodeAddresses) if (!nodes.has(a.node)) nodes.set(a.node, `racks[${i}].vlans[${v.index}].ipv${f.family}.nodeAddresses[${a.node}]`);
      }
      if (nodes.size > 0 && r.nodeSelector?.[HOSTNAME_LABEL] !== undefined) {
        throw new MacvlanError({
          constructPath: this.node.path,
          field: `racks[${i}].nodeSelector[${HOSTNAME_LABEL}]`,
          message: `with static node addresses every node of rack "${r.name}" gets its own policy selected by ${HOSTNAME_LABEL}, which the rack's nodeSelector already fixes to "${r.nodeSelector[HOSTNAME_LABEL]}"`,
          fix: `drop ${HOSTNAME_LABEL} from the rack's nodeSelector (list the nodes in nodeAddresses)`,
        });
      }
      structural.push(...checkNodeAddressCoverage({
        owner: `rack "${r.name}"`,
        nodes: [...nodes.keys()],
        nodeCount: r.nodeCount,
        nodeCountField: `racks[${i}].nodeCount`,
        switchNodes: (r.switches?.nodes ?? []).map(n => n?.node),
        switchNodesField: `racks[${i}].switches.nodes`,
      }));
      return { name: r.name, nodes };
    });
    structural.push(...checkFabricNodeAddresses(rackNodes));
    if (structural.length > 0) {
      const one = structural.length === 1 ? structural[0] : undefined;
      throw new MacvlanError({
        constructPath: this.node.path,
        ruleId: one?.rule.id,
        field: one?.field,
        message: `${subject} has invalid props:\n${structural.map(f => `  ${formatFinding(f, subject)}`).join('\n')}\n`,
        fix: 'fix each problem listed (all are reported together)',
      });
    }

    // Per rack: its switches, its reserved addresses and pools per VLAN (pinned to its nodes), its host policy.
    const named: NamedObject[] = [];
    props.racks.forEach((r, i) => {
      const rackBond = r.bond ?? props.bond;
      const rackBondMtu = rackBond.mtu ?? DEFAULT_MTU;
      const parsedVlans = [...parsedRacks[i].parsedVlans].sort((a, b) => a.id - b.id);
      // The rack's switches (one, or a redundant pair), from the parsed VLANs.
      const switches = buildRackSwitchPlan({
        rack: r.name,
        nodeSelector: r.nodeSelector,
        bond: this.bondName,
        bondMode: rackBond.mode,
        members: rackBond.members,
        bondMtu: rackBondMtu,
        vlans: parsedVlans.map(p => ({
          id: p.id,
          hostInterface: this.masterOf(p.id),
          mtu: fabricVlans[vlanIndex.get(p.id)!].mtu ?? rackBondMtu,
          families: p.families.map(fam => ({
            family: fam.family,
            cidr: fam.cidr,
            gateway: fam.gateway,
            reserved: fam.reserved.toStrings(),
            reservedIpName: fam.props.reservedIpName ?? `${r.name}-reserved-v${fam.family}`,
          })),
        })),
        switches: r.switches,
        field: `racks[${i}].switches`,
        constructPath: this.node.path,
        defaultSwitchName: `${r.name}-switch`,
      });
      consistency.push(...switches.findings);
      consistency.push(...checkNodeAddressesAgainstSwitches(parsedVlans, j => `racks[${i}].vlans[${j}]`, (vid, fam) =>
        switches.plan.vlans.find(v => v.id === vid)?.vlanInterfaces.find(vi => vi.ipVersion === fam)?.switchAddresses ?? []));
      // (an address that does not parse or lies outside the subnet is MV212's, reported at synth: nothing to reserve)
      const own = new Map<string, IpAddress[]>();
      for (const v of switches.plan.vlans) {
        for (const vi of v.vlanInterfaces) {
          own.set(`${v.id}/${vi.ipVersion}`, vi.switchAddresses.map(x => IpAddress.tryParse(x.address)).filter((x): x is IpAddress => x !== undefined));
        }
      }

      const built = new Map<number, RackVlan>();
      const nodeAffinity = { matchLabels: { ...r.nodeSelector } };
      // Per family the rack's SpiderReservedIP: every VLAN's gateway, switch addresses and reservedIps (one object
      // per rack and family, not per VLAN: Spiderpool reserves an address whatever its subnet, and a 16-rack,
      // 4094-VLAN fabric stays at one object per pool), a VLAN with its own reservedIpName gets its own.
      const rackReserved = new Map<number, IpRange[]>();
      for (const parsed of parsedVlans) {
        // Per family, as VlanTopology: the reserved addresses, kept out of the derived pool ranges.
        const ips = new Map<ParsedFamily<VlanSubnetProps>, PoolIps>();
        for (const f of parsed.families) {
          const gw = RangeSet.of(f.family, [IpRange.of(f.gateway, f.gateway)]);
          const switchIps = RangeSet.of(f.family, (own.get(`${parsed.id}/${f.family}`) ?? []).filter(x => f.cidr.contains(x)).map(x => IpRange.of(x, x)));
          const nodeIps = RangeSet.of(f.family, f.nodeAddresses.map(a => IpRange.of(a.ip, a.ip)));
          ips.set(f, poolIps(f, parsed.offer, f.reserved.union(switchIps.subtract(gw)).union(nodeIps)));
          const reserved = [...gw.ranges, ...switchIps.ranges, ...f.reserved.ranges];
          if (f.props.reservedIpName !== undefined) {
            named.push({ kind: 'SpiderReservedIP', name: f.props.reservedIpName, field: `racks[${i}].vlans[${parsed.index}].ipv${f.family}.reservedIpName` });
            new ReservedIps(this, `vlan${parsed.id}-reserved-${r.name}-v${f.family}`, {
              name: f.props.reservedIpName, ipVersion: f.family, ips: formatRangeSet(RangeSet.of(f.family, reserved)),
            });
          } else {
            const list = rackReserved.get(f.family);
            if (list) list.push(...reserved); else rackReserved.set(f.family, reserved);
          }
        }
        const pools = (offer: 'standalone' | 'overlay') => addOfferPools(this, {
          families: parsed.families,
          offer,
          ips,
          named,
          nodeAffinity,
          idOf: fam => `vlan${parsed.id}-${offer}-${r.name}-v${fam}`,
          fieldOf: fam => `racks[${i}].vlans[${parsed.index}].ipv${fam}`,
          capacityWarnPercent: props.capacityWarnPercent,
        });
        built.set(parsed.id, {
          parsed,
          standalonePools: parsed.offer !== VlanOffer.OVERLAY ? pools('standalone') : [],
          overlayPools: parsed.offer !== VlanOffer.STANDALONE ? pools('overlay') : [],
        });
      }
      for (const [family, ranges] of [...rackReserved.entries()].sort(([a], [b]) => a - b)) {
        const name = `${r.name}-reserved-v${family}`;
        named.push({ kind: 'SpiderReservedIP', name, field: `racks[${i}].name` });
        new ReservedIps(this, name, { name, ipVersion: family, ips: formatRangeSet(RangeSet.of(family as 4 | 6, ranges)) });
      }
      // The rack's host policy; with static node addresses one per listed node, each with the node's whole desired
      // state (nmstate applies the policies of a node in no guaranteed order: MV208).
      const byIndex = new Map(parsedVlans.map(p => [vlanIndex.get(p.id)!, p]));
      const withAddresses = parsedVlans.some(p => p.families.some(f => f.dhcp || f.nodeAddresses.length > 0));
      const nodes = [...rackNodes[i].nodes.keys()].sort();
      const hostPolicies: k8s.NodeNetworkConfigurationPolicy[] = [];
      if (policyBase !== undefined) {
        const rackPolicy = `${policyBase}-${r.name}`;
        const addPolicy = (cid: string, name: string, selector: { [key: string]: string }, node?: string) => {
          const ipOf = withAddresses ? (index: number) => ipSections(byIndex, index, node) : undefined;
          hostPolicies.push(addHostPolicy(this, cid, name, subject, {
            nodeSelector: selector,
            maxUnavailable,
            interfaces: hostStateOf(this.bondName, rackBond, rackBondMtu, rackVlansOf(r), ipOf).interfaces,
          }));
        };
        if (nodes.length === 0) {
          addPolicy(`${r.name}-host-policy`, rackPolicy, { ...r.nodeSelector });
        } else {
          for (const node of nodes) {
            const name = nodePolicyName(this.node.path, rackPolicy, node, ` in rack "${r.name}"`,
              'give a shorter policyName (HostInterfaces.nmstate({ policyName })) or shorter rack names');
            addPolicy(`${r.name}-host-policy-${node}`, name, { ...r.nodeSelector, [HOSTNAME_LABEL]: node }, node);
          }
        }
      }
      const hostPolicy = nodes.length === 0 ? hostPolicies[0] : undefined;
      this.racks.push({
        index: i,
        props: r,
        bond: rackBond,
        bondMtu: rackBondMtu,
        vlans: built,
        hostPolicy,
        hostPolicies,
        addressedNodes: nodes,
        switchPlan: switches.plan,
      });

      // Props-only consistency of the rack's VLANs (macvlan MTU against the rack's VLAN MTU), by fabric VLAN.
      consistency.push(...checkTopologyConsistency({
        bondMtu: rackBond.mtu,
        ifacer,
        vlans: [...built.values()].map(b => {
          const index = vlanIndex.get(b.parsed.id)!;
          return { ...b.parsed, index, props: { ...fabricVlans[index], ...b.parsed.props } };
        }),
        objects: [],
      }));
    });

    // Per VLAN: the networks spanning the racks, with every rack's pools (rack order).
    const ordered = fabricVlans.map((v, index) => ({ v, index }))
      .filter(({ v, index }) => vlanIndex.get(v.id) === index).sort((a, b) => a.v.id - b.v.id);
    for (const { v, index } of ordered) {
      const offer = v.offer ?? VlanOffer.STANDALONE;
      const field = `vlans[${index}]`;
      const made = ifacer ? ifacerNetworkOf(this.bondName, props.bond, v.id) : undefined;
      const common = {
        master: this.masterOf(v.id),
        namespace,
        mode: v.macvlanMode ?? MacvlanMode.BRIDGE,
        mtu: v.macvlanMtu,
        // (Spiderpool generates the NAD from a SpiderMultusConfig whose ifacer creates the bond and VLAN at pod start)
        ...(made ? { source: made.source, ifacer: made.ifacer } : {}),
      };
      const racks = this.racks.filter(r => r.vlans.has(v.id));
      let standalone: MacvlanStandaloneNetwork | undefined;
      let overlay: MacvlanOverlayNetwork | undefined;
      if (offer !== VlanOffer.OVERLAY) {
        const name = v.standaloneNetworkName ?? `macvlan-standalone-vlan${v.id}`;
        named.push({ kind: 'NetworkAttachmentDefinition', name: `${namespace}/${name}`, field: `${field}.standaloneNetworkName` });
        standalone = new MacvlanStandaloneNetwork(this, `vlan${v.id}-standalone`, { ...common, name, pools: racks.flatMap(r => r.vlans.get(v.id)!.standalonePools) });
      }
      if (offer !== VlanOffer.STANDALONE) {
        const name = v.overlayNetworkName ?? `macvlan-overlay-vlan${v.id}`;
        named.push({ kind: 'NetworkAttachmentDefinition', name: `${namespace}/${name}`, field: `${field}.overlayNetworkName` });
        overlay = new MacvlanOverlayNetwork(this, `vlan${v.id}-overlay`, { ...common, name, pools: racks.flatMap(r => r.vlans.get(v.id)!.overlayPools) });
      }
      this.vlans.set(v.id, { index, props: v, offer, standalone, overlay });
    }

    // Names across racks, and one report of each props finding (racks sharing the fabric's bond find the same).
    consistency.push(...checkTopologyConsistency({ ifacer: false, vlans: [], objects: named }));
    const seen = new Set<string>();
    const propFindings = consistency.filter(f => {
      const key = `${f.rule.id}\u0000${f.field}\u0000${f.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    ValidationEngine.of(this).addCheck(this, subject, () => propFindings);
  }

  /** The VLAN ids, ascending. */
  public get vlanIds(): number[] {
    return [...this.vlans.keys()].sort((a, b) => a - b);
  }

  /** The rack names, in the order of the props. */
  public get rackNames(): string[] {
    return this.racks.map(r => r.props.name);
  }

  /** The host sub-interface of a VLAN on every rack, e.g. `bond0.100`. */
  public vlanInterfaceName(vlanId: number): string {
    this.vlan(vlanId, 'vlanInterfaceName');
    return this.masterOf(vlanId);
  }

  /** The standalone network of a VLAN (every rack's pools), for `PodNetworks.standalone(...)`. */
  public standaloneNetwork(vlanId: number): IMacvlanStandaloneNetwork {
    return offeredNetwork(this.owner(), this.offering(this.vlan(vlanId, 'standaloneNetwork')), 'standalone');
  }

  /** The overlay network of a VLAN (every rack's pools), for `PodNetworks.overlay(...)`. */
  public overlayNetwork(vlanId: number): IMacvlanOverlayNetwork {
    return offeredNetwork(this.owner(), this.offering(this.vlan(vlanId, 'overlayNetwork')), 'overlay');
  }

  /** Every network of the fabric, by VLAN id ascending, standalone before overlay. */
  public get networks(): IMacvlanNetwork[] {
    return this.vlanIds.flatMap(id => this.networksOf(id));
  }

  /** Every pool of the fabric, in the order of {@link networks} (racks in props order inside a network). */
  public get pools(): IpPool[] {
    return this.networks.flatMap(n => n.pools);
  }

  /**
   * The pools of one rack for a VLAN's network (standalone or overlay), e.g. to list only them on a NIC of a
   * workload placed on that rack.
   */
  public rackPools(rack: string, vlanId: number, offer: VlanOffer): IpPool[] {
    const r = this.rack(rack, 'rackPools');
    const v = this.vlan(vlanId, 'rackPools');
    if (offer !== VlanOffer.STANDALONE && offer !== VlanOffer.OVERLAY) {
      throw new MacvlanError({ constructPath: this.node.path, field: 'offer', message: `a network is one offer, got ${describeValue(offer)}`, fix: 'pass VlanOffer.STANDALONE or VlanOffer.OVERLAY' });
    }
    offeredNetwork(this.owner(), this.offering(v), offer === VlanOffer.STANDALONE ? 'standalone' : 'overlay'); // throws when not offered
    const built = r.vlans.get(vlanId);
    if (!built) {
      throw new MacvlanError({
        constructPath: this.node.path,
        field: 'rack',
        message: `rack "${rack}" does not carry VLAN ${vlanId}`,
        fix: `use a rack that carries it (${this.racks.filter(x => x.vlans.has(vlanId)).map(x => x.props.name).join(', ')}), or add VLAN ${vlanId} to rack "${rack}"`,
      });
    }
    return [...(offer === VlanOffer.STANDALONE ? built.standalonePools : built.overlayPools)];
  }

  /**
   * The host policy of a rack (nmstate host interfaces only), `<policyName>-<rack>`; none when the rack's nodes
   * have static addresses (then one policy per node, see {@link hostPolicies}).
   */
  public hostPolicy(rack: string): k8s.NodeNetworkConfigurationPolicy | undefined {
    return this.rack(rack, 'hostPolicy').hostPolicy;
  }

  /**
   * Every host policy of a rack: its one policy, or with static node addresses one per listed node
   * (`<policyName>-<rack>-<node>`, selecting the rack's nodeSelector and `kubernetes.io/hostname`, by node name
   * ascending), each with the node's whole desired state; empty unless nmstate creates the host interfaces.
   */
  public hostPolicies(rack: string): k8s.NodeNetworkConfigurationPolicy[] {
    return [...this.rack(rack, 'hostPolicies').hostPolicies];
  }

  /**
   * Schedules a workload's pods only on the nodes of some racks (by default every rack), where the bond and
   * VLANs exist and the racks' pools admit them. One rack: its nodeSelector is added to the pod spec. Several
   * racks: one required node affinity term per rack (`scheduling.attract`, ORed by Kubernetes), so each pod
   * lands in one rack and gets that rack's pool. A DaemonSet also gets the racks' summed `nodeCount` as its
   * address demand when every one of them declares it.
   */
  public placeWorkload(workload: IConstruct, options: FabricPlacementOptions = {}): void {
    const ctx = { call: 'Fabric.placeWorkload()', constructPath: this.node.path };
    checkShape(workload, construct('pass a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or Pod'), ctx, 'workload');
    checkShape(options, PLACEMENT_SHAPE, ctx, 'options');
    const names = options.racks ?? this.rackNames;
    if (names.length === 0) {
      throw new MacvlanError({ constructPath: this.node.path, field: 'options.racks', message: 'no rack given', fix: 'name at least one rack, or leave racks unset for every rack' });
    }
    const racks = [...new Set(names)].map(n => this.rack(n, 'placeWorkload'));
    let api: ApiObject;
    try {
      api = ApiObject.of(workload);
    } catch {
      throw new MacvlanError({ constructPath: this.node.path, field: 'placeWorkload(workload)', message: `${describeValue(workload)} is not a workload construct`, fix: 'pass a cdk8s-plus Deployment, StatefulSet, DaemonSet, Job or Pod' });
    }
    if (this.placed.has(workload)) {
      throw new MacvlanError({ constructPath: workload.node.path, field: 'placeWorkload(workload)', message: `the workload is already placed on fabric ${this.node.path}`, fix: 'place a workload once, with every rack it may run on in options.racks' });
    }
    // (a rack with static node addresses has host interfaces on its listed nodes only: the pods go there)
    const term = (r: BuiltRack) => kplus.Node.labeled(
      ...Object.entries(r.props.nodeSelector).map(([k, v]) => kplus.NodeLabelQuery.is(k, v)),
      ...(r.addressedNodes.length > 0 ? [kplus.NodeLabelQuery.in(HOSTNAME_LABEL, r.addressedNodes)] : []));
    const needsAffinity = racks.length > 1 || racks[0].addressedNodes.length > 0;
    let scheduling: kplus.PodScheduling | undefined;
    if (needsAffinity) {
      scheduling = (workload as { scheduling?: kplus.PodScheduling }).scheduling;
      if (!scheduling || typeof scheduling.attract !== 'function') {
        throw new MacvlanError({
          constructPath: workload.node.path,
          field: 'placeWorkload(workload)',
          message: racks.length > 1
            ? `${api.kind} ${api.name} has no cdk8s-plus scheduling, which placing it on several racks needs (one node affinity term per rack)`
            : `${api.kind} ${api.name} has no cdk8s-plus scheduling, which placing it on rack "${racks[0].props.name}" needs (its host interfaces exist on the nodes with static addresses only: a node affinity term on ${HOSTNAME_LABEL})`,
          fix: racks.length > 1 ? 'pass a cdk8s-plus workload, or place it on one rack (options.racks)' : 'pass a cdk8s-plus workload',
        });
      }
      const required = requiredTermCount(scheduling);
      if (required > 0) {
        throw new MacvlanError({
          constructPath: workload.node.path,
          field: 'scheduling',
          message: `${api.kind} ${api.name} already has ${required} required node affinity term(s); Kubernetes ORs the terms, so the racks' terms would widen where the pods run instead of narrowing it`,
          fix: racks.length > 1
            ? 'place the workload on the racks first and express the rest as nodeSelector entries, or place it on one rack (its selector is ANDed)'
            : 'place the workload on the rack first and express the rest as nodeSelector entries',
        });
      }
    }
    if (racks.length === 1) {
      const selector = racks[0].props.nodeSelector;
      const existing = recordedNodeSelector(workload);
      for (const [k, v] of Object.entries(selector)) {
        if (existing[k] !== undefined && existing[k] !== v) {
          throw new MacvlanError({
            constructPath: workload.node.path,
            field: `nodeSelector[${k}]`,
            message: `the pods are already placed on ${k}=${existing[k]}, and rack "${racks[0].props.name}" of ${this.node.path} needs ${k}=${v}`,
            fix: 'place the workload on one rack, or on racks whose selectors agree with its nodeSelector',
          });
        }
      }
      const merged = { ...existing, ...selector };
      recordNodeSelector(workload, merged);
      api.addJsonPatch(JsonPatch.add(`${podSpecPointer(api.kind)}/nodeSelector`, merged));
      if (scheduling) scheduling.attract(kplus.Node.labeled(kplus.NodeLabelQuery.in(HOSTNAME_LABEL, racks[0].addressedNodes)));
    } else {
      for (const r of racks) scheduling!.attract(term(r));
      recordNodeSelector(workload, {}); // where the pods run changed what the workload rules read
    }
    if (api.kind === 'DaemonSet' && racks.every(r => r.props.nodeCount !== undefined)) {
      api.metadata.addAnnotation(NODE_COUNT_ANNOTATION, String(racks.reduce((n, r) => n + r.props.nodeCount!, 0)));
      recordNodeSelector(workload, {});
    }
    this.placed.add(workload);
  }

  /**
   * Address capacity of the fabric's pools: allocatable addresses, the peak pod count of every workload of the
   * app on each pool, and the status (rules MV170 / MV171). Call after the app is complete.
   */
  public capacityReport(): PoolCapacity[] {
    const mine = new Set(this.pools.map(p => p.name));
    return AddressCapacity.report(this).filter(r => mine.has(r.pool));
  }

  /**
   * What the switches need, one rack each (props order): the rack's switch or redundant pair, the ports facing
   * the bond members and their grouping, allowed VLANs, MTU, the peer link of a pair, and per VLAN the rack's
   * gateway addresses (virtual and per switch).
   */
  public switchPlan(): SwitchPlan {
    return { racks: this.racks.map(r => JSON.parse(JSON.stringify(r.switchPlan)) as SwitchRackPlan) };
  }

  /**
   * The configuration text of every switch of every rack for one vendor (racks in props order, the switches of a
   * rack in their order): VLANs, the node-facing port channels with LACP, allowed VLANs and MTU, the peer link of
   * a pair, and the VLAN interfaces with the rack's gateway addresses and first-hop redundancy.
   * @param vendor `SwitchVendor.huaweiVrp()`, `SwitchVendor.ciscoNxos()` or `SwitchVendor.aristaEos()`
   */
  public switchConfig(vendor: SwitchVendor): SwitchConfig[] {
    checkShape(vendor, instanceOf(SwitchVendor, 'SwitchVendor', 'SwitchVendor.huaweiVrp(), SwitchVendor.ciscoNxos() or SwitchVendor.aristaEos()'),
      { call: 'Fabric.switchConfig()', constructPath: this.node.path }, 'vendor');
    return renderSwitchConfigs(this.switchPlan(), vendor, this.node.path);
  }

  /** The switch plan as a Markdown document (a section per rack), with the address capacity of the fabric's pools. */
  public renderSwitchPlanMarkdown(): string {
    return renderSwitchPlanMarkdown(this.switchPlan(), `fabric \`${this.node.path}\``, AddressCapacity.renderMarkdown(this.capacityReport()));
  }

  /** A Mermaid flowchart: NICs -> bond -> VLAN sub-interfaces -> networks -> every rack's pools (gateway) -> workloads. */
  public renderMermaid(): string {
    const first = this.racks[0];
    const model: DiagramModel = {
      title: `cdk8s-macvlan Fabric ${this.node.path} (racks ${this.rackNames.join(', ')})`,
      hostLabel: this.hostInterfaces.kind === HostInterfacesKind.NMSTATE
        ? `Hosts (nmstate policies ${this.racks.map(r => (r.hostPolicy ? r.hostPolicy.name : `${r.props.name}: one per node (${r.hostPolicies.length})`)).join(', ')})`
        : this.hostInterfaces.kind === HostInterfacesKind.SPIDERPOOL_IFACER ? 'Hosts (created by Spiderpool ifacer at pod start)' : 'Hosts (pre-existing interfaces)',
      vlanNote: '',
      bond: { name: this.bondName, mode: first.bond.mode, members: first.bond.members },
      vlans: this.vlanIds.map(id => ({
        id,
        iface: this.masterOf(id),
        networks: this.networksOf(id).map(n => ({
          qualifiedName: n.qualifiedName,
          kind: MacvlanOverlayNetwork.isMacvlanOverlayNetwork(n) ? 'overlay' as const : 'standalone' as const,
          pools: n.pools.map(p => ({ name: p.name, subnet: p.subnet, gateway: p._validationObject().spec.gateway })),
        })),
      })),
      workloads: diagramWorkloadsOf(this.vlanIds.map(id => ({ id, networks: this.networksOf(id) }))),
    };
    return renderMermaid(model);
  }

  private networksOf(id: number): MacvlanNetwork[] {
    return vlanNetworks(this.vlans.get(id)!);
  }

  private rack(name: string, method: string): BuiltRack {
    checkShape(name, str('rack1'), { call: `Fabric.${method}()`, constructPath: this.node.path }, 'rack');
    const r = this.racks.find(x => x.props.name === name);
    if (!r) {
      throw new MacvlanError({
        constructPath: this.node.path,
        field: 'rack',
        message: `rack "${name}" is not part of this fabric (racks: ${this.rackNames.join(', ')})`,
        fix: 'use one of those rack names',
      });
    }
    return r;
  }

  private vlan(vlanId: number, method: string): BuiltVlan {
    return lookupVlan(this.owner(), this.vlans, vlanId, method);
  }

  private owner(): VlanOwner {
    // (the VLAN ids are listed only by an error: not sorted on every network lookup)
    const self = this;
    return this.ownerInfo ??= { construct: this, className: 'Fabric', variable: 'fabric', get vlanIds() { return self.vlanIds; } };
  }

  /** The host interface of a VLAN on every rack: `<bond>.<id>` (ifacer with one NIC: `<nic>.<id>`). */
  private masterOf(vlanId: number): string {
    return this.hostInterfaces.kind === HostInterfacesKind.SPIDERPOOL_IFACER
      ? ifacerNetworkOf(this.bondName, this.fabricBond, vlanId).master
      : `${this.bondName}.${vlanId}`;
  }

  private offering(v: BuiltVlan): OfferingVlan {
    return { id: v.props.id, offer: v.offer, standalone: v.standalone, overlay: v.overlay };
  }
}
