/**
 * The switch plan rules (MV210-MV214), on a neutral view of one rack's switch plan (the topology's
 * `SwitchRackPlan` fits it): redundant pairs, the peer link, the gateways' real addresses and first-hop
 * group, port channels, the MLAG control plane. Nothing here knows about constructs.
 */
import { Cidr, IpAddress } from '../net';
import { Finding, RULES, finding } from './catalog';
import { FirstHopRedundancy, SwitchRedundancy } from './switch-kinds';

export { FirstHopRedundancy, SwitchRedundancy };

/** One rack's switch plan, as the rules read it. */
export interface SwitchRackInput {
  readonly memberNics: readonly string[];
  readonly allowedVlans: readonly number[];
  readonly switches: readonly { readonly name: string; readonly cabledNics: readonly string[] }[];
  readonly redundancy?: SwitchRedundancy;
  readonly portChannels: readonly {
    readonly node: string;
    readonly id: number;
    readonly ports: readonly { readonly switchName: string; readonly port: string }[];
  }[];
  readonly peerLink?: {
    readonly ports: readonly string[];
    readonly portChannelId: number;
    readonly allowedVlans: readonly number[];
    readonly domainId: number;
    readonly peerVlan: number;
    readonly keepalive: readonly { readonly switchName: string; readonly cidr: string }[];
  };
  readonly firstHop?: { readonly protocol: FirstHopRedundancy; readonly groupId: number };
  readonly vlans: readonly {
    readonly id: number;
    readonly vlanInterfaces: readonly {
      readonly ipVersion: number;
      readonly subnet: string;
      readonly address: string;
      readonly switchAddresses: readonly { readonly switchName: string; readonly address: string }[];
    }[];
  }[];
}

