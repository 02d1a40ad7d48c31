/**
 * Internal: how a VlanTopology is checked. The bond and VLAN rules (MV026-MV031, MV079-MV083) are the
 * NodeNetworkConfigurationPolicy rules of `../rules/nmstate`, run on the desired state built from the props
 * (for every host-interfaces mode) and reported against the props they come from. The rest is about props
 * only: the address plan (MV032, MV033, MV036), macvlan MTUs (MV031), names (MV034) and ifacer limits (MV035).
 *
 * Structural problems (VLAN ids, interface names, bond members, address plans, overlapping subnets) throw
 * before any child construct exists: the children are built from these values, so each problem would
 * otherwise come back from every pool and network. Everything else is reported at synth.
 */
import { MacvlanMode } from '../cni/macvlan-mode';
import { findOverlaps } from '../net';
import { Finding, NNCP_INTERFACES_FIELD, RULES, RuleInfo, checkNodeNetworkConfigurationPolicy, finding } from '../rules';
import { ParsedFamily, parseFamily } from './address-plan';
import { BondProps } from './bond';
import { HostInterfacesKind } from './host-interfaces';
import { DEFAULT_MTU, InterfaceOrigin, TopologyHostState } from './nmstate-state';
import { VlanOffer, VlanProps } from './vlan';

/** A VLAN that passed the structural rules. */
export interface ParsedVlan {
  readonly index: number;
  readonly props: VlanProps;
  readonly id: number;
  readonly offer: VlanOffer;
  readonly families: ParsedFamily[];
}

/** Policy rules whose problems the child constructs would echo (NAD masters, pool and construct names). */
const STRUCTURAL_RULES: readonly RuleInfo[] = [RULES.topologyVlanId, RULES.topologyInterfaceName, RULES.topologyBondMembers];

/** nmstate bond option keys and the BondOptions props they come from. */
const OPTION_PROPS: { readonly [key: string]: string } = {
  miimon: 'miimon',
  arp_interval: 'arpInterval',
  arp_ip_target: 'arpIpTargets',
  lacp_rate: 'lacpRate',
  xmit_hash_policy: 'xmitHashPolicy',
  primary: 'primary',
};

/** The host-policy findings of a topology, split by when they are reported, with fields naming props. */
export interface HostPolicyFindings {
  /** Thrown from the constructor. */
  readonly structural: Finding[];
  /** Reported at synth. */
  readonly consistency: Finding[];
  /** Indexes of `vlans` whose id is invalid or repeated (left out of the address-plan rules). */
  readonly badVlans: ReadonlySet<number>;
}

/**
 * Runs the NodeNetworkConfigurationPolicy rules on the topology's host state (and the policy spec fields the
 * props set) and reports each finding against the prop it comes from (`bond.options.lacpRate`,
 * `vlans[1].id`, ...).
 */
export function checkHostPolicy(state: TopologyHostState, vlans: readonly VlanProps[],
  spec: { nodeSelector?: unknown; maxUnavailable?: unknown }): HostPolicyFindings {
  const findings = checkNodeNetworkConfigurationPolicy({ spec: { ...spec, desiredState: { interfaces: state.interfaces } } });
  const structural: Finding[] = [];
  const consistency: Finding[] = [];
  const badVlans = new Set<number>();
  for (const f of findings) {
    const at = locate(f.field, state);
    // A VLAN without its own MTU inherits the bond's: a problem with that MTU is the bond's, reported there.
    if (f.rule === RULES.topologyMtu && at?.origin.kind === 'vlan' && at.rest === '.mtu' && vlans[at.origin.index]?.mtu === undefined) continue;
    if (f.rule === RULES.topologyVlanId && at?.origin.kind === 'vlan') badVlans.add(at.origin.index);
    (STRUCTURAL_RULES.includes(f.rule) ? structural : consistency).push(toProps(f, state, at));
  }
  return { structural, consistency, badVlans };
}

const IFACE_PATH = new RegExp(`${NNCP_INTERFACES_FIELD.replace(/\./g, '\\.')}\\[(\\d+)\\]((?:\\.[A-Za-z0-9_-]+|\\[\\d+\\])*)`, 'g');

interface Location {
  readonly index: number;
  readonly origin: InterfaceOrigin;
  /** The path below the interface, e.g. `.link-aggregation.mode`. */
  readonly rest: string;
}

/** The interface a policy field is about. */
function locate(field: string, state: TopologyHostState): Location | undefined {
  IFACE_PATH.lastIndex = 0;
  const m = IFACE_PATH.exec(field);
  const origin = m ? state.origins[Number(m[1])] : undefined;
  return m && origin ? { index: Number(m[1]), origin, rest: m[2] } : undefined;
}

