/**
 * Internal: the topology rules (MV026-MV036). Structural rules run before any child construct exists (a
 * topology that breaks them throws); consistency rules run at synth through node validation.
 */
import { MacvlanMode } from '../cni/macvlan-mode';
import { IpAddress, checkInterfaceName, findOverlaps } from '../net';
import { Finding, RULES, finding } from '../rules';
import { ParsedFamily, parseFamily } from './address-plan';
import { BondMode, BondProps } from './bond';
import { HostInterfacesKind } from './host-interfaces';
import { VlanOffer, VlanProps } from './vlan';

/** Kernel default MTU, assumed when no MTU is given. */
export const DEFAULT_MTU = 1500;

/** A VLAN that passed the structural rules. */
export interface ParsedVlan {
  readonly index: number;
  readonly props: VlanProps;
  readonly id: number;
  readonly offer: VlanOffer;
  readonly families: ParsedFamily[];
}

/**
 * VLAN ids, interface names, bond members, address plans and cross-VLAN subnet overlaps. Children are
 * built from these values, so a problem here would otherwise come back from every pool and network.
 */
export function checkStructure(bond: BondProps, bondName: string, vlans: readonly VlanProps[]): { findings: Finding[]; vlans: ParsedVlan[] } {
  const out: Finding[] = [];

  const bondProblem = checkInterfaceName(bondName);
  if (bondProblem) {
    out.push(finding(RULES.topologyInterfaceName, 'bond.name', `bond name "${bondName}" ${bondProblem}`,
      'use a short name such as "bond0" (VLAN sub-interfaces add ".<id>" to it)'));
  }
  const members = bond.members ?? [];
  if (members.length === 0) {
    out.push(finding(RULES.topologyBondMembers, 'bond.members', 'the bond has no member NIC',
      'list the host NICs to bond, e.g. ["ens224", "ens256"]'));
  }
  const seenMembers = new Map<string, number>();
  members.forEach((m, i) => {
    const problem = checkInterfaceName(m);
    if (problem) {
      out.push(finding(RULES.topologyInterfaceName, `bond.members[${i}]`, `member NIC "${m}" ${problem}`,
        'name the NIC exactly as the nodes do (ip link), e.g. "ens224"'));
    }
    const first = seenMembers.get(m);
    if (first !== undefined) {
      out.push(finding(RULES.topologyBondMembers, `bond.members[${i}]`, `member NIC "${m}" is already bond.members[${first}]`,
        'list each NIC once'));
    } else {
      seenMembers.set(m, i);
    }
    if (m === bondName) {
      out.push(finding(RULES.topologyBondMembers, `bond.members[${i}]`, `member NIC "${m}" is the bond itself`,
        'list the physical NICs the bond aggregates'));
    }
  });

  if (vlans.length === 0) {
    out.push(finding(RULES.topologyVlanId, 'vlans', 'the topology has no VLAN', 'add at least one VLAN, e.g. { id: 100, ipv4: { ... } }'));
  }
  const seenIds = new Map<number, number>();
  const parsed: ParsedVlan[] = [];
  vlans.forEach((v, i) => {
    const field = `vlans[${i}]`;
    let idOk = true;
    if (!Number.isInteger(v.id) || v.id < 1 || v.id > 4094) {
      idOk = false;
      out.push(finding(RULES.topologyVlanId, `${field}.id`, `VLAN id ${JSON.stringify(v.id)} is not an integer 1-4094`,
        'use 1-4094 (0 only tags priority, 4095 is reserved)'));
    } else {
      const first = seenIds.get(v.id);
      if (first !== undefined) {
        idOk = false;
        out.push(finding(RULES.topologyVlanId, `${field}.id`, `VLAN ${v.id} is already vlans[${first}]`,
          'give each VLAN once; put several subnets of one VLAN in its ipv4/ipv6 plans'));
      } else {
        seenIds.set(v.id, i);
      }
      const iface = `${bondName}.${v.id}`;
      const problem = bondProblem ? undefined : checkInterfaceName(iface);
      if (problem) {
        out.push(finding(RULES.topologyInterfaceName, `${field}.id`, `VLAN sub-interface "${iface}" ${problem}`,
          `shorten the bond name (at most ${15 - String(v.id).length - 1} bytes for VLAN ${v.id})`));
      }
    }
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
    if (idOk && familiesOk) parsed.push({ index: i, props: v, id: v.id, offer, families });
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

const XMIT_HASH_MODES = [BondMode.BALANCE_XOR, BondMode.IEEE_802_3AD, BondMode.BALANCE_TLB];
const PRIMARY_MODES = [BondMode.ACTIVE_BACKUP, BondMode.BALANCE_TLB, BondMode.BALANCE_ALB];
const NO_ARP_MODES = [BondMode.IEEE_802_3AD, BondMode.BALANCE_TLB, BondMode.BALANCE_ALB];

/** Bond options for the mode, MTUs, distinct names and the ifacer limits. */
export function checkConsistency(input: ConsistencyInput): Finding[] {
  const out: Finding[] = [];
  const { bond } = input;
  const mode = bond.mode;
  const opts = bond.options ?? {};

  if (!Object.values(BondMode).includes(mode)) {
    out.push(finding(RULES.topologyBondOptions, 'bond.mode', `mode ${JSON.stringify(mode)} is not a bonding mode`,
      'use a BondMode, e.g. BondMode.IEEE_802_3AD or BondMode.ACTIVE_BACKUP'));
  }
  for (const [key, value] of [['miimon', opts.miimon], ['arpInterval', opts.arpInterval]] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
      out.push(finding(RULES.topologyBondOptions, `bond.options.${key}`, `${key} ${JSON.stringify(value)} is not a non-negative integer`,
        'give the interval in milliseconds, e.g. 100'));
    }
  }
  const miimon = opts.miimon ?? 0;
  const arpInterval = opts.arpInterval ?? 0;
  if (miimon > 0 && arpInterval > 0) {
    out.push(finding(RULES.topologyBondMonitor, 'bond.options', `miimon ${miimon} and arpInterval ${arpInterval} are both set`,
      'keep one link monitor: miimon (usual with LACP) or arpInterval with arpIpTargets'));
  }
  if (arpInterval > 0 && NO_ARP_MODES.includes(mode)) {
    out.push(finding(RULES.topologyBondOptions, 'bond.options.arpInterval', `ARP monitoring does not work with bond mode ${mode}`,
      'use miimon instead'));
  }
  if (arpInterval > 0 && (opts.arpIpTargets ?? []).length === 0) {
    out.push(finding(RULES.topologyBondOptions, 'bond.options.arpIpTargets', `arpInterval ${arpInterval} is set but there is no ARP target`,
      'list the IPv4 addresses to probe in arpIpTargets (e.g. the gateway), or use miimon'));
  }
  (opts.arpIpTargets ?? []).forEach((t, i) => {
    if (IpAddress.tryParse(t)?.family !== 4) {
      out.push(finding(RULES.topologyBondOptions, `bond.options.arpIpTargets[${i}]`, `ARP target "${t}" is not an IPv4 address`,
        'give plain IPv4 addresses'));
    }
  });
  if (opts.lacpRate !== undefined && mode !== BondMode.IEEE_802_3AD) {
    out.push(finding(RULES.topologyBondOptions, 'bond.options.lacpRate', `lacpRate "${opts.lacpRate}" only applies to mode 802.3ad, not ${mode}`,
      'remove lacpRate or use BondMode.IEEE_802_3AD'));
  }
  if (opts.xmitHashPolicy !== undefined && !XMIT_HASH_MODES.includes(mode)) {
    out.push(finding(RULES.topologyBondOptions, 'bond.options.xmitHashPolicy',
      `xmitHashPolicy "${opts.xmitHashPolicy}" only applies to modes ${XMIT_HASH_MODES.join(', ')}, not ${mode}`,
      'remove xmitHashPolicy or pick one of those modes'));
  }
  if (opts.primary !== undefined) {
    if (!PRIMARY_MODES.includes(mode)) {
      out.push(finding(RULES.topologyBondOptions, 'bond.options.primary', `primary "${opts.primary}" only applies to modes ${PRIMARY_MODES.join(', ')}, not ${mode}`,
        'remove primary or use BondMode.ACTIVE_BACKUP'));
    }
    if (!(bond.members ?? []).includes(opts.primary)) {
      out.push(finding(RULES.topologyBondOptions, 'bond.options.primary', `primary "${opts.primary}" is not a member of the bond (${(bond.members ?? []).join(', ')})`,
        'name one of bond.members'));
    }
  }

  const mtuProblem = (v: unknown) => !(Number.isInteger(v) && (v as number) >= 68 && (v as number) <= 65535);
  if (bond.mtu !== undefined && mtuProblem(bond.mtu)) {
    out.push(finding(RULES.topologyMtu, 'bond.mtu', `MTU ${JSON.stringify(bond.mtu)} is not an integer 68-65535`, 'use e.g. 1500 or 9000'));
  }
  for (const v of input.vlans) {
    const field = `vlans[${v.index}]`;
    const vlanMtu = v.props.mtu ?? input.bondMtu;
    if (v.props.mtu !== undefined && mtuProblem(v.props.mtu)) {
      out.push(finding(RULES.topologyMtu, `${field}.mtu`, `VLAN ${v.id}: MTU ${JSON.stringify(v.props.mtu)} is not an integer 68-65535`, 'use e.g. 1500'));
    } else if (vlanMtu > input.bondMtu) {
      out.push(finding(RULES.topologyMtu, `${field}.mtu`, `VLAN ${v.id}: MTU ${vlanMtu} exceeds the bond MTU ${input.bondMtu}`,
        `lower the VLAN MTU to at most ${input.bondMtu} or raise bond.mtu (and the switch trunk MTU)`));
    }
    const mm = v.props.macvlanMtu;
    if (mm !== undefined && mtuProblem(mm)) {
      out.push(finding(RULES.topologyMtu, `${field}.macvlanMtu`, `VLAN ${v.id}: macvlan MTU ${JSON.stringify(mm)} is not an integer 68-65535`,
        'leave it unset to inherit the VLAN MTU'));
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
