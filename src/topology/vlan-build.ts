/**
 * Internal: what VlanTopology and Fabric build the same way — a host policy registered with the validation
 * engine, the pools of one offer of a VLAN.
 */
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ifacerMaster } from '../cni/spider-multus-config';
import { MacvlanError } from '../errors';
import * as k8s from '../k8s';
import { bondModeNumber, checkDns1123Subdomain } from '../net';
import { IfacerBondOptions, IpPool, MacvlanOverlayNetwork, MacvlanStandaloneNetwork, NadSource } from '../networks';
import { BondProps } from './bond';
import { bondOptionEntries } from './bond-options';
import { DiagramWorkload, DiagramWorkloadNic } from './diagram';
import { NodeAddresses } from './node-addresses';
import { networkUses } from '../networks/attachment-record';
import { MacvlanNetwork } from '../networks/macvlan-network';
import { NNCP_RULES_DECIDED, NODE_NETWORK_POLICY_RULES, NamedObject, ParsedFamily, ParsedVlan, withNncpModels } from '../rules';
import { PoolIps, poolIps } from './address-plan';
import { NmstateVlan, nmstateIpSection } from './nmstate-state';
import { VlanSubnetProps } from './vlan';
import { Shape, checkShape, instanceOf, listOf, num, obj, opt, req, str } from '../shape';
import { ValidationEngine } from '../validation/engine';

/** The default host policy name of a bond: `<bond>-vlans` (the bond name as a DNS-1123 label). */
export function defaultPolicyName(bondName: string): string {
  return `${bondName.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '') || 'bond'}-vlans`;
}

/**
 * The NodeNetworkConfigurationPolicy of a bond and its VLANs. It goes through the catalog with the rest of the
 * app; its interface rules were decided from the props by the owner (and are reported against them).
 */
export function addHostPolicy(scope: Construct, id: string, name: string, subject: string,
  spec: { nodeSelector?: { [key: string]: string }; maxUnavailable?: string; interfaces: Array<Record<string, unknown>> },
): k8s.NodeNetworkConfigurationPolicy {
  const body = { nodeSelector: spec.nodeSelector, maxUnavailable: spec.maxUnavailable, desiredState: { interfaces: spec.interfaces } };
  const policy = new k8s.NodeNetworkConfigurationPolicy(scope, id, { metadata: { name }, spec: body });
  const object = {
    apiVersion: k8s.NodeNetworkConfigurationPolicy.GVK.apiVersion,
    kind: k8s.NodeNetworkConfigurationPolicy.GVK.kind,
    metadata: { name },
    spec: body,
  };
  // (the policy rules are decided from the props: the linter need not run them on the object, see NNCP_RULES_DECIDED;
  // the workload and address rules' models are made now, while the interfaces just built are in the cache)
  Object.defineProperty(object, NNCP_RULES_DECIDED, { value: NODE_NETWORK_POLICY_RULES });
  withNncpModels(object);
  ValidationEngine.of(scope).addObject(scope, { object: () => object, subject, decidedFromProps: NODE_NETWORK_POLICY_RULES });
  return policy;
}

/** Inputs of {@link addOfferPools}. */
export interface OfferPoolsInput {
  readonly families: ReadonlyArray<ParsedFamily<VlanSubnetProps>>;
  readonly offer: 'standalone' | 'overlay';
  /** Construct id and default name of a family's pool, e.g. `vlan100-standalone-rack1-v4`. */
  readonly idOf: (family: number) => string;
  /** The field of the family's plan in the props, e.g. `racks[0].vlans[1].ipv4`. */
  readonly fieldOf: (family: number) => string;
  /** The family's split of addresses between the offers ({@link familyPoolIps}). */
  readonly ips: ReadonlyMap<ParsedFamily<VlanSubnetProps>, PoolIps>;
  readonly capacityWarnPercent?: number;
  readonly nodeAffinity?: k8s.LabelSelector;
  /** Names of the pools are added here (for the distinct-names rule). */
  readonly named: NamedObject[];
}

/**
 * The pools of one offer of a VLAN, one per family (the allocatable range split between the offers by
 * `poolIps`), as direct children of `scope`: a scope construct per VLAN would only add thousands of nodes to
 * every synth pass.
 */
export function addOfferPools(scope: Construct, input: OfferPoolsInput): IpPool[] {
  return input.families.map(f => {
    const id = input.idOf(f.family);
    const name = (input.offer === 'standalone' ? f.props.standalonePoolName : f.props.overlayPoolName) ?? id;
    input.named.push({ kind: 'SpiderIPPool', name, field: `${input.fieldOf(f.family)}.${input.offer}PoolName` });
    return new IpPool(scope, id, {
      name,
      subnet: f.props.subnet,
      gateway: f.props.gateway,
      ips: input.ips.get(f)?.[input.offer],
      excludeIps: f.props.excludeIps,
      routes: f.props.routes,
      capacityWarnPercent: input.capacityWarnPercent,
      ...(input.nodeAffinity ? { nodeAffinity: input.nodeAffinity } : {}),
    });
  });
}

