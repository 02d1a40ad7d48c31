/**
 * Internal: builds one rack's {@link SwitchRackPlan} from the host side (bond, parsed VLANs) and the user's
 * {@link SwitchesProps}. Shared by VlanTopology and the multi-rack fabric. Input that leaves no plan to build
 * (a wrong number of switches or ports, unknown NICs or switches in `cabling`, props that do not belong to
 * the redundancy kind) throws one MacvlanError listing every problem; value problems of a plan that can be
 * built are rule findings (MV210-MV214, `checkRackSwitches`), returned for the caller to register.
 */
import { MacvlanError } from '../errors';
import { Cidr, IpAddress, IpFamily } from '../net';
import { BondMode } from './bond';
import { Finding, checkRackSwitches } from '../rules';
import { Shape, listOf, mapOf, num, obj, oneOf, opt, req, str } from '../shape';
import {
  SwitchAddressPlan, SwitchKeepalivePlan, SwitchPlanSwitch, SwitchPortAggregation, SwitchPortChannelPlan,
  SwitchRackPlan, SwitchVlanPlan,
} from './switch-plan';
import { FirstHopRedundancy, SwitchRedundancy, SwitchesProps } from './switches';

/** The shape of {@link SwitchesProps} (for the callers' boundary checks). */
export const SWITCHES_SHAPE: Shape = obj('SwitchesProps', {
  names: req(listOf(str('tor-a'))),
  redundancy: opt(oneOf('SwitchRedundancy', SwitchRedundancy as unknown as { [key: string]: string })),
  cabling: opt(mapOf(str('tor-a'))),
  peerLink: opt(obj('SwitchPeerLinkProps', {
    ports: req(listOf(str('Ethernet1/49'))),
    portChannelId: opt(num()),
    allowedVlans: opt(listOf(num())),
    domainId: opt(num()),
    peerVlan: opt(num()),
    keepaliveAddresses: opt(listOf(str('169.254.0.1/30'))),
  })),
  nodes: opt(listOf(obj('SwitchNodePortsProps', {
    node: req(str('worker-1')),
    ports: req(listOf(str('Ethernet1/1'))),
    portChannelId: opt(num()),
  }))),
  firstPortChannelId: opt(num()),
  firstHopRedundancy: opt(oneOf('FirstHopRedundancy', FirstHopRedundancy as unknown as { [key: string]: string })),
  firstHopGroupId: opt(num()),
  gatewayAddresses: opt(listOf(obj('SwitchGatewayAddressProps', {
    vlanId: req(num()),
    ipv4: opt(listOf(str('172.16.100.2'))),
    ipv6: opt(listOf(str('fd00:100::2'))),
  }))),
});

/** Defaults of {@link SwitchesProps} (documented there). */
export const SWITCH_DEFAULTS = {
  peerLinkPortChannelId: 1,
  domainId: 1,
  peerVlan: 4094,
  keepaliveAddresses: ['169.254.0.1/30', '169.254.0.2/30'],
  firstPortChannelId: 10,
  groupId: 1,
  /** VRRP priorities: the first switch is preferred (every vendor's default is 100). */
  vrrpPriorities: [110, 100],
  /** HSRP priorities (default 100). */
  hsrpPriorities: [110, 100],
} as const;

/** One family of a VLAN, parsed. */
export interface RackVlanFamilyInput {
  readonly family: IpFamily;
  readonly cidr: Cidr;
  readonly gateway: IpAddress;
  /** The user's other reserved addresses of the subnet (`reservedIps`, merged ranges). */
  readonly reserved?: readonly string[];
  /** The SpiderReservedIP holding the family's reserved addresses. */
  readonly reservedIpName?: string;
}

/** One VLAN of the rack, as the host side has it. */
export interface RackVlanInput {
  readonly id: number;
  readonly hostInterface: string;
  readonly mtu: number;
  readonly families: readonly RackVlanFamilyInput[];
}