/** Where the rack's switch props are (`switches`, `racks[1].switches`), for the findings' fields. */
export function checkRackSwitches(rack: SwitchRackInput, field: string): Finding[] {
  const out: Finding[] = [];
  const pair = rack.switches.length === 2;

  // MV210: a pair whose bond reaches only one switch is not redundant.
  if (pair) {
    for (const sw of rack.switches) {
      if (sw.cabledNics.length > 0) continue;
      out.push(finding(RULES.switchPairCabling, rack.memberNics.length < 2 ? 'bond.members' : `${field}.cabling`,
        rack.memberNics.length < 2
          ? `the redundant pair ${rack.switches.map(s => `"${s.name}"`).join(' and ')} gets one bond member (${rack.memberNics.join(', ') || 'none'}), so switch "${sw.name}" has no link to the nodes and its failure is not covered; losing the other switch cuts the nodes off`
          : `no bond member is cabled to switch "${sw.name}" of the redundant pair, so the nodes lose every link when the other switch fails`,
        rack.memberNics.length < 2
          ? 'give the bond two members (e.g. members: [ens224, ens256]) cabled one to each switch, or list one switch in names'
          : `cable at least one bond member to "${sw.name}" in cabling`));
    }
  }

  // MV211: the peer link carries every VLAN of the rack.
  if (rack.peerLink) {
    const carried = new Set(rack.peerLink.allowedVlans);
    const missing = rack.allowedVlans.filter(v => !carried.has(v));
    if (missing.length > 0) {
      out.push(finding(RULES.switchPeerLinkVlans, `${field}.peerLink.allowedVlans`,
        carried.size === 0
          ? `the peer link carries no VLAN, so a node whose link to one switch failed is cut off from the pods behind the other switch on every VLAN (${missing.join(', ')}), and vPC / MLAG / M-LAG refuse VLANs on member port channels that the peer link does not carry`
          : `the peer link does not carry VLAN ${missing.join(', ')}, so after a link failure that VLAN's traffic between the two switches has no path, and vPC / MLAG / M-LAG consistency checks suspend it`,
        `add ${missing.join(', ')} to peerLink.allowedVlans, or leave allowedVlans out (default: every VLAN of the rack)`));
    }
  }

  // MV212: the gateway's real addresses and the first-hop group.
  if (rack.firstHop) {
    const { protocol, groupId } = rack.firstHop;
    const [lo, hi] = protocol === FirstHopRedundancy.HSRP ? [0, 4095] : [1, 255];
    if (protocol !== FirstHopRedundancy.VARP && (!Number.isInteger(groupId) || groupId < lo || groupId > hi)) {
      out.push(finding(RULES.switchGatewayAddresses, `${field}.firstHopGroupId`,
        `${protocol.toUpperCase()} group ${groupId} is outside ${lo}-${hi}`,
        `use an integer from ${lo} to ${hi} (the group is per VLAN interface, so one id serves every VLAN)`));
    }
  }
  for (const v of rack.vlans) {
    for (const vi of v.vlanInterfaces) {
      out.push(...checkSwitchAddresses(rack, v.id, vi, `${field}.gatewayAddresses[vlan ${v.id}].ipv${vi.ipVersion}`));
    }
  }

  // MV213: port-channel ids and ports are used once.
  const channelOwner = new Map<number, string>();
  const portOwner = new Map<string, string>();
  const nodeNames = new Set<string>();
  const claimChannel = (id: number, owner: string, where: string): void => {
    if (!Number.isInteger(id) || id < 1 || id > 4096) {
      out.push(finding(RULES.switchPortChannels, where, `port-channel id ${id} of ${owner} is not an integer from 1 to 4096`,
        'use a small positive integer (Cisco NX-OS allows 1-4096; check the Eth-Trunk / Port-Channel range of your model)'));
      return;
    }
    const prev = channelOwner.get(id);
    if (prev !== undefined) {
      out.push(finding(RULES.switchPortChannels, where, `port-channel id ${id} of ${owner} is already used by ${prev}`,
        'give every node and the peer link its own port-channel id (or leave the ids out to number the nodes from firstPortChannelId)'));
    } else {
      channelOwner.set(id, owner);
    }
  };
  const claimPort = (sw: string, port: string, owner: string, where: string): void => {
    const key = `${sw}\u0000${port}`;
    const prev = portOwner.get(key);
    if (prev !== undefined) {
      out.push(finding(RULES.switchPortChannels, where, `port ${port} of switch "${sw}" is used by ${prev} and by ${owner}`,
        'cable each port once: give every node member and every peer-link port its own switch port'));
    } else {
      portOwner.set(key, owner);
    }
  };
  if (rack.peerLink) {
    claimChannel(rack.peerLink.portChannelId, 'the peer link', `${field}.peerLink.portChannelId`);
    for (const sw of rack.switches) {
      rack.peerLink.ports.forEach((p, i) => claimPort(sw.name, p, 'the peer link', `${field}.peerLink.ports[${i}]`));
    }
  }
  rack.portChannels.forEach((pc, i) => {
    const where = `${field}.nodes[${i}]`;
    if (nodeNames.has(pc.node)) {
      out.push(finding(RULES.switchPortChannels, `${where}.node`, `node "${pc.node}" is listed twice`, 'list each node once'));
    }
    nodeNames.add(pc.node);
    claimChannel(pc.id, `node "${pc.node}"`, `${where}.portChannelId`);
    pc.ports.forEach((p, j) => claimPort(p.switchName, p.port, `node "${pc.node}"`, `${where}.ports[${j}]`));
  });

  // MV214: the MLAG control plane.
  if (rack.peerLink) {
    const pl = rack.peerLink;
    if (!Number.isInteger(pl.domainId) || pl.domainId < 1 || pl.domainId > 1000) {
      out.push(finding(RULES.switchMlagControl, `${field}.peerLink.domainId`, `domain id ${pl.domainId} is not an integer from 1 to 1000`,
        'use a small positive integer (Cisco vPC domains are 1-1000), the same on both switches'));
    }
    // The peer VLAN is Arista's alone (the other vendors do not use it): one of the rack's VLANs is refused
    // when the EOS configuration is rendered, not here.
    if (!Number.isInteger(pl.peerVlan) || pl.peerVlan < 1 || pl.peerVlan > 4094) {
      out.push(finding(RULES.switchMlagControl, `${field}.peerLink.peerVlan`, `peer VLAN ${pl.peerVlan} is not a VLAN id (1-4094)`,
        'use an unused VLAN id such as 4094'));
    }
    const parsed: Cidr[] = [];
    pl.keepalive.forEach((k, i) => {
      const where = `${field}.peerLink.keepaliveAddresses[${i}]`;
      const c = Cidr.tryParse(k.cidr);
      const ip = IpAddress.tryParse(k.cidr.split('/')[0]);
      if (c === undefined || ip === undefined) {
        out.push(finding(RULES.switchMlagControl, where, `keepalive address "${k.cidr}" of switch "${k.switchName}" is not an address with prefix`,
          'write it like 169.254.0.1/30'));
        return;
      }
      parsed.push(c);
      for (const v of rack.vlans) {
        for (const vi of v.vlanInterfaces) {
          const subnet = Cidr.tryParse(vi.subnet);
          if (subnet !== undefined && subnet.overlaps(c)) {
            out.push(finding(RULES.switchMlagControl, where, `keepalive address ${k.cidr} of switch "${k.switchName}" overlaps VLAN ${v.id}'s subnet ${vi.subnet}`,
              'use a subnet of its own for the keepalive link, e.g. 169.254.0.0/30'));
          }
        }
      }
    });
    if (parsed.length === 2) {
      const [a, b] = pl.keepalive.map(k => k.cidr.split('/')[0]);
      if (a === b || IpAddress.tryParse(a)?.equals(IpAddress.parse(b))) {
        out.push(finding(RULES.switchMlagControl, `${field}.peerLink.keepaliveAddresses`, `both switches have keepalive address ${a}`,
          'give each switch its own address in one small subnet'));
      } else if (parsed[0].toString() !== parsed[1].toString()) {
        out.push(finding(RULES.switchMlagControl, `${field}.peerLink.keepaliveAddresses`,
          `the keepalive addresses are in different subnets (${parsed[0]} and ${parsed[1]}), so the switches cannot reach each other over the peer VLAN`,
          'put both addresses in one subnet, e.g. 169.254.0.1/30 and 169.254.0.2/30'));
      }
    }
  }
  return out;
}