/** The finding with its field (and any policy path in its message) naming the props. */
function toProps(f: Finding, state: TopologyHostState, at: Location | undefined): Finding {
  const translate = (text: string) => text
    .replace(IFACE_PATH, (whole, index: string, rest: string) => propsPath(state.origins[Number(index)], rest) ?? whole)
    .replace(/^spec\.nodeSelector/, 'nodeSelector')
    .replace(/^spec\.maxUnavailable$/, 'hostInterfaces.maxUnavailable');
  let fix = f.fix;
  if (f.rule === RULES.topologyInterfaceName && at?.origin.kind === 'vlan' && at.rest === '.name') {
    // The VLAN sub-interface is named <bond>.<id>: only a shorter bond name makes it shorter.
    const id = String((state.interfaces[at.index].vlan as { id: unknown }).id);
    fix = `shorten the bond name (at most ${15 - id.length - 1} bytes for VLAN ${id})`;
  }
  return finding(f.rule, translate(f.field), translate(f.message), fix);
}

/** The prop an nmstate path (below one interface) comes from. */
function propsPath(origin: InterfaceOrigin | undefined, rest: string): string | undefined {
  if (!origin) return undefined;
  if (origin.kind === 'vlan') {
    const base = `vlans[${origin.index}]`;
    if (rest === '.mtu') return `${base}.mtu`;
    if (rest === '.name' || rest.startsWith('.vlan.id')) return `${base}.id`;
    return base;
  }
  if (rest === '' || rest === '.link-aggregation') return 'bond';
  if (rest === '.name' || rest === '.mtu') return `bond${rest}`;
  if (rest === '.link-aggregation.mode') return 'bond.mode';
  const port = /^\.link-aggregation\.port(\[\d+\])?$/.exec(rest);
  if (port) return `bond.members${port[1] ?? ''}`;
  if (rest === '.link-aggregation.options') return 'bond.options';
  const option = /^\.link-aggregation\.options\.([A-Za-z0-9_-]+)$/.exec(rest);
  if (option) return `bond.options.${OPTION_PROPS[option[1]] ?? option[1]}`;
  return 'bond';
}

/**
 * Props-only structure: at least one VLAN, the address plans (MV033, MV036) and cross-VLAN subnet overlaps
 * (MV032). VLANs listed in `badVlans` (id invalid or repeated, reported by the host policy rules) are
 * not parsed.
 */
export function checkStructure(vlans: readonly VlanProps[], badVlans: ReadonlySet<number>): { findings: Finding[]; vlans: ParsedVlan[] } {
  const out: Finding[] = [];
  if (vlans.length === 0) {
    out.push(finding(RULES.topologyVlanId, 'vlans', 'the topology has no VLAN', 'add at least one VLAN, e.g. { id: 100, ipv4: { ... } }'));
  }
  const parsed: ParsedVlan[] = [];
  vlans.forEach((v, i) => {
    const field = `vlans[${i}]`;
    const offer = v.offer ?? VlanOffer.STANDALONE;
    if (!Object.values(VlanOffer).includes(offer)) {
      out.push(finding(RULES.topologyAddressPlan, `${field}.offer`, `offer ${JSON.stringify(offer)} is not a VlanOffer`,
        'use VlanOffer.STANDALONE, VlanOffer.OVERLAY or VlanOffer.BOTH'));
      return;
    }
    if (v.ipv4 === undefined && v.ipv6 === undefined) {
      out.push(finding(RULES.topologyAddressPlan, field, `VLAN ${v.id} has neither ipv4 nor ipv6`,
        'give the VLAN\'s subnet and gateway (switch VLANIF) in ipv4 and/or ipv6'));
      return;
    }
    const families: ParsedFamily[] = [];
    let familiesOk = true;
    for (const [key, fam] of [['ipv4', 4], ['ipv6', 6]] as const) {
      const plan = v[key];
      if (plan === undefined) continue;
      const pf = parseFamily(plan, fam, offer, v.id, `${field}.${key}`, out);
      if (pf) families.push(pf); else familiesOk = false;
    }
    if (!badVlans.has(i) && familiesOk) parsed.push({ index: i, props: v, id: v.id, offer, families });
  });

  // Subnets of different VLANs must not overlap (one sweep over all subnets, O(n log n)).
  const intervals = parsed.flatMap(v => v.families.map(f => ({
    family: f.family, start: f.cidr.first, end: f.cidr.last, key: { vlan: v, fam: f },
  })));
  for (const [a, b] of findOverlaps(intervals)) {
    const key = b.fam.family === 4 ? 'ipv4' : 'ipv6';
    out.push(finding(RULES.topologySubnetOverlap, `vlans[${b.vlan.index}].${key}.subnet`,
      `VLAN ${b.vlan.id}: subnet ${b.fam.cidr.toString()} overlaps subnet ${a.fam.cidr.toString()} of VLAN ${a.vlan.id}`,
      'give every VLAN its own, non-overlapping subnet (the switch routes between the VLANIFs)'));
  }
  return { findings: out, vlans: parsed };
}