/** What `buildRackSwitchPlan` needs. */
export interface RackSwitchInput {
  /** The rack's name. */
  readonly rack: string;
  /** The rack's nodes (empty or undefined: every node). */
  readonly nodeSelector?: { readonly [key: string]: string };
  readonly bond: string;
  readonly bondMode: string;
  readonly members: readonly string[];
  readonly bondMtu: number;
  /** The rack's VLANs (any order; the plan sorts them). */
  readonly vlans: readonly RackVlanInput[];
  /** The user's switches of this rack (undefined: one switch named `defaultSwitchName`). */
  readonly switches?: SwitchesProps;
  /** The prop path of `switches`, e.g. `switches` or `racks[1].switches`. */
  readonly field: string;
  /** The construct the props belong to (for the thrown error). */
  readonly constructPath: string;
  /** @default "switch" */
  readonly defaultSwitchName?: string;
}

/** How the switch groups a node's ports, from the host bond mode. */
export function aggregationOf(bondMode: string): SwitchPortAggregation {
  if (bondMode === BondMode.IEEE_802_3AD) return SwitchPortAggregation.LACP;
  if ([BondMode.BALANCE_RR, BondMode.BALANCE_XOR, BondMode.BROADCAST].includes(bondMode as BondMode)) return SwitchPortAggregation.STATIC;
  return SwitchPortAggregation.NONE;
}