function checkSwitchAddresses(rack: SwitchRackInput, vlanId: number,
  vi: SwitchRackInput['vlans'][number]['vlanInterfaces'][number], where: string): Finding[] {
  const out: Finding[] = [];
  const fam = `IPv${vi.ipVersion}`;
  const subnet = Cidr.tryParse(vi.subnet);
  const gateway = IpAddress.tryParse(vi.address);
  if (subnet === undefined || gateway === undefined) return out; // the address plan rules report these
  const redundant = rack.switches.length === 2 && rack.redundancy === SwitchRedundancy.MLAG;
  if (!redundant) return out; // one address: the gateway itself
  if (vi.switchAddresses.length !== rack.switches.length) {
    out.push(finding(RULES.switchGatewayAddresses, where,
      `VLAN ${vlanId} ${fam} has ${vi.switchAddresses.length} switch address(es) for ${rack.switches.length} switches (subnet ${vi.subnet} is too small for a virtual gateway and one address per switch)`,
      'give one address per switch in gatewayAddresses, or widen the subnet'));
  }
  const seen = new Map<string, string>();
  const hosts = subnet.hostRange();
  for (const sa of vi.switchAddresses) {
    const ip = IpAddress.tryParse(sa.address);
    if (ip === undefined) {
      out.push(finding(RULES.switchGatewayAddresses, where, `switch "${sa.switchName}" address "${sa.address}" on VLAN ${vlanId} is not an ${fam} address`,
        `write a plain ${fam} address inside ${vi.subnet}`));
      continue;
    }
    if (!subnet.contains(ip) || ip.value < hosts.start || ip.value > hosts.end) {
      out.push(finding(RULES.switchGatewayAddresses, where,
        `switch "${sa.switchName}" address ${sa.address} on VLAN ${vlanId} is not a host address of ${vi.subnet}`,
        `use a host address inside ${vi.subnet} (not the network${vi.ipVersion === 4 ? ' or broadcast' : ' (subnet-router anycast)'} address)`));
      continue;
    }
    if (ip.equals(gateway)) {
      out.push(finding(RULES.switchGatewayAddresses, where,
        `switch "${sa.switchName}" address ${sa.address} on VLAN ${vlanId} is the virtual gateway itself: the switch would own the address the protocol moves between the two, and it would not move on failure`,
        'give each switch a real address different from the gateway (the gateway stays the virtual address)'));
      continue;
    }
    const key = ip.toString();
    const prev = seen.get(key);
    if (prev !== undefined) {
      out.push(finding(RULES.switchGatewayAddresses, where,
        `switches "${prev}" and "${sa.switchName}" both have address ${key} on VLAN ${vlanId} (a duplicate address on the VLAN)`,
        'give each switch its own address'));
    } else {
      seen.set(key, sa.switchName);
    }
  }
  return out;
}