/** A named object of the topology, for the distinct-names rule. */
export interface NamedObject {
  readonly kind: 'NetworkAttachmentDefinition' | 'SpiderIPPool';
  /** `ns/name` for NADs, the name for pools. */
  readonly name: string;
  readonly field: string;
}

/** Input of {@link checkConsistency}. */
export interface ConsistencyInput {
  readonly bond: BondProps;
  readonly bondMtu: number;
  readonly hostInterfaces: HostInterfacesKind;
  readonly vlans: readonly ParsedVlan[];
  readonly objects: readonly NamedObject[];
}

/**
 * Props-only consistency: macvlan MTUs against their VLAN's (the NADs against the host policy), distinct
 * names of networks and pools, and what Spiderpool ifacer cannot do. (Bond options and host MTUs are
 * host-policy rules: {@link checkHostPolicy}.)
 */
export function checkConsistency(input: ConsistencyInput): Finding[] {
  const out: Finding[] = [];
  const { bond } = input;
  const mtuProblem = (v: unknown) => !(Number.isInteger(v) && (v as number) >= 68 && (v as number) <= 65535);
  for (const v of input.vlans) {
    const field = `vlans[${v.index}]`;
    const vlanMtu = v.props.mtu ?? input.bondMtu;
    const mm = v.props.macvlanMtu;
    if (mm !== undefined && mm !== 0 && mtuProblem(mm)) { // 0: inherit, as the CNI plugin reads it
      out.push(finding(RULES.topologyMtu, `${field}.macvlanMtu`, `VLAN ${v.id}: macvlan MTU ${JSON.stringify(mm)} is not an integer 68-65535`,
        'leave it unset (or 0) to inherit the VLAN MTU'));
    } else if (mm !== undefined && mm > vlanMtu) {
      out.push(finding(RULES.topologyMtu, `${field}.macvlanMtu`, `VLAN ${v.id}: macvlan MTU ${mm} exceeds the VLAN MTU ${vlanMtu}`,
        `use at most ${vlanMtu}, or leave macvlanMtu unset to inherit it`));
    }
    if (input.hostInterfaces === HostInterfacesKind.SPIDERPOOL_IFACER) {
      const mode2 = v.props.macvlanMode ?? MacvlanMode.BRIDGE;
      if (mode2 !== MacvlanMode.BRIDGE) {
        out.push(finding(RULES.topologyIfacer, `${field}.macvlanMode`, `VLAN ${v.id}: macvlan mode "${mode2}" with Spiderpool ifacer, which always uses bridge`,
          'use MacvlanMode.BRIDGE, or HostInterfaces.nmstate() / HostInterfaces.preExisting()'));
      }
      if (v.props.mtu !== undefined && v.props.mtu !== DEFAULT_MTU) {
        out.push(finding(RULES.topologyIfacer, `${field}.mtu`, `VLAN ${v.id}: MTU ${v.props.mtu} cannot be set by Spiderpool ifacer (it creates ${DEFAULT_MTU}-byte default interfaces)`,
          'leave the VLAN MTU unset, or create the interfaces with HostInterfaces.nmstate()'));
      }
    }
  }
  if (input.hostInterfaces === HostInterfacesKind.SPIDERPOOL_IFACER && bond.mtu !== undefined && bond.mtu !== DEFAULT_MTU) {
    out.push(finding(RULES.topologyIfacer, 'bond.mtu', `bond MTU ${bond.mtu} cannot be set by Spiderpool ifacer`,
      'leave bond.mtu unset, or create the interfaces with HostInterfaces.nmstate()'));
  }

  const seen = new Map<string, NamedObject>();
  for (const o of input.objects) {
    const key = `${o.kind}\u0000${o.name}`;
    const first = seen.get(key);
    if (first) {
      out.push(finding(RULES.topologyNames, o.field, `${o.kind} name "${o.name}" is also used by ${first.field}`,
        'give each network and pool its own name (or leave the names to their defaults)'));
    } else {
      seen.set(key, o);
    }
  }
  return out;
}