/** One rack's switch plan and its rule findings (MV210-MV214) to register with the validation engine. */
export function buildRackSwitchPlan(input: RackSwitchInput): { plan: SwitchRackPlan; findings: Finding[] } {
  const sp = input.switches;
  const f = input.field;
  const problems: string[] = [];
  const members = [...input.members];
  const names = sp ? [...sp.names] : [input.defaultSwitchName ?? 'switch'];
  const vlans = [...input.vlans].sort((a, b) => a.id - b.id);
  const vlanIds = vlans.map(v => v.id);

  if (names.length < 1 || names.length > 2) {
    problems.push(`${f}.names: a rack has one switch or a redundant pair, got ${names.length} name(s). Fix: list one or two switch names`);
  }
  names.forEach((n, i) => {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/.test(n)) {
      problems.push(`${f}.names[${i}]: "${n}" is not a switch host name. Fix: use letters, digits, ".", "_" and "-" (at most 63, starting with a letter or digit)`);
    }
  });
  if (names.length === 2 && names[0] === names[1]) {
    problems.push(`${f}.names: both switches are named "${names[0]}". Fix: give the two switches different names`);
  }
  const pair = names.length === 2;
  const redundancy = pair ? sp?.redundancy ?? SwitchRedundancy.MLAG : undefined;
  const mlag = redundancy === SwitchRedundancy.MLAG;
  if (!pair && sp?.redundancy !== undefined) {
    problems.push(`${f}.redundancy: a redundancy kind needs two switches, got one. Fix: add the second switch to names, or leave redundancy out`);
  }
  if (!mlag) {
    const what = pair ? 'a stack (one logical switch)' : 'one switch';
    if (sp?.peerLink !== undefined) problems.push(`${f}.peerLink: ${what} has no peer link to configure. Fix: leave peerLink out, or use two switches with SwitchRedundancy.MLAG`);
    if (sp?.firstHopRedundancy !== undefined || sp?.firstHopGroupId !== undefined) {
      problems.push(`${f}.firstHopRedundancy: ${what} owns the gateway address itself, so there is no first-hop protocol. Fix: leave firstHopRedundancy and firstHopGroupId out, or use two switches with SwitchRedundancy.MLAG`);
    }
    if (sp?.gatewayAddresses !== undefined) {
      problems.push(`${f}.gatewayAddresses: ${what} has one address per VLAN, the gateway itself. Fix: leave gatewayAddresses out (the VLAN's gateway is the switch address), or use two switches with SwitchRedundancy.MLAG`);
    }
  } else if (sp?.peerLink === undefined) {
    problems.push(`${f}.peerLink: an MLAG pair needs its peer link. Fix: give peerLink: { ports: [...] }, the ports joining the two switches`);
  } else if (sp.peerLink.ports.length === 0) {
    problems.push(`${f}.peerLink.ports: the peer link has no port. Fix: list the ports joining the two switches (two or more for redundancy)`);
  }

  // Cabling: member NIC -> switch.
  const cabledTo = new Map<string, string>();
  if (sp?.cabling !== undefined) {
    for (const [nic, sw] of Object.entries(sp.cabling).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (!members.includes(nic)) problems.push(`${f}.cabling[${nic}]: "${nic}" is not a bond member (members: ${members.join(', ')}). Fix: key cabling by the bond's member NICs`);
      else if (!names.includes(sw)) problems.push(`${f}.cabling[${nic}]: switch "${sw}" is not in names (${names.join(', ')}). Fix: use one of the switch names`);
      else cabledTo.set(nic, sw);
    }
    for (const nic of members) {
      if (!Object.prototype.hasOwnProperty.call(sp.cabling, nic)) problems.push(`${f}.cabling: bond member "${nic}" is not listed. Fix: list every bond member with the switch it is cabled to`);
    }
  } else {
    members.forEach((nic, i) => cabledTo.set(nic, names[i % Math.max(1, names.length)]));
  }

  // Node ports.
  const nodes = sp?.nodes ?? [];
  nodes.forEach((n, i) => {
    if (n.ports.length !== members.length) {
      problems.push(`${f}.nodes[${i}].ports: node "${n.node}" lists ${n.ports.length} port(s) for ${members.length} bond member(s) (${members.join(', ')}). Fix: give one switch port per bond member, in member order`);
    }
  });

  // Gateway addresses: which VLANs and families they name.
  const given = new Map<string, string[]>();
  (sp?.gatewayAddresses ?? []).forEach((g, i) => {
    const v = vlans.find(x => x.id === g.vlanId);
    if (v === undefined) {
      problems.push(`${f}.gatewayAddresses[${i}].vlanId: VLAN ${g.vlanId} is not a VLAN of this rack (${vlanIds.join(', ')}). Fix: use one of those VLAN ids`);
      return;
    }
    for (const fam of [4, 6] as const) {
      const list = fam === 4 ? g.ipv4 : g.ipv6;
      if (list === undefined) continue;
      if (!v.families.some(x => x.family === fam)) {
        problems.push(`${f}.gatewayAddresses[${i}].ipv${fam}: VLAN ${g.vlanId} has no IPv${fam} subnet. Fix: leave ipv${fam} out, or give the VLAN an ipv${fam} plan`);
      } else if (list.length !== names.length) {
        problems.push(`${f}.gatewayAddresses[${i}].ipv${fam}: ${list.length} address(es) for ${names.length} switches. Fix: give one address per switch, in the order of names`);
      } else if (given.has(`${g.vlanId}/${fam}`)) {
        problems.push(`${f}.gatewayAddresses[${i}]: VLAN ${g.vlanId} IPv${fam} addresses are given twice. Fix: give each VLAN once`);
      } else {
        given.set(`${g.vlanId}/${fam}`, [...list]);
      }
    }
  });

  const keepalive = sp?.peerLink?.keepaliveAddresses ?? SWITCH_DEFAULTS.keepaliveAddresses;
  if (mlag && keepalive.length !== 2) {
    problems.push(`${f}.peerLink.keepaliveAddresses: ${keepalive.length} address(es) for 2 switches. Fix: give one address with prefix per switch, e.g. ["169.254.0.1/30", "169.254.0.2/30"]`);
  }

  if (problems.length > 0) {
    throw new MacvlanError({
      constructPath: input.constructPath,
      field: problems.length === 1 ? problems[0].slice(0, problems[0].indexOf(':')) : f,
      message: problems.length === 1 ? problems[0].slice(problems[0].indexOf(':') + 2, problems[0].indexOf('. Fix: '))
        : `the switches cannot be planned:\n${problems.map(p => `  ${p}`).join('\n')}\n`,
      fix: problems.length === 1 ? problems[0].slice(problems[0].indexOf('. Fix: ') + 7) : 'fix each problem listed (all are reported together)',
    });
  }

  const switches: SwitchPlanSwitch[] = names.map(name => ({ name, cabledNics: members.filter(m => cabledTo.get(m) === name) }));
  const protocol = mlag ? sp?.firstHopRedundancy ?? FirstHopRedundancy.VRRP : undefined;
  const priorities: readonly number[] | undefined = protocol === FirstHopRedundancy.VRRP ? SWITCH_DEFAULTS.vrrpPriorities
    : protocol === FirstHopRedundancy.HSRP ? SWITCH_DEFAULTS.hsrpPriorities : undefined;

  const planVlans: SwitchVlanPlan[] = vlans.map(v => ({
    id: v.id,
    hostInterface: v.hostInterface,
    mtu: v.mtu,
    vlanInterfaces: [...v.families].sort((a, b) => a.family - b.family).map(fam => {
      const prefix = fam.cidr.prefix;
      const addresses = !mlag ? [fam.gateway.toString()] : given.get(`${v.id}/${fam.family}`) ?? defaultSwitchAddresses(fam.cidr, fam.gateway);
      const switchAddresses: SwitchAddressPlan[] = addresses.map((address, i) => ({
        switchName: names[i],
        address,
        cidr: `${address}/${prefix}`,
        ...(priorities ? { priority: priorities[i] } : {}),
      }));
      return {
        ipVersion: fam.family,
        subnet: fam.cidr.toString(),
        address: fam.gateway.toString(),
        prefixLength: prefix,
        cidr: `${fam.gateway.toString()}/${prefix}`,
        switchAddresses,
        reservedIps: [...fam.reserved ?? []],
        ...(fam.reservedIpName !== undefined ? { reservedIpName: fam.reservedIpName } : {}),
      };
    }),
  }));

  const first = sp?.firstPortChannelId ?? SWITCH_DEFAULTS.firstPortChannelId;
  const portChannels: SwitchPortChannelPlan[] = nodes.map((n, i) => ({
    node: n.node,
    id: n.portChannelId ?? first + i,
    ports: members.map((nic, j) => ({ nic, switchName: cabledTo.get(nic)!, port: n.ports[j] })),
  }));

  const pl = sp?.peerLink;
  const plan: SwitchRackPlan = {
    name: input.rack,
    nodeSelector: { ...(input.nodeSelector ?? {}) },
    bond: input.bond,
    bondMode: input.bondMode,
    memberNics: members,
    aggregation: aggregationOf(input.bondMode),
    allowedVlans: vlanIds,
    mtu: input.bondMtu,
    switches,
    ...(redundancy !== undefined ? { redundancy } : {}),
    memberLinks: members.map(nic => ({ nic, switchName: cabledTo.get(nic)! })),
    portChannels,
    ...(mlag && pl ? {
      peerLink: {
        ports: [...pl.ports],
        portChannelId: pl.portChannelId ?? SWITCH_DEFAULTS.peerLinkPortChannelId,
        allowedVlans: [...(pl.allowedVlans ?? vlanIds)].sort((a, b) => a - b),
        domainId: pl.domainId ?? SWITCH_DEFAULTS.domainId,
        peerVlan: pl.peerVlan ?? SWITCH_DEFAULTS.peerVlan,
        keepalive: keepalive.map((cidr, i): SwitchKeepalivePlan => ({ switchName: names[i], address: cidr.split('/')[0], cidr })),
      },
      firstHop: { protocol: protocol!, groupId: sp?.firstHopGroupId ?? SWITCH_DEFAULTS.groupId },
    } : {}),
    vlans: planVlans,
  };
  return { plan, findings: checkRackSwitches(plan, f) };
}

/** The first two host addresses of `cidr` that are not `gateway` (fewer if the subnet has no room). */
export function defaultSwitchAddresses(cidr: Cidr, gateway: IpAddress): string[] {
  const hosts = cidr.hostRange();
  const out: string[] = [];
  for (let v = hosts.start; v <= hosts.end && out.length < 2; v++) {
    if (v !== gateway.value) out.push(IpAddress.fromBigInt(cidr.family, v).toString());
  }
  return out;
}