/** Each family's split of the VLAN's addresses between the offers, computed once for both offers' pools. */
export function familyPoolIps(parsed: ParsedVlan<{ readonly id: number }>,
  families: ReadonlyArray<ParsedFamily<VlanSubnetProps>>): Map<ParsedFamily<VlanSubnetProps>, PoolIps> {
  const out = new Map<ParsedFamily<VlanSubnetProps>, PoolIps>();
  for (const f of families) out.set(f, poolIps(f, parsed.offer));
  return out;
}

/** The shape of {@link VlanSubnetProps} (VlanTopology's VLANs and a Fabric rack's): what the addresses say is for the rules. */
export const VLAN_SUBNET_SHAPE: Shape = obj('VlanSubnetProps', {
  subnet: req(str('172.16.100.0/24')),
  gateway: req(str('172.16.100.1')),
  ips: opt(listOf(str())),
  excludeIps: opt(listOf(str())),
  routes: opt(listOf(obj('IpPoolRoute', { destination: req(str('10.7.0.0/16')), gateway: req(str()) }))),
  standaloneIps: opt(listOf(str())),
  overlayIps: opt(listOf(str())),
  standalonePoolName: opt(str()),
  overlayPoolName: opt(str()),
  reservedIps: opt(listOf(str())),
  reservedIpName: opt(str()),
  nodeAddresses: opt(instanceOf(NodeAddresses, 'NodeAddresses', 'NodeAddresses.perNode({ ... }) or NodeAddresses.dhcp()')),
});

/**
 * The diagram's workloads: one entry per workload attached to the networks (in VLAN, then network order of first
 * use), with the pools each of its NICs allocates from.
 */
export function diagramWorkloadsOf(vlans: ReadonlyArray<{ readonly id: number; readonly networks: readonly MacvlanNetwork[] }>): DiagramWorkload[] {
  const byPath = new Map<string, { label: string; nics: DiagramWorkloadNic[] }>();
  for (const v of vlans) {
    for (const n of v.networks) {
      for (const u of networkUses(n)) {
        const path = u.workload.node.path;
        let w = byPath.get(path);
        if (!w) byPath.set(path, w = { label: `${u.kind} ${u.namespace !== undefined ? `${u.namespace}/` : ''}${u.name}`, nics: [] });
        const nic = u.nic();
        w.nics.push({
          interfaceName: nic.interfaceName,
          vlanId: v.id,
          network: n.qualifiedName,
          kind: MacvlanOverlayNetwork.isMacvlanOverlayNetwork(n) ? 'overlay' : 'standalone',
          pools: nic.pools.map(p => p.name),
        });
      }
    }
  }
  return [...byPath.entries()].map(([path, w]) => ({ key: path, label: w.label, nics: w.nics }));
}

/** A VLAN as VlanTopology and Fabric hold it: its id, its offer and the networks made for it. */
export interface OfferingVlan {
  readonly id: number;
  readonly offer: string;
  readonly standalone?: MacvlanStandaloneNetwork;
  readonly overlay?: MacvlanOverlayNetwork;
}

/** Who owns the VLANs, for the accessors' messages: `VlanTopology` / `topology`, `Fabric` / `fabric`. */
export interface VlanOwner {
  readonly construct: Construct;
  readonly className: string;
  readonly variable: string;
  readonly vlanIds: readonly number[];
}

const VLAN_ID = num();

/** The VLAN `vlanId` (the argument of `owner.<method>()`), or the error that lists the owner's VLANs. */
export function lookupVlan<V>(owner: VlanOwner, vlans: ReadonlyMap<number, V>, vlanId: number, method: string): V {
  // (the call and the path are made for an error only: a workload looks its network up this way)
  if (!VLAN_ID.accepts(vlanId)) checkShape(vlanId, VLAN_ID, { call: `${owner.className}.${method}()`, constructPath: owner.construct.node.path }, 'vlanId');
  const v = vlans.get(vlanId);
  if (v === undefined) {
    throw new MacvlanError({
      constructPath: owner.construct.node.path,
      field: 'vlanId',
      message: `VLAN ${vlanId} is not part of this ${owner.variable} (VLANs: ${owner.vlanIds.join(', ') || 'none'})`,
      fix: `use one of those ids or add VLAN ${vlanId} to vlans`,
    });
  }
  return v;
}

/** The VLAN's network of one offer, or the error that says how to offer it. */
export function offeredNetwork(owner: VlanOwner, v: OfferingVlan, wanted: 'standalone'): MacvlanStandaloneNetwork;
export function offeredNetwork(owner: VlanOwner, v: OfferingVlan, wanted: 'overlay'): MacvlanOverlayNetwork;
export function offeredNetwork(owner: VlanOwner, v: OfferingVlan, wanted: 'standalone' | 'overlay'): MacvlanNetwork;
export function offeredNetwork(owner: VlanOwner, v: OfferingVlan, wanted: 'standalone' | 'overlay'): MacvlanNetwork {
  const network = wanted === 'standalone' ? v.standalone : v.overlay;
  if (network) return network;
  const other = wanted === 'standalone' ? 'overlayNetwork' : 'standaloneNetwork';
  throw new MacvlanError({
    constructPath: owner.construct.node.path,
    field: 'vlanId',
    message: `VLAN ${v.id} is offered as ${v.offer} only, so it has no ${wanted} network`,
    fix: `set offer: VlanOffer.${wanted.toUpperCase()} or VlanOffer.BOTH on VLAN ${v.id}, or use ${owner.variable}.${other}(${v.id})`,
  });
}

/** A VLAN's networks, standalone before overlay. */
export function vlanNetworks(v: Pick<OfferingVlan, 'standalone' | 'overlay'>): MacvlanNetwork[] {
  const out: MacvlanNetwork[] = [];
  if (v.standalone) out.push(v.standalone);
  if (v.overlay) out.push(v.overlay);
  return out;
}

/**
 * The `ipv4` / `ipv6` sections of the VLAN of props index `vlanIndex` on `node` (undefined: the shared policy): DHCP,
 * the node's static address, or nothing (both families disabled).
 */
export function ipSections(vlans: ReadonlyMap<number, ParsedVlan<{ id: number; ipv4?: VlanSubnetProps; ipv6?: VlanSubnetProps }>>, vlanIndex: number,
  node: string | undefined): NmstateVlan['ip'] {
  const v = vlans.get(vlanIndex);
  if (!v) return undefined;
  const out: { ipv4?: Record<string, unknown>; ipv6?: Record<string, unknown> } = {};
  for (const f of v.families) {
    const key = f.family === 4 ? 'ipv4' : 'ipv6';
    if (f.dhcp) {
      out[key] = nmstateIpSection(f.family, undefined, true);
    } else if (f.nodeAddresses.length > 0) {
      const a = f.nodeAddresses.find(x => x.node === node);
      // a node without an address on this VLAN keeps the family disabled
      if (a) out[key] = nmstateIpSection(f.family, { ip: a.ip.toString(), prefixLength: f.cidr.prefix });
    }
  }
  return out;
}

/** How many required node affinity terms a cdk8s-plus scheduling already has. */
export function requiredTermCount(scheduling: kplus.PodScheduling): number {
  try {
    type Kube = { affinity?: { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: unknown[] } } } };
    const kube = (scheduling as unknown as { _toKube(): Kube })._toKube();
    return kube.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms?.length ?? 0;
  } catch {
    return 0;
  }
}

/** The bond as Spiderpool's ifacer takes it: kernel mode number and `k=v;k=v` options. */
export function ifacerBondOf(bondName: string, bond: BondProps): IfacerBondOptions {
  const options = bondOptionEntries(bond.options).map(([k, val]) => `${k}=${val}`).join(';');
  return { name: bondName, mode: bondModeNumber(bond.mode), ...(options ? { options } : {}) };
}

/**
 * What a network of VLAN `vlanId` gets when Spiderpool ifacer creates the host interfaces: a SpiderMultusConfig
 * (Spiderpool generates the NAD) whose ifacer creates the bond and the VLAN at pod start, and the master it names
 * (ifacer bonds two or more NICs; with one it puts the VLAN straight on the NIC).
 */
export function ifacerNetworkOf(bondName: string, bond: BondProps, vlanId: number): {
  readonly master: string;
  readonly source: NadSource;
  readonly ifacer: { interfaces: string[]; vlanId: number; bond?: IfacerBondOptions };
} {
  const members = bond.members ?? [];
  return {
    master: ifacerMaster(members, vlanId, members.length > 1 ? bondName : undefined),
    source: NadSource.SPIDER_MULTUS_CONFIG,
    ifacer: { interfaces: [...members], vlanId, ...(members.length > 1 ? { bond: ifacerBondOf(bondName, bond) } : {}) },
  };
}

/**
 * The name of one node's host policy (`<policyName>-<node>`), refused (MV083) when it is not a DNS-1123 subdomain.
 * `where`: how the node is named in the message (e.g. ` in rack "r1"`); `fix`: what to shorten.
 */
export function nodePolicyName(constructPath: string, policyName: string, node: string, where: string, fix: string): string {
  const name = `${policyName}-${node}`;
  const problem = checkDns1123Subdomain(name);
  if (problem) {
    throw new MacvlanError({
      constructPath,
      ruleId: 'MV083',
      field: 'hostInterfaces.policyName',
      message: `the policy of node ${node}${where} would be named "${name.length > 60 ? `${name.slice(0, 57)}...` : name}", which ${problem}`,
      fix,
    });
  }
  return name;
}

/** The shape of {@link BondProps} (VlanTopology's bond, a Fabric's and a rack's own). */
export const BOND_SHAPE: Shape = obj('BondProps', {
  name: opt(str('bond0')),
  members: req(listOf(str('ens224'))),
  mode: req(str('802.3ad')),
  options: opt(obj('BondOptions', {
    miimon: opt(num()),
    arpInterval: opt(num()),
    arpIpTargets: opt(listOf(str('10.0.0.1'))),
    lacpRate: opt(str('fast')),
    xmitHashPolicy: opt(str('layer3+4')),
    primary: opt(str()),
  })),
  mtu: opt(num()),
});
